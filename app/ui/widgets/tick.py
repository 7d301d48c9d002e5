"""A checkbox whose mark says in text whether it is on."""

from __future__ import annotations

from textual.widgets import Checkbox


class Tick(Checkbox):
    """Textual's checkbox draws its X both on and off, told apart only by colour: unreadable in a terminal
    without colours, to a colour-blind eye, and in a screen's text. This one's X is there only when on."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 (Textual reads the class's constant through the instance)
        return "X" if self.value else " "
