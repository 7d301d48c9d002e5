"""A history row opens to its session part by part, with its check-in: from a session run and logged for real."""

from __future__ import annotations

import sqlite3

from app.log.checkins import record
from app.log.store import db_path
from app.ui.screens.history import HistoryScreen
from app.ui.screens.session_detail import SessionDetailScreen
from app.ui.screens.summary import SummaryScreen
from app.ui.widgets.session_table import SessionTable
from tests.ui.helpers import SHORT, build, screen_lines, text_of, until
from tests.ui.test_log_ui import app_with_log
from tests.ui.test_session import advance


async def run_and_stop_a_session(clock) -> int:
    """SHORT: the arm swings done, the first leg swing cut short, the rest never reached; stopped. Its id."""
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, 5.2 + 20 + 5 + 4, step=1)  # into the first leg swing
        await pilot.press("q")
        await until(pilot, lambda: type(app.screen).__name__ == "StopSessionScreen")
        await pilot.press("y")
        await until(pilot, lambda: type(app.screen).__name__ in ("CheckInScreen", "SummaryScreen"))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
    writer.close()
    conn = sqlite3.connect(db_path())
    (session_id,) = conn.execute("SELECT id FROM sessions").fetchone()
    record(conn, 6, ("lower back",), leg=True, note="after deadlifts", session_id=session_id)
    record(conn, 2, note="a check-in alone")
    conn.close()
    return session_id


async def open_detail(pilot, app, key: tuple[str, int]) -> SessionDetailScreen:
    """Open the history, move its cursor to the row of `key` with the arrows, press Enter."""
    await pilot.press("h")
    await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and key in app.screen.keys)
    app.screen.query_one("#sessions", SessionTable).focus()
    await pilot.pause()
    for _ in range(app.screen.keys.index(key)):
        await pilot.press("down")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, SessionDetailScreen) and app.screen.detail is not None)
    return app.screen


async def test_enter_on_a_session_shows_its_parts_results_and_check_in(clock):
    session_id = await run_and_stop_a_session(clock)
    app, _ = build(clock, library=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_detail(pilot, app, ("session", session_id))
        assert "Short test routine" in text_of(app, "#detail-title")
        summary = text_of(app, "#detail-summary")
        assert summary == "Stopped: 1 of 3 steps done\nTime 0:34 of 1:30 planned", summary
        assert text_of(app, "#detail-checkin") == (
            "Check-in: pain 6 of 10, lower back, down a leg\nNote: after deadlifts"
        )
        table = screen.query_one("#detail-parts", SessionTable)
        rows = [table.cells(i) for i in range(len(table.rows))]
        assert rows[0][0] == "1. Arm swings" and rows[0][-1] == "done" and rows[0][4] == "0:20"
        assert rows[1][:3] == ["2. Leg swings", "left", "1"] and rows[1][-1] == "cut short"
        await pilot.press("escape")  # back to the history, the cursor where it was
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        assert app.screen.query_one("#sessions", SessionTable).cursor == app.screen.keys.index(("session", session_id))


async def test_a_check_in_alone_opens_to_itself_and_a_click_opens_a_row(clock):
    await run_and_stop_a_session(clock)
    app, _ = build(clock, library=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.keys)
        rows = app.screen.query_one("#sessions .session-rows")
        await pilot.click(rows, offset=(2, app.screen.keys.index(("checkin", 2))))  # the check-in alone
        await until(pilot, lambda: isinstance(app.screen, SessionDetailScreen) and app.screen.detail is not None)
        assert text_of(app, "#detail-summary") == "A check-in alone."
        assert text_of(app, "#detail-checkin") == "Check-in: pain 2 of 10\nNote: a check-in alone"
        assert not app.screen.query_one("#detail-parts").display


async def test_a_session_deleted_meanwhile_is_said_not_a_crash(clock):
    session_id = await run_and_stop_a_session(clock)
    app, _ = build(clock, library=True)
    async with app.run_test(size=(60, 20)) as pilot:
        app.push_screen(SessionDetailScreen(("session", session_id + 100)))
        await until(pilot, lambda: "no longer in the log" in text_of(app, "#detail-summary"))
        assert "no longer in the log" in "\n".join(screen_lines(app))
