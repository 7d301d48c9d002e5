"""`supple history` through the real console script, on a real log file; CSV read back with the csv module."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

import pytest

from app.log.recorder import SessionRecorder
from app.log.store import db_path
from app.log.writer import LogWriter
from app.routine.model import Routine, Step
from app.session.engine import Engine
from tests.conftest import FakeClock
from tests.test_cli import supple

ODD = 'Hip "openers", then, more'  # commas and quotes, as a spreadsheet must read them back
ROUTINE = Routine(
    ODD,
    (Step("Swings, gentle", duration=10, sides=True, sets=2), Step("Squats", reps=5, tempo=2)),
    prep=0,
    transition=0,
    switch=0,
    kind="warmup",
)
OTHER = Routine("Cooldown", (Step("Fold", duration=30),), prep=0, kind="cooldown")


def record(writer: LogWriter, routine: Routine, ref: str, when: str, *, stop_after: float | None = None) -> None:
    clock = FakeClock()
    engine = Engine(routine, clock)
    recorder = SessionRecorder(writer, engine, ref, wall=lambda: when)
    engine.start()
    recorder.begin()
    total = stop_after if stop_after is not None else engine.plan.total
    while clock.now - 1000 < total and not engine.finished:
        clock.advance(1)
        engine.poll()
    recorder.end()


@pytest.fixture
def log(supple_home):
    writer = LogWriter(db_path())
    writer.start()
    record(writer, ROUTINE, "user:hips", "2026-11-20T18:00:00+01:00")
    record(writer, OTHER, "bundled:cooldown", "2026-11-21T19:30:00+01:00", stop_after=12)
    record(writer, ROUTINE, "user:hips", "2026-11-24T07:15:00+01:00")
    writer.close()
    return supple_home


def test_the_table_lists_every_session_oldest_first(log):
    result = supple("history", home=log)
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and lines[0].split() == ["WHEN", "ROUTINE", "TIME", "STEPS", "PAIN", "OUTCOME"]
    assert lines[1].startswith("2026-11-20 18:00  " + ODD) and lines[1].endswith("2 of 2  -     completed")
    assert "Cooldown" in lines[2] and lines[2].endswith("0 of 1  -     stopped")


def with_checkins(home) -> None:
    from datetime import datetime

    from app.log.checkins import record
    from app.log.store import connect

    conn = connect(db_path())
    record(
        conn,
        3,
        ("upper back", "neck"),
        note='tight, "a bit"\nafter',
        session_id=1,
        at=datetime.fromisoformat("2026-11-20T18:05:00+01:00"),
    )
    record(conn, 6, ("lower back",), leg=True, at=datetime.fromisoformat("2026-11-22T09:00:00+01:00"))
    conn.close()


def test_check_ins_go_with_their_sessions_and_lone_ones_on_rows_of_their_own(log):
    with_checkins(log)
    rows = list(csv.DictReader(io.StringIO(supple("history", "--csv", home=log).stdout)))
    assert [r["outcome"] for r in rows] == ["completed", "stopped", "check-in", "completed"]
    assert (rows[0]["pain"], rows[0]["pain_where"], rows[0]["pain_leg"], rows[0]["checkin_note"]) == (
        "3",
        "upper back; neck",
        "no",
        'tight, "a bit"\nafter',
    )
    assert rows[1]["pain"] == ""
    lone = rows[2]
    assert (lone["id"], lone["started_at"], lone["pain"], lone["pain_where"], lone["pain_leg"]) == (
        "",
        "2026-11-22T09:00:00+01:00",
        "6",
        "lower back",
        "yes",
    )
    table = supple("history", home=log).stdout.splitlines()
    assert table[3].startswith("2026-11-22 09:00  (check-in)") and table[3].rstrip().endswith("6")
    records = json.loads(supple("history", "--json", home=log).stdout)
    assert records[0]["checkin"] == {
        "at": "2026-11-20T18:05:00+01:00",
        "pain": 3,
        "where": ["upper back", "neck"],
        "leg": False,
        "note": 'tight, "a bit"\nafter',
    }
    assert records[1]["checkin"] is None
    only = list(csv.DictReader(io.StringIO(supple("history", "--csv", "--routine", "user:hips", home=log).stdout)))
    assert [r["outcome"] for r in only] == ["completed", "completed"]  # a lone check-in is of no routine


def test_csv_a_row_a_session_reads_back(log):
    rows = list(csv.DictReader(io.StringIO(supple("history", "--csv", home=log).stdout)))
    assert [r["routine_name"] for r in rows] == [ODD, "Cooldown", ODD]
    first = rows[0]
    assert (
        first["started_at"],
        first["routine_ref"],
        first["routine_kind"],
        first["scale"],
        first["planned_s"],
        first["actual_s"],
        first["steps"],
        first["steps_done"],
        first["outcome"],
    ) == ("2026-11-20T18:00:00+01:00", "user:hips", "warmup", "1.0", "50.0", "50.0", "2", "2", "completed")
    assert rows[1]["actual_s"] == "12.0" and rows[1]["outcome"] == "stopped"


STRONG_DURATION = re.compile(r"^(?:(\d+)h )?(\d+)m$")  # how importers of Strong's files read "35m", "1h 15m"


def read_as_a_strong_importer(text: str, separator: str) -> list[dict]:
    """The rows as importers of Strong's exports read them: by column name, the date as YYYY-MM-DD HH:MM:SS,
    the workout's length as "35m" or "1h 15m", numbers where numbers go; an error where any is not so."""
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=separator))
    length = "Duration" if separator == "," else "Workout Duration"
    for row in rows:
        row["Date"] = datetime.strptime(row["Date"], "%Y-%m-%d %H:%M:%S")
        hours, minutes = STRONG_DURATION.match(row[length]).groups()
        row[length] = int(hours or 0) * 60 + int(minutes)
        row["Seconds"] = int(row["Seconds"])
        row["Set Order"] = int(row["Set Order"])
        row["Reps"] = int(row["Reps"]) if row["Reps"] else None
        assert row["Weight"] == "" and row["RPE"] == "" and row["Distance"] == ""  # a warm-up lifts no weight
    return rows


