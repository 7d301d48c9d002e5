"""Editor work kept when Supple is quit with unsaved changes (Ctrl+C twice), and offered back the next time."""

from __future__ import annotations

import json
import os

from textual.widgets import Input

from app import paths
from app.routine.draft import RoutineDraft
from app.routine.kept import every_kept, keep, kept_dir, throw_away
from app.ui.screens.editor import EditorScreen
from app.ui.screens.editor_dialogs import SaveChanges
from app.ui.screens.kept import KeptScreen
from app.ui.screens.picker import PickerScreen
from tests.ui.editor_helpers import type_into, user_files
from tests.ui.helpers import build, text_of, until
from tests.ui.screen_samples import routine

SIZE = (100, 30)


def test_kept_work_reads_back_as_it_was_and_a_broken_file_is_passed_over():
    draft = RoutineDraft.from_routine(routine("Evening [b]x[/b]"))
    draft.steps[0].name = "Changed, not saved"
    keep(draft, None, None)
    (kept_dir() / "0-garbage.json").write_text("{not json")
    kept = every_kept()
    assert len(kept) == 1 and kept[0].draft == draft and kept[0].existing is None
    assert [p.name for p in kept_dir().iterdir() if p.name.startswith("0-")] == ["0-garbage.json"]  # left alone


def test_thrown_away_work_goes_to_the_trash_and_never_over_a_file_there():
    keep(RoutineDraft(name="A"), None, None)
    (kept,) = every_kept()
    trash = paths.trash_dir()
    trash.mkdir(parents=True)
    (trash / kept.path.name).write_text("someone else's")
    moved = throw_away(kept)
    assert moved != trash / kept.path.name and (trash / kept.path.name).read_text() == "someone else's"
    assert json.loads(moved.read_text())["draft"]["name"] == "A" and every_kept() == []


async def test_ctrl_c_twice_in_the_editor_quits_and_keeps_the_changes_offered_next_time(clock):
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("n")
        await type_into(pilot, "#name", "Evening stretch")
        await pilot.press("ctrl+c")
        assert isinstance(app.screen, SaveChanges)
        assert "Ctrl+C again quits, and keeps your changes" in text_of(app, ".dialog-note")
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 130 and user_files() == []  # nothing saved as a routine unasked
    (kept,) = every_kept()
    assert kept.name == "Evening stretch"

    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, KeptScreen))
        assert 'Unsaved changes to "Evening stretch"' in text_of(app, ".dialog-question")
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        assert app.screen.query_one("#name", Input).value == "Evening stretch" and app.screen.dirty
        assert every_kept() == []  # the editor has them now
        await pilot.press("escape")
        assert isinstance(app.screen, SaveChanges)  # leaving asks, as for any unsaved change
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
    assert user_files() == ["evening-stretch.toml"]


async def test_kept_work_waits_for_later_and_throw_away_puts_it_in_the_trash(clock):
    keep(RoutineDraft(name="Morning"), None, None)
    for key, left in (("escape", 1), ("t", 0)):
        app, _ = build(clock, library=True)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await until(pilot, lambda: isinstance(pilot.app.screen, KeptScreen))
            await pilot.press(key)
            await until(pilot, lambda: isinstance(pilot.app.screen, PickerScreen))
            await pilot.pause()
        assert len(every_kept()) == left
    assert [p.suffix for p in paths.trash_dir().iterdir()] == [".json"]


async def test_changes_that_cannot_be_kept_are_said_and_the_next_ctrl_c_quits(clock):
    kept_dir().parent.mkdir(parents=True, exist_ok=True)
    kept_dir().write_text("a file where the folder would go")
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("n")
        await type_into(pilot, "#name", "Lost?")
        await pilot.press("ctrl+c", "ctrl+c")
        await until(pilot, lambda: any("could not be kept" in n.message for n in app._notifications))
        assert app.is_running and isinstance(app.screen, SaveChanges)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 130 and os.path.isfile(kept_dir())
