"""What the session screen shows at a moment, as plain text: the UI only writes it out."""

from __future__ import annotations

import math
import textwrap
from typing import NamedTuple

from app.routine.duration import format_clock, format_human
from app.session.engine import Engine
from app.session.plan import Segment
from app.text import shorten

PHASES = {"prep": "GET READY", "work": "WORK", "switch": "SWITCH SIDES", "rest": "REST", "transition": "NEXT UP"}


class SessionView(NamedTuple):
    """Every piece of text on the session screen, and the progress figures."""

    kind: str  # segment kind, or "done"
    phase: str
    title: str
    clock: str
    counting_up: bool
    detail: str
    hint: str
    cues: tuple[str, ...]
    upcoming: str  # the next step's name, or "" at the last
    upcoming_more: str  # side, set and length of it: " · left side · set 1 of 2 (30 s)"
    position: str
    left: str
    progress: float
    progress_total: float
    paused: bool
    upcoming_label: str = "Next"  # "Then" when the title already names the next step (getting ready for it)


LEADS_IN = ("prep", "transition")  # segments whose title is the step they lead into


def _step_of(engine: Engine, segment: Segment) -> int:
    """The step a segment belongs to, or the step it leads into (prep, transition)."""
    if segment.step:
        return segment.step
    later = engine.next_work()  # prep and transitions lead into a step; only steps have work
    return engine.segments[later].step if later is not None else len(engine.routine.steps)


def _detail(engine: Engine, segment: Segment, now: float | None) -> str:
    step = engine.routine.steps[_step_of(engine, segment) - 1]
    parts = []
    if segment.kind == "work" and segment.side:
        parts.append(f"{segment.side.upper()} SIDE")
    if segment.kind == "switch":
        parts.append("RIGHT SIDE NEXT")
    if segment.set and step.sets > 1:
        done = " done" if segment.kind == "rest" else ""
        parts.append(f"Set {segment.set} of {step.sets}{done}")
    if segment.kind in LEADS_IN:
        parts.append(_work_outline(engine))
    rep = engine.current_rep(now)
    if rep is not None:
        parts.append(f"Rep {rep} of {engine.reps}")
    elif segment.kind == "work" and step.reps:
        parts.append(f"{step.reps} reps")
    return "  ·  ".join(parts)


def _work_outline(engine: Engine) -> str:
    """What the step being got ready for asks: "20 s", "10 s each side · 2 sets", "12 reps"."""
    following = engine.next_work()
    if following is None:
        return ""
    work = engine.segments[following]
    step = engine.routine.steps[work.step - 1]
    if work.duration is None:
        pieces = ["until done"]
    elif step.reps:
        pieces = [f"{step.reps} reps" + (f", {format_human(work.duration)}" if step.tempo else "")]
    else:
        pieces = [format_human(work.duration)]
    if work.side:
        pieces[0] += f" each side, {work.side} first"
    if step.sets > 1:
        pieces.append(f"{step.sets} sets")
    return " · ".join(pieces)


def _following_step(engine: Engine) -> int | None:
    """The first work of another step after the one being got ready for (a step's own segments are few)."""
    following = engine.next_work()
    if following is None:
        return None
    step = engine.segments[following].step
    while following is not None and engine.segments[following].step == step:
        following = engine.next_work(following)
    return following


def _upcoming(engine: Engine) -> tuple[str, str]:
    """The next work's name, and its side, set and length; while getting ready for a step, the one after it."""
    following = _following_step(engine) if engine.segment.kind in LEADS_IN else engine.next_work()
    if following is None:
        return "", ""
    work = engine.segments[following]
    pieces = [""]
    if work.side:
        pieces.append(f"{work.side} side")
    step = engine.routine.steps[work.step - 1]
    if step.sets > 1:
        pieces.append(f"set {work.set} of {step.sets}")
    length = "until done" if work.duration is None else format_human(work.duration)
    return work.name, f"{' · '.join(pieces)} ({length})"


def session_view(engine: Engine, now: float | None = None) -> SessionView:
    """The screen's content for `now` (the engine's clock when None)."""
    routine = engine.routine
    total = engine.plan.total + engine.time_added  # time added makes the session longer, not shorter
    if engine.finished:
        return SessionView(
            "done", "COMPLETE", routine.name, "0:00", False, "", "", (), "", "", "", "", total, total, False
        )
    segment = engine.segment
    step_number = _step_of(engine, segment)
    step = routine.steps[step_number - 1]
    remaining = engine.remaining(now) if engine.started else segment.duration
    if not engine.started:
        clock, hint = format_clock(math.ceil((segment.duration or 0) - 1e-9)), "Starting…"
    elif remaining is None:
        clock, hint = format_clock(engine.elapsed(now)), "Press Space when done"
    else:
        clock, hint = format_clock(math.ceil(remaining - 1e-9)), ""
    if engine.paused:
        hint = "Press Space when you are ready" if engine.getting_ready else "PAUSED · press Space to resume"
    title = step.name
    left = engine.remaining_total(now) if engine.started else total
    upcoming = _upcoming(engine)
    return SessionView(
        kind=segment.kind,
        phase=PHASES[segment.kind],
        title=title,
        clock=clock,
        counting_up=remaining is None,
        detail=_detail(engine, segment, now),
        hint=hint,
        cues=step.cues,
        upcoming=upcoming[0],
        upcoming_more=upcoming[1],
        position=f"Step {step_number} of {len(routine.steps)}",
        left=f"{format_clock(math.ceil(left - 1e-9))} left" + (" + open steps" if engine.open_ahead() else ""),
        progress=max(0.0, total - left),
        progress_total=total,
        paused=engine.paused,
        upcoming_label="Then" if segment.kind in LEADS_IN else "Next",
    )


def cue_lines(cues: tuple[str, ...], rows: int, width: int) -> list[str]:
    """The form cues as they fit in `rows` lines of `width`: one line each, a long one going on to the next
    lines while rows are spare (the first cues first), the rest shortened between words, the last line saying
    how many more there are when not all fit. The clock never gives way to cues."""
    if rows <= 0 or width < 8:
        return []
    flat = [" ".join(cue.split()) for cue in cues]
    shown, hidden = flat[:rows], len(flat) - rows
    spare = rows - len(shown)
    lines = []
    for index, cue in enumerate(shown):
        more = f"  (+{hidden} more)" if index == len(shown) - 1 and hidden > 0 else ""
        wrapped = [] if more else textwrap.wrap(cue, width - 2)
        parts = wrapped[: spare + 1]
        if len(parts) > 1:  # lines rather than a cut: the rest of a cue is often its point
            spare -= len(parts) - 1
            parts[-1] = shorten(" ".join(wrapped[len(parts) - 1 :]), width - 2, "…", words=True)
            lines += [f"• {parts[0]}", *(f"  {part}" for part in parts[1:])]
            continue
        lines.append(f"• {shorten(cue, width - 2 - len(more), '…', words=True)}{more}")
    return lines


def next_line(name: str, more: str, width: int, label: str = "Next") -> str:
    """ "Next: NAME · left side · set 1 of 2 (30 s)" in `width`: the name is shortened first."""
    if not name:
        return f"{label}: finish"
    room = width - len(label) - 2 - len(more)
    if room < 8:  # even the details do not fit: the name alone, shortened
        return shorten(f"{label}: {name}", max(width, 8), "…", words=True)
    return f"{label}: {shorten(name, room, '…', words=True)}{more}"