@pytest.mark.parametrize(
    ("flags", "separator", "columns"),
    [
        (
            [],
            ",",
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
        ),
        (
            ["--semicolons"],
            ";",
            "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;"
            "Notes;Workout Notes;Workout Duration",
        ),
    ],
    ids=["strong", "strong-semicolons"],
)
def test_csv_a_row_a_work_segment_read_back_as_strong_importers_read_it(log, flags, separator, columns):
    text = supple("history", "--csv", "--segments", *flags, home=log).stdout
    assert text.splitlines()[0] == columns  # Strong's columns, exactly, in its order
    rows = read_as_a_strong_importer(text, separator)
    length = "Duration" if separator == "," else "Workout Duration"
    first = [(r["Exercise Name"], r["Set Order"], r["Reps"], r["Seconds"], r["Notes"]) for r in rows[:5]]
    assert first == [
        ("Swings, gentle (left)", 1, None, 10, ""),
        ("Swings, gentle (right)", 1, None, 10, ""),
        ("Swings, gentle (left)", 2, None, 10, ""),
        ("Swings, gentle (right)", 2, None, 10, ""),
        ("Squats", 1, 5, 10, ""),
    ]
    assert {(r["Date"], r["Workout Name"], r[length], r["Workout Notes"]) for r in rows[:5]} == {
        (datetime(2026, 11, 20, 18, 0), ODD, 1, "")  # 50 s: one minute, as Strong rounds
    }
    stopped = rows[5]
    assert (stopped["Workout Name"], stopped["Exercise Name"], stopped["Seconds"], stopped["Notes"]) == (
        "Cooldown",
        "Fold",
        12,
        "cut short",
    )
    assert (stopped[length], stopped["Workout Notes"]) == (0, "stopped")
    assert len(rows) == 11 and len({r["Date"] for r in rows}) == 3  # a workout a session, told apart by its date


def test_filters(log):
    since = list(csv.DictReader(io.StringIO(supple("history", "--csv", "--since", "2026-11-21", home=log).stdout)))
    assert [r["started_at"][:10] for r in since] == ["2026-11-21", "2026-11-24"]
    until = list(csv.DictReader(io.StringIO(supple("history", "--csv", "--until", "2026-11-21", home=log).stdout)))
    assert [r["started_at"][:10] for r in until] == ["2026-11-20", "2026-11-21"]
    by_ref = json.loads(supple("history", "--json", "--routine", "user:hips", home=log).stdout)
    by_name = json.loads(supple("history", "--json", "--routine", "cooldown", home=log).stdout)
    assert [s["routine_ref"] for s in by_ref] == ["user:hips", "user:hips"] and len(by_name) == 1
    none = supple("history", "--routine", "nothing", home=log)  # no such routine, and none in the log
    assert none.returncode == 1 and "no routine called 'nothing'" in none.stderr
    empty = supple("history", "--routine", "cooldown", "--since", "2026-12-01", home=log)
    assert empty.returncode == 0 and "No sessions recorded that match." in empty.stdout


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--since", "yesterday"], 1, "not a day: 'yesterday' (write it YYYY-MM-DD)"),
        (["--since", "2026-12-01", "--until", "2026-11-01"], 1, "--since 2026-12-01 is after --until 2026-11-01"),
        (["--segments"], 2, "--segments goes with --csv"),
        (["--csv", "--semicolons"], 2, "--semicolons goes with --csv --segments"),
        (["--csv", "--json"], 2, "argument --json: not allowed with argument --csv"),
    ],
)
def test_bad_options_are_clear(args, status, message, supple_home):
    result = supple("history", *args, home=supple_home)
    assert result.returncode == status and message in result.stderr and "Traceback" not in result.stderr


