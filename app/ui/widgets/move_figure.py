"""A move's figure as a widget: braille cells filling the room it has, the working side in full colour."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from app.ui.text import lines, plain

if TYPE_CHECKING:
    from app.moves.braille import Box, Drawing
    from app.moves.move import Move

LEAST = (12, 6)  # cells a figure needs to be made out
# Terminals whose fonts have no braille: the Linux console, and those that say they draw nothing.
NO_BRAILLE = ("linux", "dumb", "vt100", "vt102", "vt220", "cons25")


def draws_braille(environ: Mapping[str, str] | None = None, encoding: str | None = None) -> bool:
    """Whether the terminal can show braille cells: a UTF-8 output, and not a terminal known to lack them."""
    environ = os.environ if environ is None else environ
    encoding = (encoding or getattr(sys.stdout, "encoding", None) or "").replace("-", "").lower()
    return encoding == "utf8" and environ.get("TERM", "") not in NO_BRAILLE


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


class MoveFigure(Static):
    """Shows a move at a moment, sized to the widget; writes only when a cell changes."""

    DEFAULT_CSS = "MoveFigure { color: $text-muted; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: Drawing | None = None

    def show(self, move: Move, moment: float, side: str | None, box: Box | None = None) -> bool:
        """Draw `move` at `moment`; False when the widget is too small for a figure."""
        width, height = self.content_size.width, self.content_size.height
        if width < LEAST[0] or height < LEAST[1]:
            return False
        drawing = move.drawing(moment, side, width, height, box)
        if drawing != self._drawn:
            self._drawn = drawing
            self.update(figure_text(drawing))
        return True

    def clear(self) -> None:
        self._drawn = None
        self.update("")
