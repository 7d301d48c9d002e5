"""The engine with a fake clock: every operation, open segments, scale, stalls, cues exactly once."""

from __future__ import annotations

import pytest

from app.routine.library import find, load_library
from app.routine.model import Routine, Step
from app.session.engine import READY, CueDue, Engine, Finished, SegmentStarted
from app.session.session_view import session_view
from tests.conftest import FakeClock

EXAMPLE = Routine(
    "Example",
    (Step("Arm swings", duration=30), Step("Leg swings", duration=20, sides=True, sets=2, rest=10)),
)


def started(routine: Routine, clock: FakeClock, scale: float = 1.0) -> Engine:
    engine = Engine(routine, clock, scale)
    engine.start()
    return engine


def cues_of(events) -> list[str]:
    return [e.cue for e in events if isinstance(e, CueDue)]


def run_to_end(engine: Engine, clock: FakeClock) -> list:
    """Poll at every wake-up the engine asks for, like the UI does."""
    events = engine.poll()
    while not engine.finished:
        clock.now = engine.next_wakeup()
        events += engine.poll()
    return events


def test_start_enters_the_first_segment_with_its_cue(clock):
    engine = started(EXAMPLE, clock)
    events = engine.poll()
    assert events == [SegmentStarted(0), CueDue("ready", clock.now)]
    assert engine.segment.kind == "prep" and engine.remaining() == 5


def test_remaining_is_deadline_minus_now(clock):
    engine = started(EXAMPLE, clock)
    clock.advance(1.75)
    assert engine.remaining() == pytest.approx(3.25)


@pytest.mark.parametrize("stem", ["pre-lift-mobility", "post-lift-cooldown", "quick-warmup", "upper-back-relief"])
def test_cues_delivered_exactly_as_the_plan_lists_them(stem, clock):
    routine = find(stem, load_library()).routine
    engine = started(routine, clock)
    begin = clock.now
    events = run_to_end(engine, clock)
    got = [(round(e.at - begin, 6), e.cue) for e in events if isinstance(e, CueDue)]
    assert got == [(c.at, c.cue) for c in engine.plan.cues()]
    assert events[-1] == Finished(begin + engine.plan.total)
    assert engine.finished_at - begin == pytest.approx(engine.plan.total)


def test_each_cue_only_once_however_often_polled(clock):
    engine = started(EXAMPLE, clock)
    seen = []
    for _ in range(1500):
        seen += cues_of(engine.poll())
        clock.advance(0.1)
    assert len(seen) == len(list(engine.plan.cues()))


def test_stall_drops_cues_and_keeps_the_schedule(clock):
    engine = started(EXAMPLE, clock)
    begin = clock.now
    engine.poll()
    clock.advance(3.0)
    engine.poll()
    clock.advance(40.0)  # a frozen loop from 3 s to 43 s: past prep, arm swings, transition
    events = engine.poll()
    assert cues_of(events) == []  # nothing from inside the stall, no burst
    assert engine.segment.name == "Leg swings" and engine.segment.side == "left"
    assert engine.remaining() == pytest.approx(17.0)  # 40 + 20 - 43: the schedule did not move
    rest = run_to_end(engine, clock)
    assert engine.finished_at - begin == pytest.approx(140.0)
    assert cues_of(rest)[-1] == "done"


def test_cue_just_after_a_short_delay_still_plays(clock):
    engine = started(EXAMPLE, clock)
    engine.poll()
    clock.advance(2.1)  # pip due at 2.0, polled 100 ms late
    assert cues_of(engine.poll()) == ["pip"]


def test_stall_over_the_end_finishes_on_time_without_done_sound(clock):
    engine = started(Routine("R", (Step("a", duration=10),), prep=0), clock)
    begin = clock.now
    engine.poll()
    clock.advance(60)
    events = engine.poll()
    assert Finished(begin + 10) in events and "done" not in cues_of(events)
    assert engine.finished_at == begin + 10


def test_pause_holds_the_timeline(clock):
    engine = started(EXAMPLE, clock)
    clock.advance(2)
    engine.toggle_pause()
    clock.advance(100)
    engine.poll()
    assert engine.paused and engine.remaining() == pytest.approx(3)
    assert engine.next_wakeup() is None
    engine.toggle_pause()
    assert engine.remaining() == pytest.approx(3)
    clock.advance(3)
    engine.poll()
    assert engine.segment.name == "Arm swings"
    assert engine.summary().paused == pytest.approx(100)


