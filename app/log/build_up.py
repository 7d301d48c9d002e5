"""Building up slowly: a routine's time scale rising a step after each good session, held or stepped back otherwise."""

from __future__ import annotations

import math
import sqlite3
from datetime import datetime
from typing import NamedTuple

from app.log.checkins import MODERATE, SEVERE

LOWEST, HIGHEST = 0.5, 2.0  # as the time scale's own range
EPSILON = 1e-9


class BuildUpError(ValueError):
    """A build-up that cannot be set, and why."""


class BuildUp(NamedTuple):
    routine_ref: str
    start: float
    step: float
    target: float
    scale: float  # the scale the next session runs at
    paused: bool
    started_at: str

    @property
    def reached(self) -> bool:
        return self.scale >= self.target - EPSILON


class Step(NamedTuple):
    """One change of the scale (or a hold), and why."""

    at: str
    session_id: int | None
    before: float
    after: float
    reason: str


def percent(scale: float) -> str:
    return f"{round(scale * 100)} %"


def check(start: float, step: float, target: float) -> None:
    """BuildUpError unless LOWEST <= start <= target <= HIGHEST and 0 < step."""
    for label, value in (("start", start), ("step", step), ("target", target)):
        if math.isnan(value):  # an infinity is a number, out of range: the checks below say so
            raise BuildUpError(f"{label} must be a number, got {value:g}")
    for label, value in (("start", start), ("target", target)):
        if not LOWEST - EPSILON <= value <= HIGHEST + EPSILON:
            raise BuildUpError(f"{label} must be from {LOWEST} to {HIGHEST} (a time scale: 0.7 is 70 %), got {value:g}")
    if step <= 0 or step > 0.5:
        raise BuildUpError(f"step must be more than 0 and at most 0.5 (0.05 is +5 % a session), got {step:g}")
    if start > target + EPSILON:
        raise BuildUpError(f"start ({start:g}) is above the target ({target:g}): a build-up goes up")


def get(conn: sqlite3.Connection, ref: str) -> BuildUp | None:
    row = conn.execute(
        "SELECT routine_ref, start, step, target, scale, paused, started_at FROM build_ups WHERE routine_ref = ?",
        (ref,),
    ).fetchone()
    return None if row is None else BuildUp(*row[:5], bool(row[5]), row[6])


def every(conn: sqlite3.Connection) -> dict[str, BuildUp]:
    rows = conn.execute("SELECT routine_ref, start, step, target, scale, paused, started_at FROM build_ups")
    return {row[0]: BuildUp(*row[:5], bool(row[5]), row[6]) for row in rows}


def steps(conn: sqlite3.Connection, ref: str) -> list[Step]:
    """The build-up's history, oldest first."""
    return [
        Step(*row)
        for row in conn.execute(
            "SELECT at, session_id, before, after, reason FROM build_up_steps WHERE routine_ref = ? ORDER BY id", (ref,)
        )
    ]


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _note(conn: sqlite3.Connection, ref: str, session_id: int | None, before: float, after: float, reason: str) -> None:
    conn.execute(
        "INSERT INTO build_up_steps (routine_ref, at, session_id, before, after, reason) VALUES (?,?,?,?,?,?)",
        (ref, _now(), session_id, before, after, reason),
    )


def start(conn: sqlite3.Connection, ref: str, start: float, step: float, target: float) -> BuildUp:
    """Begin (or begin again) a build-up for `ref` at `start`."""
    check(start, step, target)
    with conn:
        conn.execute(
            "INSERT INTO build_ups (routine_ref, start, step, target, scale, paused, started_at) "
            "VALUES (?,?,?,?,?,0,?) ON CONFLICT (routine_ref) DO UPDATE SET start = excluded.start, "
            "step = excluded.step, target = excluded.target, scale = excluded.scale, paused = 0, "
            "started_at = excluded.started_at",
            (ref, start, step, target, start, _now()),
        )
        _note(
            conn,
            ref,
            None,
            start,
            start,
            f"started: {percent(start)} up to {percent(target)}, +{round(step * 100)} % a good session",
        )
    return get(conn, ref)


def change(conn: sqlite3.Connection, ref: str, step: float | None, target: float | None) -> BuildUp | None:
    """Set a new step or target on the build-up of `ref`, where it stands; None when there is none."""
    found = get(conn, ref)
    if found is None:
        return None
    step = found.step if step is None else step
    target = found.target if target is None else target
    check(found.start, step, target)
    scale = min(found.scale, target)  # a lower target is never exceeded
    with conn:
        conn.execute(
            "UPDATE build_ups SET step = ?, target = ?, scale = ? WHERE routine_ref = ?", (step, target, scale, ref)
        )
        _note(
            conn,
            ref,
            None,
            found.scale,
            scale,
            f"changed: up to {percent(target)}, +{round(step * 100)} % a good session",
        )
    return get(conn, ref)


def stop(conn: sqlite3.Connection, ref: str) -> bool:
    """End the build-up (its history stays); False when there was none."""
    with conn:
        gone = conn.execute("DELETE FROM build_ups WHERE routine_ref = ?", (ref,)).rowcount
        if gone:
            _note(conn, ref, None, 1.0, 1.0, "turned off")
    return bool(gone)


