"""The training log as CSV (Supple's own: a row a session with its check-in; or a row a work segment in the
Strong app's layouts, comma or semicolon, so that importers of Strong's files read it) and JSON."""

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
# The columns of the Strong app's export, in its order, so that what reads Strong's files reads Supple's: its comma
# layout, and its newer one separated by ";" (the one Hevy imports).
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
    "Workout Notes",
    "RPE",
)
STRONG_SEMICOLON_COLUMNS = (
    "Date",
    "Workout Name",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Weight Unit",
    "Reps",
    "RPE",
    "Distance",
    "Distance Unit",
    "Seconds",
    "Notes",
    "Workout Notes",
    "Workout Duration",
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


def _needs_quotes(separator: str) -> str:
    """SQL: the text holds what makes the csv module quote a field (the separator, a quote, a line break)."""
    return f"GLOB '*[{separator}\"' || char(10) || char(13) || ']*'"


def _quoted(value: str, separator: str, test: str | None = None) -> str:
    """SQL for `value` as a CSV text field: as `as_text` makes it, then quoted, its quotes doubled, when `test`
    (default: the value) holds the separator, a quote or a line break, as the csv module writes it."""
    starts = ", ".join(f"char({ord(c)})" for c in FORMULA_STARTS)
    text = f"(CASE WHEN substr({value}, 1, 1) IN ({starts}) THEN char(39) || {value} ELSE {value} END)"
    needs = _needs_quotes(separator)
    return f"CASE WHEN {test or value} {needs} THEN '\"' || replace({text}, '\"', '\"\"') || '\"' ELSE {text} END"


def _segment_lines(conn: sqlite3.Connection, which: Filter, semicolons: bool) -> sqlite3.Cursor:
    """Each session's work segments as whole CSV lines in a Strong layout, joined, made by SQLite: ten years of
    segments leave in well under a second only when Python builds no row (the csv module's quoting is done in SQL)
    and handles a string a session rather than one a segment."""
    separator = ";" if semicolons else ","
    where, values = which.where("s.")
    minutes = "CAST(round(s.actual_s / 60.0) AS INTEGER)"
    # As Strong writes a workout's length: in whole minutes, "45m", "1h 5m" (importers read no seconds).
    length = (
        f"CASE WHEN {minutes} >= 60 THEN ({minutes} / 60) || 'h ' || ({minutes} % 60) || 'm' ELSE {minutes} || 'm' END"
    )
    # A session's cells once a session rather than once a segment; its notes: how it ended, unless completed.
    conn.execute("DROP TABLE IF EXISTS temp.heads")
    conn.execute("CREATE TEMP TABLE heads (id INTEGER PRIMARY KEY, date TEXT, name TEXT, length TEXT, notes TEXT)")
    conn.execute(
        f"INSERT INTO heads SELECT s.id, replace(substr(s.started_at, 1, 19), 'T', ' '),"
        f" {_quoted('s.routine_name', separator)}, {length},"
        " CASE WHEN s.outcome = 'completed' THEN '' ELSE s.outcome END"
        f" FROM sessions s{where}",
        values,
    )
    exercise = _quoted(
        "g.step_name || CASE WHEN g.side IS NULL THEN '' ELSE ' (' || g.side || ')' END", separator, "g.step_name"
    )
    notes = "CASE WHEN g.result = 'completed' THEN '' ELSE g.result END"
    reps = "ifnull(g.reps_done, '')"
    # One printf a line: a chain of || copies the line once for each piece. No weight, distance or RPE: empty.
    if semicolons:
        form = "'%s;%s;%s;%d;;;%s;;;;%d;%s;%s;%s'"
        cells = f"h.date, h.name, {exercise}, g.set_number, {reps}, round(g.actual_s), {notes}, h.notes, h.length"
    else:
        form = "'%s,%s,%s,%s,%d,,%s,,%d,%s,%s,'"
        cells = f"h.date, h.name, h.length, {exercise}, g.set_number, {reps}, round(g.actual_s), {notes}, h.notes"
    # group_concat keeps the order of the rows it is given (SQLite before 3.44 takes no ORDER BY inside it).
    return conn.execute(
        f"SELECT (SELECT group_concat(line, char(13, 10)) FROM (SELECT printf({form}, {cells}) AS line FROM segments g"
        "  WHERE g.session_id = s.id ORDER BY g.segment_index))"
        " FROM sessions s JOIN heads h ON h.id = s.id ORDER BY s.started_at, s.id"
    )


def write_segments_csv(conn: sqlite3.Connection, which: Filter, out: IO[str], semicolons: bool = False) -> None:
    """One row a work segment, with the reps and seconds done, in the Strong app's comma layout, or (`semicolons`)
    its newer one separated by ";"."""
    columns = STRONG_SEMICOLON_COLUMNS if semicolons else STRONG_COLUMNS
    csv.writer(out, delimiter=";" if semicolons else ",").writerow(columns)  # lines end in CRLF, as csv ends them
    cursor = _segment_lines(conn, which, semicolons)
    while chunk := cursor.fetchmany(500):
        out.write("".join(lines + "\r\n" for (lines,) in chunk if lines is not None))
