"""Sessions a crash, a closed terminal or a power cut left "running": found, offered back, or closed."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import NamedTuple

from app.log.owner import is_alive

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


def close_stale_and_find(conn: sqlite3.Connection, now: datetime) -> Unfinished | None:
    """Mark sessions unfinished for over 12 hours interrupted; the newest other one whose process is gone."""
    rows = conn.execute(
        "SELECT id, routine_ref, routine_name, routine_digest, scale, started_at, position_segment,"
        " position_step, position_offset, actual_s, paused_s, added_s, owner FROM sessions"
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
    (session_id, ref, name, digest, scale, started, segment, step, offset, actual, paused, added) = fields
    done = conn.execute(
        "SELECT segment_index, result, actual_s FROM segments WHERE session_id = ?", (session_id,)
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
        frozenset(i for i, result, _ in done if result == "completed"),
        frozenset(i for i, _, _ in done),
        {i: seconds for i, _, seconds in done},
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


def plan_resume(unfinished: Unfinished, segments: list, steps: int, same_routine: bool) -> ResumePlan:
    """Where `unfinished` goes on in the plan `segments` (of a routine of `steps` steps); when the
    routine changed since (`same_routine` False), at the start of the same step of the new version."""
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
    if unfinished.step > steps:
        raise CannotResume(
            f"{unfinished.routine_name} has changed since, and has {steps} step"
            f"{'s' if steps != 1 else ''} now: the session stood at step {unfinished.step}, "
            "which is no longer there. It stays in the log as interrupted."
        )
    at = next(i for i, segment in enumerate(segments) if segment.step == unfinished.step)
    return ResumePlan(
        unfinished.id,
        at,
        0.0,
        frozenset(),
        frozenset(),
        unfinished.totals,
        f"{unfinished.routine_name} has changed since this session began: going on at the start of "
        f"step {unfinished.step} of the new version.",
    )
