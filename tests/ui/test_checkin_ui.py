"""The check-in after a session and from the picker, the advice, and the build-up, in Pilot on a real log."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from app.log import build_up
from app.log.checkins import record
from app.log.store import connect, db_path
from app.ui.screens.build_up import BuildUpScreen
from app.ui.screens.checkin import AdviceScreen, CheckInScreen
from app.ui.screens.picker import PickerScreen
from app.ui.screens.session import SessionScreen
from app.ui.screens.summary import SummaryScreen
from tests.ui.helpers import SHORT, text_of, top_line
from tests.ui.test_log_ui import app_with_log, until
from tests.ui.test_session import advance

SIZE = (100, 34)


def checkins() -> list[tuple]:
    return sqlite3.connect(db_path()).execute("SELECT pain, places, leg, note, session_id FROM checkins").fetchall()


async def finish(pilot, clock) -> None:
    await advance(pilot, clock, 100, step=1)
    await pilot.press("space")  # the open last step, done
    await until(pilot, lambda: isinstance(pilot.app.screen, CheckInScreen))


async def test_after_a_session_a_digit_and_enter_is_a_check_in(clock):
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await finish(pilot, clock)
        assert isinstance(app.screen_stack[-2], SummaryScreen)  # over the summary
        await pilot.press("3", "enter")
        await until(
            pilot, lambda: isinstance(app.screen, SummaryScreen) and app.screen.query_one("#summary-care").display
        )
        assert text_of(app, "#summary-care") == "Check-in: pain 3"
    writer.close()
    assert checkins() == [(3, "", 0, "", 1)]  # tied to the session it follows


async def test_t_is_ten_places_and_a_leg_and_the_advice_shows_on_the_summary(clock):
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await finish(pilot, clock)
        await pilot.press("t")
        screen = app.screen
        screen.query_one("#place-lower-back").value = True
        screen.query_one("#leg").value = True
        screen.query_one("#note").value = "[@click=app.quit]sharp[/]"
        await pilot.press("enter")
        await until(
            pilot, lambda: isinstance(app.screen, SummaryScreen) and app.screen.query_one("#summary-care").display
        )
        care = text_of(app, "#summary-care")
        assert care.startswith("Check-in: pain 10, lower back, down a leg")
        assert "Warning signs: pain of 7 or more (10); pain spreading down a leg, in the last 14 days (" in care
        assert "see a doctor" in care and "Supple is a timer, not a diagnosis." in care
        assert app.is_running  # the note's markup was kept as text, never run
    writer.close()
    assert checkins()[0][:4] == (10, "lower back", 1, "[@click=app.quit]sharp[/]")


async def test_esc_skips_and_nothing_is_stored(clock):
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await finish(pilot, clock)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
    writer.close()
    assert checkins() == []


async def test_enter_without_a_number_asks_for_one(clock):
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=SIZE) as pilot:
        await finish(pilot, clock)
        await pilot.press("enter")
        assert isinstance(app.screen, CheckInScreen) and "Choose a number first" in text_of(app, "#pain-error")
        assert app.screen.query_one("#pain-error").display  # its row shows once there is something to say
        await pilot.press("right", "right", "enter")  # arrows choose too: 0, then 1
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
    writer.close()
    assert checkins()[0][0] == 1


async def test_the_setting_turns_the_check_in_off(clock):
    from app.settings import Settings

    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    app.settings = Settings(checkin=False)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 100, step=1)
        await pilot.press("space")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.pause(0.2)
        assert isinstance(app.screen, SummaryScreen)
    writer.close()


def seed_warning() -> None:
    conn = connect(db_path())
    now = datetime.now().astimezone()
    for back in (3, 2, 1):
        record(conn, 5, ("lower back",), at=now - timedelta(days=back))
    conn.close()


async def test_the_picker_shows_the_advice_line_until_acknowledged_and_c_checks_in(clock):
    seed_warning()
    app, writer = app_with_log(clock)
    writer.start()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query_one("#picker-warning").display)
        line = text_of(app, "#picker-warning-text")
        assert line.startswith("⚠ Warning sign: 3 of your last 3 check-ins had pain of 4 or more")
        assert text_of(app, "#picker-warning-key") == "w: read it"
        await pilot.press("w")
        assert isinstance(app.screen, AdviceScreen)
        await pilot.press("enter")
        await until(
            pilot, lambda: isinstance(app.screen, PickerScreen) and not app.screen.query_one("#picker-warning").display
        )
        await pilot.press("c")
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("8", "enter")
        await until(
            pilot, lambda: isinstance(app.screen, PickerScreen) and app.screen.query_one("#picker-warning").display
        )  # a new check-in brings it back
    writer.close()
    assert [row[0] for row in checkins()] == [5, 5, 5, 8]


async def test_the_picker_s_line_names_the_new_sign_not_one_already_read_and_keeps_its_key_whole(clock):
    """A pain of 10 read and acknowledged; then a check-in of 2 down a leg: the line names the leg, in one
    piece with its key at 80 columns (it named the old pain of 10, and wrapped "w:" from "read it")."""
    conn = connect(db_path())
    record(conn, 10, ("lower back",), at=datetime.now().astimezone() - timedelta(days=1))
    conn.close()
    app, writer = app_with_log(clock)
    writer.start()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#picker-warning").display)
        assert "pain of 7 or more (10)" in text_of(app, "#picker-warning-text")
        await pilot.press("w", "enter")  # read
        await until(pilot, lambda: not app.screen.query_one("#picker-warning").display)
        await pilot.press("c")
        await pilot.press("2")
        await pilot.click("#leg")
        await pilot.press("enter")
        await until(
            pilot, lambda: isinstance(app.screen, PickerScreen) and app.screen.query_one("#picker-warning").display
        )
        line = text_of(app, "#picker-warning-text")
        assert line.startswith("⚠ Warning sign: pain spreading down a leg.") and "10" not in line
        key = app.screen.query_one("#picker-warning-key")
        assert str(key.render()) == "w: read it" and key.region.height == 1 and key.region.right <= 80
    writer.close()


async def test_a_build_up_set_in_the_picker_is_the_session_s_scale(clock):
    app, writer = app_with_log(clock)
    writer.start()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("b")  # Quick warm-up is highlighted
        await until(pilot, lambda: isinstance(app.screen, BuildUpScreen))
        await pilot.press("ctrl+s")  # the proposed 0.7, +0.05, 1.0
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and "70 %" in text_of(app, "#preview"))
        assert "For this run: 70 %, started: 70 % up to 100 %" in " ".join(text_of(app, "#preview").split())
        await pilot.press("enter")  # starts once the log has said the build-ups as they are now
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.engine.plan.scale == 0.7
        assert "70 % building up" in top_line(app)
    writer.close()
    conn = connect(db_path())
    assert build_up.get(conn, "bundled:quick-warmup").scale == 0.7


FIXED = datetime(2026, 11, 25, 18, 30).astimezone()


def test_picker_with_the_advice_line_snapshot(snap_compare, clock, monkeypatch):
    from app.log import checkins as module

    monkeypatch.setattr(module, "wall_now", lambda: FIXED)
    conn = connect(db_path())
    for back, pain in ((4, 5), (2, 6), (1, 5)):
        record(conn, pain, ("lower back",), at=FIXED - timedelta(days=back))
    conn.close()
    app, writer = app_with_log(clock)
    writer.start()

    async def run_before(pilot) -> None:
        await until(pilot, lambda: pilot.app.screen.query_one("#picker-warning").display)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    writer.close()


def test_summary_with_the_advice_snapshot(snap_compare, clock, monkeypatch):
    from app.log import checkins as module

    monkeypatch.setattr(module, "wall_now", lambda: FIXED)
    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")

    async def run_before(pilot) -> None:
        await pilot.pause(0.2)
        await finish(pilot, clock)
        await pilot.press("8", "enter")
        await until(
            pilot,
            lambda: isinstance(pilot.app.screen, SummaryScreen) and pilot.app.screen.query_one("#summary-care").display,
        )
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    writer.close()


async def test_the_open_list_sees_a_build_up_started_from_the_shell(clock):
    """A build-up started with `supple build-up` while the list is open: the preview says it once the terminal
    is in front again, and Enter runs at it (it ran at 100 % while saying 100 %, then 70 % at the next start)."""
    from textual import events

    app, writer = app_with_log(clock)
    writer.start()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "4 min 58 s" in text_of(app, "#preview"))
        conn = connect(db_path())  # what `supple build-up quick-warmup --start 0.7` does, from another process
        build_up.start(conn, "bundled:quick-warmup", 0.7, 0.05, 1.0)
        conn.close()
        app.post_message(events.AppFocus())  # back from the shell
        await until(pilot, lambda: "70 %" in text_of(app, "#preview"))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.engine.plan.scale == 0.7
    writer.close()


async def test_enter_runs_at_the_build_up_the_log_has_even_before_the_list_looked_again(clock):
    app, writer = app_with_log(clock)
    writer.start()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "4 min 58 s" in text_of(app, "#preview"))
        conn = connect(db_path())
        build_up.start(conn, "bundled:quick-warmup", 0.8, 0.05, 1.0)
        conn.close()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.engine.plan.scale == 0.8 and "80 %" in top_line(app)
    writer.close()


async def test_the_open_list_sees_a_build_up_and_a_check_in_made_from_the_shell_unasked(clock):
    """With no key and no focus change: the list looks at the log every few seconds and reads it again when it
    changed, so the preview says a build-up started from the shell, and the warning line a new check-in."""
    app, writer = app_with_log(clock)
    writer.start()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "4 min 58 s" in text_of(app, "#preview"))
        conn = connect(db_path())  # `supple build-up quick-warmup --start 0.7`, `supple checkin 9 --leg`
        build_up.start(conn, "bundled:quick-warmup", 0.7, 0.05, 1.0)
        record(conn, 9, ("lower back",), leg=True)
        conn.close()
        await until(pilot, lambda: "70 %" in text_of(app, "#preview"))
        await until(pilot, lambda: app.screen.query_one("#picker-warning").display)
        assert "down a leg" in text_of(app, "#picker-warning-text")
    writer.close()


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_check_in_s_buttons_show_without_scrolling(clock, size):
    from tests.ui.helpers import screen_lines

    app, writer = app_with_log(clock, start=SHORT, start_ref="user:short")
    async with app.run_test(size=size) as pilot:
        await finish(pilot, clock)
        assert isinstance(app.screen, CheckInScreen)
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Save (Enter)" in shown and "Skip (Esc)" in shown and "How does your back feel" in shown, shown
        assert not set("╭╮╰╯") & set(shown), shown  # the summary's frame does not show round the box
    writer.close()


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_build_up_dialogs_buttons_show_without_scrolling_and_an_error_takes_a_row_only_then(clock, size):
    from textual.widgets import Input

    from app.log.build_up import BuildUp
    from app.ui.screens.build_up import BuildUpScreen
    from tests.ui.helpers import build, screen_lines, until

    app, _ = build(clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        now = BuildUp("user:x", 0.7, 0.05, 1.0, 0.8, False, "2026-11-25T18:30:00+01:00")
        app.push_screen(BuildUpScreen("Quick warm-up", now))
        await until(pilot, lambda: isinstance(app.screen, BuildUpScreen))
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Start (Ctrl+S)" in shown and "Turn off" in shown and "Cancel (Esc)" in shown, shown
        app.screen.query_one("#step", Input).value = "0"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen.query_one("#build-up-error").display)
        assert isinstance(app.screen, BuildUpScreen)
