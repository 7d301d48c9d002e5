"""Sessions recorded from the app, and a session left unfinished offered back: real SQLite files."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from textual.widgets import Button

from app import paths
from app.log.recorder import digest
from app.log.store import SCHEMA_VERSION, connect, db_path
from app.log.writer import LogWriter
from app.routine.routine_file import dumps
from app.sound.output import Recorder
from app.ui.app import make_app
from app.ui.screens.checkin import CheckInScreen
from app.ui.screens.dialogs import ConfirmScreen
from app.ui.screens.picker import PickerScreen
from app.ui.screens.resume import ResumeScreen
from app.ui.screens.session import SessionScreen
from app.ui.screens.summary import SummaryScreen
from tests.ui.helpers import SHORT, bundled, text_of, until
from tests.ui.test_session import advance

SIZE = (100, 30)


def app_with_log(clock, **kwargs):
    writer = LogWriter(db_path())
    app = make_app(clock=clock, sound=Recorder(), log=writer, load_entries=bundled, **kwargs)
    return app, writer


def sessions() -> list[tuple]:
    return (
        sqlite3.connect(db_path())
        .execute("SELECT routine_ref, outcome, steps_done, position_segment FROM sessions ORDER BY id")
        .fetchall()
    )


async def test_a_completed_session_is_recorded_and_the_summary_says_so(clock):
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 100, step=1)
        await pilot.press("space")  # the open last step, done
        await until(pilot, lambda: isinstance(app.screen, CheckInScreen))  # the check-in comes over the summary
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await until(pilot, lambda: "Recorded in your log" in text_of(app, "#summary-log"))
        # Started from the shell: no list to press h in once it closes; the shell's command is named.
        assert text_of(app, "#summary-log") == "Recorded in your log: 'supple history' shows it."
    writer.close()
    assert sessions() == [("user:short", "completed", 3, None)]


async def test_a_second_drawn_only_after_the_session_ended_writes_nothing_more(clock, monkeypatch):
    from app.ui.screens import session as session_screen

    held = []  # what each second leaves for after its frame, held back until the session has ended
    monkeypatch.setattr(session_screen, "when_all_drawn", lambda widgets, then: held.append(then))
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 100, step=1)
        await pilot.press("space")  # the open last step, done
        await until(pilot, lambda: isinstance(app.screen, CheckInScreen))
        assert held
        for then in held:
            then()  # the frames drawn only now: the session below the summary must not log again
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
    writer.close()
    assert sessions() == [("user:short", "completed", 3, None)]


async def test_stopping_and_quitting_record_a_stopped_session(clock):
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 8)
        await pilot.press("ctrl+q")  # quits the app from the middle of a session
        await pilot.pause()
    writer.close()
    assert sessions()[0][:2] == ("user:short", "stopped")


async def test_leaving_for_a_signal_keeps_the_session_to_resume(clock):
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 8)
        app.exit_signal = 1  # as SIGHUP from a closed terminal window does
        app.exit(return_code=129)
        await pilot.pause()
    writer.close()
    assert sessions() == [("user:short", "running", 0, 1)]


def unfinished_session(
    routine,
    ref: str,
    segment: int,
    step: int,
    offset: float,
    changed: bool = False,
    where=(None, None, None),
    worked: float = 30,
) -> int:
    conn = connect(db_path())
    started = datetime.now().astimezone() - timedelta(minutes=5)
    text = dumps(routine) + ("\n# changed" if changed else "")
    cursor = conn.execute(
        "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at, day,"
        " planned_s, steps, owner, position_segment, position_step, position_offset, actual_s, position_name,"
        " position_side, position_set) VALUES (?, ?, ?, ?, 1.0, ?, ?, 300, ?, 'gone:1:1', ?, ?, ?, 42, ?, ?, ?)",
        (
            ref,
            routine.name,
            routine.kind,
            digest(text),
            started.isoformat(timespec="seconds"),
            started.date().isoformat(),
            len(routine.steps),
            segment,
            step,
            offset,
            *where,
        ),
    )
    conn.execute(
        "INSERT INTO segments (session_id, segment_index, step, step_name, set_number, actual_s, result)"
        " VALUES (?, 1, 1, 'x', 1, ?, 'completed')",
        (cursor.lastrowid, worked),
    )
    conn.close()
    return cursor.lastrowid


async def test_a_session_left_running_is_offered_back_and_goes_on_where_it_stood(clock):
    entry = next(e for e in bundled() if e.stem == "pre-lift-mobility")
    session_id = unfinished_session(entry.routine, entry.ref, segment=5, step=3, offset=7)
    app, writer = app_with_log(clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen) and bool(app.screen.query(".dialog-question")))
        assert "Pre-lift mobility was left unfinished" in text_of(app, ".dialog-question")
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.engine.started)
        engine = app.screen.engine
        # it lands in a short get-ready before the step, held until the user is ready
        assert engine.index == 5 and engine.getting_ready and engine.paused and engine.step_number == 3
        assert 1 in engine.completed and engine.position() == (5, 0)  # a short segment starts again
        await pilot.press("space")
        await until(pilot, lambda: not engine.paused)
        await pilot.press("q", "y")
        await pilot.pause()
    writer.close()
    (row,) = sqlite3.connect(db_path()).execute("SELECT id, outcome, actual_s FROM sessions").fetchall()
    assert row[0] == session_id and row[1] == "stopped" and row[2] >= 42  # the same row, its time added to


async def test_keep_as_interrupted_does_what_it_says(clock):
    entry = next(e for e in bundled() if e.stem == "pre-lift-mobility")
    unfinished_session(entry.routine, entry.ref, segment=5, step=3, offset=7)
    app, writer = app_with_log(clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen) and bool(app.screen.query(Button)))
        assert "Keep as interrupted (i)" in [str(b.label) for b in app.screen.query(Button)]
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
    writer.close()
    assert [o for _, o, *_ in sessions()] == ["interrupted"]


def user_routine(text: str):
    from app.routine.library import load_entry

    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.toml").write_text(text)
    return load_entry(folder / "mine.toml", "user")


MINE = """name = "Mine"
[[steps]]
name = "Arm swings"
duration = 30
[[steps]]
name = "Side bends"
duration = 20
sides = true
[[steps]]
name = "Hip circles"
duration = 20
"""


async def offered(pilot, app) -> str:
    """Resume, and the offer a changed routine makes: its words."""
    await until(pilot, lambda: isinstance(app.screen, ResumeScreen) and bool(app.screen.query(".dialog-question")))
    await pilot.press("r")
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
    return text_of(app, ".dialog-note")


async def test_a_changed_routine_goes_on_at_the_same_exercise_by_name_when_the_user_says_so(clock):
    from app.session.plan import build_plan

    old = user_routine(MINE).routine
    segments = build_plan(old, 1.0).segments
    left_side, right_side = (i for i, s in enumerate(segments) if s.name == "Side bends" and s.kind == "work")
    session_id = unfinished_session(
        old, "user:mine", segment=right_side, step=2, offset=3, changed=True, where=("Side bends", "right", 1)
    )
    conn = connect(db_path())
    conn.execute(
        "INSERT INTO segments (session_id, segment_index, step, step_name, side, set_number, actual_s, result)"
        " VALUES (?, ?, 2, 'Side bends', 'left', 1, 20, 'completed')",
        (session_id, left_side),
    )
    conn.close()
    user_routine(MINE.replace('name = "Arm swings"\nduration = 30\n[[steps]]\n', ""))  # its first step deleted
    app, writer = app_with_log(clock)
    async with app.run_test(size=SIZE) as pilot:
        note = await offered(pilot, app)
        assert "Mine has changed since this session began: going on at Side bends (step 1 of the new version)" in note
        await pilot.press("enter")  # going on is what Enter does: it loses nothing
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.engine.started)
        engine = app.screen.engine
        segment = engine.segments[engine.index]
        assert engine.getting_ready and (segment.name, segment.side, engine.step_number) == ("Side bends", "right", 1)
        new_left = next(i for i, s in enumerate(engine.segments) if s.side == "left")
        assert engine.completed == {new_left} and engine.worked == {new_left: 20}  # its left side stays done
        await pilot.press("q", "y")
        await pilot.pause()
    writer.close()


async def test_a_step_no_longer_there_offers_the_nearest_and_no_keeps_it_interrupted(clock):
    old = user_routine(MINE).routine
    unfinished_session(old, "user:mine", segment=9, step=3, offset=0, changed=True, where=("Hip circles", None, 1))
    user_routine(MINE.replace("Hip circles", "Knee circles"))
    app, writer = app_with_log(clock)
    async with app.run_test(size=SIZE) as pilot:
        note = await offered(pilot, app)
        assert "Hip circles is no longer in it: going on at the nearest, step 3, Knee circles." in note
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
    writer.close()
    assert [o for _, o, *_ in sessions()] == ["interrupted"]


async def test_a_changed_routine_from_an_older_log_goes_on_at_the_step_number_it_still_has(clock):
    entry = next(e for e in bundled() if e.stem == "pre-lift-mobility")
    unfinished_session(entry.routine, entry.ref, segment=5, step=9, offset=7, changed=True)  # no name: an older log
    app, writer = app_with_log(clock)
    async with app.run_test(size=SIZE) as pilot:
        note = await offered(pilot, app)
        last = len(entry.routine.steps)
        assert f"it stood at step 9: going on at the nearest, step {last}, {entry.routine.steps[-1].name}." in note
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.engine.started)
        assert app.screen.engine.step_number == last and app.screen.engine.getting_ready
        await pilot.press("q", "y")
        await pilot.pause()
    writer.close()


async def test_a_log_that_cannot_be_used_is_said_and_the_session_runs(clock):
    connect(db_path()).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        # Said in the session's hint line, under the clock, not in a toast over its digits.
        await until(pilot, lambda: "cannot be used" in text_of(app, "#hint"))
        assert not app._notifications
        await pilot.press("q", "y")
        await pilot.pause()
        assert "Not recorded: " in text_of(app, "#summary-log") and "newer Supple" in text_of(app, "#summary-log")
    writer.close()


async def test_ctrl_c_in_a_session_asks_and_a_second_ctrl_c_quits_with_the_session_stopped(clock):
    from app.ui.screens.dialogs import JumpScreen, StopSessionScreen

    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 7)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, StopSessionScreen) and "Ctrl+C again quits" in text_of(app, ".dialog-note")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and not app.screen.engine.paused  # one slip ends nothing
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, JumpScreen)
        await pilot.press("ctrl+c")  # from a dialog over the session: the same question
        await pilot.pause()
        assert isinstance(app.screen, StopSessionScreen) and isinstance(app.screen_stack[-2], SessionScreen)
        await pilot.press("ctrl+c")
        await pilot.pause()
    writer.close()
    assert app.return_code == 130
    assert [o for _, o, *_ in sessions()] == ["stopped"]


async def test_ctrl_c_outside_a_session_quits(clock):
    app, writer = app_with_log(clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("ctrl+c")
        await pilot.pause()
    writer.close()
    assert app.return_code == 0 and not app.is_running


async def test_a_resumed_session_s_summary_and_log_cover_the_whole_of_it_once(clock):
    from app.routine.duration import format_clock

    entry = next(e for e in bundled() if e.stem == "pre-lift-mobility")
    # 42 s in all, of it the first step's 20 s of work
    session_id = unfinished_session(entry.routine, entry.ref, segment=5, step=3, offset=7, worked=20)
    app, writer = app_with_log(clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen) and bool(app.screen.query(".dialog-question")))
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.engine.started)
        engine = app.screen.engine
        assert engine.segments[1].kind == "work" and engine.segments[1].duration >= 20
        await pilot.press("space")
        await advance(pilot, clock, 5 + 10)  # the get-ready, then 10 s of the step
        await pilot.press("q", "y")
        await until(pilot, lambda: isinstance(app.screen, CheckInScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        actual = engine.times()[0]
        assert actual >= 42 + 10
        summary = text_of(app, "#summary")
        assert f"Actual      {format_clock(actual)}" in summary
        assert "Work done   0:30 of" in summary  # the 20 s before the crash and the 10 s after
    writer.close()
    conn = sqlite3.connect(db_path())
    (logged,) = conn.execute("SELECT actual_s FROM sessions WHERE id = ?", (session_id,)).fetchone()
    assert logged == pytest.approx(actual)  # the time before the crash counted once


async def test_the_summary_says_recorded_only_once_the_end_is_written_and_read_back(clock):
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 30, step=1)
        await until(pilot, lambda: bool(sessions()))  # the session's row is in
        other = sqlite3.connect(db_path())
        other.execute("DROP TABLE segments")  # another program damages the log meanwhile
        other.close()
        await pilot.press("q", "y")
        await until(pilot, lambda: isinstance(app.screen, (SummaryScreen, CheckInScreen)))
        if isinstance(app.screen, CheckInScreen):
            await pilot.press("escape")
        await until(pilot, lambda: "Not recorded: " in text_of(app, "#summary-log"))
        assert "Recorded in" not in text_of(app, "#summary-log") and "segments" in text_of(app, "#summary-log")
    writer.close()


async def test_a_stopped_session_s_summary_fits_80x24_whole_with_its_check_in(clock):
    from tests.ui.helpers import screen_lines

    entry = next(e for e in bundled() if e.stem == "quick-warmup")
    app, writer = app_with_log(clock, start=entry.routine, start_ref=entry.ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await advance(pilot, clock, 40, step=1)
        await pilot.press("q", "y")
        await until(pilot, lambda: isinstance(app.screen, CheckInScreen))
        await pilot.press("3", "enter")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen) and "Recorded" in text_of(app, "#summary-log"))
        await until(pilot, lambda: app.screen.query_one("#summary-care").display)
        await pilot.pause(0.2)
        shown = screen_lines(app)
        screen = "\n".join(shown)
        assert "SESSION STOPPED" in screen and "Check-in: pain 3" in screen
        assert "Stopped early with 13 % of the work done: not counted" in screen, screen  # not scrolled away
        assert "for your streak, nor for a build-up's step up." in screen, screen
        box = [line.split("│")[1] for line in shown if line.count("│") == 2]
        at = next(i for i, line in enumerate(box) if line.startswith("  Skipped"))
        assert box[at + 1].startswith(" " * 14) and box[at + 1].strip(), box  # a long list wraps under itself
    writer.close()


async def test_quit_from_the_palette_or_ctrl_q_asks_before_it_stops_a_session(clock):
    """The palette's Quit ended a session at once, unasked (found by a new user's pass): it asks as q does,
    and yes stops it, logged as stopped, and quits."""
    from textual.command import CommandPalette

    from app.ui.screens.dialogs import StopSessionScreen
    from tests.ui.helpers import SHORT

    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.runner is not None and app.runner.started)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"quit")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, StopSessionScreen))
        assert "quit Supple" in app.screen.question
        await pilot.press("n")  # keep going
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and app.is_running)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, StopSessionScreen))
        await pilot.press("y")
        await until(pilot, lambda: not app.is_running)
    writer.close()
    assert [(ref, outcome) for ref, outcome, *_ in sessions()] == [("user:short", "stopped")]


async def test_the_question_about_a_cut_off_session_waits_for_a_dialog_the_user_opened(clock):
    """A check-in opened (c) before the log had found the cut-off session: the question waits until it is
    closed, so the check-in's digits and Enter go to the check-in (Enter resumed the old session)."""
    from app.ui.screens.checkin import CheckInScreen
    from app.ui.screens.resume import look_for_unfinished

    entry = next(e for e in bundled() if e.stem == "pre-lift-mobility")
    app, writer = app_with_log(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CheckInScreen))
        unfinished_session(entry.routine, entry.ref, segment=5, step=3, offset=7)
        look_for_unfinished(app)  # as at start-up, the log finding it while the check-in is open
        await pilot.pause(0.5)
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("3", "enter")
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen))  # asked once the list is back
    writer.close()


async def test_q_asks_to_stop_without_a_word_on_ctrl_c(clock):
    """The note on a second Ctrl+C belongs to the question Ctrl+C asked: after q, it puzzled a new user."""
    from app.ui.screens.dialogs import StopSessionScreen

    app, _ = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 7)
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, StopSessionScreen))
        assert not app.screen.query(".dialog-note")
        await pilot.press("ctrl+c")  # still, Ctrl+C there quits
        await until(pilot, lambda: app.return_code == 130)
