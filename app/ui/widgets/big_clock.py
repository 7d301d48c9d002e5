"""A clock in block digits, as large as its space allows, to be read from across the room."""

from __future__ import annotations

from textual.content import Content

from app.ui.text import plain
from app.ui.widgets.drawn import DrawnNotice

# A 3x5 font; each "#" becomes a block of `scale * 2` columns by `scale` rows.
FONT = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", " ##", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
}
ROWS = 5


def block_lines(text: str, scale: int) -> list[str]:
    """`text` drawn in the block font at `scale`."""
    glyphs = [FONT.get(char, FONT["0"]) for char in text]
    lines = []
    for row in range(ROWS):
        cells = ("  " * scale).join(
            "".join("█" * (2 * scale) if c == "#" else " " * (2 * scale) for c in glyph[row]) for glyph in glyphs
        )
        lines.extend([cells] * scale)
    return lines


def block_width(text: str, scale: int) -> int:
    return len(block_lines(text, scale)[0])


def best_scale(text: str, width: int, height: int) -> int:
    """The largest scale at which `text` fits in `width` by `height` (the digits grow into a big terminal);
    0 when none does."""
    scale = max(0, height // ROWS)
    while scale >= 1 and block_width(text, scale) > width:
        scale -= 1
    return scale


class BigClock(DrawnNotice):
    """Shows m:ss in block digits sized to fit; plain text when there is no room."""

    DEFAULT_CSS = "BigClock { height: 1fr; min-height: 1; content-align: left middle; }"

    def __init__(self, text: str = "0:00", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.value = text

    def update(self, text: str) -> None:
        """Show `text`; redraws only when it differs."""
        if text != self.value:
            self.value = text
            self.refresh()

    def render(self) -> Content:
        self._rendering()
        width, height = self.content_size.width, self.content_size.height
        scale = best_scale(self.value, width, height)
        if scale == 0:
            return plain(self.value.center(width), "bold")
        lines = block_lines(self.value, scale)
        # Every line is padded to the full width on both sides, so the widget's own alignment has
        # nothing left to move (aligning by line would skew glyphs that end in blank cells).
        left = max(0, (width - len(lines[0])) // 2)
        return plain("\n".join((" " * left + line).ljust(width) for line in lines))
