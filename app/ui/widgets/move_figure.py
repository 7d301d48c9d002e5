"""A move's figure as a widget: braille cells filling the room it has, the working side in full colour."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from app.ui.text import lines, plain

if TYPE_CHECKING:
    from app.moves.braille import Box, Drawing
    from app.moves.move import Move

LEAST = (12, 6)  # cells a figure needs to be made out
STEPS = 60  # moments a repetition is drawn at: a frame every 0.1 s of a 6 s move
# Frames a second while a figure moves, half a frame's time off the clock's seconds. Each costs Textual some
# 2 ms here (a timer, a repaint, a write), so this is what keeps a session with its figure within twice the
# CPU of one without (bench/figure.py): 3 took 2.24x (median of 5 rounds) once the bones were drawn two dots
# wide, 2 take 1.71x. A 2 s repetition has 4 frames: its turning points and the moments between.
FRAMES = 2
# Terminals whose fonts have no braille: the Linux console, and those that say they draw nothing.
NO_BRAILLE = ("linux", "dumb", "vt100", "vt102", "vt220", "cons25")


def draws_braille(environ: Mapping[str, str] | None = None, encoding: str | None = None) -> bool:
    """Whether the terminal can show braille cells: a UTF-8 output, and not a terminal known to lack them."""
    environ = os.environ if environ is None else environ
    encoding = (encoding or getattr(sys.stdout, "encoding", None) or "").replace("-", "").lower()
    return encoding == "utf8" and environ.get("TERM", "") not in NO_BRAILLE


# Moves read so far, with their reach, for the whole app (they never change); None: one that cannot be read.
READ: dict[str, tuple[Move, Box] | None] = {}


def read_moves(node: Widget, names: list[str], then: Callable[[], object]) -> None:
    """Read the shipped moves `names` not read yet into READ on a thread of `node`'s (some 20 ms a move: never
    on the event loop), then call `then` on the event loop; at once when all are in already."""
    unread = [name for name in dict.fromkeys(names) if name not in READ]
    if not unread:
        then()
        return

    def read() -> None:
        from app.moves.move_file import moves_for_session  # the moves' TOML and checks: here, not at start-up

        found: dict[str, tuple[Move, Box] | None] = dict.fromkeys(unread)
        found.update(moves_for_session(unread))
        node.app.call_from_thread(lambda: (READ.update(found), then()))

    node.run_worker(read, thread=True, exit_on_error=False, group="moves")


def figure_text(drawing: Drawing) -> Content:
    """The drawing's rows as text, the working side's runs bright and the rest muted."""
    rows = [_row(text, bright) for text, bright in zip(drawing.rows, drawing.bright)]
    return lines(*(part for row in rows for part in (row, "\n")))[:-1]


def _row(text: str, bright: list[bool]) -> Content:
    parts, start = [], 0
    for index in range(1, len(text) + 1):
        if index == len(text) or bright[index] != bright[start]:
            parts.append(plain(text[start:index], "bold $text" if bright[start] else ""))
            start = index
    return lines(*parts)


class MoveFigure(Widget):
    """Shows a move at a moment, sized to the widget. A frame repaints only the rows whose cells changed, from
    strips it keeps (the line API): no layout, and no text of the whole figure to parse again ten times a
    second."""

    DEFAULT_CSS = "MoveFigure { width: 1fr; height: 1fr; color: $text-muted; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: Drawing | None = None
        self._strips: list[Strip] = []
        self._style_pair: tuple[Style, Style] | None = None
        self._frames_of: tuple | None = None  # the move, side and size the kept frames are for
        self._frames: dict[int, tuple[Drawing, list[Strip]]] = {}

    @property
    def content(self) -> str:
        """What it shows now, as text."""
        return "\n".join(strip.text for strip in self._strips)

    def render_line(self, y: int) -> Strip:
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_pair = None  # a new theme, or new classes above it: the kept frames' colours are old
        self._frames_of = None

    def show(self, move: Move, moment: float, side: str | None, box: Box | None = None, caption: str = "") -> bool:
        """Draw `move` at `moment`, with `caption` on its last row ("seen from above"); False when the widget
        is too small for a figure."""
        width, height = self.content_size.width, self.content_size.height - (1 if caption else 0)
        if width < LEAST[0] or height < LEAST[1]:
            return False
        # A repetition repeats: its frames are drawn once for this size and kept, at STEPS moments a
        # repetition, as the strips a repaint reads: a frame shown again costs a look-up.
        step = round(moment / move.seconds * STEPS) % STEPS
        key = (move.key, side, width, height, box, caption)
        if key != self._frames_of:
            self._frames_of, self._frames = key, {}
        kept = self._frames.get(step)
        if kept is None:
            drawing = move.drawing(step * move.seconds / STEPS, side, width, height, box)
            if caption:  # one more row of the figure, kept with its frames
                words = [False] * width
                drawing = drawing._replace(
                    rows=[*drawing.rows, caption[:width].center(width)], bright=[*drawing.bright, words]
                )
            base, bright = self._styles()
            strips = [
                Strip(_segments(text, marks, base, bright), len(text))
                for text, marks in zip(drawing.rows, drawing.bright)
            ]
            kept = self._frames[step] = (drawing, strips)
        drawing, strips = kept
        if drawing is self._drawn:
            return True
        before, self._drawn = self._drawn, drawing
        if before is None or len(before.rows) != len(drawing.rows):
            self.refresh()
        else:
            changed = [
                y
                for y, (was, now) in enumerate(zip(before.rows, drawing.rows))
                if was != now or before.bright[y] != drawing.bright[y]
            ]
            if changed:  # the rows from the first changed to the last: one region to repaint
                self.refresh(Region(0, changed[0], width, changed[-1] - changed[0] + 1))
        self._strips = strips
        return True

    def _styles(self) -> tuple[Style, Style]:
        """The figure's muted style and the working side's, worked out again only when its styles change
        (the theme's variables take a millisecond or two to make)."""
        if self._style_pair is None:
            base = self.rich_style
            # Through Textual's colour: an ANSI theme's foreground is "ansi_default", which rich cannot parse.
            foreground = Color.parse(self.app.get_css_variables().get("foreground", "ansi_default")).rich_color
            self._style_pair = (base, base + Style(bold=True, color=foreground))
        return self._style_pair

    def clear(self) -> None:
        self._drawn = None
        self._strips = []
        self.refresh()


def _segments(text: str, marks: list[bool], base: Style, bright: Style) -> list[Segment]:
    """A row's runs of cells, the working side's in `bright`."""
    found, start = [], 0
    for index in range(1, len(text) + 1):
        if index == len(text) or marks[index] != marks[start]:
            found.append(Segment(text[start:index], bright if marks[start] else base))
            start = index
    return found
