"""Moves shown one after another under a caption: the picker's steps, the editor's choice of a step's demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static

from app.ui.text import plain
from app.ui.widgets.move_figure import FRAMES, LEAST, READ, MoveFigure, read_moves

if TYPE_CHECKING:
    pass

SHOW_ROWS = 10  # a caption and 9 rows of figure, at least: fewer make a smudge of dots, not a person
SHOWN_FOR = 4.0  # seconds each move plays at least, when there are several: a repetition or more


class MoveShow(Vertical):
    """Plays each of its moves for a repetition or SHOWN_FOR seconds, in turn, under its caption; still with
    reduced motion; hidden where there is no room, nothing to show, or no braille."""

    DEFAULT_CSS = """
    MoveShow { height: 0; display: none; }
    MoveShow > #show-caption { height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    MoveShow > MoveFigure { height: 1fr; content-align: center middle; }
    """

    def __init__(self, *, id: str | None = None, rows: int | None = None) -> None:
        """`rows`: a fixed height; without it, the rows its container leaves under what comes before it."""
        super().__init__(id=id)
        self.rows = rows
        self.items: list[tuple[str, str]] = []  # (caption, move name)
        self._since = 0.0  # when the move now shown began (the app's clock)
        self._index = 0
        self._frames: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="show-caption")
        yield MoveFigure(id="show-figure")

    def on_mount(self) -> None:
        self._frames = self.set_interval(1 / FRAMES, self.frame, pause=True)

    def on_resize(self) -> None:
        self.frame()  # laid out at the height fit() gave it: now it has the room to draw in

    def fit(self) -> None:
        """Take the rows its container has left under what comes before it: none when too few for a figure
        and its caption, so that it never pushes the text above it into scrolling."""
        pane = self.parent
        if pane is None:
            return
        used = sum(child.outer_size.height for child in pane.children if child is not self and child.display)
        room = self.rows if self.rows is not None else pane.content_size.height - used
        fits = bool(self.items) and room >= SHOW_ROWS
        self.display = fits
        if fits:
            self.styles.height = room
        self.call_after_refresh(self.frame)

    def play(self, items: list[tuple[str, str]]) -> None:
        """Show these moves in turn, each under its caption ("3. Trunk rotation", or "" for the move's own
        name); none: hide."""
        items = [(caption, name) for caption, name in items if name] if self.app.braille else []
        if items == self.items:
            return
        self.items, self._index, self._since = items, 0, self.app.clock()
        read_moves(self, [name for _, name in items], self.frame)
        self.call_after_refresh(self.fit)  # once the text above it is laid out

    def frame(self) -> None:
        """Draw the move now due, moving on to the next when its turn is over."""
        if any(name not in READ for _, name in self.items):
            return  # some are still being read: the turns start when all are in (read_moves calls again)
        shown = [(caption, move) for caption, name in self.items if (move := READ[name])]
        figure = self.query_one(MoveFigure)
        room = figure.content_size
        still = self.app.settings.reduced_motion
        if not self.screen.is_active:  # another screen on top, a dialog or a session: held as it is
            self._set_running(False)
            return
        if not shown or not self.display or room.width < LEAST[0] or room.height < LEAST[1]:
            self._set_running(False)
            figure.clear()
            return
        now = self.app.clock()
        caption, (move, box) = shown[self._index % len(shown)]
        turn = max(SHOWN_FOR, move.seconds)
        if len(shown) > 1 and now - self._since >= turn:
            self._index, self._since = (self._index + 1) % len(shown), now
            caption, (move, box) = shown[self._index]
        # An item without a caption is named by its move: "Side bends, one repetition".
        self.query_one("#show-caption", Static).update(plain(caption or f"{move.name}, one repetition"))
        moment = move.still_moment() if still else (now - self._since) % move.seconds
        figure.show(move, moment, "left" if move.sided else None, box, move.seen_from)
        self._set_running(not still or len(shown) > 1)

    def _set_running(self, running: bool) -> None:
        if self._frames is not None:
            if running:
                self._frames.resume()
            else:
                self._frames.pause()
