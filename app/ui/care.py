"""The app's side of the training log's thread: check-ins, the warning signs, build-ups and the history's
figures, each a job of app.log.jobs run there, its result handed back to the app's thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    from app.log import build_up
    from app.log.checkins import Warning
    from app.log.history import Overview
    from app.log.jobs import Answer, Care, Standing
    from app.log.recorder import SessionRecorder
    from app.ui.app import SuppleApp as App


def log_jobs():  # noqa: ANN201 - the module itself, so that type checkers follow each job
    """app.log.jobs, imported by the first job on the log's thread: sqlite3 and the log's modules never load
    on the way to the first frame. The one import of them inside a function."""
    from app.log import jobs

    return jobs


def on_log_thread(app: App, job: Callable[[sqlite3.Connection], object], then: Callable) -> bool:
    """Run `job` on the log's thread and `then(result)` on the app's; False when there is no log."""
    log = app.training_log
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
    """Store `answer` (None: skipped) for the recorder's session or the one the rule gives; move the build-up."""
    return on_log_thread(app, lambda conn: log_jobs().check_in(conn, answer, recorder), then)


def standing(app: App, then: Callable[[Standing], None]) -> bool:
    """Read what the picker shows, off the loop."""
    return on_log_thread(app, lambda conn: log_jobs().standing(conn), then)


def acknowledge(app: App, shown: Warning, then: Callable[[object], None]) -> bool:
    return on_log_thread(app, lambda conn: log_jobs().acknowledge(conn, shown), then)


def set_build_up(app: App, ref: str, choice, then: Callable[[object], None]) -> bool:
    """Start, turn off or resume `ref`'s build-up as the dialog chose."""
    return on_log_thread(app, lambda conn: log_jobs().set_build_up(conn, ref, choice), then)


def get_build_up(app: App, ref: str, then: Callable[[build_up.BuildUp | None], None]) -> bool:
    return on_log_thread(app, lambda conn: log_jobs().get_build_up(conn, ref), then)


def history(app: App, today: date, rows: int, then: Callable[[Overview | None], None]) -> bool:
    """The history screen's figures as of `today` (None: they could not be read); False when there is no log."""
    return on_log_thread(app, lambda conn: log_jobs().history(conn, today, rows), then)
