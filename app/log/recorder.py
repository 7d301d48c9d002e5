"""One session written to the log as it goes: its row at the start, each work segment as it is left,
where it stands (to resume after a crash), and how it ended."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from app.log.owner import this_process

if TYPE_CHECKING:
    from app.log.writer import LogWriter
    from app.session.engine import Engine, Left

SKIP_UNDER = 1.0  # seconds: a segment left sooner than this was skipped, not cut short

# A segment run twice (back, or a resumed session) adds its seconds; its result and reps are the best of the two.
UPSERT_SEGMENT = """
    INSERT INTO segments (session_id, segment_index, step, step_name, side, set_number, planned_s, actual_s, reps,
                          reps_done, result)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (session_id, segment_index) DO UPDATE SET
        actual_s = segments.actual_s + excluded.actual_s,
        reps_done = max(ifnull(segments.reps_done, excluded.reps_done), ifnull(excluded.reps_done, segments.reps_done)),
        result = CASE WHEN 'completed' IN (segments.result, excluded.result) THEN 'completed'
                      WHEN 'cut short' IN (segments.result, excluded.result) THEN 'cut short'
                      ELSE 'skipped' END"""


def now_iso() -> str:
    """The wall clock with the local offset, to the second: 2026-11-25T19:30:05+01:00."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def digest(text: str) -> str:
    """A hash of a routine's content, so edited versions of it are told apart."""
    import hashlib  # here: the writer's thread pays for loading it, not the first frame

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class SessionRecorder:
    """Writes one session through `writer`; every method returns at once (the writing is queued)."""

    def __init__(
        self,
        writer: LogWriter,
        engine: Engine,
        ref: str,
        *,
        wall: Callable[[], str] = now_iso,
        session_id: int | None = None,
    ) -> None:
        self.writer, self.engine, self.ref, self.wall = writer, engine, ref, wall
        self.session_id = session_id  # set by the first write, or given when resuming
        self.recorded = False  # the session row is written (read only by the summary)

    def begin(self) -> None:
        """The session's row, now."""
        engine, started = self.engine, self.wall()
        routine = engine.routine
        owner = this_process()

        def write(conn: sqlite3.Connection) -> None:
            from app.routine.routine_file import dumps

            if self.session_id is not None:  # a resumed session: the same row, this process
                conn.execute(
                    "UPDATE sessions SET outcome = 'running', owner = ?, ended_at = NULL WHERE id = ?",
                    (owner, self.session_id),
                )
            else:
                cursor = conn.execute(
                    "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at,"
                    " day, planned_s, steps, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        self.ref,
                        routine.name,
                        routine.kind,
                        digest(dumps(routine)),
                        engine.plan.scale,
                        started,
                        started[:10],
                        engine.plan.total,
                        len(routine.steps),
                        owner,
                    ),
                )
                self.session_id = cursor.lastrowid
            self.recorded = True

        self.writer.submit(write)

    def sync(self) -> None:
        """The segments left since the last call, the running totals, and where the session stands."""
        rows = self._work_rows(self.engine.take_left())
        totals = self.engine.times()
        index, offset = self.engine.position()
        position = (index, self.engine.step_number, offset, int(self.engine.paused), *self._where(index))
        self.writer.submit(lambda conn: self._write(conn, rows, totals, position))

    def end(self, heard: Callable[[str], None] | None = None) -> None:
        """How the session ended (its summary's outcome: completed, skipped or stopped); the work segments
        it never reached are written as skipped. `heard(why)`, on the writer's thread: "" once the end is
        committed and read back, else why it is not recorded."""
        engine = self.engine
        left = engine.take_left()
        under_way = engine.leaving_now()
        if under_way is not None:  # stopped in the middle of a segment
            left.append(under_way)
        rows = self._work_rows(left)
        rows += [
            self._row(None, index)
            for index, segment in enumerate(engine.segments)
            if segment.kind == "work" and index not in engine.visited
        ]
        totals = engine.times()
        summary = engine.summary()
        outcome, steps_done = summary.outcome, summary.steps_done
        ended = self.wall()

        def write(conn: sqlite3.Connection) -> str:
            if not self._write(conn, rows, totals, None):
                return "the session's start could not be written"
            conn.execute(
                "UPDATE sessions SET outcome = ?, ended_at = ?, steps_done = ?, owner = NULL WHERE id = ?",
                (outcome, ended, steps_done, self.session_id),
            )
            row = conn.execute("SELECT outcome, ended_at FROM sessions WHERE id = ?", (self.session_id,)).fetchone()
            return "" if row == (outcome, ended) else "it could not be read back"

        self.writer.submit(write, heard, heard)

    def _where(self, index: int) -> tuple[str | None, str | None, int | None]:
        """The step segment `index` is (or leads to) by name, side and set: found again should the file change."""
        engine = self.engine
        work = index if engine.segments[index].kind == "work" else engine.next_work(index)
        if work is None:
            return None, None, None
        segment = engine.segments[work]
        return engine.routine.steps[segment.step - 1].name, segment.side, segment.set

    def _work_rows(self, left: list[Left]) -> list[tuple]:
        """Rows for the work segments among those left (gets ready, rests and switches are not recorded)."""
        return [self._row(one) for one in left if self.engine.segments[one.index].kind == "work"]

    def _row(self, left: Left | None, index: int | None = None) -> tuple:
        """A segment's row, for a segment left or (`left` None) one never reached."""
        index = left.index if left is not None else index
        segment = self.engine.segments[index]
        step = self.engine.routine.steps[segment.step - 1]
        if left is not None and left.completed:
            result = "completed"
        else:  # passed straight through (under a second) counts as skipped, as one never reached
            result = "cut short" if left is not None and left.seconds >= SKIP_UNDER else "skipped"
        reps_done = left.reps if left is not None else (0 if step.reps else None)
        return (
            index,
            segment.step,
            step.name,
            segment.side,
            segment.set,
            segment.duration,
            left.seconds if left is not None else 0.0,
            step.reps,
            reps_done,
            result,
        )

    def _write(self, conn: sqlite3.Connection, rows: list[tuple], totals: tuple, position: tuple | None) -> bool:
        """Write segments, totals and position in one transaction; False when there is no row to write to."""
        if self.session_id is None:
            return False
        conn.execute("BEGIN")
        try:
            conn.executemany(UPSERT_SEGMENT, [(self.session_id, *row) for row in rows])
            conn.execute(
                "UPDATE sessions SET actual_s = ?, paused_s = ?, added_s = ?, position_segment = ?,"
                " position_step = ?, position_offset = ?, position_paused = ?, position_name = ?,"
                " position_side = ?, position_set = ? WHERE id = ?",
                (*totals, *(position or (None,) * 7), self.session_id),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return True
