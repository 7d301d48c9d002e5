"""`supple moves NAME`: one move played as a moving figure at its own pace, until a key is pressed."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from app.moves.move import Move
from app.ui.text import lines, plain

FRAMES = 20  # a second: smooth enough for a slow move, light on a laptop's battery
LEAST = (16, 8)  # cells a figure needs to be made out


class MovePlayer(App[None]):
    """The figure, sized to the terminal, its working side brighter; a caption; any key ends it."""

    CSS = """
    #figure { height: 1fr; width: 100%; content-align: center middle; color: $text-muted; }
    #caption { height: 1; width: 100%; content-align: center middle; text-style: bold; }
    """

    def __init__(self, move: Move, side: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.move, self.side, self.clock = move, side, clock
        self.started = clock()

    def compose(self) -> ComposeResult:
        yield Static(id="figure")
        side = f", {self.side} side" if self.side else ""
        caption = f"{self.move.name}{side} · {self.move.seconds:g} s a repetition · any key to stop"
        yield Static(plain(caption), id="caption")

    def on_mount(self) -> None:
        self.started = self.clock()
        self.set_interval(1 / FRAMES, self.frame)
        self.call_after_refresh(self.frame)  # once laid out: the figure is sized to the room it has

    def frame(self) -> None:
        figure = self.query_one("#figure", Static)
        width, height = figure.content_size.width, figure.content_size.height
        if width < LEAST[0] or height < LEAST[1]:
            figure.update(plain(f"A figure needs {LEAST[0]}x{LEAST[1] + 1} at least: make the terminal larger."))
            return
        drawing = self.move.drawing(self.clock() - self.started, self.side, width, height)
        rows = [_row(text, bright) for text, bright in zip(drawing.rows, drawing.bright)]
        figure.update(lines(*(part for row in rows for part in (row, "\n")))[:-1])

    def on_key(self) -> None:
        self.exit()


def _row(text: str, bright: list[bool]) -> Content:
    """A row of cells, the working side's runs in the text's full colour, the rest muted."""
    parts, start = [], 0
    for index in range(1, len(text) + 1):
        if index == len(text) or bright[index] != bright[start]:
            parts.append(plain(text[start:index], "bold $text" if bright[start] else ""))
            start = index
    return lines(*parts)
