"""The routine editor through Pilot: create, edit, duplicate, delete, and leaving with changes."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Select, Static

from app import paths
from app.routine.routine_file import load_routine
from app.ui.screens.dialogs import ConfirmScreen
from app.ui.screens.editor import EditorScreen, StepList
from app.ui.screens.editor_dialogs import PlanPreview, SaveChanges
from app.ui.screens.picker import PickerScreen
from app.ui.screens.session import SessionScreen
from tests.ui.editor_helpers import error_of, save, step_rows, type_into, user_files
from tests.ui.helpers import build, until
from tests.ui.test_picker import labels

SIZE = (100, 30)


async def test_create_a_routine_from_nothing_and_run_it(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, EditorScreen)
        assert error_of(app, "name") == ""  # nothing is wrong before anything is typed
        status = app.screen.query_one("#editor-status", Static)
        assert str(status.content) == "Give the routine a name, then Ctrl+S saves it"
        assert not status.has_class("-invalid")
        await type_into(pilot, "#name", "My cooldown")
        assert error_of(app, "name") == ""
        app.screen.query_one("#kind", Select).value = "cooldown"
        await type_into(pilot, "#step-name", "Forward fold")
        await type_into(pilot, "#duration", "45s")
        app.screen.query_one(StepList).focus()
        await pilot.press("a")
        await type_into(pilot, "#step-name", "Lying twist")
        await type_into(pilot, "#duration", "0s")  # an invalid field...
        assert error_of(app, "duration") == 'steps[2] "Lying twist": duration must be between 1s and 60m, got "0s"'
        assert "1 problem" in str(app.screen.query_one("#editor-status", Static).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert user_files() == []  # refused while invalid
        await type_into(pilot, "#duration", "30s")  # ...fixed
        assert error_of(app, "duration") == ""
        app.screen.query_one("#sides", Checkbox).value = True
        await type_into(pilot, "#cues", "Knees soft\nBreathe out")
        app.screen.query_one(StepList).focus()
        await pilot.press("shift+up")  # the twist first
        assert [row.split(". ", 1)[1].split("  ")[0] for row in step_rows(app)] == ["Lying twist", "Forward fold"]
        assert "Planned total: 2 min  ·" in str(app.screen.query_one("#editor-status", Static).content)
        await save(pilot)
        assert user_files() == ["my-cooldown.toml"]
        saved = load_routine(paths.user_routines_dir() / "my-cooldown.toml")
        assert saved.kind == "cooldown" and [s.name for s in saved.steps] == ["Lying twist", "Forward fold"]
        assert saved.steps[0].sides and saved.steps[0].cues == ("Knees soft", "Breathe out")
        await pilot.press("escape")  # saved: leaves without asking
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert "My cooldown" in labels(app)
        assert app.screen._highlighted().ref == "user:my-cooldown"
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen) and app.screen.engine.routine == saved


async def test_duplicate_a_bundled_routine_and_edit_the_copy(clock):
    bundled_file = paths.bundled_routines_dir() / "quick-warmup.toml"
    before = bundled_file.read_bytes()
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")  # Quick warm-up is highlighted first
        screen = app.screen
        assert isinstance(screen, EditorScreen) and screen.dirty
        assert screen.query_one("#name", Input).value == "Quick warm-up (copy)"
        assert "saves as a new routine" in str(screen.query_one("#editor-note", Static).content)
        await type_into(pilot, "#duration", "2m")
        await save(pilot)
        assert user_files() == ["quick-warm-up-copy.toml"]
        copy = load_routine(paths.user_routines_dir() / "quick-warm-up-copy.toml")
        assert copy.steps[0].duration == 120
        assert bundled_file.read_bytes() == before


async def test_editing_a_bundled_routine_saves_a_copy_in_the_user_folder(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        note = str(app.screen.query_one("#editor-note", Static).content)
        assert "Bundled routines are read-only" in note
        await save(pilot)
        assert user_files() == ["quick-warm-up-mine.toml"]
        await type_into(pilot, "#prep", "20s")
        await save(pilot)
        assert user_files() == ["quick-warm-up-mine.toml"]  # the second save writes the same file
        assert load_routine(paths.user_routines_dir() / "quick-warm-up-mine.toml").prep == 20


async def test_editing_a_user_routine_keeps_its_file_and_a_bak_for_comments(clock):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    hand = '# tuned for my hamstrings\nname = "Legs"\nkind = "warmup"\n[[steps]]\nname = "Swings"\nduration = 30\n'
    (folder / "legs-day.toml").write_text(hand)
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert "Editing legs-day.toml" in str(app.screen.query_one("#editor-title", Static).content)
        await type_into(pilot, "#duration", "40s")
        await save(pilot)
        assert user_files() == ["legs-day.toml", "legs-day.toml.bak"]
        assert (folder / "legs-day.toml.bak").read_text() == hand
        assert load_routine(folder / "legs-day.toml").steps[0].duration == 40
        assert any("legs-day.toml.bak" in n.message for n in app._notifications)


async def test_delete_asks_first_and_only_for_user_routines(clock):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "Mine"\nkind = "warmup"\n[[steps]]\nname = "x"\nduration = 5\n')
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen._highlighted().ref == "user:mine"
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert 'Delete "Mine"?' in app.screen.question and "mine.toml" in app.screen.question
        await pilot.press("n")
        assert user_files() == ["mine.toml"]
        await pilot.press("x", "y")
        await pilot.pause()
        assert user_files() == [] and "Mine" not in labels(app)
        await pilot.press("x")  # now a bundled routine is highlighted
        assert isinstance(app.screen, PickerScreen)
        assert (paths.bundled_routines_dir() / "quick-warmup.toml").exists()


async def test_a_deleted_routine_is_kept_in_the_trash_and_u_brings_it_back(clock):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    text = '# mine, with a comment\nname = "Mine"\nkind = "warmup"\n[[steps]]\nname = "x"\nduration = 5\n'
    (folder / "mine.toml").write_text(text)
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("x", "y")
        await pilot.pause()
        assert user_files() == []
        (kept,) = paths.trash_dir().iterdir()
        assert kept.read_text() == text
        assert any(str(kept) in n.message and "u to bring it back" in n.message for n in app._notifications)
        await pilot.press("u")
        await pilot.pause()
        assert user_files() == ["mine.toml"] and (folder / "mine.toml").read_text() == text
        assert "Mine" in labels(app) and app.screen._highlighted().ref == "user:mine"
        assert list(paths.trash_dir().iterdir()) == []


async def asked_then_cancelled(pilot, name: str, leave_key: str) -> None:
    """Start a routine, try to leave with `leave_key`, be asked, cancel: nothing is lost."""
    await pilot.press("n")
    await type_into(pilot, "#name", name)
    await pilot.press(leave_key)
    assert isinstance(pilot.app.screen, SaveChanges)
    await pilot.press("escape")
    assert isinstance(pilot.app.screen, EditorScreen) and pilot.app.is_running
    assert pilot.app.screen.query_one("#name", Input).value == name


async def test_leaving_with_unsaved_changes_cancel_discard_save(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await asked_then_cancelled(pilot, "Evening", "escape")
        await pilot.press("escape", "d")  # discard
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and user_files() == []
        await pilot.press("n")
        await type_into(pilot, "#name", "Morning")
        await pilot.press("escape", "s")  # save
        for _ in range(20):
            await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and user_files() == ["morning.toml"]
        assert app.screen._highlighted().ref == "user:morning"


async def test_save_on_leaving_is_refused_while_invalid(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await type_into(pilot, "#duration", "1h")  # the name is blank too
        await pilot.press("escape", "s")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and user_files() == []
        assert any("Not saved" in n.message for n in app._notifications)


async def test_preview_shows_the_plan(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "f2")
        assert isinstance(app.screen, PlanPreview)
        await pilot.press("escape")
        assert isinstance(app.screen, EditorScreen)


async def test_step_buttons_work_with_the_mouse(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        before = step_rows(app)
        await pilot.click("#step-copy")
        await pilot.click("#step-down")
        rows = step_rows(app)
        assert len(rows) == len(before) + 1 and app.screen.current == 2
        await pilot.click("#step-delete")
        assert step_rows(app) == before


async def test_a_new_routine_saved_without_a_name_says_so_in_red(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one("#name", Input).placeholder.startswith("e.g. ")  # not mistaken for a value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(app, "name") == "name must not be blank"
        assert app.screen.query_one("#editor-status", Static).has_class("-invalid")
        await type_into(pilot, "#name", "Legs")
        await type_into(pilot, "#name", "")  # typed, then taken away: blank is wrong at once
        assert error_of(app, "name") == "name must not be blank"
    assert user_files() == []


async def test_supple_new_closed_goes_back_to_the_shell(clock):
    """`supple new` edits one routine: closing it ends Supple, so what is typed next goes to the shell (it went
    on into the list, where an `e` typed for the shell opened the editor)."""
    app, _ = build(clock, library=True, edit="new")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("escape")  # nothing typed yet
        await until(pilot, lambda: not app.is_running)


async def test_supple_new_then_save_writes_it_and_closing_goes_back_to_the_shell(clock):
    app, _ = build(clock, library=True, edit="new")
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#name", "Night stretch")
        await save(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: not app.is_running)
    assert user_files() == ["night-stretch.toml"]


async def test_closing_a_dialog_does_not_read_the_routines_again(clock):
    app, _ = build(clock, library=True)
    reads = []
    original = app.load_entries
    app.load_entries = lambda: reads.append(1) or original()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark", "escape", "s", "escape")
        await pilot.pause()
        assert len(reads) == 1
        await pilot.press("n", "escape")  # back from the editor: files may have changed
        await pilot.pause()
        assert len(reads) == 2


async def test_quitting_from_the_editor_asks_about_unsaved_changes(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await asked_then_cancelled(pilot, "Half done", "ctrl+q")
        await pilot.press("ctrl+q", "d")
        await pilot.pause()
        assert not app.is_running and user_files() == []


async def test_a_highlight_that_arrives_after_its_step_was_deleted_is_ignored(clock):
    from textual.widgets import OptionList

    from app.routine.draft import RoutineDraft
    from tests.ui.screen_samples import routine

    app, _ = build(clock, entries=[])
    async with app.run_test(size=SIZE) as pilot:
        editor = EditorScreen(RoutineDraft.from_routine(routine("Late")))
        await app.push_screen(editor)
        listing = editor.query_one(StepList)
        late = OptionList.OptionHighlighted(listing, listing.get_option_at_index(2), 2)
        await pilot.press("tab")
        editor.current = 2
        editor.action_delete_step()  # the third step goes; a highlight of it was already on its way
        await pilot.pause()
        listing.post_message(late)
        await pilot.pause()
        assert app.screen is editor and len(editor.draft.steps) == 2 and editor.current in (0, 1)
