"""The Supple App, built by a factory from its dependencies."""

from __future__ import annotations

import asyncio
import gc
import signal
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Literal

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from app.routine.library import Entry, load_library
from app.settings import NotReadCleanly, Settings, save_settings
from app.ui import screens
from app.ui.screens.base import Supple
from app.ui.text import notify
from app.ui.ways_out import WaysOut
from app.ui.widgets.move_figure import draws_braille

if TYPE_CHECKING:  # the picker's first frame needs neither the engine nor the test recorder
    from app.log.resume import ResumePlan
    from app.log.writer import LogWriter
    from app.routine.model import Routine
    from app.session.engine import Clock
    from app.session.keep_awake import KeepAwake
    from app.session.runner import SessionRunner
    from app.sound.output import SoundOutput
    from app.sound.state import SoundState
    from app.ui.history_ahead import Ahead


def _routine_commands():
    """The palette's routines, loaded only when the palette opens."""
    from app.ui.commands import RoutineCommands

    return RoutineCommands


def _screen_commands():
    """The keys of the screen below the palette, as commands."""
    from app.ui.commands import ScreenCommands

    return ScreenCommands


class SuppleApp(WaysOut, App[None]):
    """Picker, session and summary; time, routines and sound come from outside."""

    TITLE = "Supple"
    # The focused field in its own colour, in every theme: Textual's compact fields were one shade off the
    # rest (none at all in the high-contrast theme), and a description was typed into the wrong field.
    CSS = """
    Input:focus, TextArea:focus, Select:focus > SelectCurrent { background: $accent 40%; color: $text; }
    Checkbox:focus > .toggle--label { background: $accent 40%; color: $text; }
    """
    COMMANDS = App.COMMANDS | {_routine_commands, _screen_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False),
        Binding("ctrl+c", "interrupt", "Quit", id="app.interrupt", show=False),
        Binding("ctrl+z", "suspend_process", "Suspend", id="app.suspend", show=False),
        Binding("f1", "help", "Help", id="app.help", show=False),
    ]

    def __init__(
        self,
        *,
        load_entries: Callable[[], list[Entry]],
        clock: Clock,
        sound: SoundOutput,
        settings: Settings,
        settings_problem: str | None = None,
        start: Routine | None = None,
        start_ref: str | None = None,
        scale: float = 1.0,
        scale_why: str = "",
        scale_chosen: bool = False,
        edit: Entry | Literal["new"] | None = None,
        log: LogWriter | None = None,
        keep_awake: KeepAwake,
    ) -> None:
        super().__init__()
        self._start_ref = start_ref
        self.training_log = log  # the training log's writer; None: sessions are not recorded
        self.history_ahead: Ahead | None = None  # the history screen's figures, read ahead (app.ui.history_ahead)
        self.runner: SessionRunner | None = None  # the session started last: what drives it, whoever asks
        self.exit_signal: int | None = None  # the signal the app is leaving for, if any
        self._stopped_at: float | None = None  # when a SIGTSTP stopped the process, until it goes on
        self.going_on = False  # set by SIGCONT until the sessions have been held where the stop began
        self._keep_failed = False  # unsaved editor work could not be kept on Ctrl+C: the next one quits
        self._keys_void_before = 0.0  # keys typed before this moment, while a dialog was open, go nowhere
        self.load_entries = load_entries
        self.clock = clock
        self.braille = draws_braille()  # the session's figure is braille: none where it would show as boxes
        self.sound = sound
        self.keep_awake = keep_awake  # the screen kept awake while a session runs (the session screen asks)
        keep_awake.report = self._awake_report
        self._settings_problem = settings_problem
        self.settings = settings  # as the user chose them; the sound takes up its part (configure)
        self.settings_base = settings  # the settings as read or last saved: a save writes what differs
        self.sound_state: SoundState | None = None  # the sound helper's last word on its player
        self.scale = scale
        self.scale_why = scale_why  # why the command line's session runs at its scale (a build-up), if it does
        self.scale_chosen = scale_chosen  # its scale was chosen with --scale, over any build-up
        self._start = start
        self._edit = edit
        self.highlight_ref: str | None = None  # the routine the picker shows next time it appears
        from app.ui.themes import DEFAULT_THEME, HIGH_CONTRAST

        self.register_theme(HIGH_CONTRAST)
        wanted = settings.theme
        self._unknown_theme = None if wanted in self.available_themes else wanted
        chosen = DEFAULT_THEME if self._unknown_theme else wanted
        if chosen != self.theme:  # setting it restyles everything: only when it differs
            self.theme = chosen

    def get_default_screen(self) -> Screen:
        """The first screen, built and drawn with the app itself: the session, the editor or the picker.

        With a routine to start, the picker is not built until the session ends, so its cost is
        not paid before the countdown shows.
        """
        if self._start is not None:
            return self._session_screen(self._start, ref=self._start_ref)
        if self._edit is not None:
            return self._editor_screen(self._edit)
        return screens.PickerScreen()

    def _fit(self, width: int, height: int) -> None:
        """Smaller than Supple can draw: one line asks for more room, over everything, until there is. Done as
        the resize comes in, before any screen is drawn at that size (a dialog at 4 columns raised in Rich)."""
        small = screens.TooSmallScreen.needed(width, height)
        shown = isinstance(self.screen, screens.TooSmallScreen)
        if small and not shown:
            from textual.command import CommandPalette

            if CommandPalette.is_open(self):  # Textual's palette is not drawn narrower than it is: closed
                self.screen.dismiss()
            self.push_screen(screens.TooSmallScreen())
        elif shown and not small:
            self.pop_screen()

    def on_app_focus(self, event: events.AppFocus) -> None:
        """The terminal is in front again (back from a shell, another window): the list looks again."""
        if isinstance(self.screen, screens.PickerScreen):
            self.screen.look_again()

    def action_command_palette(self) -> None:
        """Ctrl+P: Textual's palette, with its crashes under quick keys guarded (app.ui.palette)."""
        from textual.command import CommandPalette

        from app.ui.palette import Palette

        if isinstance(self.screen, screens.TooSmallScreen):
            return  # nothing opens in a terminal too small to draw it
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def action_help(self) -> None:
        """The keys, opened at the section for the screen below (F1 anywhere, where ? would be typed)."""
        if not isinstance(self.screen, (screens.HelpScreen, screens.TooSmallScreen)):
            self.push_screen(screens.HelpScreen(self.screen.HELP_SECTION if isinstance(self.screen, Supple) else None))

    def _theme_chosen(self, theme: object) -> None:
        """Remember a theme chosen anywhere (the palette's Theme), off the event loop. Not one browsed in the
        settings: Save keeps it with the rest, and Cancel takes it back and writes nothing."""
        if any(isinstance(screen, screens.SettingsScreen) for screen in self.screen_stack):
            return
        if self.settings.theme != self.theme:
            self.settings = self.settings._replace(theme=self.theme)
            self.run_worker(self._save_settings, thread=True, exit_on_error=False)

    def _save_settings(self) -> None:
        settings = self.settings
        try:
            save_settings(settings, base=self.settings_base)
        except NotReadCleanly as error:
            self.call_from_thread(
                notify,
                self,
                f"The theme is not remembered: {error}. Saving the settings (s in "
                "the list) offers to replace the file, keeping the old one beside it.",
                severity="warning",
                timeout=12,
            )
        except OSError as error:
            self.call_from_thread(
                notify, self, f"The theme is not remembered: {error.strerror or error}", severity="warning"
            )
        else:
            self.settings_base = self.settings_base._replace(theme=settings.theme)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        if self._unknown_theme:
            notify(
                self,
                f"Theme {self._unknown_theme!r} is not one Supple knows; using {self.theme}.",
                severity="warning",
                timeout=8,
            )
        self.sound.attach(self._sound_report, self.bell)
        if self.training_log is not None:
            self.training_log.notice = self._log_notice
        self.app_resume_signal.subscribe(self, self._redraw)
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                loop.add_signal_handler(number, self._signalled, number)
            threading.excepthook = partial(self._thread_failed, threading.excepthook, loop)
            self._watch_stops(loop)
        if self._settings_problem:
            notify(self, self._settings_problem, title="Settings", severity="warning", timeout=12)
        self.call_after_refresh(self._first_frame_drawn)

    def _first_frame_drawn(self) -> None:
        """Work that can wait until the user sees the app: the sound helper, the keep-awake, garbage collection."""
        self.sound.start()  # a cue asked for before this starts the helper itself
        self.keep_awake.start()
        if self.training_log is not None:
            self.training_log.start()
            if self._start is None and self._edit is None:  # bare `supple`: offer to go on with a lost session
                screens.look_for_unfinished(self)
        if self._start is None and self._edit is None:  # and with editor work kept when it last quit
            screens.offer_kept(self)
        if not gc.isenabled():  # the command line turned it off for start-up
            gc.freeze()  # what start-up built lives until the end; later collections skip it
            gc.enable()

    def open_editor(self, entry: Entry | Literal["new"], copy: bool = False, known: list[Entry] | None = None) -> None:
        """The editor on a routine, on a copy of it, or on a new one; `known` are the routines the
        picker has read, so the editor need not read them again to know the names taken."""
        screen = self._editor_screen(entry, copy)
        if known is not None:
            screen.know(known)
        self.push_screen(screen)

    def open_text_editor(self, entry: Entry) -> None:
        """A broken routine file as text, to fix it; a file that cannot be read is said so."""
        from app.routine.saving import SaveError

        try:
            self.push_screen(screens.TextEditorScreen.open(entry))
        except SaveError as error:
            notify(self, str(error), severity="error", timeout=8)

    @staticmethod
    def _editor_screen(entry: Entry | Literal["new"], copy: bool = False) -> Screen:
        if entry == "new":
            return screens.EditorScreen.new()
        if entry.routine is None:
            return screens.TextEditorScreen.open(entry)  # the command line made sure it can be read
        return screens.EditorScreen.for_entry(entry, copy=copy)

    def leave_editor(self, editor: Screen, saved_ref: str | None) -> None:
        """Back to the picker from `editor`, showing the routine just saved."""
        if saved_ref and editor is self.screen:
            self.highlight_ref = saved_ref
        self.leave_session(editor)

    @property
    def from_command_line(self) -> bool:
        """Started for one session or one routine to edit (`supple run`, `supple new`, `supple edit`): when it
        closes, Supple ends, and what the user types next goes to the shell."""
        return self._start is not None or self._edit is not None

    def _picker(self) -> screens.PickerScreen | None:
        """The list of routines in the stack, if there is one (a session or an editor may be above it)."""
        return next((screen for screen in self.screen_stack if isinstance(screen, screens.PickerScreen)), None)

    def back_to(self) -> str:
        """Where closing a session's summary or the editor goes: the shell, or the list of routines."""
        return "Back to the shell" if self.from_command_line and self._picker() is None else "Back to routines"

    def leave_session(self, leaving: Screen) -> None:
        """Back to the picker from `leaving` (a session's summary or the editor), if it is still the screen
        on top: a key pressed twice asks twice, and the second must not take the picker away."""
        if leaving is not self.screen:
            return
        picker = self._picker()
        if picker is None and self.from_command_line:
            self.exit()  # `supple run` and `supple new` go back to the shell they came from, not on into a list
        elif picker is not None:
            picker.stale = True  # files may have changed meanwhile: read them again on return
            self.pop_screen()
        else:
            self.replace_screen(screens.PickerScreen())

    def replace_screen(self, screen: Screen) -> None:
        """Show `screen` in place of the current one.

        Textual cannot switch away from the app's first screen (textual#2650), so a session or
        editor the app started on stays underneath, finished with, and `screen` goes on top.
        """
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _sound_report(self, state: SoundState) -> None:
        """The sound helper's word on which player it uses; it may come from another thread."""
        try:
            self.call_from_thread(self._show_sound_state, state)
        except RuntimeError:  # on the app's own thread (a report held from before it started)
            if self.is_running:
                self._show_sound_state(state)

    def _awake_report(self, held: bool, why: str) -> None:
        """The keep-awake's word (from its thread): the session's top line says when the screen may sleep."""
        try:
            self.call_from_thread(self._awake_changed)
        except RuntimeError:  # the app has ended meanwhile
            pass

    def _awake_changed(self) -> None:
        if self.screen_stack and isinstance(self.screen, Supple):
            self.screen.state_changed()

    def _show_sound_state(self, state: SoundState) -> None:
        """One short line, where it hides nothing: the session's top line, or a brief notice on the picker
        (the editor has no use for it); the settings' status line says it in full."""
        self.sound_state = state
        under_dialogs = next((s for s in reversed(self.screen_stack) if not s.is_modal), self.screen)
        if isinstance(self.screen, screens.SettingsScreen):
            self.screen.state_changed()  # in its status line, not a toast over its buttons
        elif isinstance(under_dialogs, screens.PickerScreen):
            notify(self, state.summary(), timeout=5)
        elif isinstance(under_dialogs, Supple):
            under_dialogs.state_changed()

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Does nothing: an action that writes a file wherever it is told must not be reachable.

        The command palette's "Save screenshot" still works; it calls Textual directly.
        """

    def action_interrupt(self) -> None:
        """Ctrl+C: quits, except where one slip would lose something (a session under way, unsaved edits):
        there it asks as q (or Ctrl+Q in an editor) does, and a second Ctrl+C in that question quits, with
        status 130 (an interrupted session is logged as stopped)."""
        if isinstance(self.screen, (screens.StopSessionScreen, screens.SaveChanges)):
            below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
            if isinstance(below, screens.EditorScreen) and not self._keep_failed:
                try:
                    below.keep_unsaved()
                except OSError as error:
                    self._keep_failed = True  # said once: the next Ctrl+C quits without them
                    notify(
                        self,
                        f"Your changes could not be kept ({error.strerror or error}): save them, or press "
                        "Ctrl+C again to quit without them.",
                        severity="error",
                        timeout=12,
                    )
                    return
            self.exit(return_code=128 + signal.SIGINT)
            return
        if not self._asked_before_quitting(quit_session=False):
            self.exit()

    async def action_quit(self) -> None:
        """Ctrl+Q, the picker's q and the palette's Quit: as Ctrl+C, a session under way or unsaved edits are
        asked about first (the palette's Quit ended a session unasked); with the question open, it waits."""
        if isinstance(self.screen, (screens.StopSessionScreen, screens.SaveChanges)):
            return
        if not self._asked_before_quitting():
            self.exit()

    def _asked_before_quitting(self, quit_session: bool = True) -> bool:
        """Ask, as q (or Ctrl+Q in an editor) does, where quitting would lose something; False: nothing to ask.
        `quit_session`: a session's stop quits too (Ctrl+C's asks only to stop: a second Ctrl+C quits)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, screens.SessionScreen) and screen.under_way:
                ask = partial(screen.action_leave, quit_app=quit_session, interrupted=not quit_session)
            elif isinstance(screen, (screens.EditorScreen, screens.TextEditorScreen)) and screen.dirty:
                ask = partial(screen.action_leave, quit_app=True)
            else:
                continue
            while self.screen is not screen:  # a dialog over it gives way to the question
                self.pop_screen()
            ask()
            return True
        return False

    def _log_notice(self, text: str) -> None:
        """The log's writer has something to say (from its thread): said once, as a notice."""
        try:
            self.call_from_thread(notify, self, text, title="Training log", severity="warning", timeout=10)
        except RuntimeError:
            pass  # the app has ended

    def dialog_closed(self) -> None:
        """A dialog is closing: a key typed while it was open (Esc Esc, Enter Enter, a fast double press)
        and handled only now was meant for it, never for the screen below (a summary not yet seen)."""
        self._keys_void_before = time.monotonic()  # the clock Textual stamps messages with (not on Windows)

    async def on_event(self, event: events.Event) -> None:
        # Seen twice: as it comes in, and as it bubbles back up to the bindings of the screen on top then.
        if isinstance(event, events.Key) and event.time < self._keys_void_before:
            return
        if isinstance(event, events.Resize) and self._screen_stack:
            self._fit(event.size.width, event.size.height)
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.sound.close()
        self.keep_awake.report = lambda held, why: None  # nothing left to draw it on
        self.keep_awake.close(timeout=0)  # let go, and never wait on the bus here: the command line waits

    def start_session(
        self,
        routine: Routine,
        *,
        scale: float | None = None,
        ref: str | None = None,
        why: str = "",
        chosen: bool = False,
        resume: ResumePlan | None = None,
    ) -> None:
        """Open the session screen for `routine` at `scale` (default: the command line's) and why it runs so
        (app.session.start), or going on with a session a crash left unfinished."""
        self.push_screen(self._session_screen(routine, scale, ref, resume, why, chosen))

    def _session_screen(
        self,
        routine: Routine,
        scale: float | None = None,
        ref: str | None = None,
        resume: ResumePlan | None = None,
        why: str | None = None,
        chosen: bool = False,
    ) -> Screen:
        from app.session.engine import Engine
        from app.session.runner import SessionRunner

        command_line = scale is None and why is None
        # The runner is the app's: anything that drives the session (a key, later a phone) drives this one.
        self.runner = SessionRunner(Engine(routine, self.clock, self.scale if scale is None else scale), self.sound)
        return screens.SessionScreen(
            routine,
            clock=self.clock,
            scale=self.runner.engine.plan.scale,
            ref=ref,
            log=self.training_log,
            resume=resume,
            scale_why=self.scale_why if command_line else (why or ""),
            scale_chosen=self.scale_chosen if command_line else chosen,
            runner=self.runner,
        )


def make_app(
    *,
    load_entries: Callable[[], list[Entry]] = load_library,
    clock: Clock = time.monotonic,
    sound: SoundOutput | None = None,
    settings: Settings | None = None,
    settings_problem: str | None = None,
    start: Routine | None = None,
    start_ref: str | None = None,
    scale: float = 1.0,
    scale_why: str = "",
    scale_chosen: bool = False,
    edit: Entry | Literal["new"] | None = None,
    log: LogWriter | None = None,
    keep_awake: KeepAwake | None = None,
) -> SuppleApp:
    """Build the app; tests pass a fake clock and their own routines. Without `settings`, the defaults, with
    the sound as it is set."""
    if sound is None:
        from app.sound.output import Recorder

        sound = Recorder()
    if keep_awake is None:  # as with the sound: a recording, unless the command line gives the real one
        from app.session.keep_awake import KeepAwake, Recording

        keep_awake = KeepAwake(Recording())
    if settings is None:
        settings = Settings(sound=not sound.muted, voice=sound.voice, halfway=sound.halfway, volume=sound.volume)
    return SuppleApp(
        load_entries=load_entries,
        clock=clock,
        sound=sound,
        settings=settings,
        settings_problem=settings_problem,
        start=start,
        start_ref=start_ref,
        scale=scale,
        scale_why=scale_why,
        scale_chosen=scale_chosen,
        edit=edit,
        log=log,
        keep_awake=keep_awake,
    )