def test_no_cues_while_paused(clock):
    engine = started(EXAMPLE, clock)
    engine.poll()
    clock.advance(1)
    engine.toggle_pause()
    clock.advance(10)
    assert cues_of(engine.poll()) == []


def test_next_goes_to_the_next_segment_start_with_its_cue(clock):
    engine = started(EXAMPLE, clock)
    engine.poll()
    clock.advance(1)
    engine.next()
    events = engine.poll()
    assert events == [SegmentStarted(1), CueDue("go", clock.now)]
    assert engine.remaining() == 30


def test_next_on_the_last_segment_finishes(clock):
    engine = started(Routine("R", (Step("a", duration=10),), prep=0), clock)
    engine.next()
    assert engine.finished and any(isinstance(e, Finished) for e in engine.poll())
    assert engine.summary().steps_done == 0


def test_back_late_restarts_the_segment(clock):
    engine = started(EXAMPLE, clock)
    clock.advance(10)  # 5 s into arm swings
    engine.poll()
    engine.back()
    assert engine.segment.name == "Arm swings" and engine.remaining() == 30
    assert cues_of(engine.poll()) == ["go"]


def test_back_early_goes_to_the_previous_segment(clock):
    engine = started(EXAMPLE, clock)
    clock.advance(6)  # 1 s into arm swings
    engine.poll()
    engine.back()
    assert engine.segment.kind == "prep" and engine.remaining() == 5
    assert cues_of(engine.poll()) == ["ready"]


def test_back_early_on_the_first_segment_restarts_it(clock):
    engine = started(EXAMPLE, clock)
    clock.advance(1)
    engine.back()
    assert engine.index == 0 and engine.remaining() == 5


def test_a_jump_lands_paused_in_a_short_get_ready_for_the_step(clock):
    engine = started(EXAMPLE, clock)
    engine.poll()
    clock.advance(1)
    assert engine.jump(2)
    assert engine.paused and engine.getting_ready and engine.segment.kind == "prep"
    assert engine.step_number == 2 and engine.remaining() == READY
    assert engine.segments[engine.next_work()].name == "Leg swings"
    clock.advance(30)  # the user walks back to the mat: nothing runs meanwhile
    assert engine.remaining() == READY and cues_of(engine.poll()) == []
    engine.toggle_pause()  # ready: "get ready", the 3-2-1, go
    heard = cues_of(engine.poll())
    for _ in range(int(READY)):
        clock.advance(1)
        heard += cues_of(engine.poll())
    assert heard == ["ready", "pip", "pip", "pip", "go"]
    assert engine.segment.name == "Leg swings" and engine.segment.side == "left" and engine.segment.set == 1
    assert not engine.getting_ready and engine.remaining() == 20
    engine.jump(1)
    assert engine.step_number == 1 and engine.paused
    engine.next()  # n skips the rest of the get-ready
    assert engine.segment.name == "Arm swings" and engine.paused
    assert engine.summary().time_added == 0
    left = [one.index for one in engine.take_left()]
    assert all(engine.segments[i].kind != "prep" or i == 0 for i in left)  # a get-ready is never logged


def test_a_jump_to_a_step_that_is_not_there_changes_nothing(clock):
    engine = started(EXAMPLE, clock)
    before = (engine.index, engine.paused)
    assert not engine.jump(0) and not engine.jump(99)
    assert (engine.index, engine.paused) == before


def test_add_time(clock):
    engine = started(EXAMPLE, clock)
    assert engine.add_time(10)
    assert engine.remaining() == 15 and engine.time_added == 10
    assert engine.add_time(-10) and engine.remaining() == 5


def test_remove_time_never_below_one_second(clock):
    engine = started(EXAMPLE, clock)
    clock.advance(2)
    assert engine.add_time(-10)
    assert engine.remaining() == pytest.approx(1) and engine.time_added == pytest.approx(-2)
    assert not engine.add_time(-10)


