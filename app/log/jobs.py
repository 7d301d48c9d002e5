"""The work the app hands the training log's thread: each job takes the log's connection and returns what the
screen shows. Loaded on that thread when the first job runs, so sqlite3 and the log's modules stay off the
first frame's way (app.ui.care is the app's side of it)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from app.log import build_up
from app.log.checkins import CheckIn, Warning, current_warning, record, session_to_follow, unacknowledged
from app.log.checkins import acknowledge as store_acknowledged
from app.log.history import Overview, overview

if TYPE_CHECKING:
    from app.log.recorder import SessionRecorder


class Answer(NamedTuple):
    """A check-in as the user gave it (the check-in dialog): pain 0-10, the places, down a leg, a note."""

    pain: int
    places: tuple[str, ...]
    leg: bool
    note: str


class Care(NamedTuple):
    """What a check-in did: the one stored, the build-up's step, the warning it brought, if any, and the
    session it went with ("" when it stands alone)."""

    checkin: CheckIn | None
    step: build_up.Step | None
    warning: Warning | None
    after: str = ""


class Standing(NamedTuple):
    """What the picker shows: the advice not yet acknowledged, and each routine's build-up (scale, why)."""

    warning: Warning | None
    build_ups: dict[str, tuple[float, str]]


def check_in(conn: sqlite3.Connection, answer: Answer | None, recorder: SessionRecorder | None) -> Care:
    """Store `answer` (None: skipped) for the recorder's session, or (from the picker) for the session the
    rule gives, the latest if it ended within two hours and has none yet; move the build-up."""
    after = ""
    if recorder is not None:
        session = recorder.session_id  # known once the log's thread has begun the session: read here
    else:
        followed = session_to_follow(conn) if answer is not None else None
        session = followed.id if followed else None
        after = followed.describe() if followed else ""
    kept = None
    if answer is not None:
        kept = record(conn, answer.pain, answer.places, answer.leg, answer.note, session_id=session)
    warned = current_warning(conn)
    step = (
        build_up.after_session(conn, session, kept.pain if kept else None, warned is not None)
        if session is not None
        else None
    )
    shown = warned if warned is not None and kept is not None and kept.id in {c.id for c in warned.checkins} else None
    return Care(kept, step, shown, after)


def standing(conn: sqlite3.Connection) -> Standing:
    """The advice not yet acknowledged, and every build-up with today's scale and why."""
    ups = {ref: (up.scale, build_up.today(conn, ref)[1]) for ref, up in build_up.every(conn).items()}
    return Standing(unacknowledged(conn), ups)


def acknowledge(conn: sqlite3.Connection, shown: Warning) -> object:
    return store_acknowledged(conn, shown)


def set_build_up(conn: sqlite3.Connection, ref: str, choice) -> object:
    """Start, turn off or resume `ref`'s build-up as the dialog chose."""
    if choice.action == "start":
        return build_up.start(conn, ref, choice.start, choice.step, choice.target)
    if choice.action == "off":
        return build_up.stop(conn, ref)
    return build_up.resume(conn, ref)


def get_build_up(conn: sqlite3.Connection, ref: str) -> build_up.BuildUp | None:
    return build_up.get(conn, ref)


def history(conn: sqlite3.Connection, today: date, rows: int) -> Overview | None:
    """The history screen's figures as of `today`; None when they cannot be read (the screen reads them itself:
    a read that fails is no write that failed)."""
    try:
        return overview(conn, today, rows)
    except Exception:  # noqa: BLE001
        return None
