"""The settings' and the editor's checkboxes say in text whether they are on, not by colour alone."""

from __future__ import annotations

from textual.app import App, ComposeResult

from app.ui.widgets.tick import Tick
from tests.ui.helpers import screen_lines


class Two(App[None]):
    def compose(self) -> ComposeResult:
        yield Tick("Sound cues", True, id="on", compact=True)
        yield Tick("Reduced motion", False, id="off", compact=True)


async def test_the_mark_is_there_only_when_on_and_follows_a_press():
    app = Two()
    async with app.run_test(size=(40, 4)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert "X" in lines[0] and "Sound cues" in lines[0]
        assert "X" not in lines[1] and "Reduced motion" in lines[1]
        app.query_one("#off", Tick).focus()
        await pilot.press("space")
        await pilot.pause()
        assert app.query_one("#off", Tick).value and "X" in screen_lines(app)[1]
