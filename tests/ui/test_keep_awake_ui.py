"""The screen is kept awake while a session runs, through a long pause's first minutes, and never after."""

from __future__ import annotations

from app.session.keep_awake import KeepAwake, Recording
from app.sound.output import Recorder
from app.ui.app import make_app
from tests.ui.helpers import SHORT, bundled, top_line, until

SIZE = (80, 24)


def build_with(clock, works: bool = True, start=SHORT):
    backend = Recording(works)
    app = make_app(
        load_entries=bundled, clock=clock, sound=Recorder(), start=start, keep_awake=KeepAwake(backend, hold=True)
    )  # as the CLI builds it
    return app, backend


async def test_held_while_running_released_after_a_long_pause_and_held_again(clock, monkeypatch):
    monkeypatch.setattr("app.ui.screens.session.PAUSE_AWAKE", 0.3)
    app, backend = build_with(clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: backend.held)
        await pilot.press("space")  # paused: still awake for a while (a drink), then it may sleep
        await until(pilot, lambda: backend.asked == ["hold", "release"])
        assert "screen may sleep" not in top_line(app)  # let go on purpose: nothing to warn of
        await pilot.press("space")
        await until(pilot, lambda: backend.asked == ["hold", "release", "hold"] and backend.held)


async def test_a_short_pause_keeps_it(clock, monkeypatch):
    monkeypatch.setattr("app.ui.screens.session.PAUSE_AWAKE", 30)
    app, backend = build_with(clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: backend.held)
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert app.keep_awake.settle(5) and backend.asked == ["hold"] and backend.held


async def test_released_when_the_session_is_stopped_and_not_held_on_the_summary_or_the_picker(clock):
    app, backend = build_with(clock, start=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.keep_awake.settle(5) and backend.asked == []  # the picker: the screen may sleep
        await pilot.press("enter")
        await until(pilot, lambda: backend.held)
        await pilot.press("q")
        await until(pilot, lambda: type(app.screen).__name__ == "StopSessionScreen")
        await pilot.press("y")
        await until(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
        await until(pilot, lambda: backend.asked == ["hold", "release"] and not backend.held)


async def test_released_when_the_app_quits_mid_session(clock):
    app, backend = build_with(clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: backend.held)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: type(app.screen).__name__ == "StopSessionScreen")
        await pilot.press("y")
        await pilot.pause()
    app.keep_awake._thread.join(5)  # the app's end let it go and ended the thread, without waiting on it
    assert backend.asked == ["hold", "release"] and not backend.held


async def test_the_top_line_says_when_the_screen_may_sleep(clock, monkeypatch):
    monkeypatch.setattr("app.ui.screens.session.PAUSE_AWAKE", 0.3)
    app, backend = build_with(clock, works=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "screen may sleep" in top_line(app))
        await pilot.press("space")  # a long pause: letting it sleep was the plan, so the warning goes
        await until(pilot, lambda: "screen may sleep" not in top_line(app))
