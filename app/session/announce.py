"""What Supple says aloud as a session moves on, and how long it may talk before the 3-2-1."""

from __future__ import annotations

from app.routine.duration import whole_seconds
from app.session.engine import Engine
from app.session.plan import HALFWAY_MIN, PIP_MIN, Segment
from app.sound.sentence import Speech

PIP_LEAD = 3.0  # the first pip sounds this long before a timed segment ends


def spoken_duration(seconds: float) -> str:
    """Seconds the way a coach says them: "30 seconds", "1 minute 30 seconds", "2 minutes"."""
    whole = whole_seconds(seconds)
    minutes, secs = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if secs or not parts:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return " ".join(parts)


def on_segment(engine: Engine, halfway: bool = True) -> Speech | None:
    """What to say as the engine's current segment starts."""
    segment = engine.segment
    texts = _texts(engine, segment)
    if not texts:
        return None
    return Speech(texts, _window(segment, engine.remaining(), halfway))


def on_finish() -> Speech:
    return Speech(("Routine complete",), None)


def _texts(engine: Engine, segment: Segment) -> tuple[str, ...]:
    if segment.kind == "switch":
        return ("Switch sides",)
    if segment.kind == "rest":
        return (f"Rest, {spoken_duration(segment.duration or 0)}", "Rest")
    if segment.kind in ("prep", "transition"):
        following = engine.next_work()
        if following is None:
            return ()
        upcoming = engine.segments[following]
        return (f"Next up: {upcoming.name}", upcoming.name)
    step = engine.routine.steps[(segment.step or 1) - 1]
    side = f"{segment.side.capitalize()} side" if segment.side else ""
    first = segment.set in (None, 1) and segment.side in (None, "left")
    if not first:
        set_words = f"set {segment.set}" if step.sets > 1 else ""
        return (", ".join(p for p in (side, set_words) if p).capitalize(),)
    if step.manual:
        amount = ""
    elif step.reps is not None:
        amount = f"{step.reps} reps"
    else:
        amount = spoken_duration(segment.duration or 0)
    full = ", ".join(p for p in (segment.name, side.lower(), amount) if p)
    return tuple(dict.fromkeys((full, ", ".join(p for p in (segment.name, side.lower()) if p), segment.name)))


def _window(segment: Segment, remaining: float | None, halfway: bool) -> float | None:
    """Seconds from the segment's start until the next cue speech must not cover."""
    if remaining is None:
        return None
    limits = [remaining - PIP_LEAD] if remaining >= PIP_MIN else [remaining]
    if halfway and segment.kind == "work" and remaining >= HALFWAY_MIN:
        limits.append(remaining / 2)
    return max(0.0, min(limits))
