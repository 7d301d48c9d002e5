"""The cache of checked routines: used while a file is unchanged, never for a changed or broken one."""

from __future__ import annotations

import marshal
import os
import struct
import time
import zlib

import pytest

from app import paths
from app.routine import cache as cache_module
from app.routine import library
from app.routine.cache import RoutineCache, cache_path
from app.routine.library import load_library

GOOD = 'name = "Mine {n}"\n[[steps]]\nname = "Hold"\nduration = {d}\ncues = ["Stand tall"]\n'


def scan(folder, source):
    """The library as the app reads it, this source's entries, once the cache's writing (on its thread) ended."""
    import threading

    entries = [e for e in load_library() if e.source == source]
    for thread in threading.enumerate():
        if thread.name == "supple-routine-cache":
            thread.join()
    return entries


def cached(folder) -> dict:
    """The cache's index of the files in `folder`, by file name."""
    index = marshal.loads(cache_path().read_bytes()[cache_module.HEAD :])["files"]  # marshal ignores what follows
    return {os.path.basename(where): kept for where, kept in index.items() if os.path.dirname(where) == str(folder)}


@pytest.fixture
def folder(supple_home):
    """The user's routines folder, made."""
    made = paths.user_routines_dir()
    made.mkdir(parents=True)
    return made


def write_many(folder, count: int) -> None:
    for n in range(count):
        write(folder, f"r{n}", GOOD.format(n=n, d=30 + n))


def write(folder, stem: str, text: str, age: float = 10.0):
    path = folder / f"{stem}.toml"
    path.write_text(text)
    past = time.time() - age  # older than FRESH: the cache may keep it
    os.utime(path, (past, past))
    return path


def test_unchanged_files_come_from_the_cache_and_equal_a_fresh_read(monkeypatch, folder):
    write_many(folder, 5)
    first = scan(folder, "user")
    assert cache_path().exists()
    reads = []  # the library reads a file only through load_entry
    real_load = library.load_entry
    monkeypatch.setattr(library, "load_entry", lambda path, source: reads.append(path.name) or real_load(path, source))
    second = scan(folder, "user")
    assert reads == [] and second == first  # every routine, fingerprint and all, as read the first time


def test_a_changed_file_is_read_again(folder):
    write(folder, "r", GOOD.format(n=1, d=30))
    scan(folder, "user")
    write(folder, "r", GOOD.format(n=1, d=45), age=5.0)  # same size, another time
    assert scan(folder, "user")[0].routine.steps[0].duration == 45


def test_a_file_changed_just_now_is_never_cached(folder):
    write(folder, "r", GOOD.format(n=1, d=30), age=0.0)
    scan(folder, "user")
    assert "r.toml" not in cached(folder)
    assert cached(paths.bundled_routines_dir())  # the cache was written, with the bundled routines


def test_a_broken_file_is_read_every_time_and_a_gone_one_forgotten(folder):
    write(folder, "bad", 'name = "Bad"\n[[steps]]\nname = "X"\nduraton = 5\n')
    gone = write(folder, "gone", GOOD.format(n=2, d=30))
    scan(folder, "user")
    assert set(cached(folder)) == {"gone.toml"}
    gone.unlink()
    entries = scan(folder, "user")
    assert [e.stem for e in entries] == ["bad"] and entries[0].error is not None
    assert cached(folder) == {}


def test_a_damaged_or_foreign_cache_is_ignored_and_rewritten(folder):
    write(folder, "r", GOOD.format(n=1, d=30))
    cache_path().parent.mkdir(parents=True, exist_ok=True)
    where = str(folder / "r.toml")
    info = os.stat(where)
    key = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]

    def sealed(index: bytes, rest: bytes) -> bytes:
        """A cache file whose checksum holds: what it says is decoded."""
        return len(index).to_bytes(4, "little") + zlib.crc32(index + rest).to_bytes(4, "little") + index + rest

    current = cache_module._version()

    def cache(*kept, body=b"", version=current) -> bytes:
        return sealed(marshal.dumps({"version": version, "files": {where: [*key, *kept]}}), body)

    assert not cache_path().exists()
    fresh = scan(folder, "user")[0].routine
    good = cache_path().read_bytes()
    flipped = bytearray(good)
    flipped[good.index(struct.pack("<d", 30.0)) + 6] ^= 0x10  # 30 s read as 542 h, but for the checksum
    for junk in (
        b"\x00garbage",
        b"\xff\xff\xff\xff",
        b"",
        good[:9],
        good[:-1],
        bytes(flipped),
        cache(version="0.0.0:1"),
        sealed(b"", b""),
        sealed((5).to_bytes(4, "little"), b""),
        sealed(b"(" + (3).to_bytes(4, "little"), b""),  # a tuple cut short
        cache("f", "Mine 1", "other", 0, 5, body=b"nope!"),  # not a routine
        cache("f", "Mine 1", "other", 0, 99, body=marshal.dumps(("x",))),  # shorter than the index says
        cache("f", "Mine 1", "other", 0, 7, body=marshal.dumps(("x", 3))),  # a routine of other things
        cache("f", "Mine 1", "warmuq", 0, 7, body=good[-50:]),  # a kind no group lists
        cache(1, 2, 3, 0, 5, body=b"12345"),
        cache("f", "Mine 1", body=b"[]"),
    ):
        cache_path().write_bytes(junk)
        entries = scan(folder, "user")  # and the cache written again, before the next is put in its place
        assert [(e.routine, e.kind) for e in entries] == [(fresh, "other")], junk


