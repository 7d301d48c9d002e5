"""Routines already read and checked, kept between runs, so a folder of a thousand opens at once.

A file is read again whenever its size, modification time, change time or inode differ from what
the cache holds (no `touch` sets the change time back, so an edit in place whose modification time
was restored is caught), or it changed in the last few seconds (a write within the clock's
resolution could keep its time). The cache holds only routines that checked clean; a broken file
is read every time, so its error is always today's. A damaged, foreign or older cache is ignored
and rewritten.

The file is the index (each file's key, fingerprint, name and kind, and where its routine is),
then the routines one after the other, in `marshal`'s format, which Python reads faster than JSON
and without an import. A CRC-32 over all of it is checked before anything is decoded, so a damaged
cache is never read as other routines; like Python's own `__pycache__`, it is otherwise trusted as
what Supple wrote, and a cache from another Python is ignored. Start-up reads only the index: the
picker lists names and kinds, and a routine is decoded when it is first used.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from zlib import crc32

from app import __version__, paths
from app.routine.model import KINDS, Routine, Step, in_bounds

FORMAT = 3  # the layout of the cache file
# A cache is used only by the code that wrote it: the rules a routine is checked by live in these.
RULES = ("validate.py", "routine_file.py", "model.py", "duration.py", "toml_locator.py", "cache.py")
FRESH = 2.0  # seconds: a file changed more recently than this is read, not trusted to the cache
FILE_NAME = "routines.cache"
OLD_NAME = "routines-cache.json"  # the cache's name before format 3, removed when the new one is written
HEAD = 8  # bytes before the index: its length, and a CRC-32 of all that follows
LIMIT = 256 * 1024 * 1024  # bytes: a cache larger than this is not read (a thousand routines take about 2 MB)

Key = tuple[int, int, int, int]  # size, modification and change times in ns, inode


class Kept(NamedTuple):
    """What the cache holds of one file: enough to list it, and its routine still packed."""

    fingerprint: str
    name: str
    kind: str
    packed: bytes  # the routine, decoded by `unpack` when it is used


@lru_cache(maxsize=1)
def _version() -> str:
    """The app's version, the cache's layout, and a checksum of the checking rules' source."""
    import zlib

    here, total = Path(__file__).parent, 0
    for name in RULES:
        try:
            total = zlib.crc32((here / name).read_bytes(), total)
        except OSError:
            return ""  # sources not readable: never trust a cache
    return f"{__version__}:{FORMAT}:{total:08x}:{sys.hexversion:x}:{marshal.version}"


def cache_path() -> Path:
    return paths.data_dir() / FILE_NAME


def key_of(info: os.stat_result) -> Key | None:
    """What identifies this version of a file; None when it must not be cached (not regular, just changed)."""
    if not stat.S_ISREG(info.st_mode) or time.time() - info.st_mtime < FRESH:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def pack(routine: Routine) -> bytes:
    # Plain tuples: marshal writes no subclass of tuple (a NamedTuple), only str, float, int, bool and None in them.
    return marshal.dumps((routine.name, tuple(map(tuple, routine.steps)), *routine[2:]))


def unpack(packed: bytes) -> Routine:
    """The routine `pack` wrote; ValueError, EOFError or TypeError when the bytes are not one, or not one a
    checked file could hold (a NaN duration, a negative rep count): the file is read again then."""
    name, steps, *rest = marshal.loads(packed)
    routine = Routine(name, tuple(map(Step._make, steps)), *rest)
    if not in_bounds(routine):
        raise ValueError("a cached routine out of the format's bounds")
    return routine


class RoutineCache:
    """The cache of the routines a run lists: `get` what is still valid, `put` what was read, `save` once.

    Files are named by their full path. Saving keeps only the files this run asked for, so a routine
    deleted, or a folder no longer read, leaves the cache with it.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self.index: dict[str, list] = {}
        self.body = b""
        self.kept: dict[str, tuple[list, bytes]] = {}  # what the next save writes
        self.changed = False
        from app.files import NotReadable, read_regular

        try:
            data = read_regular(self.path, LIMIT)  # a FIFO put in its place must not hold the start for ever
            size, check = int.from_bytes(data[:4], "little"), int.from_bytes(data[4:HEAD], "little")
            if len(data) < HEAD or crc32(memoryview(data)[HEAD:]) != check:
                return  # damaged, or not a cache at all: never decoded
            doc = marshal.loads(data[HEAD : HEAD + size])
            if doc.get("version") == _version():
                self.index, self.body = dict(doc["files"]), data[HEAD + size :]
        except (OSError, NotReadable, ValueError, EOFError, KeyError, TypeError, AttributeError, MemoryError):
            self.index = {}

    def get(self, where: str, key: Key | None) -> Kept | None:
        """What is kept for the file at `where` while it is at `key`; None to read the file."""
        found = self.index.get(where)
        try:
            if key is None or found is None or tuple(found[:4]) != key:
                return None
            fingerprint, name, kind, start, end = found[4:]
            packed = self.body[start:end]
            if not (isinstance(name, str) and kind in KINDS and isinstance(fingerprint, str) and packed):
                return None
        except (TypeError, ValueError):
            return None
        self.kept[where] = (found[:7], packed)
        return Kept(fingerprint, name, kind, packed)

    def put(self, where: str, key: Key | None, routine: Routine, fingerprint: str) -> None:
        if key is None:
            return
        try:
            self.kept[where] = ([*key, fingerprint, routine.name, routine.kind], pack(routine))  # [:7] of the index
        except ValueError:  # nothing a checked routine holds; not cached if it did
            return
        self.changed = True

    def stale(self) -> bool:
        """True when the file on disk differs from what this run saw: a file read anew, one gone, another folder's."""
        return self.changed or set(self.index) != set(self.kept)

    def save(self, make_folder: bool = True) -> None:
        """Write the cache whole (or not at all); a cache that cannot be written is only slower next time.

        Without `make_folder`, a data folder that does not exist yet is not made for it.
        """
        if not self.stale() or not (make_folder or self.path.parent.is_dir()):
            return
        from app.files import write_atomically

        files, bodies, at = {}, [], 0
        for where, (head, packed) in self.kept.items():
            files[where] = [*head, at, at + len(packed)]
            bodies.append(packed)
            at += len(packed)
        index = marshal.dumps({"version": _version(), "files": files})  # names not UTF-8 too: marshal keeps them
        rest = index + b"".join(bodies)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # 0600: what the user's routines hold is theirs; replacing a link replaces the link, not its target.
            write_atomically(
                self.path, len(index).to_bytes(4, "little") + crc32(rest).to_bytes(4, "little") + rest, mode=0o600
            )
            (self.path.parent / OLD_NAME).unlink(missing_ok=True)
        except OSError:
            pass
