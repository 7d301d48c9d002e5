"""The cache of checked routines: used while a file is unchanged, never for a changed or broken one."""

from __future__ import annotations

import marshal
import os
import time

from app import paths
from app.routine import cache as cache_module
from app.routine.cache import RoutineCache, cache_path
from app.routine.library import load_library

GOOD = 'name = "Mine {n}"\n[[steps]]\nname = "Hold"\nduration = {d}\ncues = ["Stand tall"]\n'


def scan(folder, source):
    """The library as the app reads it, this source's entries, once the cache's writing (on a thread of its own) ended."""
    import threading

    entries = [e for e in load_library() if e.source == source]
    for thread in threading.enumerate():
        if thread.name == "supple-routine-cache":
            thread.join()
    return entries


def cached(folder) -> dict:
    """The cache's index of the files in `folder`, by file name."""
    index = marshal.loads(cache_path().read_bytes()[cache_module.HEAD:])["files"]  # marshal ignores what follows
    return {os.path.basename(where): kept for where, kept in index.items() if os.path.dirname(where) == str(folder)}


def write(folder, stem: str, text: str, age: float = 10.0):
    path = folder / f"{stem}.toml"
    path.write_text(text)
    past = time.time() - age  # older than FRESH: the cache may keep it
    os.utime(path, (past, past))
    return path


def test_unchanged_files_come_from_the_cache_and_equal_a_fresh_read(supple_home, monkeypatch):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    for n in range(5):
        write(folder, f"r{n}", GOOD.format(n=n, d=30 + n))
    first = scan(folder, "user")
    assert cache_path().exists()
    reads = []
    original = cache_module  # the library reads a file only through load_entry
    from app.routine import library

    real_load = library.load_entry
    monkeypatch.setattr(library, "load_entry", lambda path, source: reads.append(path.name) or real_load(path, source))
    second = scan(folder, "user")
    assert reads == [] and second == first  # every routine, fingerprint and all, as read the first time
    assert original is cache_module


def test_a_changed_file_is_read_again(supple_home):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    write(folder, "r", GOOD.format(n=1, d=30))
    scan(folder, "user")
    write(folder, "r", GOOD.format(n=1, d=45), age=5.0)  # same size, another time
    assert scan(folder, "user")[0].routine.steps[0].duration == 45


def test_a_file_changed_just_now_is_never_cached(supple_home):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    write(folder, "r", GOOD.format(n=1, d=30), age=0.0)
    scan(folder, "user")
    assert "r.toml" not in cached(folder)
    assert cached(paths.bundled_routines_dir())  # the cache was written, with the bundled routines


def test_a_broken_file_is_read_every_time_and_a_gone_one_forgotten(supple_home):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    write(folder, "bad", 'name = "Bad"\n[[steps]]\nname = "X"\nduraton = 5\n')
    gone = write(folder, "gone", GOOD.format(n=2, d=30))
    scan(folder, "user")
    assert set(cached(folder)) == {"gone.toml"}
    gone.unlink()
    entries = scan(folder, "user")
    assert [e.stem for e in entries] == ["bad"] and entries[0].error is not None
    assert cached(folder) == {}


def test_a_damaged_or_foreign_cache_is_ignored_and_rewritten(supple_home):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    write(folder, "r", GOOD.format(n=1, d=30))
    cache_path().parent.mkdir(parents=True, exist_ok=True)
    where = str(folder / "r.toml")
    info = os.stat(where)
    key = [info.st_size, info.st_mtime_ns, info.st_ino]

    def index(*kept, version=cache_module._version()) -> bytes:
        head = marshal.dumps({"version": version, "files": {where: [*key, *kept]}})
        return len(head).to_bytes(cache_module.HEAD, "little") + head

    for junk in (b"\x00garbage", b"\xff\xff\xff\xff", index(version="0.0.0:1"), b"", index()[:9],
                 index("f", "Mine 1", "other", 0, 5) + b"nope!",  # not a routine
                 index("f", "Mine 1", "other", 0, 99) + marshal.dumps(("x",)),  # shorter than the index says
                 index("f", "Mine 1", "other", 0, 7) + marshal.dumps(("x", 3)),  # a routine of other things
                 index(1, 2, 3, 0, 5) + b"12345", index("f", "Mine 1") + b"[]"):
        cache_path().write_bytes(junk)
        assert [e.routine.steps[0].duration for e in load_library() if e.source == "user"] == [30], junk


def test_listing_names_and_kinds_decodes_no_routine(supple_home, monkeypatch):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    for n in range(3):
        write(folder, f"r{n}", GOOD.format(n=n, d=30 + n))
    fresh = scan(folder, "user")
    decoded = []
    real_unpack = cache_module.unpack
    monkeypatch.setattr(cache_module, "unpack", lambda packed: decoded.append(packed) or real_unpack(packed))
    listed = scan(folder, "user")
    assert [(e.name, e.kind, e.ok) for e in listed] == [(f"Mine {n}", "other", True) for n in range(3)]
    assert decoded == []
    assert listed[1].routine == fresh[1].routine and len(decoded) == 1


def test_a_cache_that_cannot_be_written_is_only_slower(supple_home):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    write(folder, "r", GOOD.format(n=1, d=30))
    cache_path().parent.mkdir(parents=True, exist_ok=True)
    cache_path().mkdir()  # a folder where the file should be
    assert scan(folder, "user")[0].routine is not None
    assert RoutineCache().index == {}
