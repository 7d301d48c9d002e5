"""The history screen on a real log with seeded sessions and a fixed day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.log.store import connect, db_path
from app.ui.screens.history import HistoryScreen
from app.ui.screens.picker import PickerScreen
from app.ui.widgets.calendar import Calendar
from tests.ui.helpers import build, screen_lines

TODAY = date(2026, 11, 25)  # a Wednesday


def seed(days: dict[int, list[tuple[str, float, str]]]) -> None:
    """Sessions `days` back from TODAY: (routine name, minutes, outcome)."""
    conn = connect(db_path())
    for back, runs in days.items():
        day = TODAY - timedelta(days=back)
        for n, (name, minutes, outcome) in enumerate(runs):
            started = datetime(day.year, day.month, day.day, 7 + n * 10, 30).astimezone()
            conn.execute(
                "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at, day,"
                " planned_s, actual_s, steps, steps_done, outcome)"
                " VALUES (?, ?, 'warmup', 'd', 1, ?, ?, 300, ?, 5, ?, ?)",
                (
                    f"bundled:{name.lower()}",
                    name,
                    started.isoformat(timespec="seconds"),
                    day.isoformat(),
                    minutes * 60,
                    5 if outcome == "completed" else 2,
                    outcome,
                ),
            )
    conn.close()


SEEDED = {
    0: [("Mobility", 8, "completed")],
    1: [("Cooldown", 12, "completed"), ("Mobility", 6, "stopped")],
    2: [("Mobility", 35, "completed")],
    9: [("Cooldown", 3, "interrupted")],
    10: [("Mobility", 7, "completed")],
    16: [("Mobility", 5, "completed"), ("Cooldown", 5, "completed")],
}


def seed_checkins() -> None:
    from app.log.checkins import record

    conn = connect(db_path())
    record(conn, 5, ("lower back",), session_id=1, at=datetime(2026, 11, 25, 8, 0).astimezone())
    record(conn, 2, at=datetime(2026, 11, 24, 20, 0).astimezone())  # one of its own, from the picker
    conn.close()


def app_with_writer(clock):
    """The app with a real log writer, as `supple` builds it, so the picker reads the history ahead."""
    from app.log.writer import LogWriter
    from app.sound.output import Recorder
    from app.ui.app import make_app
    from tests.ui.helpers import bundled

    writer = LogWriter(db_path())
    return make_app(clock=clock, sound=Recorder(), log=writer, load_entries=bundled), writer


async def read_ahead(pilot, app) -> None:
    """Wait until the picker has read the history's figures on the log's thread."""
    for _ in range(60):
        await pilot.pause(0.05)
        if app.history_ahead is not None:
            return


async def open_history(pilot, app) -> HistoryScreen:
    app.push_screen(HistoryScreen(today=TODAY))
    for _ in range(40):
        await pilot.pause(0.05)
        if app.screen.query_one(Calendar).first is not None:
            break
    return app.screen


async def test_the_history_shows_the_sessions_the_calendar_and_the_streaks(clock):
    seed(SEEDED)
    seed_checkins()
    app, _ = build(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, app)
        shown = "\n".join(screen_lines(app))
        assert "3 days in a row" in shown and "1 week in a row, 2+ a week" in shown
        assert "this week 61 min · most 61" in shown
        table = screen.query_one("#sessions")
        first = table.cells(0)
        assert first == ["2026-11-25 07:30", "Mobility", "8:00", "5/5", "5", "done"]  # with its check-in's pain
        assert [table.cells(i)[5] for i in range(len(table.rows))].count("interrupted") == 1
        assert "2026-11-25 07:30 Mobility" in shown  # on screen, as a table
        assert screen.query_one("#pains").display and screen.query_one("#pains").data == [2, 5]
        calendar = screen.query_one(Calendar)
        assert calendar.minutes[TODAY - timedelta(days=2)] == 35


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_readable_at_80x24_and_usable_at_60x20(clock, size):
    seed(SEEDED)
    app, _ = build(clock)
    async with app.run_test(size=size) as pilot:
        await open_history(pilot, app)
        lines = screen_lines(app)
        assert any(line.lstrip().startswith("W ") for line in lines)  # the calendar's rows
        assert any("2026-11-25 07:30" in line for line in lines)  # the last session
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)


async def test_h_in_the_picker_opens_it_and_an_empty_log_says_so(clock):
    app, _ = build(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        for _ in range(20):
            await pilot.pause(0.05)
        assert "No sessions recorded yet" in "\n".join(screen_lines(app))


def test_history_snapshot(snap_compare):
    seed(SEEDED)
    seed_checkins()

    async def run_before(pilot) -> None:
        await open_history(pilot, pilot.app)

    from tests.conftest import FakeClock

    app, _ = build(FakeClock())
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_h_opens_drawn_from_the_figures_read_ahead_then_reads_the_log_again(clock):
    today = date.today()  # what the picker reads ahead for
    back = (TODAY - today).days
    seed({back: [("Mobility", 8, "completed")], back + 1: [("Cooldown", 12, "completed")]})
    app, writer = app_with_writer(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await read_ahead(pilot, app)
        assert [s.routine_name for s in app.history_ahead.data.recent] == ["Mobility", "Cooldown"]
        seed({back: [("Another Supple", 4, "stopped")]})  # recorded elsewhere after the read ahead
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.query_one(Calendar).first is not None  # drawn with its first frame, not after a read
        assert len(screen.query_one("#sessions").rows) in (2, 3)
        for _ in range(40):
            await pilot.pause(0.05)
            if len(screen.query_one("#sessions").rows) == 3:
                break
        assert "Another Supple" in "\n".join(screen_lines(app))
    writer.close()


async def test_leaving_before_the_second_read_arrives_leaves_the_log_writing(clock):
    seed({(TODAY - date.today()).days: [("Mobility", 8, "completed")]})
    app, writer = app_with_writer(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await read_ahead(pilot, app)
        release = __import__("threading").Event()
        writer.submit(lambda conn: release.wait(5))  # the log's thread busy: the screen's second read waits
        await pilot.press("h")
        await pilot.pause(0.1)
        await pilot.press("escape")  # gone before its second read comes back
        assert isinstance(app.screen, PickerScreen)
        release.set()
        done = []
        writer.submit(lambda conn: conn.execute("SELECT count(*) FROM sessions").fetchone(), done.append)
        for _ in range(40):
            await pilot.pause(0.05)
            if done:
                break
        assert done == [(1,)]  # the writer outlived the screen's late answer
        assert app.is_running
    writer.close()


def test_each_month_is_named_above_the_week_its_first_day_is_in():
    from datetime import date

    calendar = Calendar()
    calendar.show(date(2026, 10, 12), 8, {}, date(2026, 12, 6))  # Mondays up to Nov 30; Dec 1 is a Tuesday
    months = str(calendar.render()).splitlines()[0]
    assert months.split() == ["Nov", "Dec"]
    assert months.index("Dec") == 2 + 2 * 7  # above the last week, the one Dec 1 is in


def test_pain_is_drawn_on_0_to_10_and_the_worst_is_never_lost():
    from app.ui.widgets.pain_strip import pain_row

    assert pain_row([2], 10) == "▂"  # one low check-in is a low bar, not a full one
    assert pain_row([2, 10], 10) == "▂█"  # a 2 beside a 10 is still a 2, not a 0
    assert pain_row([0, 5], 10) == " ▄"
    assert pain_row([1, 9, 1, 1], 2) == "▇▁"  # narrower than the check-ins: each bar the worst it stands for
    assert pain_row([], 10) == ""


async def test_a_check_in_made_alone_is_listed_with_the_sessions(clock):
    from datetime import datetime

    from app.log.checkins import record

    seed(SEEDED)
    conn = connect(db_path())
    record(conn, 9, ("lower back",), at=datetime(2026, 11, 25, 20, 15).astimezone())  # the worst, with no session
    conn.close()
    app, _ = build(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, app)
        table = screen.query_one("#sessions")
        assert table.cells(0) == ["2026-11-25 20:15", "(check-in alone)", "", "", "9", "check-in"]
        assert table.cells(1)[:2] == ["2026-11-25 07:30", "Mobility"]  # in time order with the sessions


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_table_keeps_its_columns_and_the_side_its_words_at_every_size(clock, size):
    """At 60x20 the heading wrapped under itself, Pain and Outcome went past the edge, and the side's words were
    cut: the routine's column gives way instead, and the side's words fit."""
    seed(SEEDED)
    seed_checkins()
    app, _ = build(clock)
    async with app.run_test(size=size) as pilot:
        await pilot.resize_terminal(*size)
        await open_history(pilot, app)
        await pilot.pause()
        shown = screen_lines(app)
        heading = next(line for line in shown if line.lstrip().startswith("When"))
        assert heading.split() == ["When", "Routine", "Time", "Steps", "Pain", "Outcome"]
        assert any(line.rstrip().endswith("interrupted") for line in shown), "\n".join(shown)
        text = "\n".join(shown)
        for words in ("1 week in a row, 2+ a week", "Minutes a week, 12 weeks", "this week 61 min · most 61"):
            assert words in text, text


async def test_r_shows_each_routines_trend_as_sparklines_and_back(clock):
    seed(SEEDED)
    seed_checkins()
    app, _ = build(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, app)
        await pilot.press("r")
        trends = screen.query_one("#trends")
        assert trends.display and not screen.query_one("#sessions").display
        rows = [trends.cells(i) for i in range(len(trends.rows))]
        assert [row[0] for row in rows] == ["Mobility", "Cooldown"]  # the one run last first
        assert rows[0][1] == "5" and rows[0][2] == "·········▃·█ 61"  # 7 min, then 49 this week (8 + 6 + 35)
        assert rows[0][3] == "▄" and rows[1][3] == "-"  # pain 5 after one Mobility; no check-in after Cooldown
        assert rows[1][2] == "·········▂▁▃ 20"  # on Mobility's scale: 12 minutes is a quarter of 49, not a full bar
        shown = "\n".join(screen_lines(app))
        assert "Minutes, 12 weeks" in shown and "·········▃·█ 61" in shown and "r  By session" in shown
        await pilot.press("r")
        assert screen.query_one("#sessions").display and not trends.display
        assert "r  By routine" in "\n".join(screen_lines(app))
