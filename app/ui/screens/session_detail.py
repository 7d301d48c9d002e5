"""What a history row opens to: one session part by part (done, cut short, skipped) and its check-in."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from app.log.history import Session
from app.log.session_detail import Detail, Part, checkin_detail, session_detail
from app.routine.duration import format_clock, whole_seconds
from app.session.plan import scale_label
from app.ui.screens import stylesheet
from app.ui.screens.base import SuppleScreen
from app.ui.text import plain
from app.ui.widgets.key_bar import KeyBar
from app.ui.widgets.session_table import Cell, SessionTable

COLUMNS = (
    ("Step", 0),
    ("Side", 5),
    ("Set", 3),
    ("Time", 5),
    ("Planned", 10),
    ("Reps", 5),
    ("Result", 9),
)  # 0: the rest
RESULTS = {"completed": "done", "cut short": "cut short", "skipped": "skipped"}
OUTCOMES = {
    "completed": "done",
    "skipped": "skipped through (not counted as done)",
    "stopped": "stopped",
    "interrupted": "interrupted",
    "running": "running, or cut off",
}
Key = tuple[str, int]  # ("session", its id) or ("checkin", its id), as the history lists it


class SessionDetailScreen(SuppleScreen[None]):
    """One session of the log, read on a worker thread (or given, already read)."""

    DEFAULT_CSS = stylesheet("session_detail.tcss")
    HELP_SECTION = "In the history"

    BINDINGS = [Binding("escape,q", "close", "Back to history", id="detail.close")]

    def __init__(self, key: Key, detail: Detail | None = None) -> None:
        super().__init__()
        self.key = key
        self.detail = detail

    def compose(self) -> ComposeResult:
        yield Static(plain("Session", "bold"), id="detail-title")
        yield Static(plain("Reading your log…"), id="detail-summary")
        yield Static("", id="detail-checkin")
        yield SessionTable(COLUMNS, id="detail-parts")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.detail is not None:
            self.show(self.detail)
        else:
            self.run_worker(self._read, thread=True, exit_on_error=False)

    def _read(self) -> None:
        from app.log.store import LogUnavailable, connect, db_path

        kind, number = self.key
        try:
            conn = connect(db_path(), check=False)
            try:
                found = session_detail(conn, number) if kind == "session" else checkin_detail(conn, number)
            finally:
                conn.close()
        except (LogUnavailable, Exception) as error:  # noqa: BLE001 - said, never a crash
            self.app.call_from_thread(self._say, f"The training log cannot be read: {error}")
            return
        if found is None:
            self.app.call_from_thread(self._say, "This is no longer in the log (deleted meanwhile, or the log is new).")
        else:
            self.app.call_from_thread(self.show, found)

    def _say(self, text: str) -> None:
        self.query_one("#detail-summary", Static).update(plain(text))

    def show(self, detail: Detail) -> None:
        self.detail = detail
        session = detail.session
        title = "Check-in" if session is None else session.routine_name
        when = detail.checkin.at if session is None and detail.checkin else session.started_at if session else ""
        self.query_one("#detail-title", Static).update(plain(f"{title}  ·  {_when(when)}", "bold"))
        self.query_one("#detail-summary", Static).update(plain(_summary(session) if session else "A check-in alone."))
        checkin = detail.checkin
        said = "No check-in." if checkin is None else _checkin(checkin)
        self.query_one("#detail-checkin", Static).update(
            plain(said, "bold $warning" if checkin and checkin.pain >= 4 else "")
        )
        table = self.query_one("#detail-parts", SessionTable)
        table.display = session is not None
        table.show([_row(part) for part in detail.parts])
        if session is not None and not detail.parts:
            self._say(_summary(session) + "\nNo part of it was reached.")

    def action_close(self) -> None:
        self.dismiss()


def _when(at: str) -> str:
    try:
        return datetime.fromisoformat(at).strftime("%a %d %b %Y, %H:%M")
    except ValueError:
        return at[:16].replace("T", " ")


def _summary(session: Session) -> str:
    scale = scale_label(session.scale)
    lines = [
        f"{OUTCOMES.get(session.outcome, session.outcome).capitalize()}: "
        f"{session.steps_done} of {session.steps} step{'s' if session.steps != 1 else ''} done"
        + (f", at {scale}" if scale else ""),
        f"Time {format_clock(whole_seconds(session.actual_s))} of {format_clock(whole_seconds(session.planned_s))} "
        f"planned"
        + (f" · paused {format_clock(whole_seconds(session.paused_s))}" if session.paused_s >= 1 else "")
        + (f" · {whole_seconds(session.added_s)} s added" if session.added_s >= 1 else ""),
    ]
    return "\n".join(lines)


def _checkin(checkin) -> str:
    where = [*checkin.places, "down a leg"] if checkin.leg else list(checkin.places)
    said = f"Check-in: pain {checkin.pain} of 10" + (f", {', '.join(where)}" if where else "")
    return said + (f"\nNote: {checkin.note}" if checkin.note else "")


def _row(part: Part) -> tuple[Cell, ...]:
    planned = "until done" if part.planned_s is None else format_clock(whole_seconds(part.planned_s))
    reps = "" if part.reps is None else f"{part.reps_done if part.reps_done is not None else '?'}/{part.reps}"
    result = RESULTS.get(part.result, part.result)
    return (
        (f"{part.step}. {part.step_name}", ""),
        (part.side or "", ""),
        (str(part.set_number), ""),
        (format_clock(whole_seconds(part.actual_s)), ""),
        (planned, "dim"),
        (reps, ""),
        (result, "bold $warning" if part.result == "skipped" else ("" if part.result == "completed" else "bold")),
    )
