"""Every screen from 40x12 (usable, no crash) to 120x40 (good): the essentials stay on screen."""

from __future__ import annotations

import pytest

from app.ui.screens.session import SessionScreen
from app.ui.screens.summary import SummaryScreen
from tests.ui.helpers import SHORT, build, until


def screen_text(app) -> str:
    """The rendered screen as plain text, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [(40, 12), (60, 16), (80, 24), (120, 40)])
async def test_session_at_size(size, clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")
        clock.advance(3)
        app.screen.tick()
        await pilot.pause()
        text = screen_text(app)
        assert "WORK" in text and "Arm swings" in text
        await pilot.press("space", "space", "g", "escape", "n", "n", "q", "n")
        assert isinstance(app.screen, SessionScreen)


@pytest.mark.parametrize("size", [(40, 12), (120, 40)])
async def test_picker_and_summary_at_size(size, clock):
    app, _ = build(clock)
    async with app.run_test(size=size) as pilot:
        assert "Quick warm-up" in screen_text(app)
        await pilot.press("enter", "q", "y")  # a session from the list, stopped
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert "STOPPED" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: "Quick warm-up" in screen_text(app))


@pytest.mark.parametrize("size", [(40, 14), (60, 20)])
async def test_the_stop_question_s_buttons_are_whole_on_a_small_terminal(size, clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=size) as pilot:
        await pilot.press("q")
        await pilot.pause()
        text = screen_text(app)
        assert "Stop (y)" in text and "Keep going (n)" in text, text


async def test_the_plan_preview_keeps_its_rows_whole_on_a_small_terminal(clock):
    app, _ = build(clock)
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.press("e", "f2")
        await pilot.pause()
        rows = screen_text(app).splitlines()
        header = next(row for row in rows if "TIME" in row)
        assert "SEGMENT" in header and "STEP" in header  # one row, not wrapped onto the next
        assert not any(row.strip("█ ").startswith("SIDE") for row in rows)
        plan = app.screen.query_one("#plan-scroll")
        assert plan.max_scroll_x > 0  # the rest is a sideways scroll away


@pytest.mark.parametrize("width", [4, 10, 14, 39])
async def test_below_the_smallest_size_every_screen_asks_for_room_and_none_crashes(width, clock):
    """The jump dialog, the palette and the save question raised ValueError inside Rich at 4 to 14 columns:
    below 40x12 one plain line asks for a larger terminal, over everything, and goes when there is room."""
    from app.ui.screens.dialogs import JumpScreen
    from app.ui.screens.too_small import TooSmallScreen

    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, JumpScreen))
        await pilot.resize_terminal(width, 10)
        await until(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        assert "Make the terminal larger" in str(app.screen.query_one("#too-small").render())
        await pilot.press("ctrl+p", "f1")  # the palette and the help open nothing at that size
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: not isinstance(app.screen, TooSmallScreen))
        assert any(isinstance(s, JumpScreen) for s in app.screen_stack)  # what was there is there again


async def test_the_palette_open_when_the_terminal_shrinks_closes_and_nothing_crashes(clock):
    from textual.command import CommandPalette

    from app.ui.screens.too_small import TooSmallScreen

    app, _ = build(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await until(pilot, lambda: CommandPalette.is_open(app))
        await pilot.resize_terminal(6, 6)
        await until(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        await pilot.resize_terminal(60, 20)
        await until(pilot, lambda: not isinstance(app.screen, TooSmallScreen) and not CommandPalette.is_open(app))


async def test_a_start_in_a_tiny_terminal_asks_for_room(clock):
    from app.ui.screens.too_small import TooSmallScreen

    app, _ = build(clock)
    async with app.run_test(size=(20, 8)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TooSmallScreen))
