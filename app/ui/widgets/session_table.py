"""The last sessions as a table of text: one widget drawing lines, light enough to open at once."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from app.text import shorten
from app.ui.text import lines, plain

Cell = tuple[str, str]  # the text, and its style ("" for none)


FLEX_LEAST = 8  # the flexible column (width 0) never narrower than this: past it, the table scrolls sideways


class SessionTable(VerticalScroll, can_focus=True):
    """Rows under a heading, each cell cut to its column's width (a width of 0: what the others leave); when
    `openable`, a cursor row moved with the arrows, and Enter or a click opens it (`Opened`).

    Textual's DataTable took most of the history screen's 200 ms to open with a hundred rows;
    the table is read, not edited or sorted, so text does.
    """

    # The scrollbar's room kept whether it shows or not: the columns fit the same with few rows or many.
    DEFAULT_CSS = "SessionTable { height: 1fr; scrollbar-gutter: stable; } SessionTable > Static { width: auto; }"

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False, id="table.up"),
        Binding("down", "move(1)", "Down", show=False, id="table.down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="table.page_up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="table.page_down"),
        Binding("home", "move(-1000000)", "First", show=False, id="table.first"),
        Binding("end", "move(1000000)", "Last", show=False, id="table.last"),
        Binding("enter", "open", "Open", id="table.open", tooltip="What happened, part by part, and its check-in"),
    ]

    class Opened(Message):
        """Row `index` was opened (Enter, or a click on it)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, columns: tuple[tuple[str, int], ...], *, openable: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = columns
        self.openable = openable
        self.rows: list[tuple[Cell, ...]] = []
        self.cursor = 0

    def compose(self):
        yield Static("", classes="session-heading")
        yield Static("", classes="session-rows")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.openable or action != "open"

    def widths(self) -> list[int]:
        """Each column's width at the table's width now: the flexible one takes what the others leave."""
        fixed = sum(width for _, width in self.columns) + len(self.columns) + 1  # a space before each, one after
        room = self.scrollable_content_region.width or self.size.width
        return [width or max(FLEX_LEAST, room - fixed) for _, width in self.columns]

    def on_resize(self) -> None:
        self._draw()

    def show(self, rows: list[tuple[Cell, ...]], cursor: int | None = None) -> None:
        """Replace the rows; the cursor stays on its row number (or goes to `cursor`), within the rows."""
        self.rows = rows
        self.cursor = max(0, min(self.cursor if cursor is None else cursor, len(rows) - 1))
        self._draw()

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        widths = self.widths()
        heading = " ".join(f"{label:<{width}}" for (label, _), width in zip(self.columns, widths))
        self.query_one(".session-heading", Static).update(plain(f" {heading} ", "bold"))
        parts = []
        for number, row in enumerate(self.rows):
            chosen = self.openable and number == self.cursor and self.has_focus
            for (text, style), width in zip(row, widths):
                cell_style = f"{style} reverse".strip() if chosen else style
                parts.append(plain(f" {shorten(text, width, '…'):<{width}}", cell_style))
            parts.append(plain(" \n", "reverse" if chosen else ""))
        self.query_one(".session-rows", Static).update(lines(*parts).rstrip())

    def cells(self, index: int) -> list[str]:
        """The texts of row `index`, as shown before cutting."""
        return [text for text, _ in self.rows[index]]

    def on_focus(self) -> None:
        self._draw()

    def on_blur(self) -> None:
        self._draw()

    def action_move(self, by: int) -> None:
        if not self.openable:  # a table only read: the arrows scroll it
            self.scroll_relative(y=by, animate=False)
            return
        if not self.rows:
            return
        self.cursor = max(0, min(self.cursor + by, len(self.rows) - 1))
        self._draw()
        # The heading is the first line: row n is line n + 1; keep it and the heading's line in view.
        self.scroll_to_region(Region(0, self.cursor + 1, 1, 1), animate=False, immediate=True)

    def action_open(self) -> None:
        if self.rows:
            self.post_message(self.Opened(self.cursor))

    def on_click(self, event: events.Click) -> None:
        if not self.openable:
            return
        offset = event.get_content_offset(self.query_one(".session-rows"))
        if offset is not None and 0 <= offset.y < len(self.rows):
            self.cursor = offset.y
            self._draw()
            self.post_message(self.Opened(offset.y))
