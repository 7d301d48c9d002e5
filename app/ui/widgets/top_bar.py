"""The session's top line: where you are and the scale, the routine's name centred, sound state and time left."""

from __future__ import annotations

from textual.content import Content

from app.ui.text import plain
from app.ui.widgets.drawn import DrawnNotice

PARTS = ("position", "scale", "sound_state", "awake", "left")


class TopBar(DrawnNotice):
    """Draws the whole line itself: one widget instead of four in a row, as each widget costs start-up."""

    DEFAULT_CSS = "TopBar { height: 1; padding: 0 1; background: $panel; }"

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.position = ""
        self.scale = ""  # "85 %" when the session is not at 100 %
        self.sound_state = ""  # "MUTED", "voice off", "BELL ONLY" or nothing
        self.awake = ""  # "screen may sleep" when it could not be kept awake
        self.left = ""

    def show(self, **parts: str) -> None:
        """Change the parts given (position, scale, sound_state, left); redraws only when one differs."""
        changed = False
        for name, value in parts.items():
            if name not in PARTS:
                raise TypeError(f"no part {name!r}")
            if getattr(self, name) != value:
                setattr(self, name, value)
                changed = True
        if changed:
            self.refresh()

    def render(self) -> Content:
        self._rendering()
        width = self.content_size.width
        left_side = plain(self.position) + (plain(f" · {self.scale}", "bold") if self.scale else Content(""))
        flags = "  ".join(flag for flag in (self.sound_state, self.awake) if flag)
        state = plain(flags, "bold $warning").pad_right(2) if flags else Content("")
        right_side = state + plain(self.left)
        room = width - left_side.cell_length - right_side.cell_length
        if room <= 1:  # too narrow for both figures: they show as far as they fit, apart
            return (left_side + " " + right_side).truncate(width)
        title = plain(self.title, "bold")
        if title.cell_length > room - 2:  # a space either side at least; shortened, or left out when tiny
            title = title.truncate(room - 2, ellipsis=True) if room >= 6 else Content("")
        before = (room - title.cell_length) // 2  # centred in the room between, as Textual centres
        return Content.assemble(left_side, title.pad(before, room - title.cell_length - before), right_side)
