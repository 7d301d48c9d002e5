"""A routine expanded into its timeline of segments and sound cues (pure arithmetic)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple

from app.routine.length import (  # the arithmetic a routine's checks need too, kept below the session
    MAX_PLANNED,
    SCALE_RANGE,
    open_segments,
    planned_seconds,
    planned_total,
    reps_at,
)
from app.routine.model import Routine, Step

__all__ = ["MAX_PLANNED", "SCALE_RANGE", "open_segments", "planned_seconds", "planned_total", "reps_at"]

SegmentKind = Literal["prep", "work", "switch", "rest", "transition"]
Side = Literal["left", "right"]

# Higher wins when two cues fall on the same moment.
CUE_PRIORITY = {"done": 4, "go": 3, "ready": 3, "switch": 3, "pip": 2, "halfway": 1, "tick": 0}
START_CUES = {"prep": "ready", "work": "go", "switch": "switch", "rest": "ready", "transition": "ready"}
PIP_MIN = 5.0  # segments shorter than this get no 3-2-1
HALFWAY_MIN = 20.0  # work shorter than this gets no halfway cue


class Segment(NamedTuple):
    """One stretch of the timeline; `duration` None means open (ends when the user says)."""

    kind: SegmentKind
    name: str
    step: int | None  # 1-based index into the routine's steps
    side: Side | None
    set: int | None
    start: float
    duration: float | None

    @property
    def is_open(self) -> bool:
        return self.duration is None

    @property
    def end(self) -> float:
        return self.start + (self.duration or 0.0)


class Cue(NamedTuple):
    """A sound due at `at` seconds into the plan."""

    at: float
    cue: str


class Plan(NamedTuple):
    """The timeline of a routine; open segments count 0 s toward `total`.

    The cues are not stored: a paced step of 500 reps has 499 ticks a side and set, so they
    are worked out as they are read (`cues()`), in time order, one per moment.
    """

    name: str
    segments: tuple[Segment, ...]
    steps: tuple[Step, ...]
    scale: float = 1.0

    @property
    def total(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    @property
    def open(self) -> int:
        return sum(1 for segment in self.segments if segment.is_open)

    def cues(self) -> Iterator[Cue]:
        """Every cue of the plan, sorted by `at`, one per moment after the priority rule."""
        return _one_per_moment(_candidates(self))


def steps_at(steps: tuple[Step, ...], scale: float) -> tuple[Step, ...]:
    """The steps as run at `scale`. Scaling never raises intensity: a paced step does fewer (or more) reps
    at its own tempo, which is part of the move's form; the other timed parts are shorter (or longer)."""
    if abs(scale - 1.0) < 1e-9:
        return steps
    return tuple(
        step._replace(reps=reps_at(step.reps, scale)) if step.reps and step.tempo is not None else step
        for step in steps
    )


def build_plan(routine: Routine, scale: float = 1.0) -> Plan:
    """Expand `routine` into segments at `scale` (see steps_at); the plan's steps are those run."""
    segments: list[Segment] = []
    steps = steps_at(routine.steps, scale)

    def add(kind: SegmentKind, name: str, length: float | None, paced: bool = False, **where) -> None:
        start = segments[-1].end if segments else 0.0
        duration = None if length is None else length if paced else length * scale  # paced: its reps scaled
        segments.append(Segment(kind, name, where.get("step"), where.get("side"), where.get("set"), start, duration))

    if routine.prep > 0:
        add("prep", "Get ready", routine.prep)
    for number, step in enumerate(steps, start=1):
        if number > 1 and routine.transition > 0:
            add("transition", f"Next up: {step.name}", routine.transition)
        for set_number in range(1, step.sets + 1):
            _add_set(add, routine, step, number, set_number)
    return Plan(routine.name, tuple(segments), steps, scale)


def _add_set(add, routine: Routine, step: Step, number: int, set_number: int) -> None:
    where = {"step": number, "set": set_number, "paced": bool(step.reps) and step.tempo is not None}
    if step.sides:
        add("work", step.name, step.work_seconds, side="left", **where)
        if routine.switch > 0:
            add("switch", "Switch sides", routine.switch, step=number, set=set_number)
        add("work", step.name, step.work_seconds, side="right", **where)
    else:
        add("work", step.name, step.work_seconds, **where)
    if set_number < step.sets and step.rest > 0:
        add("rest", "Rest", step.rest, step=number, set=set_number)


def segment_cues(segment: Segment, step: Step | None) -> list[Cue]:
    """The cues one segment carries, at plan times, sorted, before the same-moment rule is applied."""
    cues = [Cue(segment.start, START_CUES[segment.kind])]
    if segment.duration is None:
        return cues
    end, length = segment.end, segment.duration
    if length >= PIP_MIN:
        cues += [Cue(end - n, "pip") for n in (3, 2, 1)]
    if segment.kind == "work" and length >= HALFWAY_MIN:
        cues.append(Cue(segment.start + length / 2, "halfway"))
    if segment.kind == "work" and step is not None and step.reps and step.tempo:
        tempo = length / step.reps  # the scaled tempo
        cues += [Cue(segment.start + n * tempo, "tick") for n in range(1, step.reps)]
    cues.sort()
    return cues


class _Candidate(NamedTuple):
    moment: float  # `at` rounded: sums of float durations differ in the last bits
    priority: int
    order: int  # the segment's place: of two equal cues on one moment, the later segment's wins
    cue: str


def _candidates(plan: Plan) -> Iterator[_Candidate]:
    """Every segment's cues in time order: segments follow one another, so the stream is sorted."""
    for order, segment in enumerate(plan.segments):
        step = plan.steps[segment.step - 1] if segment.kind == "work" else None
        for cue in segment_cues(segment, step):
            yield _Candidate(round(cue.at, 6), CUE_PRIORITY[cue.cue], order, cue.cue)
    if plan.segments:
        yield _Candidate(round(plan.segments[-1].end, 6), CUE_PRIORITY["done"], len(plan.segments), "done")


def _one_per_moment(candidates: Iterable[_Candidate]) -> Iterator[Cue]:
    """From candidates sorted by moment, the winner of each moment: highest priority, then latest segment."""
    best: _Candidate | None = None
    for candidate in candidates:
        if best is not None and candidate.moment != best.moment:
            yield Cue(best.moment, best.cue)
            best = None
        if best is None or (candidate.priority, candidate.order) >= (best.priority, best.order):
            best = candidate
    if best is not None:
        yield Cue(best.moment, best.cue)


def merge_cues(candidates: list[tuple[float, int, int, str]]) -> list[Cue]:
    """One cue per moment from (at, priority, order, name) tuples in any order."""
    ordered = sorted(
        (_Candidate(round(at, 6), priority, order, name) for at, priority, order, name in candidates),
        key=lambda c: c.moment,
    )
    return list(_one_per_moment(ordered))


def scale_label(scale: float) -> str:
    """How a time scale other than 100 % is shown: "85 %"; at 100 %, nothing."""
    return "" if abs(scale - 1.0) < 1e-9 else f"{round(scale * 100)} %"


def describe_total(plan: Plan) -> str:
    """The planned length for people: "12 min 30 s", with "+ open steps" when some are open."""
    return _describe(plan.total, plan.open > 0)


def describe_routine(routine: Routine, scale: float = 1.0) -> str:
    """`describe_total` of the routine's plan at `scale`, worked out without building it."""
    return _describe(planned_total(routine, scale), any(step.is_open for step in routine.steps))


def _describe(seconds: float, open_steps: bool) -> str:
    from app.routine.duration import format_human

    text = format_human(seconds)
    return f"{text} + open steps" if open_steps else text
