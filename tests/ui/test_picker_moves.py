"""The picker's preview plays the highlighted routine's moves in turn, in the room under its steps."""

from __future__ import annotations

from app.ui.widgets.move_show import SHOWN_FOR, MoveShow
from tests.ui.helpers import build, screen_lines, until

BRAILLE = range(0x2801, 0x2900)


def dots(app) -> int:
    return sum(1 for row in screen_lines(app) for char in row if ord(char) in BRAILLE)


def caption(app) -> str:
    return str(app.screen.query_one("#show-caption").content)


async def test_the_steps_moves_play_in_turn_under_the_preview(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: dots(app) > 10)
        assert caption(app) == "1. March in place"
        show = app.screen.query_one(MoveShow)
        clock.advance(SHOWN_FOR + 0.1)
        show.frame()
        assert caption(app) == "2. Arm circles"
        await pilot.press("enter")  # a session on top: the picker's figure stops drawing
        await until(pilot, lambda: type(app.screen).__name__ == "SessionScreen")
        await until(pilot, lambda: not show._frames._active.is_set())  # at its next frame, at most 0.1 s on


async def test_no_room_no_figure_and_the_text_keeps_its_rows(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.query_one(MoveShow).display and dots(app) == 0


async def test_reduced_motion_holds_one_pose(clock):
    app, _ = build(clock, library=True)
    app.settings = app.settings._replace(reduced_motion=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: dots(app) > 10)
        figure = str(app.screen.query_one("#show-figure").content)
        clock.advance(0.5)
        app.screen.query_one(MoveShow).frame()
        assert str(app.screen.query_one("#show-figure").content) == figure
