"""The editor as a new user meets it: typing adds to a field, undo, names taken, a narrow terminal."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from app import paths
from app.routine.routine_file import load_routine
from app.ui.screens.editor import EditorScreen
from app.ui.widgets.key_bar import KeyBar
from tests.ui.editor_helpers import KEYS, save, step_rows
from tests.ui.helpers import build, screen_lines, text_of, until

SIZE = (100, 30)


async def type_keys(pilot, text: str) -> None:
    for char in text:
        await pilot.press(KEYS.get(char, char))
    await pilot.pause()


async def test_typing_in_a_field_adds_to_it_and_the_name_is_trimmed(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        name = app.screen.query_one("#name", Input)
        await type_keys(pilot, "Evening")
        app.screen.query_one("#step-name", Input).focus()
        await pilot.pause()
        name.focus()  # focus again, as a user clicking back into the field
        await pilot.pause()
        await pilot.press("end")
        await type_keys(pilot, " X ")
        assert name.value == "Evening X "  # added to, not replaced
        await save(pilot)
        assert load_routine(paths.user_routines_dir() / "evening-x.toml").name == "Evening X"


async def test_two_deletes_are_undone_and_redone_with_ctrl_z_and_ctrl_y(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e")  # a copy of Post-lift cooldown
        screen = app.screen
        screen.query_one("#steps").focus()
        before = step_rows(app)
        await pilot.press("x", "x")
        assert len(step_rows(app)) == len(before) - 2
        await pilot.press("ctrl+z")
        assert len(step_rows(app)) == len(before) - 1
        await pilot.press("ctrl+z")
        assert step_rows(app) == before
        await pilot.press("ctrl+y")
        assert len(step_rows(app)) == len(before) - 1


async def test_field_edits_are_undone_a_field_at_a_time(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await type_keys(pilot, "Morning")
        app.screen.query_one("#duration", Input).focus()
        await pilot.press("end", "backspace", "backspace", "backspace")
        await type_keys(pilot, "45s")
        assert app.screen.draft.steps[0].duration == "45s"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.draft.steps[0].duration == "30s" and app.screen.query_one("#duration", Input).value == "30s"
        assert app.screen.draft.name == "Morning"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.draft.name == "" and app.screen.query_one("#name", Input).value == ""


async def test_after_the_first_save_the_subtitle_no_longer_says_new(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert "A new routine" in "\n".join(screen_lines(app))
        await type_keys(pilot, "Saved once")
        await save(pilot)
        shown = "\n".join(screen_lines(app))
        assert "A new routine" not in shown and "Editing saved-once.toml" in shown


async def test_the_step_list_shows_x_for_delete(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.screen.query_one("#steps").focus()
        await pilot.pause()
        text = str(app.screen.query_one(KeyBar).render())
        assert " x  Delete " in text and "del" not in text


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_a_narrow_editor_is_one_column_with_whole_labels(clock, size):
    app, _ = build(clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("down", "e")
        assert app.screen.has_class("-narrow")
        shown = "\n".join(screen_lines(app))
        for label in ("Ready", "Between", "Switch", "Cooldown"):
            assert label in shown, shown
        button = app.screen.query_one("#step-add")
        button.focus()
        # Scrolled into view, not hidden: the scroll is laid out over a few frames, so wait for it.
        await until(pilot, lambda: 0 <= button.region.y < size[1] - 2)
        await pilot.press("enter")
        await until(pilot, lambda: len(app.screen.draft.steps) > 1)
        assert app.screen.draft.steps[1].name == "New step"


async def test_a_name_taken_by_another_routine_is_pointed_out(clock):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "gym-test.toml").write_text('name = "Gym test"\n[[steps]]\nname = "a"\nduration = 5\n')
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await type_keys(pilot, "gym TEST")
        warning = text_of(app, "#name-warning")
        assert "user:gym-test" in warning and app.screen.query_one("#name-warning").display
        await type_keys(pilot, " 2")
        assert not app.screen.query_one("#name-warning").display


async def test_supple_edit_learns_the_names_itself(clock):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "gym-test.toml").write_text('name = "Gym test"\n[[steps]]\nname = "a"\nduration = 5\n')
    app, _ = build(clock, library=True, edit="new")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, EditorScreen)
        for _ in range(20):
            await pilot.pause()
            if app.screen.taken:
                break
        await type_keys(pilot, "Gym test")
        assert "user:gym-test" in text_of(app, "#name-warning")


async def test_moving_quickly_through_the_steps_changes_nothing(clock, tmp_path):
    lines = ['name = "Many different steps"']
    for n in range(40):
        lines += [
            "[[steps]]",
            f'name = "Step {n:03d}"',
            f"duration = {n + 1}",
            f"sets = {n % 3 + 1}",
            f'cues = ["cue {n}"]',
            "sides = true" if n % 2 else "",
        ]
    path = tmp_path / "many.toml"
    path.write_text("\n".join(lines) + "\n")
    from app.routine.library import load_entry

    entry = load_entry(path, "file")
    app, _ = build(clock, edit=entry)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        listing = screen.query_one("#steps")
        listing.focus()
        await pilot.pause()
        for move in [listing.action_cursor_down] * 30 + [listing.action_cursor_up] * 30:
            move()  # as keys arriving faster than the screen handles them: their messages pile up
        for _ in range(5):
            await pilot.pause()
        assert screen.checked.routine == entry.routine and screen.history.undo(screen.draft, 0) is None


async def test_a_time_is_retyped_whole_and_after_undo_typing_carries_on_at_the_end(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await type_keys(pilot, "Morning")
        duration = app.screen.query_one("#duration", Input)
        duration.focus()
        await pilot.pause()
        await type_keys(pilot, "45s")  # the whole "30s" was selected on focus: replaced
        assert duration.value == "45s"
        name = app.screen.query_one("#name", Input)
        name.focus()
        await pilot.pause()
        await type_keys(pilot, "x")  # a name is not selected: added to
        assert name.value == "Morningx"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert name.value == "Morning"
        name.focus()
        await pilot.pause()
        await type_keys(pilot, "!")
        assert name.value == "Morning!"  # the cursor was put after the text put back


async def test_a_bad_pause_length_is_explained_under_the_row_of_pauses(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.screen.query_one("#transition", Input).value = "abc"
        await pilot.pause(0.2)
        error = app.screen.query_one("#gaps-error")
        assert error.display and text_of(app, "#gaps-error").startswith("Between: transition must be")
        row = app.screen.query_one("#transition", Input).parent.parent
        assert error.region.y >= row.region.bottom and error.region.width > row.region.width // 2


async def test_f1_in_the_editor_opens_the_help_at_the_editor_s_keys(clock):
    from app.ui.screens.help import HelpScreen

    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "f1")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#help-keys")
        heading = next(w for w in app.screen.query(".help-section") if w.name == "In the editor")
        assert keys.scroll_y == 0 and heading.region.y <= keys.region.y + 1  # its keys first
        await pilot.press("f1")
        assert isinstance(app.screen, EditorScreen)


async def test_a_bundled_routine_opened_and_closed_untouched_asks_nothing(clock):
    from app.ui.screens.picker import PickerScreen

    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EditorScreen) and not app.screen.dirty
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_one_scrollbar_at_60x20_and_the_highlighted_step_stays_in_view(clock, tmp_path):
    """A long routine at 60x20: the step list scrolled inside the scrolling column, two bars side by side."""
    from app.routine.library import load_entry

    path = tmp_path / "many.toml"
    path.write_text(
        'name = "Many"\n' + "".join(f'[[steps]]\nname = "Step {n}"\nduration = "30s"\n' for n in range(1, 26))
    )
    app, _ = build(clock, edit=load_entry(path, "user"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        steps = app.screen.query_one("#steps")
        steps.focus()
        body = app.screen.query_one("#editor-body")
        for _ in range(24):
            await pilot.press("down")
            await pilot.pause()
            bars = [w for w in app.screen.query("*") if w.display and w.size.height and w.show_vertical_scrollbar]
            assert bars == [body], bars
            row = steps.region.y + steps.highlighted  # the highlighted step's row on the screen
            assert body.region.y <= row < body.region.bottom, (steps.highlighted, row, body.region)
