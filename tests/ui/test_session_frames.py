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
    monkeypatch.setattr(SessionScreen, "render_view",
                        lambda self: order.append(("step shown", self.engine.index)) or real_view(self))
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


async def test_work_waits_for_every_widget_to_be_drawn_and_never_for_ever(monkeypatch):
    monkeypatch.setattr(drawn, "DRAWN_LATEST", 0.2)
    app = Two()
    async with app.run_test(size=(40, 10)) as pilot:
        shown, hidden = app.query_one("#shown", BigClock), app.query_one("#hidden", TopBar)
        ran: list[str] = []
        shown.update("1:23")
        drawn.when_all_drawn([shown], lambda: ran.append("one"))
        assert ran == []  # not before the frame
        await pilot.pause()
        assert ran == ["one"]
        hidden.display = False  # no frame will draw it
        drawn.when_all_drawn([shown, hidden], lambda: ran.append("both"))
        await pilot.pause()
        assert ran == ["one"]
        await pilot.pause(0.4)
        assert ran == ["one", "both"]  # at the latest after DRAWN_LATEST, and once
        await pilot.pause(0.3)
        assert ran == ["one", "both"]
