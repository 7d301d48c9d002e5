"""The Supple App, built by a factory from its dependencies."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Literal

from textual.app import App
from textual.binding import Binding

from app.engine import Clock
from app.library import Entry, load_library
from app.model import Routine
from app.sound.output import Recorder, SoundOutput

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
        sound: SoundOutput,
        settings_problem: str | None = None,
        start: Routine | None = None,
        scale: float = 1.0,
        edit: Entry | Literal["new"] | None = None,
    ) -> None:
        super().__init__()
        self.load_entries = load_entries
        self.clock = clock
        self.sound = sound
        self._settings_problem = settings_problem
        self.sound_status: str | None = None  # the sound helper's last word on its player
        self.scale = scale
        self._start = start
        self._edit = edit
        self.highlight_ref: str | None = None  # the routine the picker shows next time it appears

    def on_mount(self) -> None:
        self.sound.attach(self._sound_report, self.bell)
        self.sound.start()
        if self._settings_problem:
            self.notify(self._settings_problem, title="Settings", severity="warning", timeout=12)
        # With a routine to start, the session is the first frame; the picker waits underneath
        # until the session ends, so its cost is not paid before the countdown shows.
        if self._start is not None:
            self.start_session(self._start)
        elif self._edit is not None:
            self.open_editor(self._edit)
        else:
            self.show_picker()

    def show_picker(self) -> None:
        """Make the picker the bottom screen, building it if it is not there yet."""
        from app.ui.screens.picker import PickerScreen

        if not any(isinstance(screen, PickerScreen) for screen in self.screen_stack):
            self.push_screen(PickerScreen())

    def open_editor(self, entry: Entry | Literal["new"], copy: bool = False) -> None:
        """The editor on a routine, on a copy of it, or on a new one."""
        from app.ui.screens.editor import EditorScreen

        self.push_screen(EditorScreen.new() if entry == "new" else EditorScreen.for_entry(entry, copy=copy))

    def leave_editor(self, saved_ref: str | None) -> None:
        """Back to the picker, showing the routine just saved."""
        if saved_ref:
            self.highlight_ref = saved_ref
        self.leave_session()

    def leave_session(self) -> None:
        """Back to the picker from a session, its summary or the editor."""
        from app.ui.screens.picker import PickerScreen

        picker = next((screen for screen in self.screen_stack if isinstance(screen, PickerScreen)), None)
        if picker is not None:
            picker.stale = True  # files may have changed meanwhile: read them again on return
            self.pop_screen()
        else:
            self.switch_screen(PickerScreen())

    def _sound_report(self, text: str) -> None:
        """The sound helper's word on which player it uses; it comes from another thread."""
        self.sound_status = text
        try:
            self.call_from_thread(self.notify, text, title="Sound", timeout=8)
        except RuntimeError:  # on the app's own thread (a report held from before it started)
            if self.is_running:
                self.notify(text, title="Sound", timeout=8)

    def on_unmount(self) -> None:
        self.sound.close()

    def start_session(self, routine: Routine) -> None:
        """Open the session screen for `routine`."""
        from app.ui.screens.session import SessionScreen

        self.push_screen(SessionScreen(routine, clock=self.clock, scale=self.scale))


def make_app(
    *,
    load_entries: Callable[[], list[Entry]] = load_library,
    clock: Clock = time.monotonic,
    sound: SoundOutput | None = None,
    settings_problem: str | None = None,
    start: Routine | None = None,
    scale: float = 1.0,
    edit: Entry | Literal["new"] | None = None,
) -> SuppleApp:
    """Build the app; tests pass a fake clock and their own routines."""
    return SuppleApp(load_entries=load_entries, clock=clock, sound=sound if sound is not None else Recorder(),
                     settings_problem=settings_problem, start=start, scale=scale, edit=edit)
