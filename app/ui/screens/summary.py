"""The summary at the end of a session: planned against actual, steps done and skipped, time added."""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from app.log.build_up import percent
from app.log.checkins import advice
from app.routine.duration import format_clock, format_human, whole_seconds
from app.session.engine import DONE_SHARE, Summary
from app.ui import screens
from app.ui.care import check_in
from app.ui.screens import stylesheet
from app.ui.screens.base import SuppleScreen
from app.ui.text import lines, plain
from app.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from app.log.jobs import Answer, Care
    from app.log.recorder import SessionRecorder

LABEL_WIDTH = 12
BOX_WIDTH = 60  # as in summary.tcss


def headline(summary: Summary) -> tuple[str, str]:
    """The title and the closing words, fitted to what happened (two lines of the box: it must fit 80x24)."""
    if not summary.finished:
        return (
            "SESSION STOPPED",
            f"Stopped early with {_work_done(summary)}: not counted for your streak, nor for a build-up's step up.",
        )
    if not summary.counts:
        return "NOT COUNTED AS DONE", (
            f"You reached the end with {_work_done(summary)}: a session counts for your streak and a "
            f"build-up from {share(DONE_SHARE)}."
        )
    if summary.skipped:
        return "ROUTINE COMPLETE", "Done, with some steps skipped."
    return "ROUTINE COMPLETE", "Well done."


def share(fraction: float) -> str:
    """A share as the app writes it: "85 %"."""
    return f"{math.floor(fraction * 100 + 1e-9)} %"


def _work_done(summary: Summary) -> str:
    """ "40 % of the work done", or for a routine of open steps only, "3 of 7 steps done"."""
    if summary.planned_work <= 0:
        return f"{summary.steps_done} of {summary.steps} step{'s' if summary.steps != 1 else ''} done"
    return f"{share(summary.worked / summary.planned_work)} of the work done"


def summary_text(name: str, summary: Summary, width: int = 54) -> Content:
    """The figures of a finished or stopped session, in `width` columns."""
    title, _ = headline(summary)
    planned = format_clock(whole_seconds(summary.planned))
    if summary.open_steps:
        count = summary.open_steps
        planned += f" + {count} step{'s' if count != 1 else ''} timed by you (until done)"
    rows = [
        ("Planned", planned),
        ("Actual", format_clock(whole_seconds(summary.actual))),
        ("Paused", format_clock(whole_seconds(summary.paused))),
        ("Steps done", f"{summary.steps_done} of {summary.steps}"),
    ]
    if summary.planned_work > 0:
        rows.append(
            (
                "Work done",
                f"{format_clock(whole_seconds(summary.worked))} of {format_clock(whole_seconds(summary.planned_work))} "
                f"({share(summary.worked / summary.planned_work)})",
            )
        )
    if summary.partly:
        rows.append(("Part done", ", ".join(summary.partly)))
    if summary.untouched:
        rows.append(("Skipped", ", ".join(summary.untouched)))
    if summary.time_added > 0:
        rows.append(("Time added", f"+{format_human(summary.time_added)}"))
    elif summary.time_added < 0:
        rows.append(("Time cut", format_human(-summary.time_added)))
    parts = [plain(f"{title}\n", "bold"), plain(f"{name}\n\n")]
    for label, value in rows:
        # A long value (a list of steps) wraps under itself, not under the labels.
        wrapped = textwrap.wrap(value, max(12, width - LABEL_WIDTH)) or [""]
        parts += [
            plain(f"{label:<{LABEL_WIDTH}}", "dim"),
            plain("\n".join(wrapped[:1] + [" " * LABEL_WIDTH + more for more in wrapped[1:]]) + "\n", "bold"),
        ]
    return lines(*parts).rstrip()


