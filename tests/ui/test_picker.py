"""The picker through Pilot: groups, preview, broken files, starting a session."""

from __future__ import annotations

from textual.widgets import OptionList

from app.ui.screens.dialogs import HelpScreen
from app.ui.screens.picker import PickerScreen
from app.ui.screens.session import SessionScreen
from tests.ui.helpers import bundled, build, broken_entry, text_of


def labels(app) -> list[str]:
    listing = app.screen.query_one("#routines", OptionList)
    return [str(listing.get_option_at_index(i).prompt).strip() for i in range(listing.option_count)]


async def test_routines_grouped_by_kind(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)):
        assert isinstance(app.screen, PickerScreen)
        names = labels(app)
        assert names[:2] == ["WARM-UPS", "Quick warm-up"]
        assert names.index("COOLDOWNS") < names.index("Post-lift cooldown") < names.index("MOBILITY")
        assert names.index("MOBILITY") < names.index("Pre-lift mobility") < names.index("OTHER")
        assert names[-1] == "Gym visit"


async def test_preview_follows_the_highlight(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Quick warm-up" in text_of(app, "#preview") and "4 min 58 s" in text_of(app, "#preview")
        await pilot.press("down")  # the COOLDOWNS header is skipped
        preview = text_of(app, "#preview")
        assert preview.startswith("Post-lift cooldown") and "Lying spinal twist  45 s, each side" in preview


async def test_broken_file_listed_with_its_error_and_not_started(clock, tmp_path):
    app, _ = build(clock, entries=bundled() + [broken_entry(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        assert "BROKEN FILES" in labels(app)
        await pilot.press("end")
        preview = text_of(app, "#preview")
        assert 'broken.toml:4:1: steps[1] "x": unknown key "duraton"' in preview
        await pilot.press("enter")
        assert isinstance(app.screen, PickerScreen)


async def test_enter_starts_the_highlighted_routine(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.engine.routine.name == "Pre-lift mobility"


async def test_no_routines_at_all(clock):
    app, _ = build(clock, entries=[])
    async with app.run_test(size=(100, 30)) as pilot:
        assert text_of(app, "#preview") == "No routines found."
        await pilot.press("enter")
        assert isinstance(app.screen, PickerScreen)


async def test_help(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)
