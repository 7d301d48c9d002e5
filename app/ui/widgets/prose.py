"""A Static for text with figures in it: wrapped so that "4 min 58 s" never splits across lines, and a numbered
line's later lines hang under its text."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from app.ui.text import wrapped


class Prose(Static):
    """Shows Content wrapped at plain spaces to its own width, again whenever that width changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = Content("")
        self._width = 0

    def show(self, content: Content) -> None:
        self.source = content
        self._draw()

    def on_resize(self) -> None:
        if self.content_size.width != self._width:
            self._draw()

    def _draw(self) -> None:
        self._width = self.content_size.width
        self.update(wrapped(self.source, self._width, hang=True) if self._width > 0 else self.source)