def test_added_time_moves_the_countdown_pips(clock):
    engine = started(Routine("R", (Step("a", duration=10),), prep=0), clock)
    engine.poll()
    clock.advance(7)
    assert cues_of(engine.poll()) == ["pip"]
    clock.advance(1)
    assert cues_of(engine.poll()) == ["pip"]
    engine.add_time(10)  # now 12 s left: a fresh 3-2-1 before the new end
    clock.advance(9)
    assert cues_of(engine.poll()) == ["pip"]
    clock.advance(1)
    assert cues_of(engine.poll()) == ["pip"]


def test_changed_time_moves_the_halfway_and_never_replays_a_passed_cue(clock):
    engine = started(Routine("R", (Step("a", duration=30),), prep=0), clock)
    engine.poll()
    clock.advance(12)
    engine.add_time(10)  # 40 s long now: halfway at 20 s
    clock.advance(7.5)
    assert cues_of(engine.poll()) == []
    clock.advance(0.5)
    assert cues_of(engine.poll()) == ["halfway"]
    engine.add_time(-10)  # 30 s long again: its halfway (15 s) has passed, and is not played again
    clock.advance(7)  # 27 s: the first pip of the new end
    assert cues_of(engine.poll()) == ["pip"]


def test_added_time_on_a_paced_step_adds_reps_and_their_ticks(clock):
    engine = started(Routine("R", (Step("a", reps=4, tempo=2),), prep=0), clock)
    engine.poll()
    clock.advance(5)  # rep 3 of 4
    assert engine.current_rep() == 3 and engine.reps == 4
    assert engine.add_time(10) == 10 and engine.reps == 9  # 5 more reps at 2 s
    ticks = cues_of(engine.poll())  # as the screen does after every key
    for _ in range(12):
        clock.advance(1)
        ticks += [e.cue for e in engine.poll() if isinstance(e, CueDue)]
    # The pip due at 5 s (before the change), ticks at each new rep boundary, a 3-2-1 before the new end.
    assert ticks == ["pip", "tick", "tick", "tick", "tick", "tick", "pip", "pip", "pip"]
    assert engine.current_rep() == 9 and engine.remaining() == 1


def test_fewer_reps_never_below_the_rep_under_way(clock):
    engine = started(Routine("R", (Step("a", reps=10, tempo=2),), prep=0), clock)
    engine.poll()
    clock.advance(13)  # rep 7
    assert engine.add_time(-10) == -6 and engine.reps == 7  # not 5: the 7th is under way
    assert engine.add_time(-10) == 0 and engine.reps == 7


def test_open_segment_waits_for_done_and_counts_up(clock):
    engine = started(Routine("R", (Step("Lift", manual=True), Step("b", duration=5)), prep=0), clock)
    assert cues_of(engine.poll()) == ["go"] and engine.is_open
    clock.advance(600)
    assert engine.poll() == [] and engine.elapsed() == 600 and engine.remaining() is None
    assert not engine.add_time(10)
    engine.done()
    assert engine.segment.kind == "transition" and cues_of(engine.poll()) == ["ready"]


def test_open_rep_step_is_done_by_the_user(clock):
    engine = started(Routine("R", (Step("Squats", reps=10),), prep=0), clock)
    assert cues_of(engine.poll()) == ["go"]
    clock.advance(42)
    engine.done()
    assert cues_of(engine.poll()) == ["done"]
    assert engine.finished and engine.summary().steps_done == 1


def test_done_does_nothing_on_a_timed_segment(clock):
    engine = started(EXAMPLE, clock)
    engine.done()
    assert engine.index == 0


def test_paced_reps_count(clock):
    engine = started(Routine("R", (Step("a", reps=5, tempo=2),), prep=0), clock)
    assert engine.current_rep() == 1
    clock.advance(4.5)
    assert engine.current_rep() == 3
    clock.advance(5.4)
    assert engine.current_rep() == 5


def test_scale_stretches_the_session(clock):
    engine = started(EXAMPLE, clock, scale=0.5)
    begin = clock.now
    run_to_end(engine, clock)
    assert engine.finished_at - begin == 70


@pytest.mark.parametrize("scale", [0.49, 2.01])
def test_scale_out_of_range(scale, clock):
    with pytest.raises(ValueError, match="scale must be between 0.5 and 2.0"):
        Engine(EXAMPLE, clock, scale)


