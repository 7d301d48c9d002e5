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
    #about { height: auto; width: 100%; text-align: center; padding: 0 1; }
    #caption { height: auto; width: 100%; text-align: center; text-style: bold; }
    """

    def __init__(self, move: Move, side: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.move, self.side, self.clock = move, side, clock
        self.started = clock()
        self.captioned = 0  # the width the caption was last wrapped to

    def compose(self) -> ComposeResult:
        yield Static(id="figure")
        yield Static(plain(self.move.about), id="about")  # how it is done: the words a newcomer reads first
        yield Static(id="caption")

    def caption(self, width: int) -> str:
        """The name, its side, where it is seen from and its pace, as many to a line as fit: a line breaks
        between them, never inside one (at 60 columns "any / key to stop" had split)."""
        side = f", {self.side} side" if self.side else ""
        words = self.move.side_words(self.side)  # which limb, which way: "left side" alone named neither
        parts = [f"{self.move.name}{side}", words, self.move.seen_from, f"{self.move.seconds:g} s a repetition"]
        lines: list[str] = []
        for part in [part for part in parts if part] + ["any key to stop"]:
            if lines and len(lines[-1]) + 3 + len(part) <= width:
                lines[-1] += f" · {part}"
            else:
                lines.append(part)
        return "\n".join(lines)

    def on_mount(self) -> None:
        self.started = self.clock()
        self.set_interval(1 / FRAMES, self.frame)
        self.call_after_refresh(self.frame)  # once laid out: the figure is sized to the room it has

    def frame(self) -> None:
        if not self.query("#figure"):
            return  # not composed yet, or gone at the exit: a frame due then found no figure and raised (CI)
        if self.size.width != self.captioned:  # laid out afresh: the caption rewraps to the new width
            self.captioned = self.size.width
            self.query_one("#caption", Static).update(plain(self.caption(self.captioned)))
        figure = self.query_one("#figure", Static)
        width, height = figure.content_size.width, figure.content_size.height
        if width < LEAST[0] or height < LEAST[1]:
            figure.update(plain(f"A figure needs {LEAST[0]}x{LEAST[1] + 1} at least: make the terminal larger."))
            return
        figure.update(figure_text(self.move.drawing(self.clock() - self.started, self.side, width, height)))

    def on_key(self) -> None:
        self.exit()
