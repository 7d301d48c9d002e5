"""How long a routine plans to take, worked out from the routine alone: what its checks bound, and what
the session's plan (app/session/plan.py) adds up segment by segment to the same figures."""

from __future__ import annotations

import math

from app.routine.model import Routine, Step

SCALE_RANGE = (0.5, 2.0)  # the time scale a session may run at: half as long to twice as long
# The most a routine may plan, at scale 1 (open steps count 0): three hours is far past any
# warm-up or stretch, and it bounds the work a downloaded file can cause (200 steps of 500
# one-minute reps each side for 20 sets would plan 66,000 hours and 4 million ticks).
MAX_PLANNED = 3 * 3600


def reps_at(reps: int, scale: float) -> int:
    """A paced step's reps at `scale`: rounded half up, one at least."""
    return max(1, math.floor(reps * scale + 0.5))


def planned_seconds(routine: Routine, step: Step, first: bool, scale: float = 1.0) -> float:
    """What `step` adds to the planned total at `scale`: its sets, sides, switches, rests, the transition
    before it (a paced step's work: its reps at `scale`, at its own tempo)."""
    if step.reps and step.tempo is not None:
        work = reps_at(step.reps, scale) * step.tempo / scale  # scaled back below with the rest
    else:
        work = step.work_seconds or 0.0
    one_set = 2 * work + routine.switch if step.sides else work
    rests = (step.sets - 1) * step.rest
    return ((0.0 if first else routine.transition) + step.sets * one_set + rests) * scale


def planned_total(routine: Routine, scale: float = 1.0) -> float:
    """The plan's total at `scale`, without building the plan."""
    return routine.prep * scale + sum(
        planned_seconds(routine, step, i == 0, scale) for i, step in enumerate(routine.steps)
    )


def open_segments(routine: Routine) -> int:
    """How many open segments the routine's plan has, without building it."""
    return sum(step.sets * (2 if step.sides else 1) for step in routine.steps if step.is_open)
