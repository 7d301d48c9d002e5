"""The log writer waits out a log another program holds locked: nothing is dropped, and at close what could
not be written is counted."""

import sqlite3
import time

import pytest

from app.log import store
from app.log.store import connect
from app.log.writer import LogWriter


@pytest.fixture
def quick_busy(monkeypatch):
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.2)  # SQLite's own wait, short so the test is quick


def wait_for(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def hold_locked(path):
    """Another program's connection holding the log's write lock."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    return other


def note_job(text: str):
    return lambda conn: conn.execute(
        "INSERT INTO checkins (at, day, pain, note) VALUES ('2026-12-01T10:00:00', '2026-12-01', 1, ?)", (text,)
    )


def notes(path) -> list[str]:
    return [row[0] for row in sqlite3.connect(path).execute("SELECT note FROM checkins ORDER BY id")]


def test_a_log_held_locked_is_waited_for_and_nothing_is_dropped(tmp_path, quick_busy):
    path = tmp_path / "supple.db"
    connect(path).close()
    told: list[str] = []
    writer = LogWriter(path, notice=told.append)
    writer.start()
    wait_for(lambda: writer.conn is not None)
    other = hold_locked(path)
    for text in ("first", "second", "third"):
        writer.submit(note_job(text))
    wait_for(lambda: any("held by another program" in t for t in told))
    time.sleep(1.0)  # held well past SQLite's own busy wait: the writer must still have every job
    other.execute("COMMIT")
    other.close()
    assert writer.close(timeout=5) == 0
    assert notes(path) == ["first", "second", "third"]  # all of them, in order
    assert len([t for t in told if "held" in t]) == 1  # said once


def test_a_log_still_locked_at_close_says_what_was_lost(tmp_path, quick_busy):
    path = tmp_path / "supple.db"
    connect(path).close()
    writer = LogWriter(path)
    writer.start()
    wait_for(lambda: writer.conn is not None)
    other = hold_locked(path)
    writer.submit(note_job("a"))
    writer.submit(note_job("b"))
    began = time.monotonic()
    lost = writer.close(timeout=0.5)
    assert lost == 2 and time.monotonic() - began < 3  # bounded, and counted
    other.execute("ROLLBACK")
    other.close()
    assert notes(path) == []


def test_other_errors_are_still_said_once_and_the_writer_goes_on(tmp_path):
    path = tmp_path / "supple.db"
    told: list[str] = []
    writer = LogWriter(path, notice=told.append)
    writer.start()
    writer.submit(lambda conn: conn.execute("INSERT INTO no_such_table VALUES (1)"))
    writer.submit(note_job("after"))
    assert writer.close() == 0
    assert notes(path) == ["after"] and len(told) == 1 and "could not be written" in told[0]
