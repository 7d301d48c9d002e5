"""A session written to the log as it goes (real SQLite files), and the writer's faults told once."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from app.log import store
from app.log.owner import this_process
from app.log.recorder import SessionRecorder
from app.log.resume import close_stale_and_find, resume_point
from app.log.store import connect
from app.log.writer import LogWriter
from app.routine.model import Routine, Step
from app.session.engine import Engine

ROUTINE = Routine(
    "Legs",
    (Step("Swings", duration=10, sides=True), Step("Squats", reps=5, tempo=2), Step("Lift", manual=True)),
    prep=0,
    transition=0,
    switch=0,
)


def writer_for(path, notices=None) -> LogWriter:
    writer = LogWriter(path, notice=(notices.append if notices is not None else None))
    writer.start()
    return writer


def rows(path, query: str) -> list[tuple]:
    return sqlite3.connect(path).execute(query).fetchall()


def test_a_session_is_recorded_from_start_to_end(tmp_path, clock):
    path = tmp_path / "supple.db"
    writer = writer_for(path)
    engine = Engine(ROUTINE, clock)
    recorder = SessionRecorder(writer, engine, "user:legs", wall=lambda: "2026-11-25T10:00:00+01:00")
    engine.start()
    recorder.begin()
    clock.advance(10)  # left side done
    engine.poll()
    recorder.sync()
    clock.advance(4)
    engine.toggle_pause()
    clock.advance(60)  # paused: not counted
    engine.toggle_pause()
    engine.next()  # right side cut short after 4 s
    recorder.sync()
    engine.jump(3)  # the squats never run; the lift's get-ready, paused
    engine.next()  # past the get-ready
    engine.done()  # the lift, at once
    recorder.end()
    writer.close()
    (session,) = rows(
        path,
        "SELECT routine_ref, routine_name, routine_kind, scale, started_at, day, planned_s,"
        " actual_s, paused_s, steps, steps_done, outcome, owner, position_segment FROM sessions",
    )
    # The end reached with 14 s of the 30 s of timed work worked: skipped through, not completed.
    assert session == (
        "user:legs",
        "Legs",
        "other",
        1.0,
        "2026-11-25T10:00:00+01:00",
        "2026-11-25",
        30.0,
        14.0,
        60.0,
        3,
        1,
        "skipped",
        None,
        None,
    )
    segments = rows(
        path,
        "SELECT segment_index, step, step_name, side, set_number, planned_s, actual_s, reps,"
        " reps_done, result FROM segments ORDER BY segment_index",
    )
    assert segments == [
        (0, 1, "Swings", "left", 1, 10.0, 10.0, None, None, "completed"),
        (1, 1, "Swings", "right", 1, 10.0, 4.0, None, None, "cut short"),
        (2, 2, "Squats", None, 1, 10.0, 0.0, 5, 0, "skipped"),
        (3, 3, "Lift", None, 1, None, 0.0, None, None, "completed"),
    ]


def test_a_session_with_its_work_done_is_completed_and_its_reps_are_those_done(tmp_path, clock):
    path = tmp_path / "supple.db"
    writer = writer_for(path)
    engine = Engine(ROUTINE, clock)
    recorder = SessionRecorder(writer, engine, "user:legs")
    engine.start()
    recorder.begin()
    for _ in range(20):  # both sides of the swings, whole
        clock.advance(1)
        engine.poll()
    clock.advance(7)  # 3 of the 5 squats at 2 s, then cut
    engine.poll()
    engine.next()
    engine.done()  # the lift
    recorder.end()
    writer.close()
    assert rows(path, "SELECT outcome FROM sessions") == [("completed",)]  # 27 of 30 s: 90 %
    assert rows(path, "SELECT reps, reps_done, result FROM segments WHERE step = 2") == [(5, 3, "cut short")]


def test_the_position_is_kept_while_it_runs(tmp_path, clock):
    path = tmp_path / "supple.db"
    writer = writer_for(path)
    engine = Engine(ROUTINE, clock)
    recorder = SessionRecorder(writer, engine, "user:legs")
    engine.start()
    recorder.begin()
    clock.advance(13)
    engine.poll()
    engine.toggle_pause()
    recorder.sync()
    writer.close()
    (row,) = rows(
        path, "SELECT outcome, position_segment, position_step, position_offset, position_paused, owner FROM sessions"
    )
    assert row == ("running", 1, 1, 3.0, 1, this_process())


def test_an_unfinished_session_is_found_once_its_process_is_gone_and_stale_ones_closed(tmp_path):
    path = tmp_path / "supple.db"
    conn = connect(path)
    now = datetime(2026, 11, 25, 12, 0).astimezone()
    for started, owner in [
        (now - timedelta(hours=13), "gone:1:1"),
        (now - timedelta(hours=1), "gone:2:2"),
        (now - timedelta(minutes=5), this_process()),
    ]:
        conn.execute(
            "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at,"
            " day, planned_s, steps, owner, position_segment, position_offset) VALUES"
            " ('user:legs', 'Legs', 'other', 'd', 1, ?, ?, 30, 3, ?, 1, 4.5)",
            (started.isoformat(), started.date().isoformat(), owner),
        )
    found = close_stale_and_find(conn, now)
    assert found is not None and found.id == 2 and (found.segment, found.offset) == (1, 4.5)
    outcomes = [o for (o,) in conn.execute("SELECT outcome FROM sessions ORDER BY id")]
    assert outcomes == ["interrupted", "running", "running"]  # the live one is another Supple's


def test_where_a_resumed_session_goes_on():
    from app.log.resume import Unfinished

    def at(segment, offset):
        return Unfinished(1, "r", "R", "d", 1.0, "", segment, 1, offset, (0, 0, 0), frozenset(), frozenset())

    assert resume_point(at(2, 40.0), [5, 30, 90]) == (2, 40.0)  # a long hold: at the second
    assert resume_point(at(1, 20.0), [5, 30, 90]) == (1, 0.0)  # a short one: from its start
    assert resume_point(at(2, 95.0), [5, 30, None]) == (2, 0.0)


def test_a_log_from_a_newer_supple_is_said_once_and_the_session_goes_on(tmp_path, clock):
    path = tmp_path / "supple.db"
    connect(path).execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    notices: list[str] = []
    writer = writer_for(path, notices)
    engine = Engine(ROUTINE, clock)
    recorder = SessionRecorder(writer, engine, "user:legs")
    engine.start()
    recorder.begin()
    recorder.sync()
    recorder.end()
    writer.close()
    assert len(notices) == 1 and "written by a newer Supple" in notices[0]


def test_a_full_disk_is_said_once_and_later_writes_go_on(tmp_path, clock):
    path = tmp_path / "supple.db"
    notices: list[str] = []
    writer = writer_for(path, notices)
    engine = Engine(ROUTINE, clock)
    recorder = SessionRecorder(writer, engine, "user:legs")
    engine.start()
    recorder.begin()
    writer.submit(
        lambda conn: conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    )
    filler = "x" * 4000
    for _ in range(3):
        writer.submit(lambda conn: conn.execute("UPDATE sessions SET routine_name = ?", (filler * 50,)))
    recorder.sync()
    writer.close()
    assert len(notices) == 1 and "the disk is full" in notices[0]


def test_a_log_locked_for_long_is_said(tmp_path, clock, monkeypatch):
    path = tmp_path / "supple.db"
    connect(path).close()
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")  # another Supple, stuck in the middle of a write
    notices: list[str] = []
    writer = writer_for(path, notices)
    engine = Engine(ROUTINE, clock)
    SessionRecorder(writer, engine, "user:legs").begin()
    lost = writer.close(timeout=0.5)
    holder.rollback()
    assert notices and "held by another program" in notices[0]
    assert lost == 1  # the session's first row, still waiting when the time was up


@pytest.mark.parametrize("jump", [timedelta(hours=-5), timedelta(days=3)])
def test_a_wall_clock_that_jumps_never_makes_a_duration_odd(tmp_path, clock, jump):
    path = tmp_path / "supple.db"
    writer = writer_for(path)
    engine = Engine(ROUTINE, clock)
    walls = iter([datetime(2026, 11, 25, 10, 0), datetime(2026, 11, 25, 10, 0) + jump])
    recorder = SessionRecorder(writer, engine, "user:legs", wall=lambda: next(walls).isoformat())
    engine.start()
    recorder.begin()
    clock.advance(25)
    engine.poll()
    recorder.end()
    writer.close()
    ((actual, paused),) = rows(path, "SELECT actual_s, paused_s FROM sessions")
    assert (actual, paused) == (25.0, 0.0)  # from the monotonic clock, whatever the wall clock said


def test_a_job_that_fails_in_any_way_is_said_once_and_the_writer_goes_on(tmp_path):
    notices: list[str] = []
    writer = writer_for(tmp_path / "supple.db", notices)
    results = []
    writer.submit(lambda conn: 1 / 0)
    writer.submit(lambda conn: conn.execute("SELECT 42").fetchone()[0], results.append)
    writer.close()
    assert results == [42] and len(notices) == 1


def test_an_answer_that_fails_on_the_app_s_side_does_not_stop_the_log(tmp_path):
    writer = LogWriter(tmp_path / "supple.db")
    writer.start()

    def broken(result: object) -> None:
        raise ValueError("a screen that was closed meanwhile")

    writer.submit(lambda conn: conn.execute("SELECT 1").fetchone(), broken)
    answers = []
    writer.submit(lambda conn: conn.execute("SELECT 2").fetchone(), answers.append)
    writer.close()
    assert answers == [(2,)]


def test_where_a_running_session_stands_is_kept_by_name_side_and_set(tmp_path, clock):
    path = tmp_path / "supple.db"
    writer = writer_for(path)
    engine = Engine(ROUTINE, clock)
    recorder = SessionRecorder(writer, engine, "user:legs")
    engine.start()
    recorder.begin()
    clock.advance(12)  # the right side of the swings
    engine.poll()
    recorder.sync()
    writer.close()
    [where] = rows(path, "SELECT position_step, position_name, position_side, position_set FROM sessions")
    assert where == (1, "Swings", "right", 1)
    found = close_stale_and_find(connect(path), datetime.now().astimezone())
    assert found is None or found.where == ("Swings", "right", 1)  # this process is alive: not offered


def test_a_changed_routine_resumes_at_the_exercise_by_name_the_nearest_of_two():
    from app.log.resume import Unfinished, plan_resume
    from app.session.plan import build_plan

    def plan(*names):
        routine = Routine("R", tuple(Step(n, duration=10) for n in names), prep=0, transition=0)
        return list(build_plan(routine, 1.0).segments), list(routine.steps)

    old_segments, _ = plan("a", "b", "a", "c")
    stood = Unfinished(
        1, "r", "R", "d", 1.0, "", 2, 3, 4.0, (30, 0, 0), frozenset({0, 1}), frozenset({0, 1}), {0: 10, 1: 10},
        ("a", None, 1), {0: ("a", None, 1), 1: ("b", None, 1)},
    )  # fmt: skip
    segments, steps = plan("x", "a", "b", "a", "c")  # a step put in front: the second "a" is step 4 now
    resume = plan_resume(stood, segments, steps, same_routine=False)
    assert segments[resume.at].step == 4 and resume.offset == 0
    assert resume.done == {1, 2} and resume.worked == {1: 10, 2: 10}  # the first a and b, where they are now
    assert "going on at a (step 4 of the new version)" in resume.note
    segments, steps = plan("b", "c")  # both a's gone
    resume = plan_resume(stood, segments, steps, same_routine=False)
    assert segments[resume.at].step == 2 and resume.done == {0} and resume.worked == {0: 10}
    assert "a is no longer in it: going on at the nearest, step 2, c." in resume.note
    assert len(old_segments) == 4


def test_a_session_to_go_on_with_is_prepared_from_its_routine_as_it_is_now(supple_home):
    """The routine found by its ref and planned where it stood; gone or broken since, it cannot go on, and
    says why."""
    from app import paths
    from app.log.recorder import digest
    from app.log.resume import CannotResume, Unfinished, prepare
    from app.routine.routine_file import dumps

    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    text = 'name = "Legs"\nprep = "5s"\n[[steps]]\nname = "Swings"\nduration = "30s"\n'
    (folder / "legs.toml").write_text(text)
    from app.routine.library import resolve

    same = digest(dumps(resolve("user:legs").routine))
    stood = Unfinished(1, "user:legs", "Legs", same, 1.0, "", 1, 1, 12.0, (17, 0, 0), frozenset(), frozenset({0, 1}))
    routine, resume = prepare(stood)
    assert routine.name == "Legs" and resume.at == 1 and not resume.note
    (folder / "legs.toml").write_text(text.replace("duration", "duraton"))
    with pytest.raises(CannotResume, match="Legs has problems now"):
        prepare(stood)
    (folder / "legs.toml").unlink()
    with pytest.raises(CannotResume) as gone:
        prepare(stood)
    assert str(gone.value) == "Legs is no longer among your routines. The session stays in your log as interrupted."


def test_a_session_at_a_build_up_s_scale_goes_on_as_the_same_routine(supple_home, tmp_path, clock):
    """Recorded at 80 % (a build-up: its paced steps' reps scaled), then cut off: the routine has not changed,
    so it goes on where it stood, with no 'has changed since' note (it said the routine had changed)."""
    from app.log.resume import prepare
    from app.routine.library import resolve

    entry = resolve("quick-warmup")
    writer = LogWriter(store.db_path())
    writer.start()
    engine = Engine(entry.routine, clock, 0.8)
    recorder = SessionRecorder(writer, engine, entry.log_ref)
    engine.start()
    recorder.begin()
    clock.advance(30)
    engine.poll()
    recorder.sync()
    writer.close()
    conn = connect(store.db_path())
    conn.execute("UPDATE sessions SET owner = 'gone:1'")
    conn.commit()
    unfinished = close_stale_and_find(conn, datetime.now().astimezone())
    conn.close()
    routine, resume = prepare(unfinished)
    assert routine == entry.routine and resume.note == ""