def test_summary_counts_done_and_skipped(clock):
    engine = started(EXAMPLE, clock)
    clock.advance(5 + 30 + 5 + 3)
    engine.poll()
    engine.next()  # skip left side of set 1
    engine.add_time(10)
    run_to_end(engine, clock)
    summary = engine.summary()
    assert (summary.steps, summary.steps_done, summary.steps_skipped) == (2, 1, 1)
    assert summary.time_added == 10 and summary.planned == 140
    assert summary.actual == pytest.approx(140 - 17 + 10)


def test_next_while_paused_keeps_it_paused_at_full_length(clock):
    engine = started(EXAMPLE, clock)
    engine.toggle_pause()
    clock.advance(20)
    engine.next()
    assert engine.paused and engine.remaining() == 30
    clock.advance(20)
    assert engine.remaining() == 30


def test_next_wakeup_aims_at_the_next_displayed_second_or_cue(clock):
    engine = started(Routine("R", (Step("a", duration=30),), prep=0), clock)
    engine.poll()
    clock.advance(0.3)
    assert engine.next_wakeup() == pytest.approx(clock.now + 0.7)  # 29.7 s left shows 30 until 29.0
    clock.advance(13.9)  # 15.8 left; halfway at 15.0 and the display change at 15.0 coincide
    assert engine.next_wakeup() == pytest.approx(clock.now + 0.8)


def test_operations_after_finish_do_nothing(clock):
    engine = started(Routine("R", (Step("a", duration=1),), prep=0), clock)
    clock.advance(5)
    engine.poll()
    for op in (engine.next, engine.back, engine.done, engine.toggle_pause, lambda: engine.jump(1)):
        op()
    assert engine.finished and not engine.add_time(10)


def test_each_segment_left_is_noted_with_its_own_time(clock):
    routine = Routine(
        "R", (Step("a", duration=10), Step("b", duration=10), Step("c", duration=10)), prep=0, transition=0
    )
    engine = started(routine, clock)
    clock.advance(10)  # a runs to its end
    engine.poll()
    clock.advance(3)
    engine.toggle_pause()
    clock.advance(100)  # held: not b's time
    engine.next()  # b left after 3 s, while paused
    clock.advance(5)
    engine.toggle_pause()
    clock.advance(2)
    engine.jump(1)  # c left after 2 s
    assert [(left.index, left.seconds, left.completed) for left in engine.take_left()] == [
        (0, 10, True),
        (1, 3, False),
        (2, 2, False),
    ]
    assert engine.take_left() == [] and engine.visited == {0, 1, 2}


def test_a_session_goes_on_where_it_stood(clock):
    engine = Engine(EXAMPLE, clock)
    engine.start(at=3, offset=12.0, done=frozenset({1}), visited=frozenset({1, 3}))
    assert engine.index == 3 and engine.remaining() == 8  # Leg swings, left: 20 s, 12 gone
    assert engine.times() == (0.0, 0.0, 0.0) and engine.take_left() == []
    clock.advance(8)
    engine.poll()
    assert engine.index == 4 and 3 in engine.completed and 1 in engine.completed


def test_the_summary_tells_steps_begun_from_steps_never_reached(clock):
    routine = Routine(
        "R", (Step("a", duration=10), Step("b", duration=10, sides=True), Step("c", duration=10)), prep=0, transition=0
    )
    engine = started(routine, clock)
    clock.advance(4)
    engine.next()  # a: 4 s of 10, then on to b's first side
    engine.next()  # b's first side passed over at once, not begun
    engine.next()  # past the switch to b's second side
    clock.advance(3)
    engine.poll()
    summary = engine.summary()  # stopped here, 3 s into b's second side
    assert summary.skipped == ("a", "b", "c")
    assert summary.partly == ("a", "b") and summary.untouched == ("c",)
    engine.next()
    engine.next()  # c passed over at once: not begun
    assert engine.summary().untouched == ("c",)


