"""All routines the user can run: bundled and their own, broken files kept with their error."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Literal

from app import paths
from app.files import fingerprint, real_path
from app.routine.cache import Kept, RoutineCache, key_of, unpack
from app.routine.errors import RoutineError
from app.routine.model import Routine

Source = Literal["user", "bundled", "file"]


class Entry:
    """One routine file; exactly one of `routine` and `error` is set.

    A routine from the cache is listed by its name and kind, and its steps are decoded when
    `routine` is first read: a picker of a thousand routines decodes only the ones it shows.
    """

    __slots__ = ("stem", "source", "error", "fingerprint", "_path", "_routine", "_kept")

    def __init__(
        self,
        stem: str,
        path: Path | str,
        source: Source,
        routine: Routine | None,
        error: RoutineError | None,
        fingerprint: str | None = None,
        kept: Kept | None = None,
    ) -> None:
        self.stem, self.source, self.error = stem, source, error
        self.fingerprint = fingerprint  # of the bytes read, to notice a later change (files.fingerprint)
        self._path, self._routine, self._kept = path, routine, kept

    @property
    def path(self) -> Path:
        if not isinstance(self._path, Path):
            self._path = Path(self._path)  # made when asked: a thousand at start-up cost the first frame
        return self._path

    @property
    def routine(self) -> Routine | None:
        if self._kept is not None:
            self._unpack()
        return self._routine

    def _unpack(self) -> None:
        kept, self._kept = self._kept, None
        try:
            self._routine = unpack(kept.packed)
        except (ValueError, EOFError, TypeError, IndexError, MemoryError):  # a bad cache: the file says what it holds
            fresh = load_entry(self.path, self.source)
            self._routine, self.error, self.fingerprint = fresh.routine, fresh.error, fresh.fingerprint

    @property
    def ok(self) -> bool:
        """True when the routine can be run (it may not be decoded yet)."""
        return self.error is None

    @property
    def name(self) -> str:
        if self._kept is not None:
            return self._kept.name
        return self._routine.name if self._routine else self.stem

    @property
    def kind(self) -> str | None:
        """The routine's kind; None for a broken file."""
        if self._kept is not None:
            return self._kept.kind
        return self._routine.kind if self._routine else None

    @property
    def link_target(self) -> Path | None:
        """Where the file really is, when this entry is a symbolic link; else None."""
        return real_path(self.path) if self.path.is_symlink() else None

    @property
    def log_ref(self) -> str:
        """How the training log names the routine: `user:STEM`, `bundled:STEM`, or the file's path."""
        return str(real_path(self.path)) if self.source == "file" else self.ref

    @property
    def ref(self) -> str:
        """How to name this entry on the command line without ambiguity."""
        return f"{self.source}:{self.stem}"

    def _fields(self) -> tuple:
        return self.stem, self.path, self.source, self.routine, self.error, self.fingerprint

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # equal by value, and mutable while decoding

    def __repr__(self) -> str:
        return f"Entry({self.ref!r}, {'ok' if self.ok else 'broken'})"


class LookupFailed(Exception):
    """No routine, or more than one, answers to what the user typed."""


def scan(folder: Path, source: Source, cache: RoutineCache | None = None) -> list[Entry]:
    """Load every *.toml in `folder`, sorted by file name; a missing folder is empty.

    With a `cache`, a file unchanged since it was last checked is not read.
    A folder that cannot be read is one broken entry saying so, not silently nothing.
    """
    try:
        with os.scandir(folder) as listing:  # each file's path and stat without a Path or a join per file
            found = sorted((f.name, f) for f in listing if f.name.endswith(".toml") and not f.name.startswith("."))
    except FileNotFoundError:
        return []
    except OSError as error:
        problem = f"cannot read this folder: {error.strerror or error}"
        return [Entry(folder.name, folder, source, None, RoutineError.at(str(folder), 1, 1, problem))]
    if cache is None:
        return [load_entry(folder / name, source) for name, _ in found]
    entries = []
    for name, file in found:
        try:
            key = key_of(file.stat())  # follows a link, as reading the file does
        except OSError:
            key = None
        kept = cache.get(file.path, key)
        if kept is not None:
            entries.append(
                Entry(name[:-5], file.path, source, None, None, kept.fingerprint, kept)
            )  # stem: less ".toml"
            continue
        entry = load_entry(Path(file.path), source)
        if entry.routine is not None and entry.fingerprint is not None:
            cache.put(file.path, key, entry.routine, entry.fingerprint)
        entries.append(entry)
    return entries


