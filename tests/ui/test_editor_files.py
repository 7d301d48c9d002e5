"""The editor and the files under it: changes made elsewhere, links, and saving as a copy."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from app import paths
from app.routine.routine_file import load_routine
from app.ui.screens.dialogs import ConfirmScreen
from app.ui.screens.editor import EditorScreen
from app.ui.screens.editor_dialogs import ConflictScreen
from tests.ui.editor_helpers import save, type_into, user_files
from tests.ui.helpers import build, text_of
from tests.ui.test_editor import SIZE

LEGS = 'name = "Legs"\nkind = "warmup"\n[[steps]]\nname = "Swings"\nduration = 30\n'


def user_routine(text: str = LEGS, stem: str = "legs"):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.toml"
    path.write_text(text)
    return path


async def wait_for(pilot, condition) -> None:
    for _ in range(40):
        await pilot.pause()
        if condition():
            return
    raise AssertionError("the condition never held")


async def edited_then_changed_on_disk(pilot, path, disk_duration: int) -> None:
    """Edit the step's time to 40 s while another program sets it to `disk_duration`, then save."""
    await type_into(pilot, "#duration", "40s")
    path.write_text(LEGS.replace("duration = 30", f"duration = {disk_duration}"))
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))


async def test_a_change_on_disk_is_asked_about_reload_overwrite_or_copy(clock):
    path = user_routine()
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EditorScreen)

        await edited_then_changed_on_disk(pilot, path, 50)
        assert "legs.toml was changed by another program or another Supple" in text_of(app, ".dialog-question")
        await pilot.press("r")  # reload: the disk's version, this editor's change gone
        await wait_for(pilot, lambda: app.screen.query_one("#duration", Input).value == "50s")
        assert not app.screen.dirty and load_routine(path).steps[0].duration == 50

        await edited_then_changed_on_disk(pilot, path, 60)
        await pilot.press("o")  # overwrite: this editor's version wins, because the user said so
        await wait_for(pilot, lambda: not app.screen.dirty)
        assert load_routine(path).steps[0].duration == 40

        await edited_then_changed_on_disk(pilot, path, 70)
        await pilot.press("c")  # a copy: both versions kept
        await wait_for(pilot, lambda: not app.screen.dirty)
        assert user_files() == ["legs-copy.toml", "legs.toml"]
        assert load_routine(path).steps[0].duration == 70
        copy = load_routine(path.with_name("legs-copy.toml"))
        assert copy.name == "Legs (copy)" and copy.steps[0].duration == 40
        assert "Editing legs-copy.toml" in text_of(app, "#editor-title")


async def test_a_file_deleted_meanwhile_can_be_saved_again(clock):
    path = user_routine()
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await type_into(pilot, "#duration", "40s")
        path.unlink()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert "legs.toml was deleted since you opened it" in text_of(app, ".dialog-question")
        await pilot.press("r")  # nothing to reload: the key does nothing
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("o")
        await wait_for(pilot, lambda: path.exists())
        assert load_routine(path).steps[0].duration == 40


async def test_two_editors_on_one_routine_the_second_save_asks(clock):
    path = user_routine()
    first, _ = build(clock, library=True)
    second, _ = build(clock, library=True)
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await one.press("e")
        await two.press("e")
        await type_into(one, "#duration", "40s")
        await save(one)
        await type_into(two, "#duration", "45s")
        await two.press("ctrl+s")
        await wait_for(two, lambda: isinstance(second.screen, ConflictScreen))
        assert load_routine(path).steps[0].duration == 40  # the first save stands until the user chooses


async def test_a_link_says_what_it_is_and_is_never_replaced(clock, tmp_path):
    elsewhere = tmp_path / "shared" / "theirs.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(LEGS)
    link = paths.user_routines_dir() / "theirs.toml"
    link.parent.mkdir(parents=True)
    link.symlink_to(elsewhere)
    app, _ = build(clock, library=True)
    async with app.run_test(size=(140, 30)) as pilot:
        assert f"theirs.toml, a link to {elsewhere}" in text_of(app, "#preview")
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Only the link goes; the file it points to, {elsewhere}, stays" in app.screen.question
        await pilot.press("n", "e")
        note = str(app.screen.query_one("#editor-note", Static).content)
        assert f"theirs.toml is a link to {elsewhere}" in note and "outside" not in note
        await type_into(pilot, "#duration", "40s")
        await save(pilot)
        assert link.is_symlink() and load_routine(elsewhere).steps[0].duration == 30
        assert load_routine(link.with_name("legs.toml")).steps[0].duration == 40
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down")
        while app.screen._highlighted().ref != "user:theirs":
            await pilot.press("down")
        await pilot.press("x", "y")
        await pilot.pause()
        assert not link.exists() and not link.is_symlink() and elsewhere.exists()


ODD = '''\
name = "Odd but valid"
description = "Two\\tcolumns\\nand a second line"
kind = "cooldown"
prep = 2.5

[[steps]]
name = "Forward fold"
duration = 45.25
cues = ["""Knees soft,
back flat""", "", "  padded  ", "Breathe"]

[[steps]]
name = "Lift"
manual = true
'''


async def test_opening_and_saving_without_edits_gives_back_the_same_routine(clock):
    path = user_routine(ODD, "odd")
    before = load_routine(path)
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        while app.screen._highlighted().ref != "user:odd":
            await pilot.press("down")
        await pilot.press("e")
        assert "problem" not in text_of(app, "#editor-status")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen.saved_ref == "user:odd")
    assert load_routine(path) == before


@pytest.mark.parametrize("size", [(60, 20), (120, 40)])
async def test_every_choice_of_the_conflict_dialog_is_in_sight(clock, size):
    from app.ui.screens.editor_dialogs import ConflictScreen
    from tests.ui.helpers import screen_lines

    app, _ = build(clock)
    async with app.run_test(size=size) as pilot:
        app.push_screen(
            ConflictScreen("legs.toml was changed by another program or another Supple since you opened it", False)
        )
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        for label in ("Overwrite (o)", "Reload (r)", "Save a copy (c)", "Cancel (Esc)"):
            assert label in shown, shown
        assert " c  Copy " in screen_lines(app)[-1]  # the dialog's own keys, not the screen's below
