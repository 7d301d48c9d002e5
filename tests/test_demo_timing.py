"""The figure in the rhythm of the reps: on a paced step each repetition of the move starts with a rep's tick,
on either side; getting ready shows the step to come; a pause stops it where it is."""

from __future__ import annotations

import pytest

from app.routine.model import Routine, Step
from app.session.demo import demo_now
from app.session.engine import CueDue, Engine, SegmentStarted

MOVE_SECONDS = 5.0  # the move's own repetition, which a paced step's tempo overrides

PACED = Routine(
    "Paced",
    (Step("Side bends", reps=4, tempo=3, sides=True, demo="side-bends"), Step("Rest of it", duration=10)),
)


def into_the_work(engine: Engine, clock, side: str) -> float:
    """Poll until the work on `side` starts; its start time."""
    while True:
        for event in engine.poll():
            if isinstance(event, SegmentStarted) and engine.segment.kind == "work" and engine.segment.side == side:
                return clock.now
        clock.now = engine.next_wakeup()


def off_the_start(moment: float) -> float:
    """How far `moment` is from the repetition's start (it loops: its end is its start)."""
    return min(moment, MOVE_SECONDS - moment)


@pytest.mark.parametrize("side", ["left", "right"])
def test_each_repetition_starts_on_a_rep_tick_on_both_sides(clock, side):
    engine = Engine(PACED, clock)
    engine.start()
    began = into_the_work(engine, clock, side)
    demo = demo_now(engine)
    assert demo.move == "side-bends" and demo.side == side and not demo.lead_in and demo.rep == pytest.approx(3)
    assert off_the_start(demo.moment(MOVE_SECONDS)) == pytest.approx(0)  # the go
    rep_starts = []  # when the engine moves on a rep: the tick (or, where they fall together, the pip)
    while engine.segment.kind == "work":
        before = engine.current_rep()
        clock.now = engine.next_wakeup()
        cues = [event.cue for event in engine.poll() if isinstance(event, CueDue)]
        if engine.segment.kind == "work" and engine.current_rep() != before:
            assert cues and cues[0] in ("tick", "pip")  # heard as it starts
            rep_starts.append(clock.now)
            assert off_the_start(demo_now(engine).moment(MOVE_SECONDS)) == pytest.approx(0, abs=1e-9)
            halfway = demo_now(engine, clock.now + 1.5).moment(MOVE_SECONDS)
            assert halfway == pytest.approx(MOVE_SECONDS / 2)  # half a rep: half the move
    assert rep_starts == pytest.approx([began + 3, began + 6, began + 9])  # reps 2, 3 and 4


def test_getting_ready_shows_the_step_to_come_at_its_tempo_on_its_first_side(clock):
    engine = Engine(PACED, clock)
    engine.start()
    engine.poll()
    demo = demo_now(engine)
    assert engine.segment.kind == "prep"
    assert demo.move == "side-bends" and demo.lead_in and demo.side == "left" and demo.rep == 3


def test_switching_sides_shows_the_side_to_come(clock):
    engine = Engine(PACED, clock)
    engine.start()
    into_the_work(engine, clock, "left")
    while engine.segment.kind != "switch":
        clock.now = engine.next_wakeup()
        engine.poll()
    demo = demo_now(engine)
    assert demo.lead_in and demo.side == "right"


def test_paused_it_stops_on_its_pose(clock):
    engine = Engine(PACED, clock)
    engine.start()
    into_the_work(engine, clock, "left")
    clock.advance(1.2)
    engine.toggle_pause()
    stopped = demo_now(engine).moment(MOVE_SECONDS)
    clock.advance(7.3)
    assert demo_now(engine).moment(MOVE_SECONDS) == stopped == pytest.approx(1.2 / 3 * MOVE_SECONDS)


def test_a_timed_step_moves_at_the_moves_own_pace_and_a_step_without_a_demo_shows_none(clock):
    routine = Routine("Timed", (Step("Hip circles", duration=20, demo="hip-circles"), Step("Lift", manual=True)))
    engine = Engine(routine, clock)
    engine.start()
    into_the_work(engine, clock, None)
    clock.advance(7.0)
    demo = demo_now(engine)
    assert demo.rep is None and demo.moment(MOVE_SECONDS) == pytest.approx(2.0)
    while engine.routine.steps[engine.step_number - 1].name != "Lift" or engine.segment.kind != "work":
        clock.now = engine.next_wakeup()
        engine.poll()
    assert demo_now(engine) is None
