"""The user's files, read and written safely: regular files only, never blocking, whole or not at all."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_SUFFIX = ".tmp"
STALE_TEMP = 3600.0  # seconds after which a temporary file left by an interrupted save is removed
_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def real_path(path: str | os.PathLike) -> Path:
    """`path` with every link followed; a loop of links is left as it is, never an error."""
    return Path(os.path.realpath(path))


class NotReadable(OSError):
    """A file Supple will not read; the message says why, for the user."""


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of `path`, a regular file (or a link to one) of at most `limit` bytes.

    A FIFO, a device or a socket is refused before it is opened, and the file is opened
    without blocking, so nothing in a folder can make Supple wait for ever. FileNotFoundError
    passes through; every other problem is a NotReadable with a message for the user.
    """
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise NotReadable(f"cannot read the file: {error.strerror or error}") from None
    if not stat.S_ISREG(before.st_mode):
        raise NotReadable(f"{_kind(before.st_mode)}, not a file; skipped")
    if before.st_size > limit:
        raise NotReadable(f"file is larger than {limit // 1024} KiB")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise NotReadable(f"cannot read the file: {error.strerror or error}") from None
    try:
        now = os.fstat(handle)
        if not stat.S_ISREG(now.st_mode):  # replaced between the two looks
            raise NotReadable(f"{_kind(now.st_mode)}, not a file; skipped")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except NotReadable:
        raise
    except OSError as error:
        raise NotReadable(f"cannot read the file: {error.strerror or error}") from None
    finally:
        os.close(handle)
    data = b"".join(chunks)
    if len(data) > limit:
        raise NotReadable(f"file is larger than {limit // 1024} KiB")
    return data


def fingerprint(data: bytes) -> str:
    """A short mark of a file's content, to tell whether it changed since it was read.

    Length and CRC-32: enough to notice an edit made elsewhere, and zlib is loaded already,
    where hashlib would cost the first frame several milliseconds.
    """
    import zlib

    return f"{len(data)}-{zlib.crc32(data):08x}"


def fingerprint_of(path: Path, limit: int) -> str | None:
    """The fingerprint of the file at `path` now, or None when it is gone."""
    try:
        return fingerprint(read_regular(path, limit))
    except FileNotFoundError:
        return None


def _temporary(path: Path, mode: int) -> tuple[int, Path]:
    """A new, empty file beside `path`, named so the library never lists it (`.NAME.XXXX.tmp`)."""
    import secrets  # only writing needs it

    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode), temp
        except FileExistsError:
            continue


def _write_temporary(path: Path, text: str | bytes, mode: int | None) -> Path:
    """`text` (UTF-8 when a str) in a temporary file beside `path`, on disk, with `mode` (or the umask's usual mode)."""
    handle, temp = _temporary(path, 0o666 if mode is None else 0o600)
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(handle, mode)
        with (
            os.fdopen(handle, "wb")
            if isinstance(text, bytes)
            else os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        ) as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_atomically(path: Path, text: str | bytes, mode: int | None = None) -> None:
    """Replace `path` with `text` so that readers see the old file or the new one, never half.

    The file gets `mode` if given, else the mode of the one it replaces, else the umask's usual mode.
    """
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = None
    temp = _write_temporary(path, text, mode)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def create_new(path: Path, text: str | bytes) -> bool:
    """Write `text` to `path` only if no file is there; False, and nothing written, if one is.

    The whole file appears at once (a hard link to a finished temporary file), and a file that
    appeared meanwhile is never replaced: the link fails instead.
    """
    temp = _write_temporary(path, text, None)
    try:
        os.link(temp, path)
        return True
    except FileExistsError:
        return False
    except OSError:
        return _create_exclusively(path, text)  # a file system without hard links
    finally:
        temp.unlink(missing_ok=True)


def _create_exclusively(path: Path, text: str | bytes) -> bool:
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except FileExistsError:
        return False
    with (
        os.fdopen(handle, "wb") if isinstance(text, bytes) else os.fdopen(handle, "w", encoding="utf-8", newline="\n")
    ) as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    return True


def remove_stale_temporaries(folder: Path, now: float | None = None) -> int:
    """Remove temporary files an interrupted save left in `folder` over an hour ago; how many went."""
    now = time.time() if now is None else now
    removed = 0
    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return 0
    for name in names:
        path = folder / name
        try:
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMP:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


@contextmanager
def held_lock(path: Path, wait: float, busy: Callable[[], Exception], mode: int = 0o666) -> Iterator[None]:
    """Hold an advisory lock on `path` (made if missing), waiting `wait` seconds at most for another process
    to let go; raises `busy()` past that. Where there are no advisory locks (Windows), holds nothing."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), mode)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise busy() from None
                time.sleep(0.05)
        yield
    finally:
        os.close(handle)  # closing releases the lock
