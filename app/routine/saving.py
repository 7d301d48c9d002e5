"""Saving and deleting the user's routine files: safe names, atomic writes, no lost edits, comments kept."""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
import time
import unicodedata
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from app.files import (
    NotReadable,
    create_new,
    fingerprint,
    held_lock,
    read_regular,
    real_path,
    remove_stale_temporaries,
    write_atomically,
)
from app.routine.model import Routine
from app.routine.routine_file import MAX_BYTES, dumps
from app.routine.schema import SCHEMA_DIRECTIVE
from app.routine.toml_locator import Locator

MAX_SLUG = 60
FALLBACK_SLUG = "routine"
LOCK_NAME = ".supple.lock"  # held while a save checks and writes; a dot file, never listed
LOCK_WAIT = 5.0  # seconds a save waits for another one in the same folder
# Names Windows will not open as files, whatever the extension; refused everywhere so a
# synced routines folder works on every system.
RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


class SaveError(Exception):
    """A routine that cannot be saved or deleted; the message says why, for the user."""


class Conflict(SaveError):
    """The file changed on disk, or went, since the editor read it; nothing was written."""

    def __init__(self, path: Path, gone: bool) -> None:
        self.path, self.gone = path, gone
        what = "was deleted" if gone else "was changed by another program or another Supple"
        super().__init__(f"{path.name} {what} since you opened it")


@dataclass(frozen=True)
class Saved:
    """Where a routine was written, its fingerprint there, and where a hand-edited version was kept."""

    path: Path
    fingerprint: str
    backup: Path | None = None


def slugify(name: str) -> str:
    """A file stem from a routine name: lower-case ASCII letters, digits and dashes, never empty."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-") or FALLBACK_SLUG
    return f"{slug}-routine" if slug in RESERVED else slug


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path` is a file directly inside `folder` (a link there counts: it is the user's)."""
    return real_path(path.parent) == real_path(folder) and path.name not in ("", ".", "..")


def has_comments(text: str) -> bool:
    """True when the TOML text holds a comment, which rewriting it with tomli-w would drop; a `#:schema` line
    at the top is not one of those: a save writes it again."""
    if "#" not in text:
        return False
    directive = text.startswith(SCHEMA_DIRECTIVE)
    return any(not (directive and line == 1) for line, _ in Locator(text).comments)


def _folder_lock(folder: Path) -> AbstractContextManager[None]:
    """Hold the routines folder's lock: two Supples never check and write at the same time (without
    advisory locks, on Windows, the checks still hold within a moment)."""
    return held_lock(
        folder / LOCK_NAME,
        LOCK_WAIT,
        lambda: SaveError("another Supple has been saving in this folder for a while; try again in a moment"),
    )


def save_routine(
    routine: Routine,
    folder: Path,
    existing: Path | None = None,
    *,
    expected: str | None = None,
    overwrite: bool = False,
    header: str = "",
) -> Saved:
    """Write `routine` into `folder`, after `header` (a `#:schema` line): over `existing` when it is the user's
    file there, else as a new file.

    `expected` is the fingerprint `existing` had when it was read; if the file differs now (or
    is gone) a Conflict is raised and nothing is written, unless `overwrite`. A new file takes
    a free name (`-2`, `-3`...) and never replaces a file, even one that appears meanwhile.
    """
    return save_text(header + dumps(routine), routine.name, folder, existing, expected=expected, overwrite=overwrite)


def save_text(
    text: str,
    name: str,
    folder: Path,
    existing: Path | None = None,
    *,
    expected: str | None = None,
    overwrite: bool = False,
    keep_comments: bool = True,
) -> Saved:
    """`save_routine` for routine text as it is: over `existing`, else as a new file named after `name`.

    With `keep_comments`, a replaced file whose comments `text` lacks is kept as NAME.toml.bak.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SaveError(f"cannot create {folder}: {error.strerror or error}") from None
    try:
        with _folder_lock(folder):
            remove_stale_temporaries(folder)
            if existing is not None and is_inside(existing, folder) and not existing.is_symlink():
                return _replace(existing, text, expected, overwrite, keep_comments)
            return _create(folder, slugify(name), text)
    except OSError as error:
        raise SaveError(f"cannot save into {folder}: {error.strerror or error}") from None


def _replace(target: Path, text: str, expected: str | None, overwrite: bool, keep_comments: bool) -> Saved:
    try:
        current: bytes | None = read_regular(target, MAX_BYTES)
    except FileNotFoundError:
        current = None
    except NotReadable as error:
        raise SaveError(f"cannot save {target.name}: {error}") from None
    if not overwrite and (current is None or fingerprint(current) != expected):
        raise Conflict(target, gone=current is None)
    backup = None
    try:
        if current is None:
            if not create_new(target, text):
                raise Conflict(target, gone=False)
        else:
            mode = stat.S_IMODE(os.stat(target).st_mode)
            if not mode & 0o222:
                raise SaveError(
                    f"{target.name} is read-only (mode {mode:04o}), so it was not changed; make it "
                    "writable, or duplicate it (d in the list) and save the copy"
                )
            old = current.decode("utf-8", errors="replace")
            if keep_comments and has_comments(old):
                backup = target.with_name(target.name + ".bak")
                write_atomically(backup, old, mode)  # as private as the file it keeps
            write_atomically(target, text)
    except OSError as error:
        raise SaveError(f"cannot save {target.name}: {error.strerror or error}") from None
    return Saved(target, fingerprint(text.encode("utf-8")), backup)


def _create(folder: Path, stem: str, text: str) -> Saved:
    for number in itertools.count(1):
        target = folder / (f"{stem}.toml" if number == 1 else f"{stem}-{number}.toml")
        if not (target.exists() or target.is_symlink()) and create_new(target, text):
            return Saved(target, fingerprint(text.encode("utf-8")))
    raise AssertionError("unreachable")


def delete_routine(path: Path, folder: Path, trash: Path) -> Path | None:
    """Move one of the user's routine files into `trash` (a link goes, its target stays); where it went.

    Anything outside `folder` is refused. The trashed copy never replaces another: it takes the
    routine's name and the time of deleting, and a number if that is taken.
    """
    if not is_inside(path, folder) or path.suffix != ".toml":
        raise SaveError(f"{path.name} is not one of your routines; only those can be deleted")
    try:
        if path.is_symlink():
            path.unlink()
            return None
        trash.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for number in itertools.count(1):
            kept = trash / f"{path.stem}.{stamp}{f'-{number}' if number > 1 else ''}.toml"
            if _move_new(path, kept):
                return kept
    except FileNotFoundError:
        return None  # gone already: nothing to keep
    except OSError as error:
        raise SaveError(f"cannot delete {path.name}: {error.strerror or error}") from None
    raise AssertionError("unreachable")


def restore_routine(kept: Path, original: Path) -> Path:
    """Bring a trashed routine back to where it was; a routine saved there meanwhile is never replaced."""
    try:
        if _move_new(kept, original):
            return original
    except FileNotFoundError:
        raise SaveError(f"{kept} is no longer in the trash") from None
    except OSError as error:
        raise SaveError(f"cannot bring back {original.name}: {error.strerror or error}") from None
    raise SaveError(f"{original.name} is there again (saved since); the deleted one stays at {kept}")


def _move_new(source: Path, target: Path) -> bool:
    """Move `source` to `target` only if nothing is there; False, and nothing moved, if something is."""
    try:
        os.link(source, target)  # fails on a name that is taken: never over another file
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP):
            raise
        if not create_new(target, source.read_bytes()):  # another disk, or no hard links: a copy
            return False
    source.unlink()
    return True
