"""Every write to the training log, in order, on one thread of its own: the event loop never waits."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # sqlite3 and the store load on the writer's thread: the first frame does not wait for them
    import sqlite3

Job = Callable[["sqlite3.Connection"], Any]
_STOP = object()


class LogWriter:
    """Opens the log on its thread when started, then runs the jobs submitted, one after another.

    Whatever goes wrong (a log from a newer Supple, a read-only file, a full disk) is said once
    through `notice`, from the writer's thread; the session goes on unrecorded. A log held locked by
    another program is waited for: the job is tried again, those behind it wait their turn, and only
    what is still waiting when `close`'s time is up is lost (counted in `lost`).
    """

    def __init__(self, path: Path | None = None, *, notice: Callable[[str], None] | None = None) -> None:
        self.path = path
        self.notice = notice or (lambda text: None)
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._told: set[str] = set()
        self.conn: sqlite3.Connection | None = None
        self.unavailable: str | None = None  # why the log is not kept, once that is known
        self.lost = 0  # jobs given up at close because the log stayed locked
        self._deadline: float | None = None  # set by close: when to stop waiting for a locked log
        self._troubled = False  # a write failed: the log is checked whole when it is next opened

    def start(self) -> None:
        """Open the log on the writer's thread; jobs submitted before wait for it."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="supple-log", daemon=True)
            self._thread.start()

    def submit(
        self, job: Job, then: Callable[[Any], None] | None = None, failed: Callable[[str], None] | None = None
    ) -> None:
        """Run `job(conn)` on the writer's thread; `then(result)` hears its result, and `failed(why)` that it
        could not be done (both on that thread)."""
        self._jobs.put((job, then, failed))

    def close(self, timeout: float = 3.0) -> int:
        """Finish the jobs waiting (for `timeout` seconds at most) and close the log; how many were lost."""
        if self._thread is None:
            return 0
        self._deadline = time.monotonic() + timeout
        self._jobs.put(_STOP)
        self._thread.join(timeout + 2 * RETRY_EVERY)
        if self._thread.is_alive():  # still in SQLite's own busy wait: the job under way and those behind it
            self.lost = self._jobs.qsize()  # (the stop itself is among those counted, the job under way is not)
        return self.lost

    def _tell(self, kind: str, text: str) -> None:
        if kind not in self._told:
            self._told.add(kind)
            self.notice(text)

    def _run(self) -> None:
        import sqlite3

        from app.log.store import LogUnavailable, connect

        try:
            self.conn = connect(
                self.path,
                moved=lambda aside: self._tell(
                    "moved", f"The training log was damaged: it is kept as {aside}, and a new one is started."
                ),
            )
        except (LogUnavailable, sqlite3.Error, OSError) as error:
            self.unavailable = str(error)
            self._tell("open", f"The training log cannot be used: {_friendly(error)}. Sessions run, unrecorded.")
        while True:
            item = self._jobs.get()
            if item is _STOP:
                break
            job, then, failed = item
            if self.conn is None:
                _hear(failed, self.unavailable or "the training log cannot be used")
                continue
            try:
                result = self._run_job(job)
            except _GaveUp:
                self.lost = 1 + sum(1 for item in _drain(self._jobs) if item is not _STOP)
                break
            except Exception as error:  # noqa: BLE001 - whatever a job meets, the writer goes on
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                self._tell(
                    "write",
                    f"The training log could not be written ({_friendly(error)}); the session "
                    "goes on, and what cannot be written is not recorded.",
                )
                self._troubled = True
                _hear(failed, _friendly(error))
                continue
            _hear(then, result)
        if self.conn is not None:
            self.conn.close()
            from app.log.store import db_path, note_left

            if not self._troubled:  # as this Supple leaves it: the next open need not check it whole
                note_left(self.path or db_path())

    def _run_job(self, job: Job) -> Any:
        """`job(conn)`, tried again while another program holds the log locked, until close's time is up."""
        import sqlite3

        while True:
            try:
                return job(self.conn)
            except sqlite3.OperationalError as error:
                if not _is_locked(error):
                    raise
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
            self._tell(
                "locked",
                "The training log is held by another program: what the session does is kept, "
                "and written as soon as the log is free.",
            )
            if self._deadline is not None and time.monotonic() >= self._deadline:
                raise _GaveUp
            time.sleep(RETRY_EVERY)


def _hear(listener: Callable[[Any], None] | None, value: Any) -> None:
    """Tell `listener`; one that goes wrong with it (a screen gone meanwhile) does not stop the log."""
    if listener is not None:
        try:
            listener(value)
        except Exception:  # noqa: BLE001
            pass


RETRY_EVERY = 0.25  # seconds between tries of a locked log, on top of SQLite's own busy wait


class _GaveUp(Exception):
    """Closing, and the log is still locked: what waits is not written."""


def _drain(jobs: queue.Queue) -> list:
    items = []
    while True:
        try:
            items.append(jobs.get_nowait())
        except queue.Empty:
            return items


def _is_locked(error: BaseException) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _friendly(error: BaseException) -> str:
    text = str(error).rstrip(".")  # it goes inside a sentence of ours
    if _is_locked(error):
        return "another program is holding it"
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the file is read-only"
    return text
