"""Check-ins and the warning rule at each of its edges, and the build-up's steps: real SQLite files."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.log import build_up, checkins
from app.log.checkins import CheckInError, acknowledge, record, unacknowledged
from app.log.store import connect

NOW = datetime(2026, 11, 25, 18, 0).astimezone()


@pytest.fixture
def conn(tmp_path):
    connection = connect(tmp_path / "supple.db")
    yield connection
    connection.close()


def pains(conn, *values: int, leg_days_ago: int | None = None) -> None:
    """Check-ins a day apart, the last one today."""
    for back, pain in enumerate(reversed(values)):
        record(conn, pain, at=NOW - timedelta(days=back, minutes=1))
    if leg_days_ago is not None:
        record(conn, 1, ("lower back",), leg=True, at=NOW - timedelta(days=leg_days_ago))


def holds(conn) -> bool:
    return checkins.current_warning(conn, NOW) is not None


def test_two_of_five_at_4_is_not_a_warning_three_is(conn):
    pains(conn, 0, 4, 1, 4, 2)
    assert not holds(conn)
    record(conn, 4, at=NOW)
    found = checkins.current_warning(conn, NOW)
    assert found is not None and found.reasons == ("3 of your last 5 check-ins had pain of 4 or more",)
    assert [c.pain for c in found.checkins] == [4, 4, 4]


def test_3_below_4_is_not_a_warning(conn):
    pains(conn, 3, 3, 3, 3, 3)
    assert not holds(conn)


def test_6_is_not_a_warning_7_is(conn):
    pains(conn, 6)
    assert not holds(conn)
    record(conn, 7, at=NOW)
    assert checkins.current_warning(conn, NOW).reasons == ("pain of 7 or more (7)",)


@pytest.mark.parametrize(("days", "warned"), [(13, True), (15, False)])
def test_pain_down_a_leg_counts_for_two_weeks(conn, days, warned):
    pains(conn, 1, leg_days_ago=days)
    assert holds(conn) is warned


def test_old_check_ins_fall_out_of_the_window(conn):
    for back in (20, 19, 18):
        record(conn, 8, at=NOW - timedelta(days=back))
    assert not holds(conn)


def test_acknowledged_advice_stays_away_until_a_new_check_in_triggers_it(conn):
    pains(conn, 7)
    shown = unacknowledged(conn, NOW)
    assert shown is not None
    acknowledge(conn, shown)
    assert unacknowledged(conn, NOW) is None
    record(conn, 2, at=NOW + timedelta(minutes=1))  # a good check-in: the rule still holds, the advice stays away
    assert holds(conn) and unacknowledged(conn, NOW + timedelta(minutes=2)) is None
    record(conn, 8, at=NOW + timedelta(minutes=3))  # triggers it again
    assert unacknowledged(conn, NOW + timedelta(minutes=4)) is not None


def test_a_check_in_whose_session_was_deleted_still_counts(conn):
    conn.execute(
        "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at,"
        " day, planned_s, steps) VALUES ('bundled:x', 'X', 'warmup', 'd', 1.0, ?, ?, 60, 1)",
        (NOW.isoformat(), NOW.date().isoformat()),
    )
    record(conn, 8, session_id=1, at=NOW)
    with conn:
        conn.execute("DELETE FROM sessions")
    assert holds(conn)


@pytest.mark.parametrize(
    ("pain", "places", "note", "message"),
    [
        ("11", (), "", "pain must be a whole number from 0 (none) to 10"),
        ("-1", (), "", "pain must be a whole number"),
        ("five", (), "", "got 'five'"),
        ("4.5", (), "", "pain must be a whole number"),
        ("3", ("knee",), "", "unknown place 'knee': choose from upper back, lower back, neck, other"),
        ("3", (), "ok\x1b]52;c;aGk=\x07", "control character (\\x1b)"),
        ("3", (), "x" * 501, "at most 500"),
    ],
)
def test_bad_check_ins_are_refused_and_nothing_stored(conn, pain, places, note, message):
    with pytest.raises(CheckInError, match=message.replace("(", r"\(").replace(")", r"\)").replace("\\x", "\\\\x")):
        record(conn, pain, places, note=note)
    assert conn.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 0


def test_a_note_is_kept_as_written_markup_and_all(conn):
    kept = record(conn, 2, ("Lower-back", "neck"), note="[b]stiff[/b] after [@click=app.quit]deadlifts[/]")
    assert kept.places == ("lower back", "neck")
    assert checkins.since(conn, "2000-01-01")[0].note == "[b]stiff[/b] after [@click=app.quit]deadlifts[/]"


# --- the build-up -------------------------------------------------------------------------


def session(conn, ref: str = "bundled:quick-warmup", outcome: str = "completed", scale: float | None = None) -> int:
    """A session of `ref`, run at `scale` (default: its build-up's scale now, else 1.0)."""
    if scale is None:
        found = build_up.get(conn, ref)
        scale = found.scale if found else 1.0
    row = conn.execute(
        "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale,"
        " started_at, day, planned_s, steps, outcome) VALUES (?, 'Q', 'warmup', 'd', ?, ?, ?, 60, 1, ?)",
        (ref, scale, NOW.isoformat(), NOW.date().isoformat(), outcome),
    )
    conn.commit()
    return row.lastrowid


def test_the_scale_rises_after_good_sessions_holds_after_a_5_and_steps_back_after_an_8(conn):
    build_up.start(conn, "bundled:quick-warmup", 0.7, 0.05, 1.0)
    scales = []
    for pain in (2, 3, 5, 8):
        build_up.after_session(conn, session(conn), pain, warned=False)
        scales.append(round(build_up.get(conn, "bundled:quick-warmup").scale, 2))
    assert scales == [0.75, 0.8, 0.8, 0.75]
    assert build_up.get(conn, "bundled:quick-warmup").paused
    build_up.after_session(conn, session(conn), 1, warned=False)  # paused: holds until resumed
    assert round(build_up.get(conn, "bundled:quick-warmup").scale, 2) == 0.75
    build_up.resume(conn, "bundled:quick-warmup")
    build_up.after_session(conn, session(conn), 1, warned=False)
    scale, why = build_up.today(conn, "bundled:quick-warmup")
    assert round(scale, 2) == 0.8 and why == "building up: +5 % since last time"


@pytest.mark.parametrize(
    ("pain", "warned", "outcome", "ran_at", "expected", "paused"),
    [
        (3, False, "completed", 0.8, 0.85, False),  # under 4: up a step
        (4, False, "completed", 0.8, 0.8, False),  # 4 to 6: held
        (6, False, "completed", 0.8, 0.8, False),
        (7, False, "completed", 0.8, 0.75, True),  # 7 or more: back a step, paused
        (0, True, "completed", 0.8, 0.75, True),  # the warning signs: back a step, paused
        (None, False, "completed", 0.8, 0.8, False),  # no check-in: held
        (1, False, "stopped", 0.8, 0.8, False),  # stopped early: held
        (1, False, "skipped", 0.8, 0.8, False),  # skipped through to the end: held
        (1, False, "completed", 1.0, 0.8, False),  # run at another scale (--scale, [ ]): held
        (8, False, "completed", 1.0, 0.75, True),  # ...but pain steps it back whatever the scale
    ],
)
def test_each_threshold(pain, warned, outcome, ran_at, expected, paused):
    at = build_up.BuildUp("r", 0.7, 0.05, 1.0, 0.8, False, "")
    scale, now_paused, _ = build_up.next_scale(at, outcome, pain, warned, ran_at)
    assert (round(scale, 2), now_paused) == (expected, paused)


def test_the_limits_never_pass_the_target_or_fall_below_the_start():
    near = build_up.BuildUp("r", 0.7, 0.2, 1.0, 0.9, False, "")
    assert build_up.next_scale(near, "completed", 0, False)[0] == 1.0
    assert build_up.next_scale(near._replace(scale=1.0), "completed", 0, False)[2] == "at its target, 100 %"
    low = build_up.BuildUp("r", 0.7, 0.2, 1.0, 0.7, False, "")
    assert build_up.next_scale(low, "completed", 9, False)[0] == 0.7


@pytest.mark.parametrize(
    ("start", "step", "target", "message"),
    [
        (1.2, 0.05, 1.0, "is above the target"),
        (0.7, 0, 1.0, "step must be more than 0"),
        (0.7, -0.05, 1.0, "step must be more than 0"),
        (0.7, 0.05, 2.5, "target must be from 0.5 to 2.0"),
        (0.3, 0.05, 1.0, "start must be from 0.5 to 2.0"),
    ],
)
def test_bad_build_ups_are_refused(conn, start, step, target, message):
    with pytest.raises(build_up.BuildUpError, match=message):
        build_up.start(conn, "r", start, step, target)
    assert build_up.get(conn, "r") is None


def test_bundled_routines_speak_of_back_pain_as_the_advice_does():
    from app.paths import bundled_routines_dir
    from app.routine.routine_file import load_routine

    speaking = 0
    for path in bundled_routines_dir().glob("*.toml"):
        routine = load_routine(path)
        texts = [routine.description, *(cue for step in routine.steps for cue in step.cues)]
        for text in texts:
            if "back pain" in text.casefold():
                speaking += 1
                assert "see a doctor" in text and "keeps coming back" in text, (path.name, text)
    assert speaking >= 2


def test_the_session_s_top_line_word_for_a_paused_build_up_never_reads_as_a_paused_session():
    from app.log.build_up import short

    assert short("build-up paused: stepped back to 70 % and paused after pain of 8") == "build-up paused"
    assert short("building up: +5 % since last time") == "building up"
    assert short("held at 70 %: pain of 5 after the last session") == "held"


def test_what_the_build_up_says_is_what_happened():
    """At its start, pain does not 'step back' to where it is; a stopped session with no check-in is held for
    being stopped, not for the check-in it never got."""
    at_start = build_up.BuildUp("r", 0.8, 0.05, 1.0, 0.8, False, "")
    assert (
        build_up.next_scale(at_start, "completed", 9, False)[2] == "held at 80 %, its start, and paused after pain of 9"
    )
    at = build_up.BuildUp("r", 0.7, 0.05, 1.0, 0.8, False, "")
    assert build_up.next_scale(at, "stopped", None, False)[2] == "held at 80 %: the last session was not completed"
    assert build_up.next_scale(at, "completed", None, False)[2] == "held at 80 %: no check-in after the last session"


def test_a_bad_check_in_made_after_the_session_moved_the_build_up_still_pauses_it(conn):
    """The session's end held the build-up (no check-in then); pain of 10 checked in later from the shell for
    that session steps it back and pauses it, as it would have at once (it waited for the next session)."""
    build_up.start(conn, "bundled:quick-warmup", 0.7, 0.05, 1.0)
    build_up.after_session(conn, session(conn), 2, warned=False)  # up to 75 %
    ended = session(conn, outcome="stopped")
    assert build_up.after_session(conn, ended, None, warned=False).after == 0.75  # held: not completed
    assert build_up.after_session(conn, ended, 3, warned=False) is None  # a mild one later: once a session
    later = build_up.after_session(conn, ended, 10, warned=False)
    assert later is not None and round(later.after, 2) == 0.7 and build_up.get(conn, "bundled:quick-warmup").paused
    assert build_up.after_session(conn, ended, 10, warned=False) is None  # paused already: not again
