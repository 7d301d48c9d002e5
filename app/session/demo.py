"""Which move the session shows now, on which side, and where in its repetition: in the rhythm of the reps."""

from __future__ import annotations

from typing import NamedTuple

from app.session.engine import Engine

LEAD_INS = ("prep", "transition", "switch", "rest")  # parts that get the user ready for the work that follows


class Demo(NamedTuple):
    """The move to show at a moment of a session."""

    move: str  # a shipped move's name, from the step's demo
    side: str | None  # "left" or "right" on a two-sided step: the side in work, or the one about to be
    lead_in: bool  # getting ready for the step (the moment the user looks to learn what comes next)
    elapsed: float  # seconds into the part, stopped while paused
    rep: float | None  # seconds one rep takes on a paced step: each repetition of the move starts on a tick

    def moment(self, move_seconds: float) -> float:
        """Seconds into the move's own repetition: on a paced step, as far through it as the rep is through
        its tempo, so the figure starts again with each rep's tick; else at the move's own pace."""
        if self.rep:
            return (self.elapsed % self.rep) / self.rep * move_seconds
        return self.elapsed % move_seconds


def demo_now(engine: Engine, now: float | None = None) -> Demo | None:
    """The move for the part under way, or None: before the start, after the end, and for a step without one."""
    if not engine.started or engine.finished:
        return None
    segment = engine.segment
    ahead = segment.kind in LEAD_INS
    index = engine.next_work() if ahead else engine.index
    if index is None:
        return None
    work = engine.segments[index]
    step = engine.routine.steps[work.step - 1] if work.step else None
    if step is None or step.demo is None:
        return None
    rep = None
    if not ahead and engine.reps and not engine.is_open:
        rep = (engine.elapsed(now) + (engine.remaining(now) or 0.0)) / engine.reps  # with reps added or taken
    elif step.reps and step.tempo:
        rep = step.tempo  # getting ready: the rhythm to come
    return Demo(step.demo, work.side, ahead, engine.elapsed(now), rep)