def test_no_log_yet(supple_home):
    result = supple("history", home=supple_home)
    assert result.returncode == 0 and result.stdout.strip() == "No sessions recorded yet."


def test_a_garbage_log_is_moved_aside_and_said(supple_home):
    path = db_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage" * 1000)
    result = supple("history", home=supple_home)
    assert result.returncode == 0 and "the training log was damaged: it is kept as" in result.stderr
    assert list(path.parent.glob("supple.db.broken-*"))


@pytest.mark.parametrize("semicolons", [False, True], ids=["comma", "semicolon"])
def test_segments_csv_is_what_the_csv_module_writes_for_the_same_rows(supple_home, semicolons):
    """SQLite makes the lines; they must be byte for byte the csv module's, whatever a name holds."""
    import sqlite3

    from app.log.export import STRONG_COLUMNS, STRONG_SEMICOLON_COLUMNS, as_text
    from app.log.store import connect

    names = [
        'Quote "this"',
        "Line\nbreak",
        "Carriage\rreturn",
        "Plain",
        "Ünïcode, comma",
        "Semi; colon",
        "Trailing space ",
        '=HYPERLINK("http://x", "y")',
        "-1+2",
        "\tTabbed",
    ]
    conn = connect(db_path())
    for number, routine in enumerate(['Hips, "openers"', "Empty session", "@SUM(A1)"]):
        started = f"2026-11-2{number}T07:0{number}:00+01:00"
        sid = conn.execute(
            "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at, day,"
            " planned_s, actual_s, steps, steps_done, outcome) VALUES ('user:x', ?, 'warmup', 'd', 1, ?, ?, 60, ?,"
            " 3, 3, 'completed')",
            (routine, started, started[:10], [59.6, 0, 3725.2][number]),
        ).lastrowid
        if routine == "Empty session":
            continue
        for index, name in enumerate(reversed(names) if number else names):  # inserted out of order: sorted by index
            conn.execute(
                "INSERT INTO segments (session_id, segment_index, step, step_name, side, set_number, planned_s,"
                " actual_s, reps, reps_done, result) VALUES (?, ?, 1, ?, ?, ?, 30, ?, 9, ?, ?)",
                (
                    sid,
                    len(names) - index,
                    name,
                    ("left", "right", None)[index % 3],
                    index % 2 + 1,
                    29.5 + index,
                    index if index % 2 else None,
                    ("completed", "skipped", "cut short")[index % 3],
                ),
            )
    conn.commit()
    expected = io.StringIO()
    writer = csv.writer(expected, delimiter=";" if semicolons else ",")
    writer.writerow(STRONG_SEMICOLON_COLUMNS if semicolons else STRONG_COLUMNS)
    rows = (
        sqlite3.connect(db_path())
        .execute(
            "SELECT s.started_at, s.routine_name, s.actual_s, g.step_name, g.side, g.set_number, g.reps_done,"
            " g.actual_s, g.result, s.outcome FROM sessions s JOIN segments g ON g.session_id = s.id"
            " ORDER BY s.started_at, g.segment_index"
        )
        .fetchall()
    )

    def round(seconds: float) -> int:  # halves up, as a person (and SQLite) rounds 34.5 s
        return int(seconds + 0.5)

    for started, routine, length, step, side, set_number, reps, seconds, result, outcome in rows:
        minutes = round(length / 60)
        duration = f"{minutes // 60}h {minutes % 60}m" if minutes >= 60 else f"{minutes}m"
        # A cell that would start a formula is marked as text, as the session CSV marks it (export.as_text).
        date, name, exercise = (
            started[:19].replace("T", " "),
            as_text(routine),
            as_text(step + (f" ({side})" if side else "")),
        )
        reps_cell, notes, workout_notes = (
            "" if reps is None else reps,
            "" if result == "completed" else result,
            ("" if outcome == "completed" else outcome),
        )
        if semicolons:
            writer.writerow(
                [
                    date,
                    name,
                    exercise,
                    set_number,
                    "",
                    "",
                    reps_cell,
                    "",
                    "",
                    "",
                    round(seconds),
                    notes,
                    workout_notes,
                    duration,
                ]
            )
        else:
            writer.writerow(
                [
                    date,
                    name,
                    duration,
                    exercise,
                    set_number,
                    "",
                    reps_cell,
                    "",
                    round(seconds),
                    notes,
                    workout_notes,
                    "",
                ]
            )
    import os
    import subprocess

    from tests.test_cli import console_script

    shown = subprocess.run(
        [console_script(), "history", "--csv", "--segments", *(["--semicolons"] if semicolons else [])],
        capture_output=True,
        check=True,
        env=os.environ | {"SUPPLE_HOME": str(supple_home)},
    ).stdout
    assert shown == expected.getvalue().encode()
    read = csv.reader(io.StringIO(shown.decode(), newline=""), delimiter=";" if semicolons else ",")
    assert len(list(read)) == 1 + 2 * len(names)


