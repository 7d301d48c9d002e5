"""Looking back: the last sessions, twelve weeks a cell a day, the streaks, minutes a week."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from app.log.history import WEEK_STREAK_SESSIONS, WEEKS, Overview, Trend, overview
from app.routine.duration import format_clock, whole_seconds
from app.ui import screens
from app.ui.history_ahead import ROWS, read_on_log_thread, taken
from app.ui.screens import stylesheet
from app.ui.screens.base import SuppleScreen
from app.ui.text import plain
from app.ui.widgets.calendar import Calendar
from app.ui.widgets.key_bar import KeyBar
from app.ui.widgets.pain_strip import PainStrip, pain_row
from app.ui.widgets.session_table import SessionTable

TREND_COLUMNS = (("Routine", 0), ("Sessions", 8), (f"Minutes, {WEEKS} weeks", 17), ("Pain", 10), ("Last", 10))
SPARKS = "▁▂▃▄▅▆▇█"
COLUMNS = (("When", 16), ("Routine", 0), ("Time", 6), ("Steps", 5), ("Pain", 4), ("Outcome", 11))  # 0: the rest
OUTCOMES = {
    "completed": "done",
    "skipped": "skipped",
    "stopped": "stopped",
    "interrupted": "interrupted",
    "running": "running",
}


class HistoryScreen(SuppleScreen[None]):
    """The training log at a glance, drawn from the figures read ahead, then read again on a worker thread."""

    DEFAULT_CSS = stylesheet("history.tcss")
    HELP_SECTION = "In the history"

    BINDINGS = [
        Binding("r", "by_routine", "By routine", id="history.by", tooltip="Each routine's trend, or each session"),
        Binding("escape,q,h", "close", "Back to routines", id="history.close"),
    ]

    def __init__(self, today: date | None = None) -> None:
        super().__init__()
        self.today = today or date.today()
        self.shown: Overview | None = None
        self.keys: list[tuple[str, int]] = []  # what each row of the table is: ("session" or "checkin", its id)

    def compose(self) -> ComposeResult:
        yield Static(plain("History  ·  your training log", "bold"), id="history-title")
        with Horizontal(id="history-top"):
            yield Calendar(id="calendar")
            with Vertical(id="history-side"):
                yield Static(plain("Reading your log…"), id="streaks")
                yield Static(plain(f"Minutes a week, {WEEKS} weeks"), classes="history-label")
                yield Sparkline([], id="weekly")
                yield Static("", id="weekly-figures", classes="history-label")
                yield Static(plain("Pain at each check-in, 0-10"), classes="history-label", id="pains-label")
                yield PainStrip(id="pains")
        yield SessionTable(COLUMNS, openable=True, id="sessions")
        yield SessionTable(TREND_COLUMNS, id="trends")
        yield KeyBar()

    def on_mount(self) -> None:
        ahead = taken(self.app, self.today)
        if ahead is None:
            self.run_worker(self._read, thread=True, exit_on_error=False)
            return
        self.show(ahead)
        # Another Supple, or the log's last writes, may have changed it since it was read: read it again
        # after the writes queued meanwhile.
        self.call_after_refresh(read_on_log_thread, self.app, self.today, self.show)

    def _read(self) -> None:
        from app.log.store import LogUnavailable, connect, db_path

        path = db_path()
        if not path.exists():
            self.app.call_from_thread(self._show_empty, "No sessions recorded yet: run a routine and it shows here.")
            return
        try:
            conn = connect(path, check=False)
            try:
                data = overview(conn, self.today, ROWS)
            finally:
                conn.close()
        except (LogUnavailable, Exception) as error:  # noqa: BLE001 - said, never a crash
            self.app.call_from_thread(self._show_empty, f"The training log cannot be read: {error}")
            return
        self.app.call_from_thread(self.show, data)

    def _show_empty(self, text: str) -> None:
        streaks = self.query_one("#streaks", Static)
        streaks.styles.height = "auto"  # why there is nothing to show, whole, however long
        streaks.update(plain(text))

    def show(self, data: Overview) -> None:
        if data == self.shown:
            return
        self.shown = data
        self.query_one(Calendar).show(data.first_day, WEEKS, data.by_day, self.today)
        days, weeks = data.streaks
        self.query_one("#streaks", Static).update(
            plain(
                f"{days} day{'s' if days != 1 else ''} in a row\n"
                f"{weeks} week{'s' if weeks != 1 else ''} in a row, {WEEK_STREAK_SESSIONS}+ a week"
            )
        )
        self.query_one("#weekly", Sparkline).data = [round(m) for m in data.by_week]
        pains = self.query_one("#pains", PainStrip)
        pains.show(data.pains)
        pains.display = self.query_one("#pains-label").display = bool(data.pains)
        this, most = round(data.by_week[-1]), round(max(data.by_week))
        self.query_one("#weekly-figures", Static).update(plain(f"this week {this} min · most {most}"))
        rows = [
            (
                s.started_at[:19],
                ("session", s.id),
                (
                    (s.started_at[:16].replace("T", " "), ""),
                    (s.routine_name, ""),
                    (format_clock(whole_seconds(s.actual_s)), ""),
                    (f"{s.steps_done}/{s.steps}", ""),
                    (
                        str(data.pain[s.id]) if s.id in data.pain else "-",
                        "bold $warning" if data.pain.get(s.id, 0) >= 4 else "",
                    ),
                    (OUTCOMES.get(s.outcome, s.outcome), "dim" if s.outcome == "completed" else "bold"),
                ),
            )
            for s in data.recent
        ]
        rows += [
            (
                c.at[:19],
                ("checkin", c.id),
                (
                    (c.at[:16].replace("T", " "), ""),
                    ("(check-in alone)", "dim"),
                    ("", ""),
                    ("", ""),
                    (str(c.pain), "bold $warning" if c.pain >= 4 else ""),
                    ("check-in", "dim"),
                ),
            )
            for c in data.lone
        ]
        ordered = sorted(rows, key=lambda r: r[0], reverse=True)
        table = self.query_one("#sessions", SessionTable)
        # The cursor stays on the row it was on when the log is read again (a row above it added meanwhile).
        at = self.keys[table.cursor] if table.cursor < len(self.keys) else None
        self.keys = [key for _, key, _ in ordered]
        table.show([row for _, _, row in ordered], self.keys.index(at) if at in self.keys else None)
        # One scale for every routine's bars, so a row of 5 minutes a week looks smaller than one of 50.
        top = max((minutes for trend in data.trends for minutes in trend.weeks), default=0.0)
        self.query_one("#trends", SessionTable).show([_trend_row(trend, top) for trend in data.trends])
        if not rows:
            self._show_empty("No sessions recorded yet: run a routine and it shows here.")

    def key_label(self, binding_id: str | None, description: str) -> str:
        if binding_id == "history.by" and self.query_one("#trends").display:
            return "By session"
        return description

    def action_by_routine(self) -> None:
        """The table of sessions, or of routines with their trends, in the same place."""
        trends = self.query_one("#trends", SessionTable)
        sessions = self.query_one("#sessions", SessionTable)
        trends.display, sessions.display = not trends.display, trends.display
        (trends if trends.display else sessions).focus()
        self.refresh_bindings()

    def on_session_table_opened(self, event: SessionTable.Opened) -> None:
        """A row opens to its session, part by part, and its check-in."""
        event.stop()
        if event.index < len(self.keys):
            self.app.push_screen(screens.SessionDetailScreen(self.keys[event.index]))

    def action_close(self) -> None:
        self.dismiss()


def sparkline(values: list[float], top: float | None = None) -> str:
    """`values` as a bar each, `top` (else the highest) a full cell; "·" for none (a week without the routine)."""
    top = max(values, default=0) if top is None else top
    if top <= 0:
        return "·" * len(values)
    return "".join("·" if v <= 0 else SPARKS[max(0, round(v / top * (len(SPARKS) - 1)))] for v in values)


def _trend_row(trend: Trend, top: float) -> tuple[tuple[str, str], ...]:
    minutes = sparkline(trend.weeks, top)
    pains = pain_row(trend.pains, 10) if trend.pains else "-"
    worst = max(trend.pains, default=0)
    return (
        (trend.name, ""),
        (str(trend.sessions), ""),
        (f"{minutes} {round(sum(trend.weeks))}", "$success"),
        (pains, "bold $warning" if worst >= 4 else "$warning"),
        (trend.last_day, "dim"),
    )
