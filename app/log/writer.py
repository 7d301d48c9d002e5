"""Every write to the training log, in order, on one thread of its own: the event loop never waits."""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # sqlite3 and the store load on the writer's thread: the first frame does not wait for them
    import sqlite3

Job = Callable[["sqlite3.Connection"], Any]
_STOP = object()


class LogWriter:
    """Opens the log on its thread when started, then runs the jobs submitted, one after another.

    Whatever goes wrong (a log from a newer Supple, a locked or read-only file, a full disk) is
    said once through `notice`, from the writer's thread; the session goes on unrecorded.
    """

    def __init__(self, path: Path | None = None, *, notice: Callable[[str], None] | None = None) -> None:
        self.path = path
        self.notice = notice or (lambda text: None)
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._told: set[str] = set()
        self.conn: sqlite3.Connection | None = None
        self.unavailable: str | None = None  # why the log is not kept, once that is known

    def start(self) -> None:
        """Open the log on the writer's thread; jobs submitted before wait for it."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="supple-log", daemon=True)
            self._thread.start()

    def submit(self, job: Job, then: Callable[[Any], None] | None = None) -> None:
        """Run `job(conn)` on the writer's thread; `then(result)` hears its result (on that thread)."""
        self._jobs.put((job, then))

    def close(self, timeout: float = 3.0) -> None:
        """Finish the jobs waiting (for `timeout` seconds at most) and close the log."""
        if self._thread is None:
            return
        self._jobs.put(_STOP)
        self._thread.join(timeout)

    def _tell(self, kind: str, text: str) -> None:
        if kind not in self._told:
            self._told.add(kind)
            self.notice(text)

    def _run(self) -> None:
        import sqlite3

        from app.log.store import LogUnavailable, connect

        try:
            self.conn = connect(self.path, moved=lambda aside: self._tell(
                "moved", f"The training log was damaged: it is kept as {aside}, and a new one is started."))
        except (LogUnavailable, sqlite3.Error, OSError) as error:
            self.unavailable = str(error)
            self._tell("open", f"The training log cannot be used: {_friendly(error)}. Sessions run, unrecorded.")
        while True:
            item = self._jobs.get()
            if item is _STOP:
                break
            job, then = item
            if self.conn is None:
                continue
            try:
                result = job(self.conn)
            except Exception as error:  # noqa: BLE001 - whatever a job meets, the writer goes on
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                self._tell("write", f"The training log could not be written ({_friendly(error)}); the session "
                                    "goes on, and what cannot be written is not recorded.")
                continue
            if then is not None:
                try:
                    then(result)
                except Exception:  # noqa: BLE001 - a screen that went wrong with the answer; the log goes on
                    pass
        if self.conn is not None:
            self.conn.close()


def _friendly(error: BaseException) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return "another Supple has been holding it for more than 5 s"
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the file is read-only"
    return text
