"""The editor's draft: a routine as typed, checked with the file format's messages, placed by field."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.paths import bundled_routines_dir
from app.routine.draft import ENDINGS, RoutineDraft, StepDraft
from app.routine.errors import RoutineError
from app.routine.library import scan
from app.routine.routine_file import doc_to_toml
from app.routine.validate import build_routine
from app.session.plan import build_plan
from tests.conftest import routine_from
from tests.strategies import editable_routines, routines

BUNDLED = scan(bundled_routines_dir(), "bundled")


def valid() -> RoutineDraft:
    return RoutineDraft(name="Mine", steps=[StepDraft(name="Hold")])


@pytest.mark.parametrize("entry", BUNDLED, ids=[e.stem for e in BUNDLED])
def test_bundled_routines_come_back_unchanged(entry):
    checked = RoutineDraft.from_routine(entry.routine).check()
    assert checked.routine == entry.routine and not checked.problems


@settings(max_examples=300, deadline=None)
@given(routine=routines | editable_routines)
def test_generated_routines_come_back_unchanged(routine):
    # Any valid routine: cues with line breaks, blank or padded cues, tabs and line breaks in the
    # description, odd floats; opened and saved without an edit, it is the same routine.
    checked = RoutineDraft.from_routine(routine).check()
    assert checked.problems == {}
    assert checked.routine == routine
    assert build_plan(checked.routine) == build_plan(routine)


def test_an_empty_draft_says_what_it_needs():
    problems = RoutineDraft().check().problems
    assert problems == {
        ("routine", "name"): ["name must not be blank"],
        ("routine", "steps"): ["steps must hold between 1 and 200 steps, got 0"],
    }


def test_problems_are_placed_on_their_fields_with_check_messages():
    draft = valid()
    draft.prep = "1h"
    draft.steps.append(StepDraft(name="Swings", ending="reps", reps="abc", tempo="0"))
    draft.steps.append(StepDraft(name="", duration="0"))
    problems = draft.check().problems
    assert problems[("routine", "prep")] == [
        'prep must be a number of seconds or a string like "45s", "2m", "1m30s" or "1:30", got "1h"'
    ]
    assert problems[("step", 1, "reps")] == ['steps[2] "Swings": reps must be a whole number, got "abc"']
    assert problems[("step", 1, "tempo")] == ['steps[2] "Swings": tempo must be between 1s and 1m, got "0"']
    assert problems[("step", 2, "name")] == ["steps[3]: name must not be blank"]
    assert problems[("step", 2, "duration")] == ['steps[3]: duration must be between 1s and 60m, got "0"']
    assert ("step", 0, "duration") not in problems


def test_fields_the_ending_does_not_use_are_left_out():
    draft = valid()
    draft.steps[0] = StepDraft(name="Lift", ending="manual", duration="nonsense", sides=True, sets="3")
    checked = draft.check()
    assert not checked.problems
    step = checked.routine.steps[0]
    assert step.manual and step.duration is None and not step.sides and step.sets == 1


def test_cues_are_one_per_line_and_blank_lines_dropped():
    draft = valid()
    draft.steps[0].cues = "Knees soft\n\n  Breathe out  \n"
    assert draft.check().routine.steps[0].cues == ("Knees soft", "Breathe out")


def test_step_operations_return_the_step_to_highlight():
    draft = RoutineDraft(name="x", steps=[StepDraft(name=n) for n in "abc"])
    assert draft.add_step(after=0) == 1 and draft.steps[1].name == "New step"
    assert draft.duplicate_step(2) == 3 and [s.name for s in draft.steps] == ["a", "New step", "b", "b", "c"]
    assert draft.move_step(0, -1) == 0  # already at the top
    assert draft.move_step(4, -1) == 3 and [s.name for s in draft.steps][3:] == ["c", "b"]
    assert draft.delete_step(4) == 3 and len(draft.steps) == 4
    draft.steps[0].name = "changed"
    assert draft.steps[0] is not draft.steps[1]
    duplicated = draft.duplicate_step(0)
    draft.steps[duplicated].name = "copy"
    assert draft.steps[0].name == "changed"


def test_overlong_names_are_refused_with_the_check_message():
    draft = valid()
    draft.name = "x" * 500
    assert draft.check().problems == {("routine", "name"): ["name must be at most 80 characters, got 500"]}


def test_edited_cues_are_one_per_line_but_unedited_ones_stay_exact():
    routine = routine_from(
        'name = "R"\n[[steps]]\nname = "a"\nduration = 5\ncues = ["""Knees soft,\nback flat""", "", "  padded  "]\n'
    )
    draft = RoutineDraft.from_routine(routine)
    assert draft.check().routine == routine
    ten = routine._replace(steps=(routine.steps[0]._replace(cues=tuple(f"cue {n}\nsecond line" for n in range(10))),))
    assert RoutineDraft.from_routine(ten).check().routine == ten  # 20 lines in the form, 10 cues in the file
    draft.steps[0].cues += "\nBreathe"
    assert draft.check().routine.steps[0].cues == ("Knees soft,", "back flat", "padded", "Breathe")


field_texts = st.sampled_from(["", "30s", "0s", "1:30", "abc", "5", "-3", "61m", "9" * 30, "500", "501", " 2 ", "1.5"])
step_drafts = st.builds(
    StepDraft,
    name=st.sampled_from(["Hold", "", "  ", "x" * 90, "Tab\there", "Leg [/] swings"]),
    ending=st.sampled_from(ENDINGS),
    duration=field_texts,
    reps=field_texts,
    tempo=field_texts,
    sides=st.booleans(),
    sets=field_texts,
    rest=field_texts,
    cues=st.sampled_from(["", "Knees soft", "a\n\nb", "\n".join("c" * 11)]),
)
drafts = st.builds(
    RoutineDraft,
    name=st.sampled_from(["Mine", "", "\u200b", "y" * 81]),
    description=st.sampled_from(["", "About"]),
    kind=st.sampled_from(["other", "warmup"]),
    prep=field_texts,
    transition=field_texts,
    switch=field_texts,
    steps=st.lists(step_drafts, max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(draft=drafts)
def test_the_editor_says_what_supple_check_says(draft):
    # The editor checks step by step (and keeps what it checked); the messages must be the file's.
    doc = draft.to_doc()
    try:
        build_routine(doc, doc_to_toml(doc), "routine")
        expected = []
    except RoutineError as error:
        expected = sorted(p.message for p in error.problems)
    assert sorted(draft.check().messages()) == expected
    assert sorted(draft.check().messages()) == expected  # again, from what was kept


def test_a_step_is_checked_again_only_when_it_changes(monkeypatch):
    from app.routine import draft as draft_module

    draft = RoutineDraft(name="Mine", steps=[StepDraft(name=f"s{n}") for n in range(200)])
    draft.check()
    checked = []
    real = draft_module.check_step
    monkeypatch.setattr(draft_module, "check_step", lambda *a: checked.append(a[1]) or real(*a))
    draft.steps[7].name = "changed"
    assert draft.check().routine.steps[7].name == "changed"
    assert checked == [7]
