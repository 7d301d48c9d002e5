"""The last sessions as a table of text: one widget drawing lines, light enough to open at once."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from app.text import shorten
from app.ui.text import lines, plain

Cell = tuple[str, str]  # the text, and its style ("" for none)


class SessionTable(VerticalScroll, can_focus=True):
    """Rows under a heading, each cell cut to its column's width; scrolls with the arrows.

    Textual's DataTable took most of the history screen's 200 ms to open with a hundred rows;
    the table is read, not edited or sorted, so text does.
    """

    DEFAULT_CSS = "SessionTable { height: 1fr; } SessionTable > .session-rows { width: auto; }"

    def __init__(self, columns: tuple[tuple[str, int], ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = columns
        self.rows: list[tuple[Cell, ...]] = []

    def compose(self):
        yield Static(self._heading(), classes="session-heading")
        yield Static("", classes="session-rows")

    def _heading(self):
        return plain("".join(f" {label:<{width}} " for label, width in self.columns), "bold")

    def show(self, rows: list[tuple[Cell, ...]]) -> None:
        """Replace the rows."""
        self.rows = rows
        parts = []
        for row in rows:
            for (text, style), (_, width) in zip(row, self.columns):
                parts.append(plain(f" {shorten(text, width, '…'):<{width}} ", style))
            parts.append(plain("\n"))
        self.query_one(".session-rows", Static).update(lines(*parts).rstrip())

    def cells(self, index: int) -> list[str]:
        """The texts of row `index`, as shown before cutting."""
        return [text for text, _ in self.rows[index]]
