"""The training log as CSV (a row a session, or a row a work segment in the Strong app's layout) and JSON."""

from __future__ import annotations

import csv
import sqlite3
from typing import IO

from app.log.checkins import COLUMNS as CHECKIN_FIELDS
from app.log.checkins import CheckIn, of_sessions
from app.log.checkins import from_row as checkin_of
from app.log.history import Filter, Session, sessions

SESSION_COLUMNS = (
    "id",
    "started_at",
    "ended_at",
    "routine_ref",
    "routine_name",
    "routine_kind",
    "scale",
    "planned_s",
    "actual_s",
    "paused_s",
    "added_s",
    "steps",
    "steps_done",
    "outcome",
)
CHECKIN_COLUMNS = ("pain", "pain_where", "pain_leg", "checkin_note")
# The columns the Strong app exports, so the log opens beside a lifting log, or where those are read.
STRONG_COLUMNS = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout No",
)


# A spreadsheet runs a cell that starts with one of these as a formula; a routine's name or a note may.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: object) -> object:
    """A text cell a spreadsheet shows as text, never runs: one that would start a formula gets a leading
    apostrophe (as spreadsheets themselves mark text). Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
    return {
        "at": checkin.at,
        "pain": checkin.pain,
        "where": list(checkin.places),
        "leg": checkin.leg,
        "note": checkin.note,
    }


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
    tied = of_sessions(conn)
    lone = lone_checkins(conn, which)
    blank = ("",) * len(SESSION_COLUMNS)
    at = 0
    for session in sessions(conn, which):
        while at < len(lone) and lone[at].at < session.started_at:
            writer.writerow(_lone_row(lone[at], blank))
            at += 1
        writer.writerow(map(as_text, (*session_record(session).values(), *checkin_cells(tied.get(session.id)))))
    for checkin in lone[at:]:
        writer.writerow(_lone_row(checkin, blank))


def _lone_row(checkin: CheckIn, blank: tuple) -> tuple:
    row = list(blank)
    row[SESSION_COLUMNS.index("started_at")] = checkin.at
    row[SESSION_COLUMNS.index("outcome")] = "check-in"
    return tuple(map(as_text, (*row, *checkin_cells(checkin))))


NEEDS_QUOTES = "GLOB '*[,\"' || char(10) || char(13) || ']*'"  # what makes the csv module quote a field


def _quoted(value: str, test: str | None = None) -> str:
    """SQL for `value` as a CSV text field: as `as_text` makes it, then quoted, its quotes doubled, when `test`
    (default: the value) holds a comma, a quote or a line break, as the csv module writes it."""
    starts = ", ".join(f"char({ord(c)})" for c in FORMULA_STARTS)
    text = f"(CASE WHEN substr({value}, 1, 1) IN ({starts}) THEN char(39) || {value} ELSE {value} END)"
    return (
        f"CASE WHEN {test or value} {NEEDS_QUOTES} THEN '\"' || replace({text}, '\"', '\"\"') || '\"' ELSE {text} END"
    )


def _segment_lines(conn: sqlite3.Connection, which: Filter) -> sqlite3.Cursor:
    """Each session's work segments as whole CSV lines in the Strong layout, joined, made by SQLite: ten years of
    segments leave in well under a second only when Python builds no row (the csv module's quoting is done in SQL)
    and handles a string a session rather than one a segment."""
    where, values = which.where("s.")
    whole = "CAST(round(s.actual_s) AS INTEGER)"
    length = (
        f"CASE WHEN {whole} < 60 THEN {whole} || 's'"  # as Strong writes it: 45s, 12m, 1h 5m
        f" WHEN {whole} >= 3600 THEN ({whole} / 3600) || 'h ' || (({whole} / 60) % 60) || 'm'"
        f" ELSE ({whole} / 60) || 'm' END"
    )
    # A session's part of each line, and its Workout No, once a session rather than once a segment.
    conn.execute("DROP TABLE IF EXISTS temp.heads")
    conn.execute("CREATE TEMP TABLE heads (id INTEGER PRIMARY KEY, head TEXT, number INTEGER)")
    conn.execute(
        f"INSERT INTO heads SELECT s.id, replace(substr(s.started_at, 1, 19), 'T', ' ') || ','"
        f" || {_quoted('s.routine_name')} || ',' || {length} || ',', row_number() OVER (ORDER BY s.started_at, s.id)"
        f" FROM sessions s{where}",
        values,
    )
    exercise = "g.step_name || CASE WHEN g.side IS NULL THEN '' ELSE ' (' || g.side || ')' END"
    # One printf a line: a chain of || copies the line once for each piece.
    line = (
        f"printf('%s%s,%d,,%s,,%d,%s,%d', h.head, {_quoted(exercise, 'g.step_name')}, g.set_number,"
        " ifnull(g.reps_done, ''), round(g.actual_s), CASE WHEN g.result = 'completed' THEN '' ELSE g.result END,"
        " h.number)"
    )
    # group_concat keeps the order of the rows it is given (SQLite before 3.44 takes no ORDER BY inside it).
    return conn.execute(
        f"SELECT (SELECT group_concat(line, char(13, 10)) FROM (SELECT {line} AS line FROM segments g"
        "  WHERE g.session_id = s.id ORDER BY g.segment_index))"
        " FROM sessions s JOIN heads h ON h.id = s.id ORDER BY s.started_at, s.id"
    )


def write_segments_csv(conn: sqlite3.Connection, which: Filter, out: IO[str]) -> None:
    """One row a work segment, in the Strong app's columns, with the reps done; a "Workout No" a session."""
    csv.writer(out).writerow(STRONG_COLUMNS)  # lines end in CRLF, as the csv module ends them
    cursor = _segment_lines(conn, which)
    while chunk := cursor.fetchmany(500):
        out.write("".join(lines + "\r\n" for (lines,) in chunk if lines is not None))
