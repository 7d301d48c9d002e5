"""The plan: each expansion rule, every cue rule, the same-moment priority, and the JSON shape."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.routine.model import Routine, Step
from app.session.plan import (
    CUE_PRIORITY,
    Cue,
    build_plan,
    describe_routine,
    describe_total,
    merge_cues,
    open_segments,
    planned_seconds,
    planned_total,
)
from app.session.plan_output import plan_json_chunks, plan_to_json
from tests.strategies import routines


def routine(*steps: Step, prep=5.0, transition=5.0, switch=5.0) -> Routine:
    return Routine(name="R", steps=steps, prep=prep, transition=transition, switch=switch)


def shape(plan):
    """Segments as (kind, step, side, set, start, duration) tuples."""
    return [(s.kind, s.step, s.side, s.set, s.start, s.duration) for s in plan.segments]


def cues(plan):
    return [(c.at, c.cue) for c in plan.cues()]


def test_worked_example_of_the_spec():
    plan = build_plan(
        routine(Step("Arm swings", duration=30), Step("Leg swings", duration=20, sides=True, sets=2, rest=10))
    )
    assert shape(plan) == [
        ("prep", None, None, None, 0, 5),
        ("work", 1, None, 1, 5, 30),
        ("transition", None, None, None, 35, 5),
        ("work", 2, "left", 1, 40, 20),
        ("switch", 2, None, 1, 60, 5),
        ("work", 2, "right", 1, 65, 20),
        ("rest", 2, None, 1, 85, 10),
        ("work", 2, "left", 2, 95, 20),
        ("switch", 2, None, 2, 115, 5),
        ("work", 2, "right", 2, 120, 20),
    ]
    assert plan.total == 140 and plan.open == 0
    assert describe_total(plan) == "2 min 20 s"


def test_no_prep_when_zero():
    assert [s.kind for s in build_plan(routine(Step("a", duration=10), prep=0)).segments] == ["work"]


def test_prep_named_get_ready():
    assert build_plan(routine(Step("a", duration=10))).segments[0].name == "Get ready"


def test_no_transition_when_zero():
    plan = build_plan(routine(Step("a", duration=10), Step("b", duration=10), prep=0, transition=0))
    assert shape(plan) == [("work", 1, None, 1, 0, 10), ("work", 2, None, 1, 10, 10)]


def test_transition_only_between_steps_and_names_the_next():
    plan = build_plan(routine(Step("a", duration=10), Step("b", duration=10), prep=0))
    assert [s.kind for s in plan.segments] == ["work", "transition", "work"]
    assert plan.segments[1].name == "Next up: b"


def test_two_sided_without_switch_gap():
    plan = build_plan(routine(Step("a", duration=10, sides=True), prep=0, switch=0))
    assert shape(plan) == [("work", 1, "left", 1, 0, 10), ("work", 1, "right", 1, 10, 10)]


def test_sets_without_rest_follow_each_other():
    plan = build_plan(routine(Step("a", duration=10, sets=3), prep=0))
    assert shape(plan) == [("work", 1, None, n, 10 * (n - 1), 10) for n in (1, 2, 3)]


def test_rest_between_sets_not_after_the_last():
    plan = build_plan(routine(Step("a", duration=10, sets=2, rest=15), prep=0))
    assert shape(plan) == [("work", 1, None, 1, 0, 10), ("rest", 1, None, 1, 10, 15), ("work", 1, None, 2, 25, 10)]


def test_rest_ignored_with_one_set():
    assert [s.kind for s in build_plan(routine(Step("a", duration=10, rest=30), prep=0)).segments] == ["work"]


def test_paced_reps_last_reps_times_tempo():
    plan = build_plan(routine(Step("a", reps=12, tempo=2.5), prep=0))
    assert plan.segments[0].duration == 30 and plan.total == 30


@pytest.mark.parametrize("step", [Step("a", reps=10), Step("a", manual=True)])
def test_open_segments_count_zero(step):
    plan = build_plan(routine(Step("x", duration=10), step, Step("y", duration=10), prep=0))
    assert shape(plan)[2] == ("work", 2, None, 1, 15, None)
    assert plan.segments[2].is_open and plan.open == 1
    assert shape(plan)[4] == ("work", 3, None, 1, 20, 10)
    assert plan.total == 30 and describe_total(plan) == "30 s + open steps"


def test_open_two_sided_reps_counts_each_side():
    plan = build_plan(routine(Step("a", reps=10, sides=True, sets=2), prep=0))
    assert plan.open == 4


def test_scale_stretches_every_timed_segment():
    plan = build_plan(routine(Step("a", duration=30, sides=True), Step("b", reps=4, tempo=2)), scale=0.5)
    assert [s.duration for s in plan.segments] == [2.5, 15, 2.5, 15, 2.5, 4]


def test_start_cues_by_segment_kind():
    plan = build_plan(routine(Step("a", duration=4, sides=True, sets=2, rest=4), Step("b", duration=4)))
    starts = {s.start: s.kind for s in plan.segments}
    expected = {"prep": "ready", "work": "go", "switch": "switch", "rest": "ready", "transition": "ready"}
    listed = dict(cues(plan))
    for at, kind in starts.items():
        assert listed[at] == expected[kind], (at, kind)


def test_pips_three_two_one_before_the_end_of_segments_of_five_seconds():
    plan = build_plan(routine(Step("a", duration=5), prep=0))
    assert cues(plan) == [(0, "go"), (2, "pip"), (3, "pip"), (4, "pip"), (5, "done")]


def test_no_pips_under_five_seconds():
    plan = build_plan(routine(Step("a", duration=4.9), prep=0))
    assert cues(plan) == [(0, "go"), (4.9, "done")]


def test_pips_on_prep_switch_rest_and_transition_too():
    plan = build_plan(routine(Step("a", duration=1, sides=True, sets=2, rest=5), Step("b", duration=1), switch=5))
    pip_ends = {round(c.at + 1) for c in plan.cues() if c.cue == "pip" and (c.at + 1) % 1 == 0}
    for segment in plan.segments:
        if segment.kind != "work":
            assert segment.end in pip_ends, segment


def test_halfway_only_on_work_of_twenty_seconds():
    plan = build_plan(routine(Step("a", duration=20), Step("b", duration=19.5), prep=0, transition=30))
    halfway = [c.at for c in plan.cues() if c.cue == "halfway"]
    assert halfway == [10]


def test_ticks_after_each_rep_but_the_last():
    plan = build_plan(routine(Step("a", reps=3, tempo=1.5), prep=0))
    assert cues(plan) == [(0, "go"), (1.5, "tick"), (3, "tick"), (4.5, "done")]


def test_ticks_of_a_long_paced_step_give_way_to_pips_and_halfway():
    plan = build_plan(routine(Step("a", reps=10, tempo=2), prep=0))
    assert cues(plan) == [
        (0, "go"),
        (2, "tick"),
        (4, "tick"),
        (6, "tick"),
        (8, "tick"),
        (10, "halfway"),
        (12, "tick"),
        (14, "tick"),
        (16, "tick"),
        (17, "pip"),
        (18, "pip"),
        (19, "pip"),
        (20, "done"),
    ]


def test_halfway_beats_tick_on_the_same_moment():
    plan = build_plan(routine(Step("a", reps=12, tempo=2), prep=0))
    assert (12, "halfway") in cues(plan) and (12, "tick") not in cues(plan)


def test_done_beats_every_other_cue():
    plan = build_plan(routine(Step("a", duration=5), prep=0))
    assert cues(plan)[-1] == (5, "done")
    assert sum(1 for at, _ in cues(plan) if at == 5) == 1


@pytest.mark.parametrize(
    ("names", "winner"),
    [
        (["tick", "halfway"], "halfway"),
        (["tick", "pip"], "pip"),
        (["halfway", "pip"], "pip"),
        (["pip", "go"], "go"),
        (["pip", "ready"], "ready"),
        (["pip", "switch"], "switch"),
        (["go", "done"], "done"),
        (["tick", "halfway", "pip", "switch", "done"], "done"),
    ],
)
def test_priority_on_the_same_moment(names, winner):
    candidates = [(7.0, CUE_PRIORITY[name], order, name) for order, name in enumerate(reversed(names))]
    assert merge_cues(candidates) == [Cue(7.0, winner)]


def test_open_segment_start_cue_gives_way_to_the_next_segment_start():
    plan = build_plan(routine(Step("a", manual=True), Step("b", duration=10), prep=0))
    assert cues(plan)[0] == (0, "ready")  # the transition's, not the open step's go


def test_final_open_segment_meets_done():
    plan = build_plan(routine(Step("a", duration=10), Step("b", manual=True), prep=0, transition=0))
    assert cues(plan)[-1] == (10, "done")
    assert (10, "go") not in cues(plan)


def test_one_cue_per_moment_sorted():
    plan = build_plan(routine(Step("a", duration=30, sides=True, sets=3, rest=10), Step("b", reps=20, tempo=1.5)))
    moments = [c.at for c in plan.cues()]
    assert moments == sorted(moments) and len(moments) == len(set(moments))


def test_float_durations_do_not_split_a_moment():
    plan = build_plan(routine(Step("a", duration=0.1 + 0.2 + 4.7), Step("b", duration=5), prep=0.1, transition=0.2))
    moments = [c.at for c in plan.cues()]
    assert len(moments) == len(set(moments))


def test_json_shape_matches_the_spec():
    data = json.loads(
        json.dumps(
            plan_to_json(
                build_plan(
                    Routine(
                        name="Pre-lift mobility",
                        steps=(
                            Step("Arm swings", duration=30),
                            Step("Leg swings", duration=20, sides=True, sets=2, rest=10),
                        ),
                    )
                )
            )
        )
    )
    assert list(data) == ["name", "total", "open", "scale", "segments", "cues"] and data["scale"] == 1.0
    assert data["name"] == "Pre-lift mobility" and data["total"] == 140.0 and data["open"] == 0
    assert data["segments"][0] == {
        "kind": "prep",
        "name": "Get ready",
        "step": None,
        "side": None,
        "set": None,
        "start": 0.0,
        "duration": 5.0,
    }
    assert data["segments"][1] == {
        "kind": "work",
        "name": "Arm swings",
        "step": 1,
        "side": None,
        "set": 1,
        "start": 5.0,
        "duration": 30.0,
    }
    assert data["segments"][3] == {
        "kind": "work",
        "name": "Leg swings",
        "step": 2,
        "side": "left",
        "set": 1,
        "start": 40.0,
        "duration": 20.0,
    }
    assert data["segments"][4]["kind"] == "switch" and (data["segments"][4]["step"], data["segments"][4]["set"]) == (
        2,
        1,
    )
    assert data["segments"][2]["set"] is None and data["segments"][2]["step"] is None
    assert data["cues"][:2] == [{"at": 0.0, "cue": "ready"}, {"at": 2.0, "cue": "pip"}]
    assert data["cues"][-1] == {"at": 140.0, "cue": "done"}


def test_json_open_segment_has_null_duration():
    data = plan_to_json(build_plan(routine(Step("Lift", manual=True), prep=0)))
    assert data["segments"][0]["duration"] is None and data["open"] == 1 and data["total"] == 0.0
    assert data["cues"] == [{"at": 0.0, "cue": "done"}]


def test_cue_dataclass_is_what_the_plan_lists():
    assert list(build_plan(routine(Step("a", duration=1), prep=0)).cues()) == [Cue(0, "go"), Cue(1, "done")]


@settings(max_examples=200, deadline=None)
@given(routine=routines)
def test_the_length_check_adds_up_as_the_plan_does(routine):
    counted = routine.prep + sum(planned_seconds(routine, s, first=i == 0) for i, s in enumerate(routine.steps))
    assert counted == pytest.approx(build_plan(routine).total)


@settings(max_examples=100, deadline=None)
@given(routine=routines, scale=st.sampled_from([0.5, 1.0, 1.37, 2.0]))
def test_plan_json_written_as_it_goes_reads_as_the_whole(routine, scale):
    plan = build_plan(routine, scale)
    assert json.loads("".join(plan_json_chunks(plan))) == plan_to_json(plan)


def test_cues_are_worked_out_as_they_are_read():
    plan = build_plan(routine(*[Step(f"s{n}", reps=500, tempo=1) for n in range(21)], prep=0, transition=0))
    cues = plan.cues()
    assert next(cues) == Cue(0, "go") and next(cues) == Cue(1, "tick")  # a generator, not a stored list
    assert sum(1 for c in plan.cues() if c.cue == "tick") == 21 * (499 - 4)  # 3 pips and halfway win their moments


@settings(max_examples=200, deadline=None)
@given(routine=routines, scale=st.sampled_from([0.5, 1.0, 1.5]))
def test_totals_without_the_plan_match_the_plan(routine, scale):
    plan = build_plan(routine, scale)
    assert describe_routine(routine, scale) == describe_total(plan)
    assert planned_total(routine, scale) == pytest.approx(plan.total)
    assert open_segments(routine) == plan.open
