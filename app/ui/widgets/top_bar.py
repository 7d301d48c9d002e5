"""The session's top line: where you are, the routine's name centred, sound state and time left."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from app.ui.text import plain


class TopBar(Widget):
    """Draws the whole line itself: one widget instead of four in a row, as each widget costs start-up."""

    DEFAULT_CSS = "TopBar { height: 1; padding: 0 1; background: $panel; }"

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.position = ""
        self.sound_state = ""  # "MUTED", "voice off" or nothing
        self.left = ""

    def show(self, *, position: str | None = None, sound_state: str | None = None, left: str | None = None) -> None:
        """Change the parts given; redraws only when one of them differs."""
        before = (self.position, self.sound_state, self.left)
        self.position = self.position if position is None else position
        self.sound_state = self.sound_state if sound_state is None else sound_state
        self.left = self.left if left is None else left
        if (self.position, self.sound_state, self.left) != before:
            self.refresh()

    def render(self) -> Content:
        state = Content.styled(self.sound_state, "bold $warning").pad_right(2) if self.sound_state else Content("")
        position, right = plain(self.position), state + plain(self.left)
        room = self.content_size.width - position.cell_length - right.cell_length
        if room <= 0:  # too narrow for both figures: they show as far as they fit
            return (position + " " + right).truncate(self.content_size.width)
        title = plain(self.title, "bold")
        if title.cell_length > room:  # shortened with a space either side, or left out when tiny
            title = title.truncate(room - 2, ellipsis=True) if room >= 5 else Content("")
        before = (room - title.cell_length) // 2  # centred in the room between, as Textual centres
        return Content.assemble(position, title.pad(before, room - title.cell_length - before), right)
