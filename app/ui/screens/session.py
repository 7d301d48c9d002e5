"""The session screen: phase, step, big countdown, side and set, form cues, what is next, progress."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from app.routine.model import Routine
from app.session.engine import Clock, Engine
from app.session.keep_awake import PAUSE_AWAKE
from app.session.plan import scale_label
from app.session.runner import Command, SessionRunner
from app.ui import screens
from app.ui.screens import stylesheet
from app.ui.screens.session_drawing import SessionDrawing
from app.ui.screens.session_figure import FigureSlot
from app.ui.text import notify
from app.ui.widgets.bar import ProgressBar
from app.ui.widgets.big_clock import BigClock
from app.ui.widgets.drawn import DrawnNotice, when_all_drawn
from app.ui.widgets.key_bar import KeyBar
from app.ui.widgets.move_figure import MoveFigure
from app.ui.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from app.log.recorder import SessionRecorder
    from app.log.resume import ResumePlan
    from app.log.writer import LogWriter

SOUND_WAIT = 2.5  # seconds a session waits for the sound to be ready before it starts without it
SHORT_SCREEN = 24  # rows below which the phase band is one line, not three
SAY_SECONDS = 2.5  # how long a word on a key stays in the hint line


class SessionScreen(SessionDrawing):
    """Guides the user through one routine; time comes from the engine's clock."""

    HELP_SECTION = "In a session"  # where the help opens from here

    DEFAULT_CSS = stylesheet("session.tcss")

    BINDINGS = [
        Binding(
            "space",
            "primary",
            "Pause/Done",
            id="session.pause",
            tooltip="Pause or go on; on a step without a timer, mark it done",
        ),
        Binding(
            "n,right", "next", "Next", id="session.next", tooltip="On to the next part (a get-ready, the step, a rest)"
        ),
        Binding(
            "p,left",
            "back",
            "Back",
            id="session.back",
            tooltip="Back to the start of this part; in its first 2 seconds, the part before",
        ),
        Binding("g", "jump", "Step", id="session.jump", tooltip="Choose a step to go to"),
        Binding(
            "plus,equals_sign",
            "add_time(10)",
            "10s",
            id="session.more",
            key_display="+",
            tooltip="Ten seconds more on this step (on a paced one, the reps ten seconds hold)",
        ),
        Binding(
            "minus,underscore",
            "add_time(-10)",
            "10s",
            id="session.less",
            key_display="-",
            tooltip="Ten seconds less on this step (on a paced one, the reps ten seconds hold)",
        ),
        Binding("m", "mute", "Sound on/off", id="session.mute", show=False, tooltip="Turn all sound off or on"),
        Binding(
            "f",
            "figure",
            "Show move",
            id="session.figure",
            tooltip="Show the move in the work too, the clock smaller; again: the clock large",
        ),
        Binding(
            "v", "voice", "Voice on/off", id="session.voice", show=False, tooltip="Turn the spoken step names off or on"
        ),
        Binding(
            "q,escape",
            "leave",
            "Quit",
            id="session.quit",
            tooltip="Stop the session (asks first) and see what was done",
        ),
        Binding("question_mark", "help", "Help", id="session.help", tooltip="What every key does"),
    ]
    # On a narrow terminal the key bar leaves these out first, in this order.
    KEYS_FIRST_TO_GO = ("session.less", "session.more", "session.figure", "session.back", "session.jump")

    def __init__(
        self,
        routine: Routine,
        *,
        clock: Clock,
        scale: float = 1.0,
        ref: str | None = None,
        log: LogWriter | None = None,
        resume: ResumePlan | None = None,
        scale_why: str = "",
        scale_chosen: bool = False,
        runner: SessionRunner | None = None,
    ) -> None:
        """`runner`: the app's, for this session (made here when none is given)."""
        runner = runner or SessionRunner(Engine(routine, clock, scale), None)
        engine = runner.engine
        kind = engine.segments[resume.at].kind if resume else engine.segment.kind
        super().__init__()
        self.engine = engine  # for the log's recorder (and tests that look inside); driven only by the runner
        self.runner = runner  # its sound and log are the app's, given on mount
        self.ref = ref  # how the library names the routine, so the picker can show it afterwards
        self.training_log, self.resume = log, resume
        self.scale_why = scale_why  # why it runs at its scale: a build-up, or a scale chosen over one
        self.scale_chosen = scale_chosen
        self.recorder: SessionRecorder | None = None
        self._ended = False
        self._said = ""  # a word on the last key pressed, in the hint line for a moment
        self._said_timer: Timer | None = None
        self._auto_paused = False  # paused because something covers the screen, to go on when uncovered
        self._shown: dict[str, object] = {"kind": kind, "paused": False}
        self._timer: Timer | None = None
        self._waiting: Timer | None = None
        self._sleep_timer: Timer | None = None  # a long pause lets the screen sleep
        self._ticked_at = clock()  # when the session last caught up with the clock
        self.figure = FigureSlot(self)

    def compose(self) -> ComposeResult:
        yield TopBar(self.runner.name, id="top")
        # The phase's colour is a class on the band alone: one on the screen would restyle every widget
        # at each change of phase (25 ms on a slow machine, the second then shown late); born with it.
        yield Static(id="phase", classes=f"-{self._shown['kind']}")
        with Vertical(id="middle"):
            yield MoveFigure(id="figure")  # docked to the right, in the room the clock leaves
            # The words in a box of their own, beside the figure: Textual repaints every widget whose box
            # (its clip) overlaps a change, so a frame of the figure would otherwise re-render all five.
            with Vertical(id="words"):
                yield Static(id="title")
                yield BigClock(id="clock")
                yield Static(id="detail")
                yield Static(id="hint")
                with Horizontal(id="below"):  # where the digits fill the width, the figure goes under them
                    yield Static(id="cues")
                    yield MoveFigure(id="figure-below")
        yield Static(id="upcoming")
        yield ProgressBar(id="bar")
        yield KeyBar()

    def on_mount(self) -> None:
        self.runner.sound = self.app.sound
        self.runner.listen(self._changed)
        if self.ref:
            self.app.highlight_ref = self.ref
        label = scale_label(self.runner.scale)
        if self.scale_why:
            from app.log.build_up import short

            if not self.scale_chosen:  # a build-up's scale: say where it stands
                label = f"{label or '100 %'} {short(self.scale_why)}"
            notify(
                self,
                self.scale_why
                if self.scale_chosen
                else f"{scale_label(self.runner.scale) or '100 %'}: {self.scale_why}",
                timeout=6,
            )
        self.query_one("#top", TopBar).show(scale=label)
        self.state_changed()
        self.render_view()
        # The cues' rows depend on the middle's size, known only once laid out: draw again then, so
        # the first second already shows them.
        self.call_after_refresh(self.redraw)
        # Time 0 is when the first sound can be heard: wait for the player, for so long only.
        self._mounted_at = self.runner.now()
        if not self._start_when_sound_is_ready():
            self._waiting = self.set_interval(0.05, self._start_when_sound_is_ready)

    def _start_when_sound_is_ready(self) -> bool:
        """Start the session once sound is ready (or off, or SOUND_WAIT has passed); True once started."""
        sound = self.app.sound
        waited = self.runner.now() - self._mounted_at >= SOUND_WAIT
        if not (sound.muted or sound.state.ready or waited):
            return False
        if self._waiting is not None:
            self._waiting.stop()
            self._waiting = None
        if not self.runner.started:
            resume = self.resume
            if self.training_log is not None:
                from app.log.recorder import SessionRecorder

                self.recorder = SessionRecorder(
                    self.training_log, self.engine, self.ref or "", session_id=resume.session_id if resume else None
                )
                self.runner.recorder = self.recorder
            self.runner.start(resume)  # a resumed one where it stood, paused in a get-ready, until the user is back
            self.figure.load()
            self._keep_awake()
            self.tick()
        return True

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_SCREEN, "-short")
        self.redraw()
        # Again once laid out: the middle's height lags a resize by a frame, and cues given the old height's
        # spare rows to go on to would keep the clock small until the next second.
        self.call_after_refresh(self.redraw)

    # --- time ---------------------------------------------------------------------------

    def tick(self, on_the_second: bool = True) -> None:
        """Catch up with the clock, play due cues, redraw what changed, and aim the next wake-up.

        `on_the_second`: called by the timer, when a new second must show on time; after a key,
        the whole screen changes at once instead.
        """
        if self.app.going_on:  # back from a stop: held where it began before the time stopped is counted
            self.app.went_on()
        self._ticked_at = self.runner.now()
        started, cued, finished, halfway = self.runner.advance()
        if finished:
            self._end()
            return
        if on_the_second and (started or cued):
            # The new second on a frame of its own, on time; the rest (the new step's name, cues and
            # colours: a layout of the whole screen; the flash; the log's write) once it is drawn.
            self._show_time(self.runner.view())
            when_all_drawn(
                [self.query_one(f"#{name}", DrawnNotice) for name in ("clock", "top", "bar")],
                partial(self._after_the_second, started, cued, halfway),
            )
        else:
            self._after_the_second(started, cued, halfway)
        self._schedule()

    def _after_the_second(self, started: bool, flash: bool, halfway: bool = False) -> None:
        if not self.is_attached or self._ended or not self.runner.under_way:
            return  # the session ended meanwhile (its summary may be shown above it): nothing to log or show
        if started:
            self.runner.sync()  # the segment left, and where the session stands now
        self.render_view()
        if flash:
            # Halfway flashes as a new part does: cues say "reverse at the halfway sound", and where no sound
            # is heard the screen must say when.
            self._flash(started or halfway)
        if started:
            self.refresh_bindings()

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        wake = self.runner.next_wakeup()
        if wake is not None:
            self._timer = self.set_timer(max(0.0, wake - self.runner.now()), self.tick)

    def _end(self) -> None:
        """To the summary: at the routine's end, or when the user stops."""
        if self._timer is not None:
            self._timer.stop()
        log = self.training_log
        recorded = None if log is None else (log.unavailable or "")
        summary = screens.SummaryScreen(
            self.runner.name,
            self.runner.summary(),
            recorded=recorded,
            recorder=self.recorder if recorded == "" else None,
        )
        app = self.app

        def heard(why: str) -> None:  # on the log's thread
            try:
                app.call_from_thread(summary.log_heard, why)
            except RuntimeError:
                pass  # the app has ended meanwhile

        self._ended = True
        self.runner.end(heard)
        self._keep_awake()
        app.replace_screen(summary)

    def on_unmount(self) -> None:
        """Leaving the app mid-session: a signal (a closed window) leaves it to resume; quitting stops it."""
        if not self._ended:
            if self.app.exit_signal is not None:
                self.runner.sync()
            else:
                self._ended = True
                self.runner.end()
        self.app.keep_awake.want(False)

    # --- the screen awake -----------------------------------------------------------------

    def _set_paused(self, paused: bool) -> None:
        super()._set_paused(paused)
        self._keep_awake()
        self.redraw()  # paused, the figure stops on its pose

    def _keep_awake(self) -> None:
        """The screen stays awake while the session runs and for PAUSE_AWAKE seconds of a pause; not before
        it starts, nor once it is over."""
        if self._sleep_timer is not None:
            self._sleep_timer.stop()
            self._sleep_timer = None
        runner = self.runner
        awake = not self._ended and runner.started and runner.under_way
        if awake and runner.paused:
            self._sleep_timer = self.set_timer(PAUSE_AWAKE, self._let_sleep)
        self.app.keep_awake.want(awake)
        self.state_changed()

    def _let_sleep(self) -> None:
        self._sleep_timer = None
        self.app.keep_awake.want(False)
        self.state_changed()

    # --- keys ---------------------------------------------------------------------------

    def key_label(self, binding_id: str | None, description: str) -> str:
        """Space says what it does now; + and - say whether they add time or reps."""
        runner = self.runner
        if binding_id == "session.pause":
            paused = runner.paused and not self._auto_paused  # paused for the palette is running to the user
            return "Resume" if paused else ("Done" if runner.open_step else "Pause")
        count = runner.nudge_reps() if binding_id in ("session.more", "session.less") else None
        if count is not None:
            return f"{count} rep{'s' if count != 1 else ''}"
        if binding_id == "session.figure":
            # What f does to the work: the clock back to its size; or the move beside smaller digits, larger
            # than the one under them at 120x40 ("Show move" there, with a move on screen, said what was not so).
            if self.figure.in_work:
                return "Big clock"
            return "Bigger move" if self.figure.below_shown else description
        return description

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_time" and self.runner.open_step:
            return False  # not offered: an open step has no countdown to change
        if action == "figure" and not self.figure.moves:
            return False  # not offered in a session with no move to show (or none read yet)
        return True

    def command(self, command: Command) -> None:
        """Every key's way into the session: the runner applies it (and tells `_changed`), then says what to tell."""
        said = self.runner.apply(command)
        if said:
            self._say(said)

    def _changed(self) -> None:
        """The runner applied a command, from a key here or from anywhere else: draw it."""
        if not self.is_attached or self._ended:
            return
        self.state_changed()
        self.refresh_bindings()
        self.tick(on_the_second=False)

    def action_primary(self) -> None:
        if self._auto_paused:
            # Chosen in the palette while it covered the session: from the user's view the session
            # was running, so this is a pause they want kept (and on a step without a timer, Done).
            self._auto_paused = False
            self.command(Command("done" if self.runner.open_step else "pause"))
        else:
            self.command(Command("primary"))

    def take_notice(self, text: str, seconds: float) -> bool:
        if self.app.screen is not self:
            return False  # under a dialog: the toast goes over the dialog, where the user is looking
        self._say(text, seconds)
        return True

    def _say(self, text: str, seconds: float = SAY_SECONDS) -> None:
        """A word on what a key did, in the hint line below the clock, where the eyes already are."""
        if self._said_timer is not None:
            self._said_timer.stop()
        self._said = text
        self._said_timer = self.set_timer(seconds, self._unsay)
        self.render_view()

    def _unsay(self) -> None:
        self._said, self._said_timer = "", None
        self.render_view()

    def action_mute(self) -> None:
        self.command(Command("mute"))

    def action_voice(self) -> None:
        self.command(Command("voice"))

    def action_figure(self) -> None:
        """The move in the work too, or the clock large there: the display only, so no runner command."""
        self.figure.toggle_in_work()
        self.refresh_bindings()  # its label says what it does next
        self.redraw()  # the figure coming or going says it: a word in the hint's row would move the clock too

    def action_next(self) -> None:
        self.command(Command("next"))

    def action_back(self) -> None:
        self.command(Command("back"))

    def action_add_time(self, seconds: float) -> None:
        self.command(Command("time", seconds))

    def _with_dialog(self, dialog: Screen, then: Callable[[object], None] | None = None) -> None:
        """Show a dialog over the session; covering it pauses it (on_screen_suspend)."""
        self.app.push_screen(dialog, then)

    # --- covered and uncovered ----------------------------------------------------------

    def on_screen_suspend(self) -> None:
        """Anything over the session (a dialog, the help, the palette) takes the user's eyes: pause."""
        if self.runner.running and not self._ended:
            self._auto_paused = True
            self.command(Command("pause"))

    def on_screen_resume(self) -> None:
        """Uncovered: go on if covering it was what paused it."""
        if self._auto_paused:
            self._auto_paused = False
            if not self._ended:
                self.command(Command("resume"))

    def stopped(self, at: float | None) -> None:
        """The process was stopped at `at` (Ctrl+Z, SIGTSTP; None: a SIGSTOP, whose moment nobody knows) and
        now goes on: the session holds as it stood then (for a SIGSTOP, at its last second shown), and stays
        paused, even under a dialog, until the user presses Space."""
        if self._ended or not self.runner.under_way:
            return
        self._auto_paused = False
        self.runner.hold_at(self._ticked_at if at is None else at)
        self.refresh_bindings()
        self.tick(on_the_second=False)

    def action_jump(self) -> None:
        steps, current = self.runner.steps()

        def jumped(step: object) -> None:
            # The step lands paused, in a get-ready, and stays so when the dialog closes.
            if isinstance(step, int):
                self._auto_paused = False
                self.command(Command("jump", step))

        self._with_dialog(screens.JumpScreen(steps, current), jumped)

    def action_leave(self, quit_app: bool = False, interrupted: bool = False) -> None:
        """q: stop the session, asked first; `quit_app` (Quit): and leave Supple, the stop logged;
        `interrupted`: asked by Ctrl+C."""

        def answered(stop: object) -> None:
            if stop and quit_app:
                self.app.exit()  # leaving, the screen logs the session as stopped (on_unmount)
            elif stop and not self._ended:
                self._end()

        self._with_dialog(screens.StopSessionScreen(quitting=quit_app, interrupted=interrupted), answered)

    @property
    def under_way(self) -> bool:
        """Whether the session is still running (not finished, not ended)."""
        return not self._ended and self.runner.under_way

    def action_help(self) -> None:
        self._with_dialog(screens.HelpScreen(self.HELP_SECTION))
