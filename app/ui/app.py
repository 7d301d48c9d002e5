"""The Supple App, built by a factory from its dependencies."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from textual.app import App
from textual.binding import Binding

from app.engine import Clock
from app.library import Entry, load_library
from app.model import Routine

CueSink = Callable[[str], None]


class SuppleApp(App[None]):
    """Picker, session and summary; time, routines and sound come from outside."""

    TITLE = "Supple"
    CSS_PATH = Path(__file__).parent / "supple.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False)]

    def __init__(
        self,
        *,
        load_entries: Callable[[], list[Entry]],
        clock: Clock,
        play_cue: CueSink,
        start: Routine | None = None,
        scale: float = 1.0,
    ) -> None:
        super().__init__()
        self.load_entries = load_entries
        self.clock = clock
        self.play_cue = play_cue
        self.scale = scale
        self._start = start

    def on_mount(self) -> None:
        # With a routine to start, the session is the first frame; the picker waits underneath
        # until the session ends, so its cost is not paid before the countdown shows.
        if self._start is not None:
            self.start_session(self._start)
        else:
            self.show_picker()

    def show_picker(self) -> None:
        """Make the picker the bottom screen, building it if it is not there yet."""
        from app.ui.screens.picker import PickerScreen

        if not any(isinstance(screen, PickerScreen) for screen in self.screen_stack):
            self.push_screen(PickerScreen())

    def leave_session(self) -> None:
        """Back to the picker from a session or its summary."""
        from app.ui.screens.picker import PickerScreen

        if any(isinstance(screen, PickerScreen) for screen in self.screen_stack):
            self.pop_screen()
        else:
            self.switch_screen(PickerScreen())

    def start_session(self, routine: Routine) -> None:
        """Open the session screen for `routine`."""
        from app.ui.screens.session import SessionScreen

        self.push_screen(SessionScreen(routine, clock=self.clock, scale=self.scale))


def _silent(cue: str) -> None:
    """No player yet: the session screen flashes the phase label instead."""


def make_app(
    *,
    load_entries: Callable[[], list[Entry]] = load_library,
    clock: Clock = time.monotonic,
    play_cue: CueSink = _silent,
    start: Routine | None = None,
    scale: float = 1.0,
) -> SuppleApp:
    """Build the app; tests pass a fake clock and their own routines."""
    return SuppleApp(load_entries=load_entries, clock=clock, play_cue=play_cue, start=start, scale=scale)
