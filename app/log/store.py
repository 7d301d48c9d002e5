"""The training log's SQLite file: where it lives, opening it safely, and its schema's versions.

WAL and a busy timeout let two Supples write at once; a file that is not a database is moved
aside (never deleted) and a new one started, by one Supple at a time; a file from a newer Supple,
or another program's SQLite database, is refused, unchanged.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from app import paths
from app.files import held_lock
from app.log.schema import APPLICATION_ID, MIGRATIONS

DB_NAME = "supple.db"
BUSY_TIMEOUT = 5.0  # seconds a write waits for another Supple's
SCHEMA_VERSION = len(MIGRATIONS)


class LogUnavailable(Exception):
    """The log cannot be used now; the message says why, for the user. Nothing was changed."""


def db_path() -> Path:
    """Where the log lives: the user data folder (SUPPLE_HOME/data when set)."""
    return paths.log_file()


def connect(
    path: Path | None = None, *, check: bool = True, moved: Callable[[Path], None] | None = None
) -> sqlite3.Connection:
    """An open, current log: created if missing, migrated if older, moved aside and started afresh
    if it is not a database (or fails `quick_check` when `check`), refused if newer.

    `moved` hears where a broken file was put. Raises LogUnavailable with the reason otherwise.
    """
    path = path or db_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            info = os.stat(path)
        except FileNotFoundError:  # none yet, or another Supple moved a damaged one aside just now
            if path.is_symlink():
                raise  # a link to nothing: said, never followed to a new file
            info = None
    except OSError as error:
        raise LogUnavailable(f"cannot use {path.parent}: {error.strerror or error}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise LogUnavailable(f"{path} is not a file; the log is not kept until it is moved away")
    try:
        return _open(path, check)
    except sqlite3.DatabaseError as error:
        if not _is_not_a_database(error):
            raise LogUnavailable(f"{path}: {error}") from None
    # Damaged: moved aside by one Supple at a time. The one that waited finds the new log the other
    # made, and opens that instead of moving it aside too.
    try:
        with _aside_lock(path):
            try:
                return _open(path, check)
            except sqlite3.DatabaseError as error:
                if not _is_not_a_database(error):
                    raise LogUnavailable(f"{path}: {error}") from None
            aside = move_aside(path)
            if moved is not None:
                moved(aside)
            try:
                return _open(path, check)
            except sqlite3.DatabaseError as again:
                raise LogUnavailable(f"{path}: {again}") from None
    except OSError as error:
        raise LogUnavailable(f"{path} is damaged and cannot be moved aside: {error.strerror or error}") from None


def open_to_read(path: Path | None = None, *, moved: Callable[[Path], None] | None = None) -> sqlite3.Connection | None:
    """The log opened read-only, for a command that only reads it: never created, never migrated on disk
    (an older log is brought up to date in memory, for this read), never written. None when there is no log.
    A damaged one is moved aside (`moved` hears where) and None returned; LogUnavailable when it cannot be read.
    """
    path = path or db_path()
    if not path.exists():
        return None
    if not path.is_file():
        raise LogUnavailable(f"{path} is not a file")
    try:
        return _open_read_only(path)
    except sqlite3.DatabaseError as error:
        if not _is_not_a_database(error):
            raise LogUnavailable(f"{path}: {error}") from None
    try:
        with _aside_lock(path):
            try:  # another Supple may have moved it meanwhile, and started a sound one
                return _open_read_only(path) if path.exists() else None
            except sqlite3.DatabaseError:
                aside = move_aside(path)
    except OSError as error:
        raise LogUnavailable(f"{path} is damaged and cannot be moved aside: {error.strerror or error}") from None
    if moved is not None:
        moved(aside)
    return None


def _open_read_only(path: Path) -> sqlite3.Connection:
    from urllib.parse import quote

    conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT, check_same_thread=False)
    try:
        version = _identify(conn, path)
        if version > SCHEMA_VERSION:
            raise LogUnavailable(f"{path} was written by a newer Supple (log version {version}); it is left as it is")
        if version and not _as_left(path) and conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("file is not a database (quick_check failed)")
        if version < SCHEMA_VERSION:  # an older log: read through a copy brought up to date, the file untouched
            memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            conn.backup(memory)
            conn.close()
            migrate(memory)
            return memory
        return conn
    except BaseException:
        conn.close()
        raise


def _aside_lock(path: Path) -> AbstractContextManager[None]:
    """Hold `supple.db.lock` beside the log while a damaged log is looked at again and moved aside."""
    return held_lock(
        path.with_name(path.name + ".lock"),
        BUSY_TIMEOUT,
        lambda: LogUnavailable(
            f"{path} is damaged, and another Supple has been moving it aside for more than {BUSY_TIMEOUT:g} s"
        ),
        mode=0o600,
    )


def _open(path: Path, check: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        version = _identify(conn, path)
        if version > SCHEMA_VERSION:
            raise LogUnavailable(
                f"{path} was written by a newer Supple (log version {version}; this one knows "
                f"up to {SCHEMA_VERSION}); it is left as it is and this session is not recorded"
            )
        if check and version and not _as_left(path):
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("file is not a database (quick_check failed)")
            note_left(path)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            pass  # a read-only folder: the default journal will do, or writes will say why
        if version < SCHEMA_VERSION:
            migrate(conn)
        return conn
    except BaseException:
        conn.close()
        raise


# `quick_check` reads the whole file: 0.4 s of a core for ten years of sessions. It runs when the file is
# not as Supple last left it (its size or time changed: another program, a sync tool, a disk's fault, or
# a Supple that did not close), so damage done while Supple was not running is found when it next opens
# the log, before a session is written into it. Damage found in use is an error the writer reports.
def _stamp(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _signature(path: Path) -> str:
    """The log's size and modification time, and its write-ahead file's: what changes when it is written."""
    parts = []
    for one in (path, path.with_name(path.name + "-wal")):
        try:
            info = os.stat(one)
            parts.append(f"{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return " ".join(parts)


def _as_left(path: Path) -> bool:
    """Whether the log is as Supple last left it, checked."""
    try:
        return _stamp(path).read_text().strip() == _signature(path)
    except (OSError, UnicodeDecodeError):
        return False


def note_left(path: Path) -> None:
    """Note the log as it is now, checked or closed by Supple: the next open need not read it whole."""
    try:
        _stamp(path).write_text(_signature(path) + "\n")
    except OSError:
        pass  # checked again next time: slower, not wrong


# Supple's own logs before version 3 carry no application id; these tell them from another program's file.
_OWN_TABLES = {"sessions", "segments"}


def _identify(conn: sqlite3.Connection, path: Path) -> int:
    """The log's schema version, once it is known to be Supple's (LogUnavailable if another program's).

    Its version, mark and tables are read in one snapshot: another Supple may be making this very log
    (after moving a damaged one aside), and a version read before its first step and tables read after
    it would look like another program's database.
    """
    conn.execute("BEGIN")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # reads the header: fails on garbage
        _refuse_foreign(conn, path, version)
        return version
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def _refuse_foreign(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """LogUnavailable when the file is another program's SQLite database: never written to, never moved."""
    mark = conn.execute("PRAGMA application_id").fetchone()[0]
    if mark == APPLICATION_ID:
        return
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    if mark == 0 and (not tables and version == 0 or 1 <= version < 3 and _OWN_TABLES <= tables):
        return  # new and empty, or a log of an earlier Supple (marked when it is brought up to date)
    what = f"application id {mark:#x}" if mark else f"tables {', '.join(sorted(tables)[:3]) or 'none'}"
    raise LogUnavailable(
        f"{path} is another program's SQLite database ({what}), not Supple's training log; it is "
        "left as it is and sessions are not recorded. Move it away and Supple starts a new log."
    )


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the log to SCHEMA_VERSION, one step a transaction; two Supples at once take turns.

    Foreign keys are off meanwhile (they cannot change inside a transaction): a step may make a table
    again, and dropping the old one must not delete what points at it. Each step checks them itself.
    """
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        while True:
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version >= SCHEMA_VERSION:
                    conn.execute("COMMIT")
                    return
                MIGRATIONS[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def move_aside(path: Path) -> Path:
    """Rename a broken log to `supple.db.broken-YYYYMMDD-HHMMSS` (its journal files with it)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{number}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + suffix))
    return aside


def _is_not_a_database(error: sqlite3.DatabaseError) -> bool:
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "encrypted" in text
