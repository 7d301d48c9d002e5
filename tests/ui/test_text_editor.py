"""A broken routine file opened as text: problems marked, checked as you type, saved once clean."""

from __future__ import annotations

from textual.widgets import TextArea

from app import paths
from app.routine.library import load_entry
from app.routine.routine_file import load_routine
from app.ui.screens.editor import EditorScreen
from app.ui.screens.picker import PickerScreen
from app.ui.screens.text_editor import TextEditorScreen, readable_text
from tests.ui.helpers import build, text_of, until

SIZE = (100, 30)
BROKEN = '# my notes\nname = "Legs"\nkind = "warmup"\n[[steps]]\nname = "Swings"\nduraton = 30\n'


def broken_file(text: str = BROKEN, stem: str = "legs"):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.toml"
    path.write_text(text)
    return path


wait_until = until  # the shared helper: waits for the state, up to a bound in seconds


async def test_e_on_a_broken_file_opens_it_as_text_with_its_problem_marked(clock):
    broken_file()
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "e")
        assert isinstance(app.screen, TextEditorScreen)
        area = app.screen.query_one("#text", TextArea)
        assert area.text == BROKEN and area.marked == {5}  # line 6 (0-based 5): "duraton"
        listing = app.screen.query_one("#problems")
        assert str(listing.get_option_at_index(0).prompt).startswith("line 6, column 1: steps[1]")
        assert "1 problem" in text_of(app, "#text-status")


async def test_fixing_it_checks_again_saves_in_place_and_opens_the_form_editor(clock):
    path = broken_file()
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "e")
        area = app.screen.query_one("#text", TextArea)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_text() == BROKEN  # refused while broken
        area.replace("duration", (5, 0), (5, 7))
        await wait_until(pilot, lambda: not app.screen.problems)
        assert area.marked == frozenset() and "No problems" in text_of(app, "#text-status")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen))
        assert path.read_text() == BROKEN.replace("duraton", "duration")  # the text as typed, notes kept
        assert load_routine(path).steps[0].duration == 30
        assert not path.with_name("legs.toml.bak").exists()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and app.screen._highlighted().name == "Legs"


async def test_a_change_made_elsewhere_meanwhile_is_asked_about(clock):
    from app.ui.screens.editor_dialogs import ConflictScreen

    path = broken_file()
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "e")
        area = app.screen.query_one("#text", TextArea)
        area.replace("duration", (5, 0), (5, 7))
        path.write_text(BROKEN.replace("Swings", "Swings by hand"))
        await wait_until(pilot, lambda: not app.screen.problems)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert "Swings by hand" in path.read_text()


async def test_the_problem_list_moves_the_cursor_to_the_problem(clock):
    broken_file('name = "Legs"\n[[steps]]\nname = "a"\nduration = 5\n[[steps]]\nname = "b"\nreps = 0\n')
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "e", "f6", "enter")
        area = app.screen.query_one("#text", TextArea)
        assert area.has_focus and area.cursor_location == (6, 0)


def test_control_characters_become_escapes_and_bad_bytes_are_said():
    text, notes = readable_text(b'name = "a\x1b[2Jb\xff"\n')
    assert text == 'name = "a\\u001b[2Jb\ufffd"\n'
    assert any("not UTF-8" in n for n in notes) and any("\\x1b" in n for n in notes)


async def test_leaving_with_changes_asks(clock):
    from app.ui.screens.editor_dialogs import SaveChanges

    broken_file()
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "e")
        app.screen.query_one("#text", TextArea).insert("# more\n", (0, 0))
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, SaveChanges)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_supple_edit_on_a_broken_file_opens_the_text(clock):
    path = broken_file()
    app, _ = build(clock, library=True, edit=load_entry(path, "user"))
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, TextEditorScreen)


async def test_leaving_and_saving_a_fixed_file_saves_it_and_leaves_as_the_form_editor_does(clock):
    """Esc, then Save: written, and back to the list showing it (not on into the form editor); Ctrl+Q, then
    Save: written, and Supple quits."""
    from app.ui.screens.editor_dialogs import SaveChanges

    path = broken_file()
    fixed = BROKEN.replace("duraton", "duration")
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "e")
        app.screen.query_one("#text", TextArea).text = fixed
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, SaveChanges)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert path.read_text() == fixed
        assert app.screen.query_one("#routines").highlighted_option.id == "user:legs"

    path.write_text(BROKEN)
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "e")
        app.screen.query_one("#text", TextArea).text = fixed
        await pilot.pause()
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, SaveChanges)
        await pilot.press("s")
        await wait_until(pilot, lambda: not app.is_running)
    assert path.read_text() == fixed
