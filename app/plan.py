"""A routine expanded into its timeline of segments and sound cues (pure arithmetic)."""

from __future__ import annotations

from typing import Literal, NamedTuple

from app.model import Routine, Step

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
    """The timeline of a routine; open segments count 0 s toward `total`."""

    name: str
    segments: tuple[Segment, ...]
    cues: tuple[Cue, ...]

    @property
    def total(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    @property
    def open(self) -> int:
        return sum(1 for segment in self.segments if segment.is_open)


def build_plan(routine: Routine, scale: float = 1.0) -> Plan:
    """Expand `routine` into segments and cues; `scale` stretches every timed segment."""
    segments: list[Segment] = []

    def add(kind: SegmentKind, name: str, length: float | None, **where) -> None:
        start = segments[-1].end if segments else 0.0
        duration = None if length is None else length * scale
        segments.append(Segment(kind, name, where.get("step"), where.get("side"), where.get("set"), start, duration))

    if routine.prep > 0:
        add("prep", "Get ready", routine.prep)
    for number, step in enumerate(routine.steps, start=1):
        if number > 1 and routine.transition > 0:
            add("transition", f"Next up: {step.name}", routine.transition)
        for set_number in range(1, step.sets + 1):
            _add_set(add, routine, step, number, set_number)
    return Plan(routine.name, tuple(segments), tuple(_cues(segments, routine)))


def _add_set(add, routine: Routine, step: Step, number: int, set_number: int) -> None:
    where = {"step": number, "set": set_number}
    if step.sides:
        add("work", step.name, step.work_seconds, side="left", **where)
        if routine.switch > 0:
            add("switch", "Switch sides", routine.switch, **where)
        add("work", step.name, step.work_seconds, side="right", **where)
    else:
        add("work", step.name, step.work_seconds, **where)
    if set_number < step.sets and step.rest > 0:
        add("rest", "Rest", step.rest, **where)


def segment_cues(segment: Segment, step: Step | None) -> list[Cue]:
    """The cues one segment carries, at plan times, before the same-moment rule is applied."""
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
    return cues


def _cues(segments: list[Segment], routine: Routine) -> list[Cue]:
    candidates: list[tuple[float, int, int, str]] = []
    for order, segment in enumerate(segments):
        step = routine.steps[segment.step - 1] if segment.kind == "work" else None
        for cue in segment_cues(segment, step):
            candidates.append((cue.at, CUE_PRIORITY[cue.cue], order, cue.cue))
    if segments:
        candidates.append((segments[-1].end, CUE_PRIORITY["done"], len(segments), "done"))
    return merge_cues(candidates)


def merge_cues(candidates: list[tuple[float, int, int, str]]) -> list[Cue]:
    """One cue per moment: the highest priority, and of equals the later segment's."""
    best: dict[float, tuple[int, int, str, float]] = {}
    for at, priority, order, name in candidates:
        moment = round(at, 6)  # sums of float durations differ in the last bits
        if moment not in best or (priority, order) >= best[moment][:2]:
            best[moment] = (priority, order, name, at)
    return [Cue(round(at, 6), name) for _, _, name, at in sorted(best.values(), key=lambda v: v[3])]


def describe_total(plan: Plan) -> str:
    """The planned length for people: "12 min 30 s", with "+ open steps" when some are open."""
    from app.duration import format_human

    text = format_human(plan.total)
    return f"{text} + open steps" if plan.open else text