def resume(conn: sqlite3.Connection, ref: str) -> BuildUp | None:
    """Go on after a pause, at the scale it held; None when there is no build-up."""
    found = get(conn, ref)
    if found is None:
        return None
    with conn:
        conn.execute("UPDATE build_ups SET paused = 0 WHERE routine_ref = ?", (ref,))
        _note(conn, ref, None, found.scale, found.scale, "resumed")
    return found._replace(paused=False)


def next_scale(
    build_up: BuildUp, outcome: str, pain: int | None, warned: bool, ran_at: float | None = None
) -> tuple[float, bool, str]:
    """The rule: (the next scale, paused, why) after a session of `build_up`'s routine that ended `outcome`
    ("completed", "skipped", "stopped"), ran at the scale `ran_at` (None: the build-up's), with a check-in of
    `pain`. Pain and the warning signs step it back whatever the session; only a session completed at the
    build-up's own scale steps it up."""
    scale = build_up.scale
    if build_up.paused:
        return scale, True, "paused: press b on the routine (or supple build-up --resume) to go on"
    if pain is not None and pain >= SEVERE or warned:
        back = max(build_up.start, scale - build_up.step)
        why = f"pain of {pain}" if pain is not None and pain >= SEVERE else "the warning signs"
        if back >= scale - EPSILON:  # at its start already: nothing to step back
            return back, True, f"held at {percent(back)}, its start, and paused after {why}"
        return back, True, f"stepped back to {percent(back)} and paused after {why}"
    if ran_at is not None and abs(ran_at - scale) > EPSILON:
        return (
            scale,
            False,
            f"held at {percent(scale)}: the last session ran at {percent(ran_at)}, not the build-up's scale",
        )
    if pain is not None and pain >= MODERATE:
        return scale, False, f"held at {percent(scale)}: pain of {pain} after the last session"
    # A session that does not count says so, before a check-in it did not get (not "no check-in").
    if outcome == "skipped":
        return (
            scale,
            False,
            (f"held at {percent(scale)}: the last session reached its end with too little of it done to count"),
        )
    if outcome != "completed":
        return scale, False, f"held at {percent(scale)}: the last session was not completed"
    if pain is None:
        return scale, False, f"held at {percent(scale)}: no check-in after the last session"
    if scale >= build_up.target - EPSILON:
        return scale, False, f"at its target, {percent(build_up.target)}"
    up = min(build_up.target, scale + build_up.step)
    return up, False, f"building up: +{round((up - scale) * 100)} % since last time"


def after_session(conn: sqlite3.Connection, session_id: int, pain: int | None, warned: bool) -> Step | None:
    """Apply the rule once a session of a routine with a build-up has its check-in (or had none)."""
    row = conn.execute("SELECT routine_ref, outcome, scale FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        return None
    found = get(conn, row[0])
    if found is None:
        return None
    stepping_back = (pain is not None and pain >= SEVERE or warned) and not found.paused
    if (
        conn.execute("SELECT 1 FROM build_up_steps WHERE session_id = ?", (session_id,)).fetchone()
        and not stepping_back
    ):
        # A session moves the build-up once, whatever check-ins follow it; but pain of 7 or more, or the
        # warning signs, in a check-in made later (from the shell) still step it back and pause it.
        return None
    scale, paused, why = next_scale(found, row[1], pain, warned, row[2])
    with conn:
        conn.execute("UPDATE build_ups SET scale = ?, paused = ? WHERE routine_ref = ?", (scale, int(paused), row[0]))
        _note(conn, row[0], session_id, found.scale, scale, why)
    return Step(_now(), session_id, found.scale, scale, why)


def today(conn: sqlite3.Connection, ref: str) -> tuple[float, str] | None:
    """The scale the next session of `ref` runs at, and why ("building up: +5 % since last time"); None
    without a build-up."""
    found = get(conn, ref)
    if found is None:
        return None
    last = conn.execute(
        "SELECT reason FROM build_up_steps WHERE routine_ref = ? ORDER BY id DESC LIMIT 1", (ref,)
    ).fetchone()
    why = last[0] if last else "building up"
    if found.paused:
        why = "build-up paused: " + why
    return found.scale, why


def peek(ref: str) -> tuple[float, str] | None:
    """`today` for `ref` straight from the log file, for the command line; None when there is no log,
    no build-up, or the log cannot be read (a session then runs at 100 %, and the app says why)."""
    from app.log.store import LogUnavailable, connect, db_path

    if not db_path().exists():
        return None
    try:
        conn = connect(check=False)
    except (LogUnavailable, sqlite3.Error):
        return None
    try:
        return today(conn, ref)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def short(why: str) -> str:
    """A word or two for the session's top line: "building up", "held", "paused"."""
    for word in ("paused", "stepped back", "held", "at its target", "building up", "started"):
        if word in why:
            return {  # never a bare "paused" beside a running session's clock: it is the build-up that waits
                "paused": "build-up paused",
                "stepped back": "stepped back",
                "at its target": "build-up done",
                "started": "building up",
            }.get(word, word)
    return "build-up"
