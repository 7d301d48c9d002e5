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


def test_every_checkbox_of_the_app_is_a_tick():
    """The back check-in had a checkbox class of its own, on Textual's: all its boxes showed an X, ticked or
    not. Read from the source, so a new screen's checkbox is held to it too."""
    import ast
    from pathlib import Path

    import app.ui

    found = []
    for path in Path(app.ui.__file__).parent.rglob("*.py"):
        if path.name == "tick.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "Checkbox" for b in node.bases):
                found.append(f"{path.name}: class {node.name}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Checkbox":
                found.append(f"{path.name}:{node.lineno}")
    assert not found, found


async def test_the_back_check_in_marks_only_the_places_ticked():
    from app.ui.screens.checkin import CheckInScreen
    from tests.ui.helpers import until

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(CheckInScreen())

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CheckInScreen) and bool(app.screen.query(Tick)))
        assert not any("X" in line for line in screen_lines(app) if "Lower back" in line or "down a leg" in line)
        app.screen.query_one("#leg", Tick).focus()
        await pilot.press("space")
        await until(pilot, lambda: any("X" in line and "down a leg" in line for line in screen_lines(app)))
