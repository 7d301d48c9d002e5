"""Sessions a crash, a closed terminal or a power cut left "running": found, offered back, or closed."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import NamedTuple

from app.log.owner import is_alive
from app.log.recorder import digest
from app.routine.library import LookupFailed, resolve
from app.routine.model import Routine
from app.routine.routine_file import dumps
from app.routine.timer import REF, TimerError, from_ref
from app.session.plan import build_plan

Where = tuple[str, str | None, int | None]  # a work segment by its step's name, its side and its set

STALE = timedelta(hours=12)  # an unfinished session older than this is closed without asking
LONG_HOLD = 60.0  # seconds: a segment this long resumes at the second it was at, not at its start


class Unfinished(NamedTuple):
    """A session whose process is gone, and all it takes to go on with it."""

    id: int
    routine_ref: str
    routine_name: str
    routine_digest: str
    scale: float
    started_at: str
    segment: int  # where it stood: a segment of its plan, the step it belongs to, seconds into it
    step: int
    offset: float
    totals: tuple[float, float, float]  # actual, paused and added seconds so far
    completed: frozenset[int]  # work segments done in full
    visited: frozenset[int]  # segments it had a row for
    worked: dict[int, float] = {}  # seconds run in each of those (read only)
    where: Where | None = None  # the step it stood at (or was heading to), by name; None in older logs
    names: dict[int, Where] = {}  # each segment it had a row for, by name (read only)


def close_stale_and_find(conn: sqlite3.Connection, now: datetime) -> Unfinished | None:
    """Mark sessions unfinished for over 12 hours interrupted; the newest other one whose process is gone."""
    rows = conn.execute(
        "SELECT id, routine_ref, routine_name, routine_digest, scale, started_at, position_segment,"
        " position_step, position_offset, actual_s, paused_s, added_s, position_name, position_side, position_set,"
        " owner FROM sessions"
        " WHERE outcome = 'running' ORDER BY started_at DESC, id DESC"
    ).fetchall()
    found = None
    for row in rows:
        *fields, owner = row
        if is_alive(owner):
            continue  # another Supple is running it now
        try:
            started = datetime.fromisoformat(fields[5])
            if started.tzinfo is None:
                started = started.astimezone()  # no offset written: the local time then
        except (TypeError, ValueError):
            started = None
        if started is None or now - started > STALE:
            mark_interrupted(conn, fields[0])
        elif found is None:
            found = _unfinished(conn, fields)
    return found


def _unfinished(conn: sqlite3.Connection, fields: list) -> Unfinished:
    (session_id, ref, name, digest, scale, started, segment, step, offset, actual, paused, added, *where) = fields
    done = conn.execute(
        "SELECT segment_index, result, actual_s, step_name, side, set_number FROM segments WHERE session_id = ?",
        (session_id,),
    ).fetchall()
    return Unfinished(
        session_id,
        ref,
        name,
        digest,
        scale,
        started,
        segment or 0,
        step or 1,
        offset or 0.0,
        (actual, paused, added),
        frozenset(i for i, result, *_ in done if result == "completed"),
        frozenset(i for i, *_ in done),
        {i: seconds for i, _, seconds, *_ in done},
        tuple(where) if where[0] is not None else None,
        {i: (step_name, side, set_number) for i, _, _, step_name, side, set_number in done},
    )


def mark_interrupted(conn: sqlite3.Connection, session_id: int) -> None:
    """It never ended: it stays in the log, as interrupted."""
    conn.execute(
        "UPDATE sessions SET outcome = 'interrupted', owner = NULL WHERE id = ? AND outcome = 'running'", (session_id,)
    )


def resume_point(unfinished: Unfinished, lengths: list[float | None]) -> tuple[int, float]:
    """Where to go on: the start of the segment it was in, or the second it was at in a long hold."""
    index = min(unfinished.segment, len(lengths) - 1)
    length = lengths[index]
    if length is not None and length >= LONG_HOLD:
        return index, min(unfinished.offset, max(0.0, length - 1))
    return index, 0.0


class ResumePlan(NamedTuple):
    """How a session goes on: the row it writes to, where in the (current) plan, what is done already."""

    session_id: int
    at: int
    offset: float
    done: frozenset[int]
    visited: frozenset[int]
    totals: tuple[float, float, float]
    note: str  # what to tell the user, or ""
    worked: dict[int, float] = {}  # seconds run in each work segment before


class CannotResume(Exception):
    """The session cannot go on; the message says why, for the user."""


def plan_resume(unfinished: Unfinished, segments: list, steps: list, same_routine: bool) -> ResumePlan:
    """Where `unfinished` goes on in the plan `segments` of a routine's `steps`. When the routine changed
    since (`same_routine` False): at the start of the same exercise (its name, side and set) in the new
    version, with what was done of the steps still there; else at the nearest step, and the note says so."""
    if same_routine:
        at, offset = resume_point(unfinished, [segment.duration for segment in segments])
        return ResumePlan(
            unfinished.id,
            at,
            offset,
            unfinished.completed,
            unfinished.visited,
            unfinished.totals,
            "",
            unfinished.worked,
        )
    if not steps:
        raise CannotResume(f"{unfinished.routine_name} has no steps now. The session stays in your log as interrupted.")
    moved = _matched(unfinished.names, segments, steps)
    done = frozenset(moved[i] for i in unfinished.completed if i in moved)
    at = _found(unfinished.where, segments, steps, unfinished.step, done) if unfinished.where else None
    changed = f"{unfinished.routine_name} has changed since this session began"
    if at is not None:
        number = segments[at].step
        note = f"{changed}: going on at {steps[number - 1].name} (step {number} of the new version)."
    else:
        number = min(max(unfinished.step, 1), len(steps))
        at = next(i for i, segment in enumerate(segments) if segment.step == number)
        gone = (
            f"{unfinished.where[0]} is no longer in it" if unfinished.where else f"it stood at step {unfinished.step}"
        )
        note = f"{changed}, and {gone}: going on at the nearest, step {number}, {steps[number - 1].name}."
    return ResumePlan(
        unfinished.id,
        at,
        0.0,
        done,
        frozenset(moved[i] for i in unfinished.visited if i in moved),
        unfinished.totals,
        note,
        {moved[i]: seconds for i, seconds in unfinished.worked.items() if i in moved},
    )


def _keys(segments: list, steps: list) -> dict[Where, list[int]]:
    """The plan's work segments by name, side and set, each in order (a name may come twice)."""
    found: dict[Where, list[int]] = {}
    for i, segment in enumerate(segments):
        if segment.kind == "work":
            found.setdefault((steps[segment.step - 1].name, segment.side, segment.set), []).append(i)
    return found