class SummaryScreen(SuppleScreen[None]):
    """Shown when a routine ends or is stopped; any of its keys returns to the picker."""

    DEFAULT_CSS = stylesheet("summary.tcss")

    BINDINGS = [
        Binding("enter", "close", "Back to routines", id="summary.close"),
        Binding("escape,q", "close", "Back to routines", id="summary.close-alt", show=False),
    ]

    def __init__(
        self, name: str, summary: Summary, recorded: str | None = None, recorder: SessionRecorder | None = None
    ) -> None:
        """`recorded`: None when there is no log, "" when the session went into it, else why it did not;
        `recorder`: the session's, when it was recorded, for the check-in to name its session."""
        super().__init__(classes="" if summary.counts else "-stopped")
        self.routine_name = name
        self.summary = summary
        self.recorded = recorded
        self._heard = False  # whether the log has said it has the session's end
        self.recorder = recorder

    def compose(self) -> ComposeResult:
        with Center():
            with VerticalScroll(id="summary-box"):  # scrolls (↑ ↓) when the advice makes it too tall
                yield Static(self._text(self.app.size.width), id="summary")
                if self.recorded is not None:
                    yield Static(plain(self._log_words()), id="summary-log")
                yield Static("", id="summary-care")
                yield Static(plain(headline(self.summary)[1]), id="summary-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#summary-box").focus()
        log = self.app.training_log
        if self.recorder is not None and log is not None and not log.unavailable and self.app.settings.checkin:
            self.app.push_screen(screens.CheckInScreen(after=f"after {self.routine_name}"), self._checked_in)

    def _log_words(self) -> str:
        # "Recorded" only once the log has the session's end, written and read back.
        if self.recorded:
            return f"Not recorded: {self.recorded}"
        if not self._heard:
            return "Saving to your training log…"
        if self.app.back_to() == "Back to the shell":  # no list to press h in: the shell's command says it
            return "Recorded in your log: 'supple history' shows it."
        return "Recorded in your log: h in the list shows it."

    def log_heard(self, why: str) -> None:
        """The log has the session's end (`why` ""), or says why it does not; shown when it comes."""
        if self.recorded != "" or self._heard:
            return
        self.recorded, self._heard = why, True
        for widget in self.query("#summary-log").results(Static):
            widget.update(plain(self._log_words()))

    def _checked_in(self, answer: Answer | None) -> None:
        """Record the answer (or that there was none) off the loop; then show it, the build-up and any advice."""
        check_in(self.app, answer, self.recorder, self.show_care)

    def show_care(self, care: Care) -> None:
        """What the check-in changed: the answer, the build-up's next scale, and the advice when it shows."""
        parts = []
        if care.checkin is not None:
            parts.append(plain(f"Check-in: {care.checkin.describe().split(': ', 1)[1]}\n"))
        if care.step is not None:
            parts.append(plain(f"Build-up: {percent(care.step.after)} next time, {care.step.reason}\n"))
        if care.warning is not None:
            parts += [plain("\n"), plain(advice(care.warning, compact=True), "bold $warning")]
        widget = self.query_one("#summary-care", Static)
        widget.update(lines(*parts).rstrip())
        widget.display = bool(parts)
        if care.warning is not None:  # the advice in sight, whatever the terminal's size
            self.query_one("#summary-hint").display = False  # no "Well done." beside it
            box = self.query_one("#summary-box", VerticalScroll)
            self.call_after_refresh(box.scroll_to_widget, widget, top=True, animate=False)

    def _text(self, screen_width: int) -> Content:
        # The box is 60 wide at most, less its border and padding.
        self._width = screen_width
        return summary_text(self.routine_name, self.summary, min(BOX_WIDTH, screen_width) - 6)

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self.query_one("#summary", Static).update(self._text(self.size.width))

    def key_label(self, binding_id: str | None, description: str) -> str:
        if binding_id in ("summary.close", "summary.close-alt"):
            return self.app.back_to()  # a session started from the shell goes back to it
        return description

    def action_close(self) -> None:
        self.app.leave_session(self)
