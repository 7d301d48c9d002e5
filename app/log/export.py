"""The training log as CSV (a row a session, or a row a work segment in the Strong app's layout) and JSON."""

from __future__ import annotations

import csv
import sqlite3
from typing import IO, Iterator

from app.log.checkins import COLUMNS as CHECKIN_FIELDS
from app.log.checkins import CheckIn
from app.log.checkins import from_row as checkin_of
from app.log.history import Filter, Session, sessions

SESSION_COLUMNS = ("id", "started_at", "ended_at", "routine_ref", "routine_name", "routine_kind", "scale",
                   "planned_s", "actual_s", "paused_s", "added_s", "steps", "steps_done", "outcome")
CHECKIN_COLUMNS = ("pain", "pain_where", "pain_leg", "checkin_note")
# The columns the Strong app exports, so the log opens beside a lifting log, or where those are read.
STRONG_COLUMNS = ("Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps", "Distance",
                  "Seconds", "Notes", "Workout No")


def session_record(session: Session) -> dict:
    """A session for JSON and CSV: the log's fields, durations in seconds rounded to a tenth."""
    record = session._asdict()
    for key in ("planned_s", "actual_s", "paused_s", "added_s"):
        record[key] = round(record[key], 1)
    return {key: record[key] for key in SESSION_COLUMNS}


def checkin_cells(checkin: CheckIn | None) -> tuple:
    if checkin is None:
        return ("", "", "", "")
    return (checkin.pain, "; ".join(checkin.places), "yes" if checkin.leg else "no", checkin.note)


def checkin_record(checkin: CheckIn | None) -> dict | None:
    if checkin is None:
        return None
    return {"at": checkin.at, "pain": checkin.pain, "where": list(checkin.places), "leg": checkin.leg,
            "note": checkin.note}


def session_checkins(conn: sqlite3.Connection) -> dict[int, CheckIn]:
    """The last check-in of every session that has one (one read, not one a session)."""
    found: dict[int, CheckIn] = {}
    for row in conn.execute(f"SELECT {CHECKIN_FIELDS} FROM checkins WHERE session_id IS NOT NULL ORDER BY id"):
        checkin = checkin_of(row)
        found[checkin.session_id] = checkin
    return found


def lone_checkins(conn: sqlite3.Connection, which: Filter) -> list[CheckIn]:
    """The check-ins tied to no session (from the picker, the shell, or of a session deleted), in `which`'s days."""
    if which.routine:
        return []  # they belong to no routine
    clauses, values = ["session_id IS NULL"], []
    if which.since is not None:
        clauses.append("day >= ?")
        values.append(which.since.isoformat())
    if which.until is not None:
        clauses.append("day <= ?")
        values.append(which.until.isoformat())
    query = f"SELECT {CHECKIN_FIELDS} FROM checkins WHERE {' AND '.join(clauses)} ORDER BY at, id"
    return [checkin_of(row) for row in conn.execute(query, values)]


def write_sessions_csv(conn: sqlite3.Connection, which: Filter, out: IO[str]) -> None:
    """A row a session with its check-in's columns, and a row for each check-in of its own, in time order."""
    writer = csv.writer(out)
    writer.writerow(SESSION_COLUMNS + CHECKIN_COLUMNS)
    tied = session_checkins(conn)
    lone = lone_checkins(conn, which)
    blank = ("",) * len(SESSION_COLUMNS)
    at = 0
    for session in sessions(conn, which):
        while at < len(lone) and lone[at].at < session.started_at:
            writer.writerow(_lone_row(lone[at], blank))
            at += 1
        writer.writerow((*session_record(session).values(), *checkin_cells(tied.get(session.id))))
    for checkin in lone[at:]:
        writer.writerow(_lone_row(checkin, blank))


def _lone_row(checkin: CheckIn, blank: tuple) -> tuple:
    row = list(blank)
    row[SESSION_COLUMNS.index("started_at")] = checkin.at
    row[SESSION_COLUMNS.index("outcome")] = "check-in"
    return (*row, *checkin_cells(checkin))


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