def _matched(names: dict[int, Where], segments: list, steps: list) -> dict[int, int]:
    """Old segment index -> new, for the segments still in the new plan: the n-th of a name to the n-th."""
    new = _keys(segments, steps)
    taken: dict[Where, int] = {}
    moved: dict[int, int] = {}
    for old in sorted(names):
        key = names[old]
        count = taken.get(key, 0)
        if count < len(new.get(key, ())):
            moved[old] = new[key][count]
            taken[key] = count + 1
    return moved


def _found(where: Where, segments: list, steps: list, step: int, done: frozenset[int]) -> int | None:
    """The work segment of `where` in the new plan (the same side and set, else the step's first); when the
    name comes twice, one not `done` already, nearest old step `step`. None when the name is gone."""
    keys = _keys(segments, steps)
    same = keys.get(where) or [indexes[0] for (name, *_), indexes in keys.items() if name == where[0]]
    if not same:
        return None
    return min(same, key=lambda i: (i in done, abs(segments[i].step - step), i))


def prepare(unfinished: Unfinished) -> tuple[Routine, ResumePlan]:
    """The routine `unfinished` ran, as its file is now, and where to go on in it; CannotResume says why not
    (the routine gone, or with problems now)."""
    if unfinished.routine_ref.startswith(REF):  # a quick timer: its form is all there is of it
        try:
            routine = from_ref(unfinished.routine_ref)
        except TimerError:
            raise CannotResume(
                f"{unfinished.routine_name} cannot be read back. The session stays in your log as interrupted."
            ) from None
        return routine, _plan_at(routine, unfinished)
    try:
        entry = resolve(unfinished.routine_ref)
    except LookupFailed:  # said in the app's words: the command line's hint ('supple list') is not for here
        raise CannotResume(
            f"{unfinished.routine_name} is no longer among your routines. The session stays in your log as interrupted."
        ) from None
    if entry.routine is None:
        raise CannotResume(
            f"{unfinished.routine_name} has problems now and cannot run; fix it first "
            "(e in the list). The session stays in your log as interrupted."
        )
    return entry.routine, _plan_at(entry.routine, unfinished)


def _plan_at(routine: Routine, unfinished: Unfinished) -> ResumePlan:
    """Where to go on in `routine` as it is now, with `unfinished`'s work done."""
    plan = build_plan(routine, unfinished.scale)
    # The log keeps the digest of the routine as run (its paced steps' reps at the session's scale).
    same = digest(dumps(routine._replace(steps=plan.steps))) == unfinished.routine_digest
    return plan_resume(unfinished, list(plan.segments), list(routine.steps), same)
