"""Routines already read and checked, kept between runs, so a folder of a thousand opens at once.

A file is read again whenever its size, modification time or inode differ from what the cache
holds, or it changed in the last few seconds (a write within the clock's resolution could keep
its time). The cache holds only routines that checked clean; a broken file is read every time,
so its error is always today's. A damaged, foreign or older cache is ignored and rewritten.
"""

from __future__ import annotations

import json
import os
import stat
import time
from functools import lru_cache
from pathlib import Path

from app import __version__, paths
from app.routine.model import Routine, Step

FORMAT = 1  # the layout of the cache file
# A cache is used only by the code that wrote it: the rules a routine is checked by live in these.
RULES = ("validate.py", "routine_file.py", "model.py", "duration.py", "toml_locator.py")
FRESH = 2.0  # seconds: a file changed more recently than this is read, not trusted to the cache
FILE_NAME = "routines-cache.json"

Key = tuple[int, int, int]  # size, modification time in ns, inode


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
    return f"{__version__}:{FORMAT}:{total:08x}"


def cache_path() -> Path:
    return paths.data_dir() / FILE_NAME


def key_of(info: os.stat_result) -> Key | None:
    """What identifies this version of a file; None when it must not be cached (not regular, just changed)."""
    if not stat.S_ISREG(info.st_mode) or time.time() - info.st_mtime < FRESH:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def _pack(routine: Routine) -> list:
    return [routine.name, [[*step[:-1], list(step.cues)] for step in routine.steps], *routine[2:]]


def _unpack(packed: list) -> Routine:
    name, steps, *rest = packed
    make = Step._make  # tuple.__new__ at once: a thousand routines build eight thousand steps
    return Routine(name, tuple([make((*step[:-1], tuple(step[-1]))) for step in steps]), *rest)


class RoutineCache:
    """The cache of one folder's routines: `get` what is still valid, `put` what was read, `save` once."""

    def __init__(self, folder: Path, path: Path | None = None) -> None:
        self.folder, self.path = str(folder), path or cache_path()
        self.entries: dict[str, list] = {}
        self.changed = False
        try:
            doc = json.loads(self.path.read_bytes())
            if doc.get("version") == _version() and doc.get("folder") == self.folder:
                self.entries = doc["files"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries = {}

    def get(self, name: str, key: Key | None) -> tuple[Routine, str] | None:
        """The routine and fingerprint kept for `name` at `key`, if still valid."""
        found = self.entries.get(name)
        if key is None or found is None or tuple(found[0]) != key:
            return None
        try:
            return _unpack(found[2]), found[1]
        except (TypeError, ValueError, IndexError):
            return None

    def put(self, name: str, key: Key | None, routine: Routine, fingerprint: str) -> None:
        if key is not None:
            self.entries[name] = [list(key), fingerprint, _pack(routine)]
            self.changed = True

    def keep_only(self, names: set[str]) -> None:
        """Forget files that are gone."""
        gone = set(self.entries) - names
        for name in gone:
            del self.entries[name]
        self.changed = self.changed or bool(gone)

    def save(self) -> None:
        """Write the cache whole (or not at all); a cache that cannot be written is only slower next time."""
        if not self.changed:
            return
        from app.files import write_atomically

        doc = {"version": _version(), "folder": self.folder, "files": self.entries}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass
