"""The help dialog fits small terminals and scrolls to its last line."""

from __future__ import annotations

import pytest

from app.ui.screens.help import HelpScreen
from tests.ui.helpers import build, screen_lines


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_help_scrolls_to_its_end(clock, size):
    app, _ = build(clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("#help-keys")
        assert "Supple is a timer, not a diagnosis." not in "\n".join(screen_lines(app))  # not all fits
        await pilot.pause()
        assert "In the list of routines" in "\n".join(screen_lines(app))  # opened at the picker's keys
        await pilot.press("home", "down")
        assert scroll.scroll_y == 1
        await pilot.press("pagedown")
        assert scroll.scroll_y > 1
        await pilot.press("end")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Supple is a timer, not a diagnosis." in shown
        await pilot.press("home")
        await pilot.pause()
        assert "In the list of routines" in "\n".join(screen_lines(app))


async def test_the_picker_s_help_lists_its_keys_then_the_session_s(clock):
    """? in the list shows its own keys first and the session's right below (they were out of sight above)."""
    app, _ = build(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        titles = [w.name for w in app.screen.query(".help-section")]
        assert titles[:2] == ["In the list of routines", "In a session"]
        assert app.screen.query_one("#help-keys").scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert "pause and resume" in "\n".join(screen_lines(app))


async def test_no_description_leaves_a_word_alone_on_a_line_at_60_columns(clock):
    app, _ = build(clock)
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        for widget in app.screen.query(".help-what"):
            lines = [strip.text.strip() for strip in widget.render_lines(widget.region.reset_offset)]
            assert all(len(line.split()) > 1 for line in lines[1:] if line), lines  # no widow on a wrapped line
