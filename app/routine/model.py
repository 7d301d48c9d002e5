"""The routine as the program sees it: immutable records with the format's defaults.

Records made at start-up are NamedTuples, not dataclasses: Python builds a NamedTuple class
several times faster, and the first frame waits for every class on its way.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Kind = Literal["warmup", "cooldown", "mobility", "other"]
KINDS: tuple[Kind, ...] = ("warmup", "cooldown", "mobility", "other")

DEFAULT_GAP = 5.0  # seconds of prep, transition and switch when a file does not say

# What the format allows (docs/routine-format.md): the checks of a file and of a cached routine both use these.
BOUNDS = {
    "duration": (1, 3600),
    "reps": (1, 500),
    "tempo": (1, 60),
    "sets": (1, 20),
    "rest": (0, 600),
    "gap": (0, 600),  # prep, transition, switch
    "name": (1, 80),  # characters
    "description": (0, 2000),
    "steps": (1, 200),
    "cues": (0, 10),  # lines
    "cue": (0, 200),  # characters
    "demo": (1, 60),  # characters of a move's name
}


class Step(NamedTuple):
    """One exercise; exactly one of duration, reps or manual says how it ends."""

    name: str
    duration: float | None = None
    reps: int | None = None
    tempo: float | None = None
    manual: bool = False
    sides: bool = False
    sets: int = 1
    rest: float = 0.0
    cues: tuple[str, ...] = ()
    demo: str | None = None  # the shipped move that shows it ("hip-circles"), drawn beside the clock

    @property
    def is_open(self) -> bool:
        """True when the step lasts until the user says it is done."""
        return self.manual or (self.reps is not None and self.tempo is None)

    @property
    def work_seconds(self) -> float | None:
        """Length of one work segment, or None when it is open."""
        if self.duration is not None:
            return self.duration
        if self.reps is not None and self.tempo is not None:
            return self.reps * self.tempo
        return None


class Routine(NamedTuple):
    """A whole routine file, format 1."""

    name: str
    steps: tuple[Step, ...]
    description: str = ""
    kind: Kind = "other"
    prep: float = DEFAULT_GAP
    transition: float = DEFAULT_GAP
    switch: float = DEFAULT_GAP
    version: int = 1


def _number(value: object, bound: str, whole: bool = False) -> bool:
    low, high = BOUNDS[bound]
    kind = int if whole else (int, float)
    return isinstance(value, kind) and not isinstance(value, bool) and low <= value <= high  # NaN fails both


def in_bounds(routine: Routine) -> bool:
    """Whether `routine` holds only what a checked file can: the types, and finite numbers in their ranges.
    Cheap: for a routine decoded from the cache, which a damaged or planted entry must not get past."""
    text = lambda value, bound: isinstance(value, str) and BOUNDS[bound][0] <= len(value) <= BOUNDS[bound][1]  # noqa: E731
    if not (
        text(routine.name, "name")
        and text(routine.description, "description")
        and routine.kind in KINDS
        and all(_number(gap, "gap") for gap in (routine.prep, routine.transition, routine.switch))
        and isinstance(routine.steps, tuple)
        and BOUNDS["steps"][0] <= len(routine.steps) <= BOUNDS["steps"][1]
    ):
        return False
    for step in routine.steps:
        if not (
            isinstance(step, Step)
            and text(step.name, "name")
            and (step.duration is None or _number(step.duration, "duration"))
            and (step.reps is None or _number(step.reps, "reps", whole=True))
            and (step.tempo is None or (_number(step.tempo, "tempo") and step.reps is not None))
            and step.manual in (True, False)
            and step.sides in (True, False)
            and _number(step.sets, "sets", whole=True)
            and _number(step.rest, "rest")
            and isinstance(step.cues, tuple)
            and len(step.cues) <= BOUNDS["cues"][1]
            and all(text(cue, "cue") for cue in step.cues)
            and (step.demo is None or text(step.demo, "demo"))
            and [step.duration is not None, step.reps is not None, step.manual is True].count(True) == 1
        ):
            return False
    return True
