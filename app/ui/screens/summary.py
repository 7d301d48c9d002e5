"""The summary at the end of a session: planned against actual, steps done and skipped, time added."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from app.routine.duration import format_clock, format_human
from app.session.engine import Summary
from app.ui.screens import stylesheet
from app.ui.text import lines, plain
from app.ui.widgets.key_bar import KeyBar

LABEL_WIDTH = 12
BOX_WIDTH = 60  # as in summary.tcss


def headline(summary: Summary) -> tuple[str, str]:
    """The title and the closing words, fitted to what happened."""
    if not summary.finished:
        done = f"{summary.steps_done} of {summary.steps} steps done"
        return "SESSION STOPPED", f"Stopped early, {done}."
    if summary.skipped:
        return "ROUTINE COMPLETE", "Done, with some steps skipped."
    return "ROUTINE COMPLETE", "Well done."


def summary_text(name: str, summary: Summary, width: int = 54) -> Content:
    """The figures of a finished or stopped session, in `width` columns."""
    title, _ = headline(summary)
    planned = format_clock(summary.planned)
    if summary.open_steps:
        count = summary.open_steps
        planned += f" + {count} step{'s' if count != 1 else ''} timed by you (until done)"
    rows = [
        ("Planned", planned),
        ("Actual", format_clock(summary.actual)),
        ("Paused", format_clock(summary.paused)),
        ("Steps done", f"{summary.steps_done} of {summary.steps}"),
    ]
    if summary.partly:
        rows.append(("Part done", ", ".join(summary.partly)))
    if summary.untouched:
        rows.append(("Skipped", ", ".join(summary.untouched)))
    if summary.time_added:
        sign = "+" if summary.time_added > 0 else "-"
        rows.append(("Time added", f"{sign}{format_human(abs(summary.time_added))}"))
    parts = [plain(f"{title}\n", "bold"), plain(f"{name}\n\n")]
    for label, value in rows:
        # A long value (a list of steps) wraps under itself, not under the labels.
        wrapped = textwrap.wrap(value, max(12, width - LABEL_WIDTH)) or [""]
        parts += [plain(f"{label:<{LABEL_WIDTH}}", "dim"),
                  plain("\n".join(wrapped[:1] + [" " * LABEL_WIDTH + more for more in wrapped[1:]]) + "\n", "bold")]
    return lines(*parts).rstrip()


class SummaryScreen(Screen[None]):
    """Shown when a routine ends or is stopped; any of its keys returns to the picker."""

    DEFAULT_CSS = stylesheet("summary.tcss")

    BINDINGS = [
        Binding("enter", "close", "Back to routines", id="summary.close"),
        Binding("escape,q", "close", "Back to routines", id="summary.close-alt", show=False),
    ]

    def __init__(self, name: str, summary: Summary, recorded: str | None = None) -> None:
        """`recorded`: None when there is no log, "" when the session went into it, else why it did not."""
        super().__init__(classes="" if summary.finished else "-stopped")
        self.routine_name = name
        self.summary = summary
        self.recorded = recorded

    def compose(self) -> ComposeResult:
        with Center():
            with Vertical(id="summary-box"):
                yield Static(self._text(self.app.size.width), id="summary")
                if self.recorded is not None:
                    yield Static(plain("Recorded in your training log: h in the list of routines shows it."
                                       if not self.recorded else f"Not recorded: {self.recorded}"), id="summary-log")
                yield Static(plain(headline(self.summary)[1]), id="summary-hint")
        yield KeyBar()

    def _text(self, screen_width: int) -> Content:
        # The box is 60 wide at most, less its border and padding.
        self._width = screen_width
        return summary_text(self.routine_name, self.summary, min(BOX_WIDTH, screen_width) - 6)

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self.query_one("#summary", Static).update(self._text(self.size.width))

    def action_close(self) -> None:
        self.app.leave_session()
