"""A plain text progress bar with its figures: written only when it changes, never animated."""

from __future__ import annotations

from textual.content import Content

from app.routine.duration import format_clock, whole_seconds
from app.ui.text import plain
from app.ui.widgets.drawn import DrawnNotice


def bar_text(done: float, total: float, width: int) -> str:
    """ "█████░░░░░ 2:10 / 5:27": the bar fills `width` cells in whole cells."""
    # The total rounded, as the picker and the plan say it; what is done counts whole seconds up.
    figures = f" {format_clock(done)} / {format_clock(whole_seconds(total))}"
    cells = max(4, width - len(figures))
    filled = 0 if total <= 0 else min(cells, int(cells * done / total))
    return "█" * filled + "░" * (cells - filled) + figures


class ProgressBar(DrawnNotice):
    """The session's progress on one line, drawn at the widget's width; a change needs no layout."""

    DEFAULT_CSS = "ProgressBar { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.done, self.total = 0.0, 0.0

    def show(self, done: float, total: float) -> None:
        if (done, total) != (self.done, self.total):
            self.done, self.total = done, total
            self.refresh()

    @property
    def value(self) -> str:
        """The line as drawn at the widget's width now."""
        return bar_text(self.done, self.total, self.content_size.width or 40)

    def render(self) -> Content:
        self._rendering()
        return plain(self.value)
