"""A new second is drawn on a frame of its own: the new step's layout waits until it is on screen."""

from __future__ import annotations

from textual.app import App, ComposeResult

from app.ui.screens.session import SessionScreen
from app.ui.widgets import drawn
from app.ui.widgets.big_clock import BigClock
from app.ui.widgets.top_bar import TopBar
from tests.ui.helpers import SHORT, build, text_of

SIZE = (100, 30)


async def test_at_a_step_change_the_new_second_is_drawn_before_the_step_is_laid_out(clock, monkeypatch):
    order: list[tuple[str, str]] = []
    real_render, real_view = BigClock.render, SessionScreen.render_view
    monkeypatch.setattr(BigClock, "render", lambda self: order.append(("clock drawn", self.value)) or real_render(self))
    monkeypatch.setattr(
        SessionScreen, "render_view", lambda self: order.append(("step shown", self.engine.index)) or real_view(self)
    )
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock.advance(5.0)  # the end of GET READY: Arm swings starts, 0:20 on the clock
        order.clear()
        app.screen.tick()
        await pilot.pause()
        started = app.screen.engine.index  # the work segment just begun
        assert order.index(("clock drawn", "0:20")) < order.index(("step shown", started))
        assert text_of(app, "#phase") == "WORK" and text_of(app, "#clock") == "0:20"
        assert text_of(app, "#bar").endswith("0:05 / 1:30")


class Two(App[None]):
    def compose(self) -> ComposeResult:
        yield BigClock(id="shown")
        yield TopBar("t", id="hidden")


async def test_work_waits_for_every_widget_to_be_drawn_but_not_for_one_without_room():
    app = Two()
    async with app.run_test(size=(40, 10)) as pilot:
        shown, hidden = app.query_one("#shown", BigClock), app.query_one("#hidden", TopBar)
        ran: list[str] = []
        shown.update("1:23")
        drawn.when_all_drawn([shown], lambda: ran.append("one"))
        assert ran == []  # not before the frame
        await pilot.pause()
        assert ran == ["one"]
        hidden.display = False  # as a clock with no room on a tiny terminal: no frame will draw it
        await pilot.pause()
        drawn.when_all_drawn([hidden], lambda: ran.append("at once"))
        assert ran == ["one", "at once"]


async def test_a_widget_no_frame_draws_runs_each_callback_at_its_own_latest(monkeypatch):
    monkeypatch.setattr(drawn, "DRAWN_LATEST", 0.3)
    app = Two()
    async with app.run_test(size=(40, 10)) as pilot:
        shown = app.query_one("#shown", BigClock)
        monkeypatch.setattr(shown, "_rendering", lambda: None)  # its frames never say they drew it
        ran: list[str] = []
        shown.when_drawn(lambda: ran.append("first"))
        await pilot.pause(0.15)
        shown.when_drawn(lambda: ran.append("second"))
        await pilot.pause(0.25)
        assert ran == ["first"]  # the first one's fallback ran it, and not the second, asked for later
        await pilot.pause(0.3)
        assert ran == ["first", "second"]


async def test_a_key_changes_the_whole_screen_at_once(clock, monkeypatch):
    from app.ui.screens import session as session_screen

    held = []
    monkeypatch.setattr(session_screen, "when_all_drawn", lambda widgets, then: held.append(then))
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = len(held)  # the session's start, on the second
        await pilot.press("n")  # on to the next step by hand: nothing waits for a frame
        await pilot.pause()
        assert len(held) == before and text_of(app, "#phase") == "WORK"  # from GET READY
