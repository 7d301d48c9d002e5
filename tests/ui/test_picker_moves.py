"""The picker's preview plays the highlighted routine's moves in turn, in the room under its steps."""

from __future__ import annotations

from app.ui.text import plain
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


async def test_the_turns_start_at_the_first_step_when_some_moves_were_read_before(clock, monkeypatch):
    """A session read a few of the routine's moves already: the preview waits for the rest, then starts at 1."""
    import threading

    import app.moves.move_file as move_module
    import app.ui.widgets.move_show as move_show
    from app.ui.widgets import move_figure

    monkeypatch.setattr(move_figure, "READ", dict(move_module.moves_for_session(["trunk-rotation", "inchworm"])))
    monkeypatch.setattr(move_show, "READ", move_figure.READ)
    gate = threading.Event()  # the rest are read only once the test lets them
    reading = move_module.moves_for_session
    monkeypatch.setattr(move_module, "moves_for_session", lambda names: gate.wait(10) and reading(names))
    shown: list[str] = []  # every caption the preview writes
    monkeypatch.setattr(move_show, "plain", lambda text: shown.append(text) or plain(text))
    app, _ = build(clock, library=True)
    async with app.run_test(size=(120, 40)) as pilot:
        show = app.screen.query_one(MoveShow)
        await until(pilot, lambda: show.display and show.query_one("#show-figure").content_size.height > 8)
        show.frame()  # a frame while the rest are still being read: nothing yet
        assert shown == [] and dots(app) == 0
        gate.set()
        await until(pilot, lambda: dots(app) > 10)
        assert set(shown) == {"1. March in place"}  # never a later step's first, from a part of them