@pytest.mark.parametrize(("scale", "reps"), [(0.7, 7), (0.5, 5), (0.54, 5), (0.56, 6), (1.5, 15)])
def test_a_scaled_session_does_fewer_or_more_reps_of_a_paced_step_at_its_own_tempo(clock, scale, reps):
    from app.session.session_view import session_view

    engine = started(Routine("R", (Step("Leg swings", reps=10, tempo=2, sides=True),), prep=0, switch=4), clock, scale)
    assert engine.segment.duration == reps * 2  # never 10 reps faster
    assert engine.routine.steps[0].reps == reps and engine.routine.steps[0].tempo == 2
    assert f"Rep 1 of {reps}" in session_view(engine).detail
    ticks = [c.at for c in engine.plan.cues() if c.cue == "tick" and c.at < reps * 2]
    assert all(b - a == pytest.approx(2) for a, b in zip(ticks, ticks[1:]))  # one a tempo, as at 100 %
    clock.advance(4.1)
    engine.poll()
    assert engine.current_rep() == 3


def test_a_scale_never_takes_a_paced_step_below_one_rep(clock):
    engine = started(Routine("R", (Step("Slow squat", reps=1, tempo=6),), prep=0), clock, 0.5)
    assert engine.routine.steps[0].reps == 1 and engine.segment.duration == 6


PACED_THEN_TIMED = Routine("R", (Step("a", reps=4, tempo=2), Step("b", duration=10)), prep=0)


def progress(engine: Engine) -> tuple[float, float]:
    view = session_view(engine)
    return view.progress, view.progress_total


def test_a_paced_step_gone_back_to_keeps_its_added_reps_and_the_bar_its_place(clock):
    engine = started(PACED_THEN_TIMED, clock)
    clock.advance(5)  # rep 3 of 4
    assert engine.add_time(10) == 10 and engine.reps == 9
    clock.advance(1)
    engine.back()  # past its first 2 s: the step again, from its first rep, with the reps the user set
    assert engine.index == 0 and engine.reps == 9 and engine.current_rep() == 1 and engine.remaining() == 18
    assert engine.time_added == 10 and progress(engine) == (0, engine.plan.total + 10)
    clock.advance(18)
    engine.poll()
    assert engine.segment.name != "a"  # the 9 reps ran to their end
    engine.back()  # within 2 s of the next segment: the paced step again, still with 9 reps
    assert (engine.index, engine.reps, engine.time_added) == (0, 9, 10)
    assert progress(engine) == (0, engine.plan.total + 10)


def test_time_added_to_a_step_left_and_come_back_to_is_counted_once(clock):
    engine = started(PACED_THEN_TIMED, clock)
    engine.add_time(10)
    engine.next()
    engine.back()  # within 2 s: back to the paced step
    engine.add_time(-10)  # 5 reps fewer: back to 4
    assert engine.reps == 4 and engine.time_added == 0
    run_to_end(engine, clock)
    summary = engine.summary()
    assert summary.time_added == 0 and summary.steps_done == 2
    assert progress(engine) == (engine.plan.total, engine.plan.total)


def test_the_bar_never_runs_backwards_when_a_later_step_was_lengthened(clock):
    engine = started(PACED_THEN_TIMED, clock)
    engine.next()  # the gap before b
    while engine.segment.name != "b":
        engine.next()
    engine.add_time(10)
    before = progress(engine)
    engine.back()  # within 2 s: back to the gap, whose time is still to come
    after = progress(engine)
    assert after[1] == before[1] == engine.plan.total + 10 and after[0] <= before[0]
    clock.advance(0.5)
    assert progress(engine)[0] >= after[0]


def test_more_time_in_a_get_ready_is_time_to_get_ready_not_time_added(clock):
    engine = started(PACED_THEN_TIMED, clock)
    assert engine.jump(2) and engine.getting_ready
    engine.toggle_pause()
    assert engine.add_time(10) == 10 and engine.remaining() == READY + 10
    assert engine.time_added == 0 and engine.summary().time_added == 0


def test_more_time_as_the_clock_reaches_a_step_without_a_timer_does_nothing(clock):
    engine = started(Routine("R", (Step("a", duration=5), Step("Lift", manual=True)), prep=0), clock)
    clock.advance(60)  # past a and the gap, not yet polled: the open step is under way
    assert engine.add_time(10) == 0 and engine.is_open and engine.time_added == 0
