"""The training log as CSV (a row a session, or a row a work segment in the Strong app's layout) and JSON."""

from __future__ import annotations

import csv
import sqlite3
from typing import IO, Iterator

from app.log.history import Filter, Session, sessions

SESSION_COLUMNS = ("id", "started_at", "ended_at", "routine_ref", "routine_name", "routine_kind", "scale",
                   "planned_s", "actual_s", "paused_s", "added_s", "steps", "steps_done", "outcome")
# The columns the Strong app exports, so the log opens beside a lifting log, or where those are read.
STRONG_COLUMNS = ("Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps", "Distance",
                  "Seconds", "Notes", "Workout No")


def session_record(session: Session) -> dict:
    """A session for JSON and CSV: the log's fields, durations in seconds rounded to a tenth."""
    record = session._asdict()
    for key in ("planned_s", "actual_s", "paused_s", "added_s"):
        record[key] = round(record[key], 1)
    return {key: record[key] for key in SESSION_COLUMNS}


def write_sessions_csv(conn: sqlite3.Connection, which: Filter, out: IO[str]) -> None:
    writer = csv.writer(out)
    writer.writerow(SESSION_COLUMNS)
    writer.writerows(session_record(s).values() for s in sessions(conn, which))


def strong_duration(seconds: float) -> str:
    """A workout's length as Strong writes it: "45s", "12m", "1h 5m"."""
    whole = int(round(seconds))
    if whole < 60:
        return f"{whole}s"
    hours, minutes = divmod(whole // 60, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


def _segment_rows(conn: sqlite3.Connection, which: Filter) -> Iterator[tuple]:
    where, values = which.where("s.")
    query = ("SELECT s.id, s.started_at, s.routine_name, s.actual_s, g.step_name, g.side, g.set_number, g.reps,"
             " g.actual_s, g.result FROM sessions s JOIN segments g ON g.session_id = s.id"
             f"{where} ORDER BY s.started_at, s.id, g.segment_index")
    number, last = 0, None
    for session_id, started, routine, length, step, side, set_number, reps, seconds, result in conn.execute(query, values):
        if session_id != last:
            number, last = number + 1, session_id
        name = f"{step} ({side})" if side else step
        notes = "" if result == "completed" else result
        yield (started[:19].replace("T", " "), routine, strong_duration(length), name, set_number, "",
               reps if reps is not None else "", "", int(round(seconds)), notes, number)


def write_segments_csv(conn: sqlite3.Connection, which: Filter, out: IO[str]) -> None:
    """One row a work segment, in the Strong app's columns; a "Workout No" a session."""
    writer = csv.writer(out)
    writer.writerow(STRONG_COLUMNS)
    writer.writerows(_segment_rows(conn, which))
