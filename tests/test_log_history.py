"""Reading the log back: streaks and weekly minutes at their edges, on a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.log.history import minutes_by_week, streaks
from app.log.store import connect

TODAY = date(2026, 11, 25)  # a Wednesday


def log_with(tmp_path, days_back: list[int], outcome: str = "completed"):
    conn = connect(tmp_path / "supple.db")
    for back in days_back:
        day = (TODAY - timedelta(days=back)).isoformat()
        conn.execute(
            "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at,"
            " day, planned_s, actual_s, steps, outcome) VALUES ('r', 'R', 'other', 'd', 1, ?, ?, 60, 600, 1, ?)",
            (day + "T08:00:00+00:00", day, outcome),
        )
    return conn


def test_the_day_streak_counts_up_to_yesterday_until_today_has_a_session(tmp_path):
    assert streaks(log_with(tmp_path, [1, 2, 3, 5]), TODAY).days == 3
    (tmp_path / "b").mkdir()
    assert streaks(log_with(tmp_path / "b", [0, 1, 2, 3, 5]), TODAY).days == 4


def test_a_week_counts_with_two_sessions_and_this_week_once_it_has_them(tmp_path):
    # Last week (16-22 Nov) twice, the week before once: one week. This week once: not yet counted.
    assert streaks(log_with(tmp_path, [0, 4, 6, 12]), TODAY).weeks == 1
    (tmp_path / "b").mkdir()
    assert streaks(log_with(tmp_path / "b", [0, 1, 4, 6]), TODAY).weeks == 2


@pytest.mark.parametrize("outcome", ["skipped", "stopped", "interrupted", "running"])
def test_only_sessions_done_make_a_streak(tmp_path, outcome):
    conn = log_with(tmp_path, [1, 2, 3], outcome)
    assert streaks(conn, TODAY) == (0, 0)


def test_minutes_fall_in_their_weeks_oldest_first():
    by_day = {
        TODAY: 10.0,
        TODAY - timedelta(days=2): 5.0,
        TODAY - timedelta(days=3): 7.0,
        TODAY - timedelta(weeks=11, days=2): 1.0,
        TODAY - timedelta(weeks=20): 99.0,
    }
    weeks = minutes_by_week(by_day, TODAY)
    assert len(weeks) == 12 and weeks[-1] == 15.0 and weeks[-2] == 7.0 and weeks[0] == 1.0 and sum(weeks) == 23.0


def test_each_routines_trend_minutes_a_week_and_pain_in_the_window(tmp_path):
    from app.log.checkins import record
    from app.log.history import WEEKS, trends

    conn = log_with(tmp_path, [0, 1, 8, 200])  # 200 days back: outside the twelve weeks
    conn.execute(
        "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at,"
        " day, planned_s, actual_s, steps, outcome) VALUES ('c', 'Cooldown', 'cooldown', 'd', 1, ?, ?, 60, 300, 1,"
        " 'completed')",
        ("2026-11-10T08:00:00+00:00", "2026-11-10"),
    )
    conn.execute("UPDATE sessions SET routine_name = 'R renamed' WHERE id = 1")  # the name it was run under last
    record(conn, 3, session_id=1)
    record(conn, 7, session_id=2)
    record(conn, 9)  # a check-in alone goes with no routine
    found = trends(conn, TODAY)
    assert [t.ref for t in found] == ["r", "c"]  # the one run last first
    mine = found[0]
    assert mine.sessions == 3 and mine.last_day == "2026-11-25" and mine.name == "R renamed"
    assert len(mine.weeks) == WEEKS and mine.weeks[-1] == 20.0 and mine.weeks[-2] == 10.0 and sum(mine.weeks) == 30
    assert sorted(mine.pains) == [3, 7] and found[1].pains == [] and found[1].weeks[-3] == 5.0
