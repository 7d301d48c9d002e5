"""The session screen: phase, step, big countdown, side and set, form cues, what is next, progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from app.announce import on_finish, on_segment
from app.engine import Clock, CueDue, Engine, Finished, SegmentStarted
from app.model import Routine
from app.session_view import session_view
from app.ui.screens import stylesheet
from app.ui.text import notify, plain
from app.ui.widgets.bar import bar_text
from app.ui.widgets.big_clock import BigClock
from app.ui.widgets.key_bar import KeyBar
from app.ui.widgets.top_bar import TopBar

FLASH_SECONDS = 0.35
KINDS = ("prep", "work", "switch", "rest", "transition")


class SessionScreen(Screen[None]):
    """Guides the user through one routine; time comes from the engine's clock."""

    DEFAULT_CSS = stylesheet("session.tcss")

    BINDINGS = [
        Binding("space", "primary", "Pause/Done", id="session.pause"),
        Binding("n,right", "next", "Next", id="session.next"),
        Binding("p,left", "back", "Back", id="session.back"),
        Binding("g", "jump", "Step", id="session.jump"),
        Binding("plus,equals_sign", "add_time(10)", "10s", id="session.more", key_display="+"),
        Binding("minus,underscore", "add_time(-10)", "10s", id="session.less", key_display="-"),
        Binding("m", "mute", "Sound on/off", id="session.mute", show=False),
        Binding("v", "voice", "Voice on/off", id="session.voice", show=False),
        Binding("q,escape", "leave", "Quit", id="session.quit"),
        Binding("question_mark", "help", "Help", id="session.help"),
    ]

    def __init__(self, routine: Routine, *, clock: Clock, scale: float = 1.0) -> None:
        engine = Engine(routine, clock, scale)
        kind = engine.segment.kind
        # Born with its first phase's class: a class changed after mounting restyles every widget.
        super().__init__(classes=f"-{kind}")
        self.engine = engine
        self._shown: dict[str, object] = {"kind": kind, "paused": False}
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TopBar(self.engine.routine.name, id="top")
        yield Static(id="phase")
        with Vertical(id="middle"):
            yield Static(id="title")
            yield BigClock(id="clock")
            yield Static(id="detail")
            yield Static(id="hint")
            yield Static(id="cues")
        yield Static(id="upcoming")
        yield Static(id="bar")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_sound_state()
        self.engine.start()
        self.tick()

    def on_resize(self) -> None:
        self._shown.pop("bar", None)
        self.render_view()

    # --- time ---------------------------------------------------------------------------

    def tick(self) -> None:
        """Catch up with the clock, play due cues, redraw what changed, and aim the next wake-up."""
        events = self.engine.poll()
        cues = [event.cue for event in events if isinstance(event, CueDue)]
        sound = self.app.sound
        for cue in cues:
            sound.cue(cue)  # first: sound is what the user relies on
        if any(isinstance(event, Finished) for event in events):
            sound.say(on_finish())
            self._finished()
            return
        if any(isinstance(event, SegmentStarted) for event in events):
            sound.say(on_segment(self.engine, halfway=sound.settings.halfway))
        self.render_view()
        if cues:
            self._flash()
        if any(isinstance(event, SegmentStarted) for event in events):
            self.refresh_bindings()
        self._schedule()

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        wake = self.engine.next_wakeup()
        if wake is not None:
            self._timer = self.set_timer(max(0.0, wake - self.engine.clock()), self.tick)

    def _flash(self) -> None:
        phase = self.query_one("#phase", Static)
        phase.add_class("-flash")
        self.set_timer(FLASH_SECONDS, lambda: phase.remove_class("-flash"))

    def _finished(self) -> None:
        from app.ui.screens.summary import SummaryScreen

        if self._timer is not None:
            self._timer.stop()
        self.app.replace_screen(SummaryScreen(self.engine.routine.name, self.engine.summary()))

    # --- drawing ------------------------------------------------------------------------

    def _show(self, key: str, value: object, write) -> None:
        """Write to a widget only when what it shows changes."""
        if self._shown.get(key) != value:
            self._shown[key] = value
            write(value)

    def _text(self, key: str, value: str) -> None:
        """Show `value` literally in the Static `#key`, when it changed."""
        self._show(key, value, lambda text: self.query_one(f"#{key}", Static).update(plain(text)))

    def render_view(self) -> None:
        view = session_view(self.engine)
        q = self.query_one
        # The clock first: it is what must change on the second; restyling can follow.
        self._show("clock", view.clock, q("#clock", BigClock).update)
        self._show("kind", view.kind, self._set_kind)
        self._show("paused", view.paused, lambda p: self.set_class(p, "-paused"))
        q("#top", TopBar).show(position=view.position, left=view.left)
        self._text("phase", view.phase + ("  ·  PAUSED" if view.paused else ""))
        self._text("title", view.title)
        self._text("detail", view.detail)
        self._text("hint", "PAUSED · press Space to resume" if view.paused else view.hint)
        self._text("cues", "\n".join(f"• {c}" for c in view.cues))
        self._text("upcoming", view.upcoming)
        bar = q("#bar", Static)
        self._text("bar", bar_text(view.progress, view.progress_total, bar.content_size.width or 40))

    def _set_kind(self, kind: str) -> None:
        for name in KINDS:
            self.set_class(name == kind, f"-{name}")

    # --- keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_time" and self.engine.is_open:
            return None  # shown greyed: an open step has no countdown to change
        return True

    def _after_operation(self) -> None:
        self.refresh_bindings()
        self.tick()

    def action_primary(self) -> None:
        if self.engine.is_open and not self.engine.paused:
            self.engine.done()
        else:
            self.engine.toggle_pause()
        self._after_operation()

    def action_mute(self) -> None:
        sound = self.app.sound
        sound.muted = not sound.muted
        notify(self, "Sound off" if sound.muted else "Sound on", timeout=2)
        self._show_sound_state()

    def action_voice(self) -> None:
        sound = self.app.sound
        sound.voice = not sound.voice
        notify(self, "Voice on" if sound.voice else "Voice off: tones only", timeout=2)
        self._show_sound_state()

    def _show_sound_state(self) -> None:
        sound = self.app.sound
        state = "MUTED" if sound.muted else ("" if sound.voice else "voice off")
        self.query_one("#top", TopBar).show(sound_state=state)

    def action_next(self) -> None:
        self.engine.next()
        self._after_operation()

    def action_back(self) -> None:
        self.engine.back()
        self._after_operation()

    def action_add_time(self, seconds: float) -> None:
        if not self.engine.add_time(seconds):
            notify(self, "Already at the least time left (1 s).", timeout=2)
        self._after_operation()

    def action_jump(self) -> None:
        from app.ui.screens.dialogs import JumpScreen

        steps = [step.name for step in self.engine.routine.steps]
        current = self.engine.segment.step or 1
        self.app.push_screen(JumpScreen(steps, current), self._jumped)

    def _jumped(self, step: int | None) -> None:
        if step is not None:
            self.engine.jump(step)
        self._after_operation()

    def action_leave(self) -> None:
        from app.ui.screens.dialogs import ConfirmScreen

        was_paused = self.engine.paused
        if not was_paused:
            self.engine.toggle_pause()
            self._after_operation()

        def answered(stop: bool | None) -> None:
            if stop:
                if self._timer is not None:
                    self._timer.stop()
                self.app.leave_session()
                return
            if not was_paused:
                self.engine.toggle_pause()
            self._after_operation()

        self.app.push_screen(ConfirmScreen("Stop this session?", "Stop", "Keep going"), answered)

    def action_help(self) -> None:
        from app.ui.screens.dialogs import HelpScreen

        self.app.push_screen(HelpScreen())
