"""Reading the training log back: the sessions, minutes by day and by week, and the streaks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

WEEKS = 12  # how far back the calendar and the weekly minutes go
WEEK_STREAK_SESSIONS = 2  # a week counts toward the streak with at least this many sessions


class Session(NamedTuple):
    """One session as the log has it."""

    id: int
    started_at: str
    ended_at: str | None
    day: str
    routine_ref: str
    routine_name: str
    routine_kind: str
    scale: float
    planned_s: float
    actual_s: float
    paused_s: float
    added_s: float
    steps: int
    steps_done: int
    outcome: str


COLUMNS = ", ".join(Session._fields)


class Filter(NamedTuple):
    """Which sessions: from and to a day (inclusive), of a routine (its ref or its name)."""

    since: date | None = None
    until: date | None = None
    routine: str | None = None

    def where(self, table: str = "") -> tuple[str, list]:
        """The SQL condition and its values; `table` names the sessions table when it has an alias ("s.")."""
        clauses, values = [], []
        if self.since is not None:
            clauses.append(f"{table}day >= ?")
            values.append(self.since.isoformat())
        if self.until is not None:
            clauses.append(f"{table}day <= ?")
            values.append(self.until.isoformat())
        if self.routine:
            clauses.append(f"({table}routine_ref = ? OR lower({table}routine_name) = lower(?))")
            values += [self.routine, self.routine]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", values


def sessions(conn: sqlite3.Connection, which: Filter = Filter()) -> Iterator[Session]:
    """The sessions, oldest first."""
    where, values = which.where()
    for row in conn.execute(f"SELECT {COLUMNS} FROM sessions{where} ORDER BY started_at, id", values):
        yield Session(*row)


def recent(conn: sqlite3.Connection, count: int = 50) -> list[Session]:
    """The last `count` sessions, newest first."""
    rows = conn.execute(f"SELECT {COLUMNS} FROM sessions ORDER BY started_at DESC, id DESC LIMIT ?", (count,))
    return [Session(*row) for row in rows]


def minutes_by_day(conn: sqlite3.Connection, first: date, last: date) -> dict[date, float]:
    """Minutes of sessions (time under way) on each day from `first` to `last` that had any."""
    rows = conn.execute(
        "SELECT day, SUM(actual_s) FROM sessions WHERE day BETWEEN ? AND ? GROUP BY day",
        (first.isoformat(), last.isoformat()),
    )
    return {date.fromisoformat(day): seconds / 60 for day, seconds in rows}


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def minutes_by_week(by_day: dict[date, float], today: date, weeks: int = WEEKS) -> list[float]:
    """Minutes in each of the last `weeks` weeks (Monday to Sunday), oldest first."""
    this_week = week_start(today)
    totals = [0.0] * weeks
    for day, minutes in by_day.items():
        back = (this_week - week_start(day)).days // 7
        if 0 <= back < weeks:
            totals[weeks - 1 - back] += minutes
    return totals


class Streaks(NamedTuple):
    days: int  # days in a row with a session, up to today (or yesterday, when today has none yet)
    weeks: int  # weeks in a row with at least WEEK_STREAK_SESSIONS sessions, this week counted once it has them


def streaks(conn: sqlite3.Connection, today: date) -> Streaks:
    """The current streaks, counted from the days and weeks sessions were done: a session stopped early,
    skipped through or interrupted is not one."""
    counts = {
        date.fromisoformat(day): n
        for day, n in conn.execute("SELECT day, COUNT(*) FROM sessions WHERE outcome = 'completed' GROUP BY day")
    }
    run = 0
    day = today if today in counts else today - timedelta(days=1)
    while day in counts:
        run += 1
        day -= timedelta(days=1)
    per_week: dict[date, int] = {}
    for day, n in counts.items():
        per_week[week_start(day)] = per_week.get(week_start(day), 0) + n
    week = week_start(today)
    if per_week.get(week, 0) < WEEK_STREAK_SESSIONS:
        week -= timedelta(days=7)  # this week is still under way
    weeks = 0
    while per_week.get(week, 0) >= WEEK_STREAK_SESSIONS:
        weeks += 1
        week -= timedelta(days=7)
    return Streaks(run, weeks)


class Trend(NamedTuple):
    """One routine over the last WEEKS weeks: its sessions, minutes each week and pain at each check-in."""

    ref: str
    name: str  # as it was called when last run
    sessions: int
    weeks: list[float]  # minutes a week, oldest first
    pains: list[int]  # pain at each check-in after one of its sessions, oldest first
    last_day: str  # YYYY-MM-DD


def trends(conn: sqlite3.Connection, today: date, weeks: int = WEEKS) -> list[Trend]:
    """Each routine run in the last `weeks` weeks, the one run last first: two reads of that window."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    window = (first.isoformat(), today.isoformat())
    this_week = week_start(today)
    found: dict[str, Trend] = {}
    of_session: dict[int, str] = {}
    for sid, ref, name, day, seconds in conn.execute(
        "SELECT id, routine_ref, routine_name, day, actual_s FROM sessions WHERE day BETWEEN ? AND ?"
        " ORDER BY started_at, id",
        window,
    ):
        trend = found.get(ref) or Trend(ref, name, 0, [0.0] * weeks, [], day)
        back = (this_week - week_start(date.fromisoformat(day))).days // 7
        trend.weeks[weeks - 1 - back] += seconds / 60
        found[ref] = trend._replace(name=name, sessions=trend.sessions + 1, last_day=day)
        of_session[sid] = ref
    for sid, pain in conn.execute(
        "SELECT c.session_id, c.pain FROM checkins c JOIN sessions s ON s.id = c.session_id"
        " WHERE s.day BETWEEN ? AND ? ORDER BY c.at, c.id",
        window,
    ):
        found[of_session[sid]].pains.append(pain)
    return sorted(found.values(), key=lambda t: t.last_day, reverse=True)


class Overview(NamedTuple):
    """What the history screen shows."""

    recent: list[Session]
    by_day: dict[date, float]  # minutes, the last WEEKS weeks
    by_week: list[float]  # minutes a week, oldest first
    streaks: Streaks
    first_day: date  # the calendar's first day: a Monday WEEKS - 1 weeks before this week's
    pain: dict[int, int]  # the check-in of each recent session that has one: session id to pain
    pains: list[int]  # every check-in's pain since first_day, oldest first
    lone: list = []  # check-ins since first_day that go with no session listed (CheckIn), oldest first
    trends: list[Trend] = []  # each routine's, the one run last first


def overview(conn: sqlite3.Connection, today: date, count: int = 100) -> Overview:
    """The last sessions, minutes by day and by week, the streaks and the check-ins, as of `today`."""
    from app.log.checkins import of_sessions, since

    first = week_start(today) - timedelta(weeks=WEEKS - 1)
    by_day = minutes_by_day(conn, first, today)
    last = recent(conn, count)
    pain = {sid: c.pain for sid, c in of_sessions(conn, [s.id for s in last]).items()}
    checkins = [c for c in since(conn, first.isoformat()) if c.day_iso <= today.isoformat()]
    pains = [c.pain for c in checkins]
    shown = {s.id for s in last}
    oldest = last[-1].started_at[:19] if len(last) >= count else ""
    # Check-ins of no session listed (made alone, or whose session is gone): listed too, so the worst is seen.
    lone = [c for c in checkins if c.session_id not in shown and c.at[:19] >= oldest]
    return Overview(
        last,
        by_day,
        minutes_by_week(by_day, today),
        streaks(conn, today),
        first,
        pain,
        pains,
        lone,
        trends(conn, today),
    )
