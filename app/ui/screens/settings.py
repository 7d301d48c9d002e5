"""The settings screen: sound, volume, voice, the halfway cue, the check-in, the theme, the flash and the move in
the work, with a test of every sound."""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from app.settings import NotReadCleanly, Settings, save_settings
from app.sound.sentence import Speech
from app.sound.synth import CUES, length
from app.text import shorten
from app.ui.screens.dialogs import ConfirmScreen, Dialog
from app.ui.text import notify, plain
from app.ui.widgets.tick import Tick

# The flash setting's choices, as the list shows them.
FLASHES = [("when silent", "auto"), ("always", "on"), ("never", "off")]
TEST_GAP = 0.6  # seconds of quiet between the sounds of the test
TEST_SENTENCE = Speech(("This is how Supple speaks: arm swings, 30 seconds",), None)


class SettingsScreen(Dialog[None]):
    """Edit and save config.toml; the session picks the changes up at once."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
    ]

    def compose_dialog(self) -> ComposeResult:
        settings = self.app.settings
        with Vertical(classes="dialog settings"):
            yield Static("Settings", classes="dialog-question")
            yield Tick("Sound cues (start, 3-2-1, switch sides, done)", settings.sound, id="sound", compact=True)
            with Horizontal(classes="setting"):
                yield Label("Volume (0-100)", classes="setting-label")
                yield Input(str(settings.volume), id="volume", type="integer", max_length=3, compact=True)
                work = Tick("Move beside the clock", settings.move_in_work, id="move_in_work", compact=True)
                work.tooltip = "Each session shows the move in the work too, the clock smaller; f switches it there"
                yield work
            yield Static("", id="volume-error", classes="field-error")
            yield Tick("Spoken announcements (step names, sides)", settings.voice, id="voice", compact=True)
            yield Tick("A sound halfway through long holds", settings.halfway, id="halfway", compact=True)
            yield Tick("Ask how my back feels after each session", settings.checkin, id="checkin", compact=True)
            with Horizontal(classes="setting"):
                yield Label("Theme", classes="setting-label")
                themes = sorted(self.app.available_themes)
                yield Select(
                    [(name, name) for name in themes], value=self.app.theme, allow_blank=False, id="theme", compact=True
                )
            with Horizontal(classes="setting"):
                yield Label("Flash", classes="setting-label")
                yield Select(FLASHES, value=settings.flash, allow_blank=False, id="flash", compact=True)
                motion = Tick("Reduced motion", settings.reduced_motion, id="reduced_motion", compact=True)
                motion.tooltip = "Nothing blinks or moves: a steady band instead of the flash, figures that hold a pose"
                yield motion
            yield Static(plain(self._sound_status()), id="sound-status")
            with Horizontal(classes="dialog-buttons"):
                # One row each, so the buttons show without scrolling at 60x20 too.
                yield Button("Test sound", id="test", compact=True)
                yield Button("Save (ctrl+s)", variant="success", id="save", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def _sound_status(self) -> str:
        state = self.app.sound_state
        if state is not None and state.ready:
            return state.describe()
        if self.app.sound.muted:  # a muted Supple starts no player until a sound is wanted
            return "Sound: off; the player starts when sound is on (Test sound starts it now)"
        return "Sound: starting"

    def state_changed(self) -> None:
        """The sound helper's report came while the box is open: its status line says it, in full."""
        status = self.query_one("#sound-status", Static)
        if getattr(self, "_notice_timer", None) is None:  # a report may come before the box is mounted
            status.update(plain(self._sound_status()))
        else:
            self._status_before = plain(self._sound_status())  # shown once the notice is over

    def take_notice(self, text: str, seconds: float) -> bool:
        """A notice goes into the sound's status line, in the box, for `seconds`: a toast covered the buttons
        at 60x20, Test sound among them."""
        status = self.query_one("#sound-status", Static)
        if self._notice_timer is not None:
            self._notice_timer.stop()
        else:
            self._status_before = status.content
        status.update(plain(text, "bold"))
        self._notice_timer = self.set_timer(seconds, self._notice_over)
        return True

    def _notice_over(self) -> None:
        self._notice_timer = None
        self.query_one("#sound-status", Static).update(self._status_before)

    def _read(self) -> Settings | None:
        text = self.query_one("#volume", Input).value.strip()
        error = self.query_one("#volume-error", Static)
        if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 100:
            error.update(plain(f"volume must be a whole number from 0 to 100, got {shorten(text)!r}"))
            error.display = True
            return None
        error.update("")
        error.display = False
        keys = ("sound", "voice", "halfway", "checkin", "reduced_motion", "move_in_work")
        values = {key: self.query_one(f"#{key}", Checkbox).value for key in keys}
        flash = self.query_one("#flash", Select).value
        return Settings(volume=int(text), theme=self.app.theme, flash=str(flash), **values)

    def on_mount(self) -> None:
        # The picker's notice of the sound (a toast) covered the buttons at 60x20: the status line says it.
        self.app.clear_notifications()
        self._notice_timer: Timer | None = None  # a notice shown in the status line, until this ends
        self._status_before: object = ""  # what the status line said before it
        self._theme_before = self.app.theme
        self._saving = False  # a save under way: a second Ctrl+S meanwhile does nothing

    def _replace_chosen(self, replace: bool | None) -> None:
        if replace:
            self.run_worker(self.action_save(replace=True))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "volume":
            self._read()  # said as it is typed, not only on saving

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "theme" and isinstance(event.value, str):
            self.app.theme = event.value  # seen at once, behind the dialog

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "test":
            self.action_test()
        elif event.button.id == "save":
            self.run_worker(self.action_save())
        else:
            self.action_cancel()

    def action_test(self) -> None:
        """Every cue in turn, then a spoken sentence; timers space them, nothing waits."""
        settings = self._read()
        if settings is None:
            return
        sound = self.app.sound
        state = self.app.sound_state
        if state is not None and state.ready and state.player is None:
            shown = self.query_one("#flash", Select).value != "off" and not settings.reduced_motion
            flashes = "; a session flashes the screen at each new part too" if shown else ""
            notify(
                self,
                "No sound player works here: the test rings the terminal bell for each cue instead (if "
                f"the terminal lets it ring){flashes}.",
                severity="warning",
                timeout=10,
            )
        sound.set_volume(settings.volume)
        moment = 0.0
        for name in CUES:
            self.set_timer(moment or 0.01, lambda name=name: sound.cue(name, force=True))
            moment += length(name) + TEST_GAP
        self.set_timer(moment, lambda: sound.say(TEST_SENTENCE, force=True))

    async def action_save(self, replace: bool = False) -> None:
        settings = self._read()
        if settings is None or self._saving:
            return
        self._saving = True
        try:
            path = await asyncio.to_thread(save_settings, settings, base=self.app.settings_base, replace=replace)
        except NotReadCleanly as error:
            self.app.push_screen(
                ConfirmScreen(
                    f"{error}. Replace it with these settings?",
                    yes="Replace",
                    no="Keep it",
                    note="The old file is kept beside it, renamed config.toml.broken-<date>.",
                ),
                self._replace_chosen,
            )
            return
        except OSError as error:
            notify(self, f"Settings not saved: {error.strerror or error}", severity="error")
            return
        finally:
            self._saving = False
        self.app.settings = self.app.settings_base = settings
        self.app.sound.configure(settings)
        self.dismiss(None)
        # Said once the box has gone, by the screen below it (a toast, or a session's hint line).
        self.app.call_after_refresh(notify, self.app, f"Settings saved to {path}")

    def action_cancel(self) -> None:
        self.app.sound.set_volume(self.app.settings.volume)  # undo a volume only tried out
        self.app.theme = self._theme_before
        self.dismiss(None)