def test_a_file_edited_in_place_is_read_again_though_its_time_was_put_back(folder):
    path = write(folder, "r", GOOD.format(n=1, d=30))
    before = os.stat(path)
    scan(folder, "user")
    time.sleep(0.01)
    with open(path, "r+") as same_file:  # same inode, same size
        same_file.write(GOOD.format(n=1, d=90))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -d` would; the change time moves on
    assert os.stat(path).st_size == before.st_size and os.stat(path).st_ino == before.st_ino
    assert scan(folder, "user")[0].routine.steps[0].duration == 90


def test_listing_names_and_kinds_decodes_no_routine(monkeypatch, folder):
    write_many(folder, 3)
    fresh = scan(folder, "user")
    decoded = []
    real_unpack = library.unpack
    monkeypatch.setattr(library, "unpack", lambda packed: decoded.append(packed) or real_unpack(packed))
    listed = scan(folder, "user")
    assert [(e.name, e.kind, e.ok) for e in listed] == [(f"Mine {n}", "other", True) for n in range(3)]
    assert decoded == []
    assert listed[1].routine == fresh[1].routine and len(decoded) == 1


def test_a_cache_that_cannot_be_written_is_only_slower(folder):
    write(folder, "r", GOOD.format(n=1, d=30))
    cache_path().parent.mkdir(parents=True, exist_ok=True)
    cache_path().mkdir()  # a folder where the file should be
    assert scan(folder, "user")[0].routine is not None
    assert RoutineCache().index == {}


def test_a_poisoned_entry_with_a_good_checksum_is_read_again_from_its_file(folder):
    from app.routine.cache import HEAD, pack
    from app.routine.model import Routine, Step
    from tests.test_cli import supple

    write(folder, "mine", GOOD.format(n=1, d=30))
    scan(folder, "user")
    data = cache_path().read_bytes()
    size = int.from_bytes(data[:4], "little")
    doc = marshal.loads(data[HEAD : HEAD + size])
    (where,) = [w for w in doc["files"] if w.endswith("mine.toml")]
    poisoned = pack(Routine("Mine 1", (Step("Hold", duration=float("nan")),)))
    body = data[HEAD + size :]
    doc["files"][where][-2:] = [len(body), len(body) + len(poisoned)]
    index = marshal.dumps(doc)
    rest = index + body + poisoned
    cache_path().write_bytes(len(index).to_bytes(4, "little") + zlib.crc32(rest).to_bytes(4, "little") + rest)
    (entry,) = scan(folder, "user")
    assert entry.routine.steps[0].duration == 30  # the file's, not the planted NaN
    shown = supple("list", home=paths.config_dir())
    assert shown.returncode == 0 and "Mine 1" in shown.stdout and "Traceback" not in shown.stderr


@pytest.mark.parametrize("through_a_link", [False, True])
def test_the_cache_is_written_private_and_never_through_a_link(folder, through_a_link):
    write(folder, "mine", GOOD.format(n=1, d=30))
    target = folder.parent / "elsewhere.cache"
    if through_a_link:
        cache_path().parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"someone else's")
        os.chmod(target, 0o666)
        cache_path().symlink_to(target)
    scan(folder, "user")
    assert not cache_path().is_symlink() and cache_path().stat().st_mode & 0o777 == 0o600
    if through_a_link:
        assert target.read_bytes() == b"someone else's"
