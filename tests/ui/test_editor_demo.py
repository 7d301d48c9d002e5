"""The editor offers the moves for a step's demo and plays the chosen one; what a file names is never lost."""

from __future__ import annotations

from textual.widgets import Select

from app.routine.routine_file import load_routine
from app.ui.widgets.move_show import MoveShow
from tests.ui.editor_helpers import error_of
from tests.ui.helpers import build, screen_lines, until
from tests.ui.test_editor import SIZE
from tests.ui.test_editor_files import user_routine, wait_for

DEMOS = """\
name = "Demos"
[[steps]]
name = "Circles"
duration = 30
demo = "hip-circles"
[[steps]]
name = "Odd one"
duration = 30
demo = "cobra"
[[steps]]
name = "Plain"
duration = 30
"""
BRAILLE = range(0x2801, 0x2900)


def dots(app) -> int:
    return sum(1 for row in screen_lines(app) for char in row if ord(char) in BRAILLE)


async def opened(pilot, app) -> None:
    while app.screen._highlighted().ref != "user:demos":
        await pilot.press("down")
    await pilot.press("e")
    await until(pilot, lambda: type(app.screen).__name__ == "EditorScreen")


async def test_the_chosen_move_plays_and_a_new_choice_is_saved(clock):
    path = user_routine(DEMOS, "demos")
    app, _ = build(clock, library=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        assert app.screen.query_one("#demo", Select).value == "hip-circles"
        await until(pilot, lambda: dots(app) > 10)  # its figure, playing under the choice
        app.screen.query_one("#demo", Select).value = "side-bends"
        await until(pilot, lambda: app.screen.query_one(MoveShow).items == [("", "side-bends")])
        await until(pilot, lambda: str(app.screen.query_one("#show-caption").content) == "Side bends, one repetition")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen.saved_ref == "user:demos")
    assert [step.demo for step in load_routine(path, "demos.toml").steps] == ["side-bends", "cobra", None]


async def test_a_name_that_is_not_a_move_is_kept_and_said(clock):
    """A step whose demo no move has (a file from a later Supple, say) shows none, says why, and keeps it."""
    user_routine(DEMOS, "demos")
    app, _ = build(clock, library=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        editor = app.screen
        editor.draft.steps[0].demo = "hip-circle"
        editor._load_step()
        editor._changed()
        await until(pilot, lambda: 'did you mean "hip-circles"' in error_of(app, "demo"))
        assert editor.query_one("#demo", Select).value is Select.NULL  # shown as none...
        await pilot.pause()
        assert [step.demo for step in editor.draft.steps] == ["hip-circle", "cobra", ""]  # ...and kept


async def test_opening_and_saving_keeps_every_demo(clock):
    path = user_routine(DEMOS, "demos")
    before = load_routine(path)
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen.saved_ref == "user:demos")
    assert load_routine(path) == before
