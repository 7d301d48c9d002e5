"""The training log's file: created, migrated from each earlier version, refused when newer, moved aside
when broken; real SQLite files in tmp_path."""

from __future__ import annotations

import os
import sqlite3
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.log import store
from app.log.schema import MIGRATIONS
from app.log.store import SCHEMA_VERSION, LogUnavailable, connect
from tests import processes

SESSION = (
    "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at, day,"
    " planned_s, steps) VALUES ('bundled:x', 'X', 'warmup', 'abc', 1.0, '2026-11-25T10:00:00+00:00',"
    " '2026-11-25', 60, 2)"
)


def test_a_new_log_is_created_current_with_wal_and_foreign_keys(tmp_path):
    conn = connect(tmp_path / "data" / "supple.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.execute(SESSION)
    with pytest.raises(sqlite3.IntegrityError):  # a segment of no session
        conn.execute(
            "INSERT INTO segments (session_id, segment_index, step, step_name, set_number, actual_s, result)"
            " VALUES (99, 0, 1, 'a', 1, 1.0, 'completed')"
        )


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_a_log_of_each_earlier_version_is_migrated_and_keeps_its_sessions(tmp_path, version):
    path = tmp_path / "supple.db"
    old = sqlite3.connect(path)
    for step in MIGRATIONS[:version]:
        step(old)
    old.execute(f"PRAGMA user_version = {version}")
    if version >= 1:
        old.execute(SESSION)
    old.commit()
    old.close()
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == (1 if version >= 1 else 0)


def test_a_log_from_a_newer_supple_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "supple.db"
    newer = connect(path)
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.close()  # closed here, not whenever it is collected: its checkpoint would change the bytes later
    before = path.read_bytes()
    with pytest.raises(LogUnavailable, match="written by a newer Supple"):
        connect(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_broken_log_is_moved_aside_and_a_new_one_started(tmp_path, damage):
    path = tmp_path / "supple.db"
    if damage == "garbage":
        path.write_bytes(b"this is not a database at all" * 100)
    else:
        conn = connect(path)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.executemany(SESSION.replace("'X'", "?"), [(f"session {n}" * 50,) for n in range(500)])
        conn.close()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] + b"\0" * 100)
    before = path.read_bytes()
    moved = []
    conn = connect(path, moved=moved.append)
    (aside,) = moved
    assert aside.name.startswith("supple.db.broken-") and aside.read_bytes() == before  # nothing deleted
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0


def test_something_not_a_file_is_refused(tmp_path):
    (tmp_path / "supple.db").mkdir()
    with pytest.raises(LogUnavailable, match="is not a file"):
        connect(tmp_path / "supple.db")


WRITER = textwrap.dedent(
    """\
    import sys
    from pathlib import Path
    from app.log.store import connect
    path, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    conn = connect(path)
    for n in range(count):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale,"
                     " started_at, day, planned_s, steps) VALUES (?, ?, 'other', '', 1, '2026-11-25T10:00:00',"
                     " '2026-11-25', 1, 1)", (who, f"{who}-{n}"))
        conn.execute("COMMIT")
    """
)


def test_two_processes_write_at_once(tmp_path):
    path = tmp_path / "supple.db"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = os.environ | {"PYTHONPATH": str(Path(__file__).parent.parent)}
    writers = [processes.popen([sys.executable, str(script), str(path), f"w{i}", "200"], env=env) for i in range(2)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    names = {name for (name,) in connect(path).execute("SELECT routine_name FROM sessions")}
    assert names == {f"w{i}-{n}" for i in range(2) for n in range(200)}


def test_the_data_folder_follows_supple_home(supple_home):
    assert store.db_path() == supple_home / "data" / "supple.db"


def a_log_left_by_supple(path: Path, sessions: int = 300) -> None:
    """A log with sessions in it, written and closed by Supple's writer, as a day at the gym leaves it."""
    from app.log.writer import LogWriter

    writer = LogWriter(path)
    writer.start()
    for n in range(sessions):
        writer.submit(lambda conn, n=n: conn.execute(SESSION.replace("'X'", "?"), (f"session {n}" * 20,)))
    writer.close(timeout=30)


def test_a_log_damaged_while_supple_was_away_is_found_when_it_next_opens(tmp_path):
    path = tmp_path / "supple.db"
    a_log_left_by_supple(path)
    assert store._as_left(path)  # closed by Supple: its next open need not read it whole
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page : 4 * page] = os.urandom(page)  # a page in the middle goes bad; the header is fine
    path.write_bytes(bytes(data))
    moved: list[Path] = []
    conn = connect(path, moved=moved.append)
    assert len(moved) == 1 and moved[0].read_bytes() == bytes(data)  # found at once, and kept
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0


def test_a_log_changed_by_another_program_is_checked_whole_then_trusted_until_it_changes(tmp_path):
    path = tmp_path / "supple.db"
    a_log_left_by_supple(path, sessions=3)
    other = sqlite3.connect(path)
    other.execute(SESSION)
    other.commit()
    other.close()
    assert not store._as_left(path)  # changed since Supple left it: the next open reads it whole
    a_log_left_by_supple(path, sessions=1)  # sound, used, and left by Supple again
    assert store._as_left(path)


@pytest.mark.parametrize("version", [0, 1, 3])
def test_another_program_s_database_is_refused_and_left_byte_for_byte(tmp_path, supple_home, version):
    from tests.test_cli import supple

    path = store.db_path()
    path.parent.mkdir(parents=True)
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    other.execute("INSERT INTO notes (text) VALUES ('mine')")
    other.execute(f"PRAGMA user_version = {version}")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(LogUnavailable, match="another program's SQLite database"):
        connect(path)
    shown = supple("history", home=supple_home)
    assert shown.returncode == 1 and "another program's SQLite database" in shown.stderr
    assert "Traceback" not in shown.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith("supple.db")) == ["supple.db"]


RACER = textwrap.dedent(
    """\
    import sys, time
    from pathlib import Path
    from app.log.store import connect
    path, go = Path(sys.argv[1]), Path(sys.argv[2])
    while not go.exists():  # the barrier: both start at once
        time.sleep(0.001)
    conn = connect(path)
    conn.execute("INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at,"
                 " day, planned_s, steps) VALUES ('r', 'n', 'other', '', 1, '2026-11-25T10:00:00', '2026-11-25', 1, 1)")
    conn.close()
    """
)


def test_two_supples_opening_a_damaged_log_at_once_both_go_on_and_it_is_moved_aside_once(tmp_path):
    script = tmp_path / "racer.py"
    script.write_text(RACER)
    env = os.environ | {"PYTHONPATH": str(Path(__file__).parent.parent)}
    for round in range(20):
        folder = tmp_path / f"round{round}"
        folder.mkdir()
        path, go = folder / "supple.db", folder / "go"
        path.write_bytes(b"not a database, damaged" * 200)
        racers = [processes.popen([sys.executable, str(script), str(path), str(go)], env=env) for _ in range(2)]
        time.sleep(0.2)  # both waiting at the barrier (a racer late to it only makes the round easier)
        go.touch()
        assert [r.wait(timeout=60) for r in racers] == [0, 0], f"round {round}"
        assert len(list(folder.glob("supple.db.broken-*"))) == 1  # one moved it; the other used the new log
        assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 2
