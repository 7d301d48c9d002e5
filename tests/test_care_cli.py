"""`supple checkin` and `supple build-up` through the real console script, on a real log file."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.test_cli import supple


def rows(home, sql: str) -> list[tuple]:
    path = home / "data" / "supple.db"
    if not path.exists():
        return []
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_a_check_in_is_recorded_and_said(supple_home):
    result = supple(
        "checkin", "2", "--where", "lower back", "--where", "neck", "--note", "[b]stiff[/b]", home=supple_home
    )
    assert result.returncode == 0, result.stderr
    assert ": pain 2, lower back, neck" in result.stdout and "Warning" not in result.stdout
    assert rows(supple_home, "SELECT pain, places, leg, note FROM checkins") == [
        (2, "lower back,neck", 0, "[b]stiff[/b]")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["11"], "pain must be a whole number from 0 (none) to 10"),
        (["lots"], "got 'lots'"),
        (["3", "--where", "knee"], "unknown place 'knee'"),
        (["3", "--note", "a\x1b[2Jb"], "control character (\\x1b)"),
    ],
)
def test_bad_check_ins_are_refused_and_nothing_stored(supple_home, args, message):
    result = supple("checkin", *args, home=supple_home)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert rows(supple_home, "SELECT COUNT(*) FROM checkins") in ([], [(0,)])


def test_pain_that_keeps_coming_back_brings_the_advice(supple_home):
    for _ in range(2):
        assert "Warning" not in supple("checkin", "5", home=supple_home).stdout
    result = supple("checkin", "5", "--where", "lower back", home=supple_home)
    assert "Warning sign: 3 of your last 3 check-ins had pain of 4 or more, in the last 14 days." in result.stdout
    assert "see a doctor" in result.stdout and "Supple is a timer, not a diagnosis." in result.stdout
    assert result.stdout.count(": pain 5") == 4  # the one recorded, and the three behind the advice


def test_a_build_up_is_started_shown_and_turned_off(supple_home):
    started = supple(
        "build-up", "quick-warmup", "--start", "0.7", "--step", "0.05", "--target", "1.0", home=supple_home
    )
    assert started.returncode == 0 and "building up from 70 % to 100 %, +5 %" in started.stdout
    shown = supple("build-up", "quick-warmup", home=supple_home)
    assert "Quick warm-up: 70 % next time (building up)" in shown.stdout and "started: 70 % up to 100 %" in shown.stdout
    plan = supple("plan", "quick-warmup", home=supple_home)
    assert "At 70 %, the build-up's scale for the next session: started: 70 % up to 100 %" in plan.stdout
    assert "0:04  March in place" in plan.stdout  # the timeline at 70 %
    assert json.loads(supple("plan", "quick-warmup", "--json", home=supple_home).stdout)["scale"] == 0.7
    assert "build-up off" in supple("build-up", "quick-warmup", "--off", home=supple_home).stdout
    assert json.loads(supple("plan", "quick-warmup", "--json", home=supple_home).stdout)["scale"] == 1.0


def test_step_or_target_alone_changes_the_build_up_there_is(supple_home):
    assert supple("build-up", "quick-warmup", "--start", "0.7", home=supple_home).returncode == 0
    changed = supple("build-up", "quick-warmup", "--step", "0.1", "--target", "0.9", home=supple_home)
    assert changed.returncode == 0, changed.stderr
    assert "70 % next time, up to 90 %, +10 %" in changed.stdout
    assert rows(supple_home, "SELECT step, target, scale FROM build_ups") == [(0.1, 0.9, 0.7)]
    refused = supple("build-up", "quick-warmup", "--step", "0", home=supple_home)
    assert refused.returncode == 1 and "step must be more than 0" in refused.stderr
    assert rows(supple_home, "SELECT step FROM build_ups") == [(0.1,)]  # nothing changed by a refusal
    lowered = supple("build-up", "quick-warmup", "--target", "0.6", home=supple_home)
    assert lowered.returncode == 1 and "is above the target" in lowered.stderr


def test_step_alone_without_a_build_up_is_an_error(supple_home):
    result = supple("build-up", "quick-warmup", "--step", "0.1", home=supple_home)
    assert result.returncode == 1 and "has no build-up to change" in result.stderr


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [
        (["--start", "1.2", "--target", "1.0"], "is above the target", 1),
        (["--start", "0.7", "--step", "0"], "step must be more than 0", 1),
        (["--start", "0.7", "--target", "3"], "target must be from 0.5 to 2.0", 1),
        (["--start", "0.7", "--step", "nan"], "step must be a number", 1),
        (["--start", "inf"], "start must be from 0.5 to 2.0 (a time scale: 0.7 is 70 %), got inf", 1),
        (["--start", "lots"], "argument --start: invalid float value: 'lots'", 1),
        (["--off", "--resume"], "choose one of", 2),  # options that do not go together: a usage error
        (["--off", "--step", "0.1"], "choose one of", 2),
    ],
)
def test_bad_build_ups_are_refused(supple_home, args, message, status):
    result = supple("build-up", "quick-warmup", *args, home=supple_home)
    assert result.returncode == status and message in result.stderr and "Traceback" not in result.stderr
    assert rows(supple_home, "SELECT COUNT(*) FROM build_ups") in ([], [(0,)])


def ended_session(name: str, minutes_ago: float) -> int:
    """A session of `name` in the real log that ended `minutes_ago`."""
    from datetime import datetime, timedelta

    from app.log.store import connect

    ended = datetime.now().astimezone() - timedelta(minutes=minutes_ago)
    started = ended - timedelta(minutes=10)
    with connect() as conn:
        cursor = conn.execute(
            "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at, day,"
            " ended_at, planned_s, actual_s, steps, steps_done, outcome) VALUES"
            " (?, ?, 'warmup', 'd', 1.0, ?, ?, ?, 600, 600, 5, 5, 'completed')",
            (
                f"user:{name}",
                name,
                started.isoformat(timespec="seconds"),
                started.date().isoformat(),
                ended.isoformat(timespec="seconds"),
            ),
        )
        return cursor.lastrowid


def test_a_check_in_goes_with_the_latest_session_only_when_fresh_and_unanswered(supple_home):
    ended_session("Older", minutes_ago=50)
    latest = ended_session("Pre-lift mobility", minutes_ago=20)
    first = supple("checkin", "3", home=supple_home)
    assert first.returncode == 0, first.stderr
    assert "with your session of Pre-lift mobility, which ended at" in first.stdout
    # Answered already: the next check-in stands alone, never back-dated onto the older session.
    second = supple("checkin", "2", home=supple_home)
    assert "on its own" in second.stdout and "Older" not in second.stdout
    assert rows(supple_home, "SELECT pain, session_id FROM checkins ORDER BY id") == [(3, latest), (2, None)]


def test_a_check_in_long_after_the_last_session_stands_alone(supple_home):
    ended_session("Post-lift cooldown", minutes_ago=3 * 60)
    result = supple("checkin", "4", home=supple_home)
    assert result.returncode == 0 and "on its own (no session ended in the last 2 hours" in result.stdout
    assert rows(supple_home, "SELECT session_id FROM checkins") == [(None,)]


def test_supple_trash_lists_deleted_routines_and_brings_one_back(supple_home):
    from app import paths
    from app.routine.saving import delete_routine

    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    for name in ("Evening", "Morning \u202eevil"):
        (folder / "mine.toml").write_text(f'name = "{name}"\n[[steps]]\nname = "a"\nduration = 5\n')
        delete_routine(folder / "mine.toml", folder, paths.trash_dir())  # the same file twice, the same second
    listed = supple("trash", home=supple_home)
    assert listed.returncode == 0 and len(list(paths.trash_dir().iterdir())) == 2
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["N", "NAME", "FILE", "DELETED"]
    assert "Morning \\u202eevil" in lines[1] and "Evening" in lines[2]  # newest first, shown safely
    back = supple("trash", "--restore", "2", home=supple_home)
    assert back.returncode == 0 and "Brought back Evening" in back.stdout
    assert (folder / "mine.toml").read_text().startswith('name = "Evening"')
    again = supple("trash", "--restore", "1", home=supple_home)  # mine.toml is there again: never replaced
    assert again.returncode == 1 and "is there again" in again.stderr and "Traceback" not in again.stderr
    assert (folder / "mine.toml").read_text().startswith('name = "Evening"')
    assert supple("trash", "--restore", "7", home=supple_home).returncode == 1
