"""Small modal screens: confirm, jump to a step."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from app.ui.screens import stylesheet
from app.ui.screens.base import SuppleModal
from app.ui.text import plain
from app.ui.widgets.key_bar import KeyBar

Result = TypeVar("Result")


class Dialog(SuppleModal[Result]):
    """A modal box in the middle of the screen, with its own keys at the bottom; every dialog of the app is one."""

    BASE = True  # shown only as one of its kinds (registry.every_screen)
    DEFAULT_CSS = stylesheet("dialogs.tcss")

    def compose(self) -> ComposeResult:
        yield from self.compose_dialog()
        yield KeyBar()

    def compose_dialog(self) -> ComposeResult:
        """The box's contents."""
        raise NotImplementedError


class ConfirmScreen(Dialog[bool]):
    """A yes/no question; returns True for yes."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No", note: str = "", *, safe: bool = False) -> None:
        """`safe`: yes loses nothing (going on with a session), so it is the one Enter presses; else no is."""
        super().__init__()
        self.question, self.yes, self.no, self.note, self.safe = question, yes, no, note, safe

    def compose_dialog(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), classes="dialog-question")
            if self.note:
                yield Static(plain(self.note), classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain(f"{self.yes} (y)"), variant="success" if self.safe else "error", id="yes")
                yield Button(plain(f"{self.no} (n)"), variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.safe else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class StopSessionScreen(ConfirmScreen):
    """Stop the session? A Ctrl+C here quits Supple (the app's interrupt sees this screen on top)."""

    def __init__(self, quitting: bool = False, interrupted: bool = False) -> None:
        """`quitting`: asked by Quit (Ctrl+Q, the palette): yes stops the session and quits Supple.
        `interrupted`: asked by Ctrl+C, so the note says what a second one does; asked by q, a note on
        Ctrl+C only puzzled a new user."""
        if quitting:
            super().__init__("Stop this session and quit Supple?", "Stop and quit", "Keep going")
        else:
            note = "Ctrl+C again quits Supple; the session so far is kept." if interrupted else ""
            super().__init__("Stop this session?", "Stop", "Keep going", note=note)


class JumpScreen(Dialog[int | None]):
    """Pick a step to go to; returns its 1-based number, or None."""

    BINDINGS = [Binding("escape,g", "cancel", "Cancel", id="jump.cancel")]

    def __init__(self, steps: list[str], current: int) -> None:
        super().__init__()
        self.steps, self.current = steps, current

    def compose_dialog(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Go to step", classes="dialog-question")
            yield OptionList(*[Option(plain(f"{n:>2}. {name}"), id=str(n)) for n, name in enumerate(self.steps, 1)])

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = self.current - 1
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
