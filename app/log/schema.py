"""The training log's tables, one migration a schema version; each runs inside a transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _sessions_and_segments(conn: sqlite3.Connection) -> None:
    """Version 1: a row per session, and a row per work segment as it ends."""
    conn.execute("""
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            routine_ref TEXT NOT NULL,
            routine_name TEXT NOT NULL,
            routine_kind TEXT NOT NULL,
            routine_digest TEXT NOT NULL,
            scale REAL NOT NULL,
            started_at TEXT NOT NULL,          -- wall clock, ISO 8601 with the local offset
            day TEXT NOT NULL,                 -- the local date it started, YYYY-MM-DD
            ended_at TEXT,
            planned_s REAL NOT NULL,
            actual_s REAL NOT NULL DEFAULT 0,  -- durations come from the monotonic clock
            paused_s REAL NOT NULL DEFAULT 0,
            added_s REAL NOT NULL DEFAULT 0,
            steps INTEGER NOT NULL,
            steps_done INTEGER NOT NULL DEFAULT 0,
            outcome TEXT NOT NULL DEFAULT 'running'
                CHECK (outcome IN ('running', 'completed', 'stopped', 'interrupted')),
            position_segment INTEGER,          -- while running: where to resume (a segment of the plan,
            position_step INTEGER,             -- the step it belongs to, should the routine change meanwhile)
            position_offset REAL,
            position_paused INTEGER,
            owner TEXT                         -- the process writing it while running
        )""")
    conn.execute("CREATE INDEX sessions_by_start ON sessions (started_at)")
    conn.execute("CREATE INDEX sessions_by_day ON sessions (day)")
    conn.execute("CREATE INDEX sessions_running ON sessions (outcome) WHERE outcome = 'running'")
    conn.execute("""
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            segment_index INTEGER NOT NULL,    -- its place in the plan
            step INTEGER NOT NULL,
            step_name TEXT NOT NULL,
            side TEXT CHECK (side IN ('left', 'right')),
            set_number INTEGER NOT NULL,
            planned_s REAL,                    -- NULL for a step that lasts until done
            actual_s REAL NOT NULL,
            reps INTEGER,
            result TEXT NOT NULL CHECK (result IN ('completed', 'skipped', 'cut short')),
            UNIQUE (session_id, segment_index)
        )""")


def _checkins_and_build_ups(conn: sqlite3.Connection) -> None:
    """Version 2: how the back felt, the advice seen, and each routine's build-up with its steps."""
    conn.execute("""
        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,                  -- wall clock, ISO 8601 with the local offset
            day TEXT NOT NULL,                 -- the local date, YYYY-MM-DD
            session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
            pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
            places TEXT NOT NULL DEFAULT '',   -- comma-separated, from upper back, lower back, neck, other
            leg INTEGER NOT NULL DEFAULT 0,    -- the pain spreads down a leg
            note TEXT NOT NULL DEFAULT ''
        )""")
    conn.execute("CREATE INDEX checkins_by_day ON checkins (day)")
    conn.execute("CREATE INDEX checkins_by_session ON checkins (session_id)")
    conn.execute("""
        CREATE TABLE acknowledged (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            checkin_id INTEGER NOT NULL,       -- the newest check-in behind the advice the user acknowledged
            at TEXT NOT NULL
        )""")
    conn.execute("""
        CREATE TABLE build_ups (
            routine_ref TEXT PRIMARY KEY,
            start REAL NOT NULL,
            step REAL NOT NULL,
            target REAL NOT NULL,
            scale REAL NOT NULL,               -- the scale the next session runs at
            paused INTEGER NOT NULL DEFAULT 0,
            started_at TEXT NOT NULL
        )""")
    conn.execute("""
        CREATE TABLE build_up_steps (
            id INTEGER PRIMARY KEY,
            routine_ref TEXT NOT NULL,
            at TEXT NOT NULL,
            session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
            before REAL NOT NULL,
            after REAL NOT NULL,
            reason TEXT NOT NULL
        )""")
    conn.execute("CREATE INDEX build_up_steps_by_routine ON build_up_steps (routine_ref, id)")


APPLICATION_ID = 0x53706C65  # "Sple": PRAGMA application_id marks a file as Supple's training log


def _skipped_reps_done_and_mark(conn: sqlite3.Connection) -> None:
    """Version 3: a session whose end was reached with too little done is 'skipped', not 'completed';
    each segment keeps the reps done beside those planned; the file is marked as Supple's.

    A CHECK cannot be changed in place, so the sessions table is made again and filled from the old
    one (SQLite's documented way; the caller turns foreign keys off, or dropping the old table would
    delete every segment with it). Sessions recorded 'completed' before stay so: their figures were
    not kept in a way that can tell.
    """
    table = conn.execute("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'sessions'").fetchone()[0]
    old_check = "CHECK (outcome IN ('running', 'completed', 'stopped', 'interrupted'))"
    if old_check not in table:
        raise sqlite3.DatabaseError("the sessions table is not as Supple made it (file is not a database)")
    conn.execute(
        table.replace("CREATE TABLE sessions", "CREATE TABLE sessions_v3", 1).replace(
            old_check, "CHECK (outcome IN ('running', 'completed', 'skipped', 'stopped', 'interrupted'))"
        )
    )
    conn.execute("INSERT INTO sessions_v3 SELECT * FROM sessions")
    conn.execute("DROP TABLE sessions")
    conn.execute("ALTER TABLE sessions_v3 RENAME TO sessions")
    conn.execute("CREATE INDEX sessions_by_start ON sessions (started_at)")
    conn.execute("CREATE INDEX sessions_by_day ON sessions (day)")
    conn.execute("CREATE INDEX sessions_running ON sessions (outcome) WHERE outcome = 'running'")
    conn.execute("ALTER TABLE segments ADD COLUMN reps_done INTEGER")  # NULL: not counted in reps, or not known
    conn.execute(
        "UPDATE segments SET reps_done = CASE result WHEN 'completed' THEN reps WHEN 'skipped' THEN 0 END"
        " WHERE reps IS NOT NULL"
    )
    if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise sqlite3.DatabaseError("a segment or check-in points at no session (file is not a database)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _position_by_name(conn: sqlite3.Connection) -> None:
    """Version 4: where a running session stands, by its step's name, side and set too, so that it goes on
    at the same exercise after the routine's file changed."""
    conn.execute("ALTER TABLE sessions ADD COLUMN position_name TEXT")
    conn.execute("ALTER TABLE sessions ADD COLUMN position_side TEXT")
    conn.execute("ALTER TABLE sessions ADD COLUMN position_set INTEGER")


# MIGRATIONS[n] takes a log at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _sessions_and_segments,
    _checkins_and_build_ups,
    _skipped_reps_done_and_mark,
    _position_by_name,
]