def load_entry(path: Path, source: Source) -> Entry:
    """One file as an Entry, whether it loads or not."""
    # Here, not at the top: a start whose routines all come from the cache never loads the TOML parser and the checks.
    from app.routine.routine_file import parse_routine, read_routine_bytes

    name = str(path)
    try:
        data = read_routine_bytes(path, name)
    except RoutineError as error:
        return Entry(path.stem, path, source, None, error)
    try:
        return Entry(path.stem, path, source, parse_routine(data, name), None, fingerprint(data))
    except RoutineError as error:
        return Entry(path.stem, path, source, None, error, fingerprint(data))


def load_library() -> list[Entry]:
    """The user's routines first, then the bundled ones, through the cache of routines already checked."""
    cache = RoutineCache()
    mine = scan(paths.user_routines_dir(), "user", cache)
    entries = mine + scan(paths.bundled_routines_dir(), "bundled", cache)
    if cache.stale():  # written beside, not on the way to the first frame; no folder made for the bundled alone
        threading.Thread(target=cache.save, args=(bool(mine),), name="supple-routine-cache").start()
    return entries


def find(query: str, entries: list[Entry]) -> Entry:
    """The entry `query` names: `source:stem`, a stem (the user's first), or a routine name."""
    source, _, rest = query.partition(":")
    if rest and source in ("user", "bundled"):
        matches = [e for e in entries if e.source == source and e.stem == rest]
    else:
        matches = [e for e in entries if e.stem == query][:1]
        if not matches:
            folded = query.casefold().strip()
            matches = [e for e in entries if e.routine and e.routine.name.casefold() == folded]
    if not matches:
        from app.text import closest

        if rest and source in ("user", "bundled"):  # a ref: the nearest ref, of either source (never itself)
            close = closest(query, [e.ref for e in entries if e.ref != query], cutoff=0.5)
        else:
            close = closest(
                query, [e.stem for e in entries] + [e.routine.name for e in entries if e.routine], cutoff=0.5
            )
        hint = f"did you mean {close!r}? " if close else ""
        raise LookupFailed(f"no routine called {query!r} ({hint}see 'supple list')")
    if len(matches) > 1:
        refs = ", ".join(e.ref for e in matches)
        raise LookupFailed(f"{query!r} names {len(matches)} routines ({refs}); use one of those instead")
    return matches[0]


def shadowing(entry: Entry) -> str | None:
    """When `entry` is the user's and a bundled routine has the same stem, a note naming the other."""
    if entry.source != "user" or not (paths.bundled_routines_dir() / f"{entry.stem}.toml").is_file():
        return None
    return f"note: '{entry.stem}' is your {entry.path.name}; the bundled one is 'bundled:{entry.stem}'"


def resolve(query: str) -> Entry:
    """A path to a file on disk, or the routine the library knows by that stem or name."""
    try:
        path = Path(query).expanduser()
        exists = path.exists() or path.is_symlink()
        looks_like_file = query.endswith(".toml") or (exists and not path.is_dir())
    except (OSError, RuntimeError, ValueError) as error:  # a name too long, "~nobody/x", a NUL
        raise LookupFailed(f"{query!r}: {getattr(error, 'strerror', None) or error}") from None
    if looks_like_file:
        if not exists:
            raise LookupFailed(f"{query}: no such file")
        return load_entry(path, "file")  # a pipe or a device is an entry with its error, never read
    return _by_stem(query) or find(query, load_library())


def _by_stem(query: str) -> Entry | None:
    """What `find` answers for a stem, reading that one file instead of the whole library; else None."""
    source, _, rest = query.partition(":")
    wanted = [(source, rest)] if rest and source in ("user", "bundled") else [("user", query), ("bundled", query)]
    for where, stem in wanted:
        folder = paths.user_routines_dir() if where == "user" else paths.bundled_routines_dir()
        name = f"{stem}.toml"
        try:
            present = not stem.startswith(".") and name in os.listdir(folder)  # exact, as scan() sees it
        except OSError:
            present = False
        if present:
            return load_entry(folder / name, where)
    return None
