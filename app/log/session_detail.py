"""One session as the log has it, part by part, with its check-in: what a history row opens to."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from app.log.checkins import COLUMNS as CHECKIN_COLUMNS
from app.log.checkins import CheckIn, from_row
from app.log.history import COLUMNS as SESSION_COLUMNS
from app.log.history import Session


class Part(NamedTuple):
    """A part of a step the session reached: a side or a set, done, cut short or skipped."""

    step: int
    step_name: str
    side: str | None
    set_number: int
    planned_s: float | None  # None: it lasted until the user said done
    actual_s: float
    reps: int | None  # planned, on a paced step
    reps_done: int | None
    result: str  # "completed", "cut short" or "skipped"


class Detail(NamedTuple):
    """A session (None for a check-in made alone), its parts in order, and its check-in if it has one."""

    session: Session | None
    parts: list[Part]
    checkin: CheckIn | None


def session_detail(conn: sqlite3.Connection, session_id: int) -> Detail | None:
    """The session `session_id` whole, or None when it is no longer in the log."""
    row = conn.execute(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        return None
    parts = [
        Part(*part)
        for part in conn.execute(
            "SELECT step, step_name, side, set_number, planned_s, actual_s, reps, reps_done, result"
            " FROM segments WHERE session_id = ? ORDER BY segment_index",
            (session_id,),
        )
    ]
    checkin = conn.execute(
        f"SELECT {CHECKIN_COLUMNS} FROM checkins WHERE session_id = ? ORDER BY id DESC LIMIT 1", (session_id,)
    ).fetchone()
    return Detail(Session(*row), parts, from_row(checkin) if checkin else None)


def checkin_detail(conn: sqlite3.Connection, checkin_id: int) -> Detail | None:
    """A check-in made alone, or None when it is no longer in the log."""
    row = conn.execute(f"SELECT {CHECKIN_COLUMNS} FROM checkins WHERE id = ?", (checkin_id,)).fetchone()
    return None if row is None else Detail(None, [], from_row(row))
