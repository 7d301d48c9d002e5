"""The routine as the program sees it: immutable records with the format's defaults.

Records made at start-up are NamedTuples, not dataclasses: Python builds a NamedTuple class
several times faster, and the first frame waits for every class on its way.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Kind = Literal["warmup", "cooldown", "mobility", "other"]
KINDS: tuple[Kind, ...] = ("warmup", "cooldown", "mobility", "other")

DEFAULT_GAP = 5.0  # seconds of prep, transition and switch when a file does not say


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