def test_the_strong_csv_says_the_reps_and_seconds_done_read_back_by_column_name(supple_home):
    routine = Routine(
        "Done as done",
        (
            Step("Squats", reps=10, tempo=2),
            Step("Lunges", reps=8, tempo=2),
            Step("Hold", duration=30),
            Step("Fold", duration=30),
        ),
        prep=0,
        transition=0,
    )
    writer = LogWriter(db_path())
    writer.start()
    clock = FakeClock()
    engine = Engine(routine, clock)
    recorder = SessionRecorder(writer, engine, "user:done", wall=lambda: "2026-11-20T18:00:00+01:00")
    engine.start()
    recorder.begin()
    clock.advance(1)
    engine.add_time(-10)  # 5 reps fewer: 5 in all, done in full
    clock.advance(9)
    engine.poll()
    engine.next()  # the lunges skipped at once
    clock.advance(12)
    engine.next()  # the hold stopped after 12 s
    clock.advance(3)
    recorder.end()  # stopped 3 s into the fold
    writer.close()
    rows = csv.DictReader(io.StringIO(supple("history", "--csv", "--segments", home=supple_home).stdout))
    done = {row["Exercise Name"]: (row["Reps"], row["Seconds"], row["Notes"]) for row in rows}
    assert done == {
        "Squats": ("5", "10", ""),
        "Lunges": ("0", "0", "skipped"),
        "Hold": ("", "12", "cut short"),
        "Fold": ("", "3", "cut short"),
    }


def test_history_finds_a_log_damaged_while_supple_was_away_and_says_where_the_old_one_is(log):
    import os

    from app.log.store import note_left

    path = db_path()
    note_left(path)  # as Supple left it
    data = bytearray(path.read_bytes())
    data[2 * 4096 : 3 * 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))
    first = supple("history", home=log)
    assert first.returncode == 0 and "the training log was damaged: it is kept as" in first.stderr
    assert "Traceback" not in first.stderr
    later = supple("history", home=log)
    assert "No sessions recorded yet." in later.stdout and "An earlier log, found damaged, is kept as" in later.stdout


@pytest.mark.parametrize("version", [1, 3])
def test_history_reads_an_older_log_without_changing_it(supple_home, version):
    import sqlite3

    from app.log.schema import MIGRATIONS

    path = db_path()
    path.parent.mkdir(parents=True)
    old = sqlite3.connect(path)
    for step in MIGRATIONS[:version]:
        step(old)
    old.execute(f"PRAGMA user_version = {version}")
    old.execute(
        "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at, day,"
        " planned_s, actual_s, steps, outcome) VALUES ('user:x', 'Old one', 'warmup', '', 1.0,"
        " '2026-11-25T10:00:00+01:00', '2026-11-25', 60, 60, 2, 'completed')"
    )
    old.commit()
    old.close()
    before = path.read_bytes()
    shown = supple("history", home=supple_home)
    assert shown.returncode == 0 and "Old one" in shown.stdout, shown.stderr
    assert supple("history", "--csv", home=supple_home).returncode == 0
    assert path.read_bytes() == before  # not migrated on disk: brought up to date in memory for the read
    assert sorted(p.name for p in path.parent.iterdir()) == ["supple.db"]


def test_history_with_no_log_makes_none(supple_home):
    shown = supple("history", "--json", home=supple_home)
    assert shown.returncode == 0 and not db_path().exists() and not db_path().parent.exists()


def test_history_of_a_routine_by_stem_name_or_ref_and_an_unknown_one_is_an_error(supple_home):
    writer = LogWriter(db_path())
    writer.start()
    record(writer, OTHER._replace(name="Quick warm-up"), "bundled:quick-warmup", "2026-11-22T08:00:00+01:00")
    record(writer, ROUTINE, "user:hips", "2026-11-23T08:00:00+01:00")
    writer.close()
    for query in ("quick-warmup", "Quick warm-up", "bundled:quick-warmup"):
        found = json.loads(supple("history", "--json", "--routine", query, home=supple_home).stdout)
        assert [s["routine_ref"] for s in found] == ["bundled:quick-warmup"], query
    wrong = supple("history", "--routine", "quick-warmpu", home=supple_home)
    assert wrong.returncode == 1 and "did you mean 'quick-warmup'" in wrong.stderr and wrong.stdout == ""
