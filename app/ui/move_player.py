"""`supple moves NAME`: one move played as a moving figure at its own pace, until a key is pressed."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.widgets import Static

from app.moves.move import Move
from app.ui.text import plain
from app.ui.widgets.move_figure import figure_text

FRAMES = 20  # a second: smooth enough for a slow move, light on a laptop's battery
LEAST = (16, 8)  # cells a figure needs to be made out


class MovePlayer(App[None]):
    """The figure, sized to the terminal, its working side brighter; a caption; any key ends it."""

    CSS = """
    #figure { height: 1fr; width: 100%; content-align: center middle; color: $text-muted; }
    #caption { height: auto; width: 100%; content-align: center middle; text-style: bold; }
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
        figure.update(figure_text(self.move.drawing(self.clock() - self.started, self.side, width, height)))

    def on_key(self) -> None:
        self.exit()
