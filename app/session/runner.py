"""The one place a running session is driven: its engine, its log and its sound. A key, the palette or a
remote all send the same Command; the runner checks it, applies it, keeps the log in step, and says
what to tell the user. No Textual here: the screen draws what `view` gives and wakes at `next_wakeup`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from app.session.announce import on_finish, on_segment
from app.session.engine import NUDGE, CueDue, Engine, Finished, SegmentStarted, Summary
from app.session.session_view import SessionView, session_view

if TYPE_CHECKING:
    from app.log.recorder import SessionRecorder
    from app.log.resume import ResumePlan
    from app.sound.output import SoundOutput

# What a session can be asked: Space's pause or done ("primary"), pause and resume themselves, done on a
# step without a timer, next, back, time (+/- seconds in `value`), jump (to step `value`), mute, voice.
COMMANDS = frozenset({"primary", "pause", "resume", "done", "next", "back", "time", "jump", "mute", "voice"})


class Command(NamedTuple):
    """One thing asked of a running session, by a key or anything else."""

    name: str
    value: float | None = None


class Advanced(NamedTuple):
    """What catching up with the clock did."""

    started: bool  # a new part began
    cued: bool  # a sound was due and played
    finished: bool  # the session reached its end
    halfway: bool = False  # the halfway cue was due, and the settings want it


class SessionRunner:
    """Drives one session: `start`, `apply` commands, `advance` with the clock, `end` once."""

    def __init__(self, engine: Engine, sound: SoundOutput, recorder: SessionRecorder | None = None) -> None:
        self.engine, self.sound, self.recorder = engine, sound, recorder
        self.ended = False  # stopped by the user, or its end recorded
        self._listeners: list[Callable[[], None]] = []

    def listen(self, listener: Callable[[], None]) -> None:
        """`listener()` is called after every command applied, whoever sent it (a key, a remote)."""
        self._listeners.append(listener)

    def _tell(self) -> None:
        for listener in list(self._listeners):
            listener()

    # --- reading ---------------------------------------------------------------------

    def view(self, now: float | None = None) -> SessionView:
        return session_view(self.engine, now)

    @property
    def name(self) -> str:
        """The routine's name."""
        return self.engine.routine.name

    @property
    def scale(self) -> float:
        return self.engine.plan.scale

    def now(self) -> float:
        """The session's clock."""
        return self.engine.clock()

    @property
    def started(self) -> bool:
        return self.engine.started

    def summary(self) -> Summary:
        """What happened, the run before a resume included."""
        return self.engine.summary()

    @property
    def under_way(self) -> bool:
        """Started or about to, and not over."""
        return not self.ended and not self.engine.finished

    @property
    def running(self) -> bool:
        """Started, not over, and not paused: time counts."""
        return self.engine.started and self.under_way and not self.engine.paused

    @property
    def paused(self) -> bool:
        return self.engine.paused

    @property
    def open_step(self) -> bool:
        """The part under way lasts until the user says done (no countdown to change)."""
        return self.engine.started and self.engine.is_open

    def nudge_reps(self) -> int | None:
        """How many reps + or - changes on a paced step; None elsewhere."""
        return self.engine.reps_for(NUDGE)

    def steps(self) -> tuple[list[str], int]:
        """The routine's step names, and the step the session is in (or getting ready for)."""
        return [step.name for step in self.engine.routine.steps], self.engine.step_number

    def next_wakeup(self) -> float | None:
        return self.engine.next_wakeup()

    # --- driving ---------------------------------------------------------------------

    def start(self, resume: ResumePlan | None = None) -> None:
        """Begin now, or go on with a session a crash left (paused, in a get-ready, until the user is ready)."""
        if self.engine.started:
            return
        if resume is None:
            self.engine.start()
        else:
            self.engine.start(
                resume.at,
                resume.offset,
                resume.done,
                resume.visited,
                held=True,
                before=resume.totals,
                worked=resume.worked,
            )
        if self.recorder is not None:
            self.recorder.begin()

    def advance(self) -> Advanced:
        """Catch up with the clock: play the cues due, say the new part's name or the end."""
        events = self.engine.poll()
        cues = [event.cue for event in events if isinstance(event, CueDue)]
        for cue in cues:
            self.sound.cue(cue)  # first: sound is what the user relies on
        if any(isinstance(event, Finished) for event in events):
            self.sound.say(on_finish())
            return Advanced(False, bool(cues), True)
        started = any(isinstance(event, SegmentStarted) for event in events)
        if started:
            self.sound.say(on_segment(self.engine, halfway=self.sound.halfway))
        return Advanced(started, bool(cues), False, "halfway" in cues and self.sound.halfway)

    def sync(self) -> None:
        """Keep the log in step: the parts left, and where the session stands."""
        if self.recorder is not None and not self.ended:
            self.recorder.sync()

    def hold_at(self, moment: float) -> None:
        """The process was stopped at `moment` (Ctrl+Z) and goes on now: the session holds as it stood then."""
        if self.engine.started and self.under_way and not self.engine.paused:
            self.engine.pause_at(moment)
            self.sync()

    def end(self, heard: Callable[[str], None] | None = None) -> None:
        """The session is over (its end reached, or stopped): its end is logged, once."""
        if self.ended:
            return
        self.ended = True
        if self.recorder is not None:
            self.recorder.end(heard)

    def apply(self, command: Command) -> str:
        """Do what `command` asks, if it can be done now; the words to tell the user ("" for none). A command
        a session that is over, or not started, cannot take is ignored."""
        if command.name not in COMMANDS:
            raise ValueError(f"no such session command: {command.name}")
        if command.name in ("mute", "voice"):
            said = self._sound(command.name)
        elif not self.engine.started or not self.under_way:
            return ""
        else:
            said = self._apply(command)
        self._tell()
        return said

    def _apply(self, command: Command) -> str:
        engine = self.engine
        name = command.name
        if name == "primary":
            name = "done" if engine.is_open and not engine.paused else ("resume" if engine.paused else "pause")
        if name in ("pause", "resume"):
            if engine.paused == (name == "resume"):
                engine.toggle_pause()
                self.sync()  # where it stands, kept on every pause
            return ""
        if name == "done":
            if engine.paused and engine.is_open:  # Done said while paused (the palette over it): it goes on done
                engine.toggle_pause()
            engine.done()
            return ""
        if name == "next":
            engine.next()
            return ""
        if name == "back":
            engine.back()
            return ""
        if name == "jump":
            return self._jump(command.value)
        return self._time(NUDGE if command.value is None else float(command.value))

    def _sound(self, which: str) -> str:
        sound = self.sound
        if which == "mute":
            sound.muted = not sound.muted
            return "Sound off" if sound.muted else "Sound on"
        sound.voice = not sound.voice
        if sound.muted:  # nothing is heard either way until m: say what will be
            return "Voice on once sound is on (m)" if sound.voice else "Voice off: tones only once sound is on (m)"
        return "Voice on" if sound.voice else "Voice off: tones only"

    def _jump(self, value: float | None) -> str:
        count = len(self.engine.routine.steps)
        if value is None or value != int(value) or not 1 <= value <= count:
            return f"There is no step {value:g} (1 to {count})" if value is not None else ""
        if self.engine.jump(int(value)):
            self.sync()
        return ""

    def _time(self, seconds: float) -> str:
        engine = self.engine
        reps_before = engine.reps
        change = engine.add_time(seconds)
        if reps_before:
            if engine.reps == reps_before:
                return "This is the last rep already"
            # The change from the plan, not from the last press: + + + - says 6 more, not 3 fewer.
            planned = engine.routine.steps[engine.segment.step - 1].reps or reps_before
            more = (engine.reps or 0) - planned
            plural = "s" if abs(more) != 1 else ""
            words = f"{abs(more)} rep{plural} {'more' if more > 0 else 'fewer'} than planned" if more else "As planned"
            return f"{words}: {engine.reps} in all"
        if seconds < 0 and change > seconds:
            left = engine.remaining() or 0
            return (
                f"Only {-change:.0f} s taken off: this part ends in {left:.0f} s"
                if change
                else ("Already at the least time left (1 s)")
            )
        return f"{abs(change):.0f} s {'more' if change > 0 else 'less'}" if change else ""
