"""The base of every screen of Supple's: dismissing one twice (a key doubled) is harmless."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from app.ui.app import SuppleApp

Result = TypeVar("Result")


class Supple:
    """What every screen of Supple's answers, so the app and its widgets ask it without guessing."""

    HELP_SECTION: str | None = None  # the help's section for this screen (None: the first)
    KEYS_FIRST_TO_GO: tuple[str, ...] = ()  # binding ids the key bar leaves out first when narrow

    def key_label(self, binding_id: str | None, description: str) -> str:
        """A key's label in the key bar and the palette; a screen may name what the key does now."""
        return description

    def state_changed(self) -> None:
        """The sound's state (muted, voice, the player) or the keep-awake's changed: show it, where the screen
        shows it."""

    def take_notice(self, text: str, seconds: float) -> bool:
        """Show a notice in the screen's own words' place, for `seconds`, instead of a toast over it (a toast
        covered the session's digits); False: this screen has no such place, a toast it is."""
        return False


class DismissOnce:
    """`dismiss` only while the screen is the one on top.

    Textual's `Screen.dismiss` pops whatever screen is on top (Textual 8.2.8). A key pressed twice
    quickly (Enter on a list, which posts a message each time) dismisses a dialog twice: the second
    pop took the screen below it (a session closed with no summary) or, with none left, raised
    ScreenStackError. A screen that is no longer on top has been dismissed already.
    """

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self.is_active:  # type: ignore[attr-defined]
            return AwaitComplete.nothing()
        return super().dismiss(result)  # type: ignore[misc]


class SuppleScreen(Supple, DismissOnce, Screen[Result]):
    """A full screen of the app."""

    if TYPE_CHECKING:

        @property
        def app(self) -> SuppleApp: ...


class SuppleModal(Supple, DismissOnce, ModalScreen[Result]):
    """A modal screen of the app (every dialog is one)."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self.is_active:
            self.app.dialog_closed()
        return super().dismiss(result)

    # A modal screen hides the app's keys: Ctrl+C must still reach the app's interrupt (it asks, or quits).
    BINDINGS = [Binding("ctrl+c", "app.interrupt", "Quit", show=False, id="modal.interrupt")]

    if TYPE_CHECKING:

        @property
        def app(self) -> SuppleApp: ...
