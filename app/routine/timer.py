"""A quick timer without a file, as interval-timer users write it: `45s`, `8x30s/15s`, `tabata`, `emom 10m`."""

from __future__ import annotations

import re

from app.routine.duration import DurationError, format_duration, parse_duration
from app.routine.model import BOUNDS, Routine, Step

FORMS = (
    "a length (45s, 1m30s), rounds of work and rest (8x30s/15s: 8 rounds of 30 s work and 15 s rest; "
    "5x1m without rest), tabata (8x20s/10s), or emom and its minutes (emom 10m: a go at the top of every minute)"
)
_ROUNDS = re.compile(r"(\d+)\s*x\s*([^/]+?)\s*(?:/\s*(.+))?")


class TimerError(ValueError):
    """A timer written in no form Supple knows; the message shows the forms, with examples."""


def length_of(text: str, what: str, low: float, high: float) -> float:
    """`text` as seconds from `low` to `high`; TimerError naming `what` otherwise."""
    try:
        seconds = parse_duration(text.strip())
    except DurationError:
        raise TimerError(f"{what} {text.strip()!r} is not a length: write it 45s, 1m30s or 90") from None
    if not low <= seconds <= high:
        raise TimerError(f"{what} must be from {format_duration(low)} to {format_duration(high)}, got {text.strip()!r}")
    return seconds


def _rounds(count: str, work: str, rest: str | None, name: str) -> tuple[str, Step]:
    rounds = int(count)
    low, high = BOUNDS["sets"]
    if not low <= rounds <= high:
        raise TimerError(f"rounds must be from {low} to {high}, got {rounds}")
    seconds = length_of(work, "work", *BOUNDS["duration"])
    pause = 0.0 if rest is None else length_of(rest, "rest", *BOUNDS["rest"])
    return name, Step("Work", duration=seconds, sets=rounds, rest=pause)


def parse_timer(words: list[str], prep: float | None = None) -> Routine:
    """The routine a quick timer stands for; TimerError, with the accepted forms, for anything else."""
    text = " ".join(words).strip()
    folded = text.casefold()
    try:
        if folded == "tabata":
            name, step = _rounds("8", "20s", "10s", "Tabata (8x20s/10s)")
        elif folded.startswith("emom"):
            if not text[4:].strip():
                raise TimerError("emom needs its minutes, as in emom 10m")
            minutes = length_of(text[4:], "emom's length", 60, 60 * BOUNDS["sets"][1])
            if minutes % 60:
                raise TimerError(f"emom runs whole minutes, got {text[4:].strip()!r}")
            name, step = f"EMOM {int(minutes // 60)} min", Step("Minute", duration=60.0, sets=int(minutes // 60))
        elif match := _ROUNDS.fullmatch(folded):
            name, step = _rounds(*match.groups(), f"Timer {text}")
        else:
            seconds = length_of(text, "the timer's length", *BOUNDS["duration"])
            name, step = f"Timer {format_duration(seconds)}", Step("Work", duration=seconds)
    except TimerError as error:
        raise TimerError(f"{error}. A timer is {FORMS}") from None
    gap = 5.0 if prep is None else prep
    return Routine(name, (step,), kind="other", prep=gap, transition=gap, switch=gap)


REF = "timer:"  # how the log names a timer's sessions: the form as typed, so that a cut-off one can go on


def timer_ref(words: list[str], prep: str | None = None) -> str:
    """The log's name for a timer: its form and get-ready, as `from_ref` reads them back."""
    return REF + " ".join(words).strip().casefold() + ("" if prep is None else f" --prep {prep.strip()}")


def from_ref(ref: str) -> Routine:
    """The timer a log's ref names (`timer_ref`); TimerError when it names none."""
    form, _, prep = ref.removeprefix(REF).partition(" --prep ")
    low, high = BOUNDS["gap"]
    return parse_timer(form.split(), length_of(prep, "--prep", low, high) if prep else None)
