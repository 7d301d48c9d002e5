"""Undo and redo of the editor's draft."""

from __future__ import annotations

from app.routine.draft import RoutineDraft, StepDraft
from app.routine.draft_history import LIMIT, History


def draft() -> RoutineDraft:
    return RoutineDraft(name="Mine", steps=[StepDraft(name="a"), StepDraft(name="b")])


def test_undo_gives_back_a_deleted_step_and_redo_deletes_it_again():
    history, current = History(), draft()
    history.record(current, 1, "delete b")
    current.delete_step(1)
    before, index, what = history.undo(current, 0)
    assert [s.name for s in before.steps] == ["a", "b"] and index == 1 and what == "delete b"
    again, _, _ = history.redo(before, 1)
    assert [s.name for s in again.steps] == ["a"]


def test_typing_in_one_field_is_one_change():
    history, current = History(), draft()
    for text in ("M", "Mi", "Min"):
        history.record(current, 0, "name", group=("name",))
        current.name = text
    history.record(current, 0, "step name", group=("step-name", 0))
    current.steps[0].name = "changed"
    after_step, _, _ = history.undo(current, 0)
    assert after_step.name == "Min" and after_step.steps[0].name == "a"
    before_typing, _, _ = history.undo(after_step, 0)
    assert before_typing.name == "Mine"
    assert history.undo(before_typing, 0) is None


def test_a_snapshot_is_not_touched_by_later_edits():
    history, current = History(), draft()
    history.record(current, 0, "edit")
    current.steps[0].name = "later"
    earlier, _, _ = history.undo(current, 0)
    assert earlier.steps[0].name == "a"


def test_a_new_change_clears_what_could_be_redone_and_old_changes_go():
    history, current = History(), draft()
    history.record(current, 0, "one")
    history.undo(current, 0)
    history.record(current, 0, "two")
    assert history.redo(current, 0) is None
    for n in range(LIMIT + 50):
        history.record(current, 0, f"change {n}")
    undone = 0
    while history.undo(current, 0):
        undone += 1
    assert undone == LIMIT
