"""Check-ins, the warning signs and build-ups, read and written on the training log's own thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the log's modules (and sqlite3) load on the log's thread, when a job first runs
    import sqlite3

    from textual.app import App

    from app.log import build_up
    from app.log.checkins import CheckIn, Warning
    from app.log.recorder import SessionRecorder
    from app.ui.screens.checkin import Answer


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


def on_log_thread(app: App, job: Callable[[sqlite3.Connection], object], then: Callable) -> bool:
    """Run `job` on the log's thread and `then(result)` on the app's; False when there is no log."""
    log = getattr(app, "training_log", None)
    if log is None or log.unavailable:
        return False

    def back(result: object) -> None:
        try:
            app.call_from_thread(then, result)
        except RuntimeError:  # the app has ended meanwhile
            pass

    log.submit(job, back)
    return True


def check_in(app: App, answer: Answer | None, recorder: SessionRecorder | None, then: Callable[[Care], None]) -> bool:
    """Store `answer` (None: skipped) for the recorder's session, or (from the picker) for the session the
    rule gives, the latest if it ended within two hours and has none yet; move the build-up."""

    def job(conn: sqlite3.Connection) -> Care:
        from app.log import build_up
        from app.log.checkins import current_warning, record, session_to_follow

        after = ""
        if recorder is not None:
            session = recorder.session_id
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
        shown = (
            warned if warned is not None and kept is not None and kept.id in {c.id for c in warned.checkins} else None
        )
        return Care(kept, step, shown, after)

    return on_log_thread(app, job, then)


def standing(app: App, then: Callable[[Standing], None]) -> bool:
    """Read what the picker shows, off the loop."""

    def job(conn: sqlite3.Connection) -> Standing:
        from app.log import build_up
        from app.log.checkins import unacknowledged

        ups = {ref: (up.scale, build_up.today(conn, ref)[1]) for ref, up in build_up.every(conn).items()}
        return Standing(unacknowledged(conn), ups)

    return on_log_thread(app, job, then)


def acknowledge(app: App, shown: Warning, then: Callable[[object], None]) -> bool:
    from app.log.checkins import acknowledge as store

    return on_log_thread(app, lambda conn: store(conn, shown), then)


def set_build_up(app: App, ref: str, choice, then: Callable[[object], None]) -> bool:
    """Start, turn off or resume `ref`'s build-up as the dialog chose."""

    def job(conn: sqlite3.Connection) -> object:
        from app.log import build_up

        if choice.action == "start":
            return build_up.start(conn, ref, choice.start, choice.step, choice.target)
        if choice.action == "off":
            return build_up.stop(conn, ref)
        return build_up.resume(conn, ref)

    return on_log_thread(app, job, then)


def get_build_up(app: App, ref: str, then: Callable[[build_up.BuildUp | None], None]) -> bool:
    def job(conn: sqlite3.Connection) -> object:
        from app.log import build_up

        return build_up.get(conn, ref)

    return on_log_thread(app, job, then)
