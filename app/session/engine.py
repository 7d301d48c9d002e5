"""A running session over a plan: position, pause, skip, back, add time, open steps; clock injected."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from app.routine.model import Routine
from app.session.plan import CUE_PRIORITY, SCALE_RANGE, Segment, build_plan, merge_cues, segment_cues

Clock = Callable[[], float]

LATE = 0.25  # a cue more than this late fell inside a stall: dropped, never played in a burst
BACK_WINDOW = 2.0  # "back" within this many seconds of a segment's start goes to the previous one
NUDGE = 10.0  # seconds added or removed by + and -
MIN_LEFT = 1.0  # removing time never leaves less than this
READY = 5.0  # seconds of "get ready" before the step a jump or a resumed session lands on
DONE_SHARE = 0.8  # a session counts as done when its end is reached with this share of its planned work worked
# The get-ready a jump or a resume lands in: not a segment of the plan, so never logged.
READY_SEGMENT = Segment("prep", "Get ready", None, None, None, 0.0, READY)


class SegmentStarted(NamedTuple):
    """The session moved to segment `index`."""

    index: int


class CueDue(NamedTuple):
    """A sound to play now; `at` is the clock time it was due."""

    cue: str
    at: float


class Finished(NamedTuple):
    """The last segment ended, at clock time `at`."""

    at: float


Event = SegmentStarted | CueDue | Finished


class _SegmentCue(NamedTuple):
    name: str
    offset: float  # seconds after the start, or before the end when `from_end`
    from_end: bool


BEGUN_AFTER = 1.0  # seconds in a step before a summary counts it as part done, not skipped


class Left(NamedTuple):
    """A segment the session left: how long it ran (pauses not counted), whether it ran to its end, and the
    reps done (None where a step is not counted in reps, or where they cannot be known)."""

    index: int
    seconds: float
    completed: bool
    reps: int | None = None


class Summary(NamedTuple):
    """What happened in a session, for the summary screen."""

    planned: float  # the plan's total: open steps (until done) count 0
    actual: float
    paused: float
    steps: int
    steps_done: int
    time_added: float
    skipped: tuple[str, ...] = ()  # names of the steps not done in full
    finished: bool = True  # False when the user stopped before the end
    open_steps: int = 0  # steps that last until the user says done, so not in `planned`
    partly: tuple[str, ...] = ()  # of those skipped, the ones begun (a side, a set, or part of one)
    planned_work: float = 0.0  # seconds of timed work the plan holds (not gets-ready, rests, switches, open steps)
    worked: float = 0.0  # of those, the seconds worked (each segment's time counted up to its planned length)

    @property
    def counts(self) -> bool:
        """Whether the session counts as done: its end reached, with DONE_SHARE of its timed work worked
        (a routine of open steps only: every step done). A session skipped through is not work done."""
        if not self.finished:
            return False
        if self.planned_work <= 0:
            return self.steps_done == self.steps
        return self.worked >= DONE_SHARE * self.planned_work - 1e-6

    @property
    def outcome(self) -> str:
        """How the log names it: "completed" (it counts), "skipped" (the end reached, too little of it done),
        or "stopped"."""
        if self.counts:
            return "completed"
        return "skipped" if self.finished else "stopped"

    @property
    def untouched(self) -> tuple[str, ...]:
        """The steps not begun at all."""
        begun = set(self.partly)
        return tuple(name for name in self.skipped if name not in begun)

    @property
    def steps_skipped(self) -> int:
        return self.steps - self.steps_done


class _State:
    """The current segment: where it is, when it began, and its cues still to come, soonest first."""

    __slots__ = ("index", "start", "length", "reps", "cues", "pending", "ready")

    def __init__(
        self,
        index: int = -1,
        start: float = 0.0,
        length: float | None = None,
        cues: list[_SegmentCue] | None = None,
        reps: int | None = None,
        ready: float | None = None,
    ) -> None:
        self.index = index
        self.start = start  # clock time the current segment began, moved on by pauses
        self.length = length
        self.reps = reps  # a paced step's reps, added to with + and taken from with -
        self.cues: list[_SegmentCue] = cues or []  # all of the segment's cues
        self.pending: list[_SegmentCue] = list(self.cues)  # sorted by time; the due ones leave the front
        # Set while getting ready for segment `index` (READY_SEGMENT): the seconds into it that follow.
        self.ready = ready


class Engine:
    """Runs a routine's plan against `clock`; remaining time is always deadline - now."""

    def __init__(self, routine: Routine, clock: Clock, scale: float = 1.0) -> None:
        if not SCALE_RANGE[0] <= scale <= SCALE_RANGE[1]:
            raise ValueError(f"scale must be between {SCALE_RANGE[0]} and {SCALE_RANGE[1]}, got {scale}")
        self.plan = build_plan(routine, scale)
        self.routine = routine._replace(steps=self.plan.steps)  # as run at `scale`: a paced step's reps scaled
        self.segments: tuple[Segment, ...] = self.plan.segments
        self.clock = clock
        self.started_at: float | None = None
        self.finished_at: float | None = None
        self.paused_since: float | None = None
        self.paused_total = 0.0
        # Segments whose length + and - changed: index -> (length, paced reps). A step gone back to, or
        # come to again, keeps what was set on it, so its reps, the progress bar and the time added agree.
        self.adjusted: dict[int, tuple[float, int | None]] = {}
        self.completed: set[int] = set()  # work segments that ran to their end or were marked done
        self._now_state = _State()
        self._events: list[Event] = []
        self.left: list[Left] = []  # segments left since the last take_left(), for the training log
        self.visited: set[int] = set()
        self.begun: set[int] = set()  # segments run for BEGUN_AFTER seconds at least: begun, if not done
        self.worked: dict[int, float] = {}  # seconds worked in each work segment, up to its planned length
        self.before = (0.0, 0.0, 0.0)  # actual, paused and added seconds of the run before a resume
        self._after, self._next_work, self._open_from = _lookups(self.segments)

    # --- reading the state -------------------------------------------------------------

    @property
    def index(self) -> int:
        return self._now_state.index

    @property
    def segment(self) -> Segment:
        """The segment under way: one of the plan's, or the get-ready before one (READY_SEGMENT)."""
        if self._now_state.ready is not None:
            return READY_SEGMENT._replace(duration=self._now_state.length)
        return self.segments[max(self.index, 0)]

    @property
    def getting_ready(self) -> bool:
        """In the get-ready a jump or a resume landed in, before segment `index`."""
        return self._now_state.ready is not None

    @property
    def step_number(self) -> int:
        """The step the session is in, or is getting ready for (1-based)."""
        segment = self.segment
        if segment.step:
            return segment.step
        later = self.next_work()
        return self.segments[later].step if later is not None else len(self.routine.steps)

    def position(self) -> tuple[int, float]:
        """Where to go on from after a crash: the segment, and the seconds into it."""
        state = self._now_state
        return max(state.index, 0), state.ready if state.ready is not None else self.elapsed()

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def paused(self) -> bool:
        return self.paused_since is not None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def is_open(self) -> bool:
        """The current segment lasts until `done()`."""
        return self._now_state.length is None

    def _ref(self, now: float | None) -> float:
        """The moment the display should show: frozen while paused or finished."""
        if self.finished_at is not None:
            return self.finished_at
        if self.paused_since is not None:
            return self.paused_since
        return self.clock() if now is None else now

    @property
    def time_added(self) -> float:
        """Seconds + and - added to (or took from) the plan's segments, as they stand now."""
        return sum(length - (self.segments[i].duration or 0.0) for i, (length, _) in self.adjusted.items())

    def _added_after(self, index: int) -> float:
        """Seconds + and - changed the segments after `index` by (one gone back from, say)."""
        return sum(length - (self.segments[i].duration or 0.0) for i, (length, _) in self.adjusted.items() if i > index)

    @property
    def deadline(self) -> float | None:
        state = self._now_state
        return None if state.length is None else state.start + state.length

    def remaining(self, now: float | None = None) -> float | None:
        """Seconds left in the current segment, None when it is open."""
        deadline = self.deadline
        return None if deadline is None else max(0.0, deadline - self._ref(now))

    def elapsed(self, now: float | None = None) -> float:
        """Seconds since the current segment began (the stopwatch of an open step)."""
        return max(0.0, self._ref(now) - self._now_state.start)

    def remaining_total(self, now: float | None = None) -> float:
        """Planned seconds left in the whole session; open segments count 0."""
        if self.finished:
            return 0.0
        index = max(self.index, 0)
        left = (self.remaining(now) or 0.0) + self._after[index] + self._added_after(index)
        ready = self._now_state.ready
        if ready is not None:  # the segment got ready for is still to come, from where it resumes
            length = self.adjusted.get(index, (self.segments[index].duration or 0.0, None))[0]
            left += max(0.0, length - ready)
        return left

    def next_work(self, index: int | None = None) -> int | None:
        """The index of the first work segment after segment `index` (default: the current one; while
        getting ready for a work segment, that one)."""
        if index is None and self._now_state.ready is not None and self.segments[self.index].kind == "work":
            return self.index
        found = self._next_work[max(self.index if index is None else index, 0)]
        return None if found < 0 else found

    def open_ahead(self) -> bool:
        """Whether the current segment or one after it lasts until the user says done."""
        return self._open_from[max(self.index, 0)]

    def current_rep(self, now: float | None = None) -> int | None:
        """Which rep a paced rep step is on (1-based), else None."""
        state = self._now_state
        if not state.reps or not state.length:
            return None
        return min(state.reps, int(self.elapsed(now) / (state.length / state.reps)) + 1)

    @property
    def reps(self) -> int | None:
        """How many reps the current paced segment has now, with those added or taken; else None."""
        return self._now_state.reps

    def next_wakeup(self, now: float | None = None) -> float | None:
        """Clock time of the next cue or the next change of a displayed whole second."""
        if not self.started or self.finished or self.paused:
            return None
        now = self.clock() if now is None else now
        state = self._now_state
        candidates = [self._cue_time(state.pending[0])] if state.pending else []
        if candidates and candidates[0] <= now:
            return now
        candidates.append(self.next_second(now))
        later = [t for t in candidates if t > now]
        return min(later) if later else now

    def next_second(self, now: float) -> float:
        """Clock time after `now` at which the displayed whole second changes next."""
        if self.deadline is not None:
            # The countdown shows whole seconds rounded up: it changes at deadline - k.
            left = self.deadline - now
            return self.deadline - (int(left) if left > int(left) else int(left) - 1)
        # The stopwatch shows whole seconds rounded down: it changes at start + k.
        start = self._now_state.start
        return start + int(now - start) + 1

    # --- driving it --------------------------------------------------------------------

    def start(
        self,
        at: int = 0,
        offset: float = 0.0,
        done: frozenset[int] = frozenset(),
        visited: frozenset[int] = frozenset(),
        *,
        held: bool = False,
        before: tuple[float, float, float] = (0.0, 0.0, 0.0),
        worked: dict[int, float] | None = None,
    ) -> None:
        """Begin now: at the first segment, or (going on with a session) at segment `at`, `offset`
        seconds into it, with the segments `done` already completed, those `visited` already run, the
        totals `before` and the seconds `worked` of the run before.

        `held`: land paused, in a get-ready before segment `at` when it is work, until the user is ready.
        """
        if self.started:
            return
        now = self.clock()
        self.started_at = now
        self.completed |= done
        self.visited |= visited
        self.begun |= visited
        self.before = before
        for index, seconds in (worked or {}).items():
            if 0 <= index < len(self.segments) and self.segments[index].kind == "work":
                self._add_worked(index, seconds)
        if held:
            self._land(at, offset, now)
        else:
            self._enter(at, now - offset)

    def poll(self) -> list[Event]:
        """Catch up with the clock and return what happened since the last poll; a cue due long before
        now (the process was stopped, or the loop stalled) is dropped, never played late."""
        now = self.clock()
        if self.started and not self.finished and not self.paused:
            self._advance(now)
        events, self._events = self._events, []
        return [e for e in events if not (isinstance(e, CueDue) and now - e.at > LATE)]

    def pause_at(self, moment: float) -> None:
        """Hold the timeline as it stood at `moment`, a time already past: when the process was stopped
        (Ctrl+Z, SIGSTOP), so the time it was stopped is never counted as exercise."""
        if not self.started or self.finished or self.paused:
            return
        moment = max(min(moment, self.clock()), self._now_state.start)
        self._advance(moment)
        if not self.finished:
            self.paused_since = moment

    def toggle_pause(self) -> None:
        """Hold the timeline, or release it where it was held."""
        if not self.started or self.finished:
            return
        now = self.clock()
        if self.paused_since is None:
            self._advance(now)
            if not self.finished:
                self.paused_since = now
        else:
            held = now - self.paused_since
            self.paused_total += held
            self._now_state.start += held
            self.paused_since = None

    def next(self) -> None:
        """Go to the start of the next segment (from a get-ready, to the segment it is for); past the last
        one the session ends."""
        if not self._can_move():
            return
        now = self._op_now()
        if self.finished:
            return
        if self._now_state.ready is not None:
            self._end_ready(now)
        elif self.index + 1 >= len(self.segments):
            self._finish(now, now)
        else:
            self._enter(self.index + 1, now)

    def back(self) -> None:
        """Restart this segment, or go to the previous one when pressed within its first 2 s."""
        if not self._can_move():
            return
        now = self._op_now()
        if self.finished:
            return
        early = self.elapsed(now) < BACK_WINDOW
        if self._now_state.ready is not None and not early:
            self._land(self.index, self._now_state.ready, now, pause=False)  # the get-ready again
        else:
            self._enter(self.index - 1 if early and self.index > 0 else self.index, now)

    def jump(self, step: int) -> bool:
        """Go to step `step` (1-based): paused, in a get-ready before its first work, until the user is
        ready. False (nothing changed) for a step the routine does not have."""
        if not self._can_move():
            return False
        target = next((i for i, s in enumerate(self.segments) if s.step == step and s.kind == "work"), None)
        if target is None:
            return False
        now = self._op_now()
        if not self.finished:
            self._land(target, 0.0, now)
        return True

    def reps_for(self, seconds: float = NUDGE) -> int | None:
        """How many reps `seconds` more or less comes to on a paced rep step (1 at least); else None."""
        state = self._now_state
        if not state.reps or not state.length:
            return None
        return max(1, round(abs(seconds) / (state.length / state.reps)))

    def add_time(self, seconds: float = NUDGE) -> float:
        """Lengthen (or shorten, when negative) the current timed segment; returns the seconds changed.

        A paced rep step changes by whole reps at its tempo (never below the rep under way); any
        other by `seconds`, never below 1 s left. In the get-ready before a step it is that get-ready's
        time, not the plan's, so not time added.
        """
        if not self.started or self.finished or self.is_open:
            return 0.0
        now = self._op_now()
        if self.finished or self.is_open:  # catching up may have reached the end, or a step without a timer
            return 0.0
        state = self._now_state
        count = self.reps_for(seconds)
        if count is not None:
            tempo = state.length / state.reps
            reps = state.reps + count if seconds > 0 else max(self.current_rep(now), state.reps - count)
            change, state.reps = (reps - state.reps) * tempo, reps
        else:
            left = self.deadline - now
            change = max(MIN_LEFT, left + seconds) - left
            if seconds < 0:
                change = min(0.0, change)  # less than MIN_LEFT left already: taking time off never adds any
        if change == 0:
            return 0.0
        state.length += change
        if state.ready is None:
            self.adjusted[state.index] = (state.length, state.reps)
        # The segment's cues as for its new length (a fresh 3-2-1 before the new end, ticks for
        # added reps); those already past are not played again.
        state.cues = self._cues_for(
            state.index, state.length, state.reps, READY_SEGMENT if state.ready is not None else None
        )
        state.pending = [c for c in state.cues if self._cue_time(c) > now]
        return change

    def done(self) -> None:
        """End an open segment now ("done" on a rep or manual step)."""
        if not self.started or self.finished or not self.is_open:
            return
        now = self._op_now()
        if self.finished:
            return
        self._complete()
        if self.index + 1 >= len(self.segments):
            self._finish(now, now)
        else:
            self._enter(self.index + 1, now)

    def times(self) -> tuple[float, float, float]:
        """Seconds so far, the run before a resume included: under way (pauses not counted), paused, and
        added with + and -."""
        end = self.finished_at if self.finished_at is not None else self.clock()
        paused = self.paused_total + (end - self.paused_since if self.paused_since is not None else 0.0)
        actual = 0.0 if self.started_at is None else end - self.started_at - paused
        before_actual, before_paused, before_added = self.before
        return before_actual + actual, before_paused + paused, before_added + self.time_added

    def summary(self) -> Summary:
        """Planned and actual time, steps done, time added, the work planned and worked: the whole session,
        the run before a resume included."""
        actual, paused, added = self.times()
        work: dict[int, bool] = {}
        begun: set[int] = set()
        running = (
            {self.index}
            if self.started and not self.finished and self._now_state.ready is None and self.elapsed() >= BEGUN_AFTER
            else set()
        )
        worked = dict(self.worked)
        if running:  # the segment under way counts for the time it has run
            self._add_worked(self.index, self.elapsed(), worked)
        planned_work = done_work = 0.0
        for i, segment in enumerate(self.segments):
            if segment.kind == "work":
                work[segment.step] = work.get(segment.step, True) and i in self.completed
                if i in self.begun or i in self.completed or i in running:
                    begun.add(segment.step)
                if segment.duration is not None:
                    planned_work += segment.duration
                    done_work += worked.get(i, 0.0)
        not_done = [n for n, done in work.items() if not done]
        name = lambda n: self.routine.steps[n - 1].name  # noqa: E731
        open_steps = sum(1 for step in self.routine.steps if step.is_open)
        return Summary(
            self.plan.total,
            actual,
            paused,
            len(work),
            len(work) - len(not_done),
            added,
            tuple(map(name, not_done)),
            self.finished,
            open_steps,
            tuple(name(n) for n in not_done if n in begun),
            planned_work,
            done_work,
        )

    def leaving_now(self) -> Left | None:
        """The segment under way as if it were left now (the session stopped in it); None in a get-ready."""
        state = self._now_state
        if self.finished or state.index < 0 or state.ready is not None:
            return None
        return self._left(state.index, self.elapsed(), state.index in self.completed)

    # --- inside ------------------------------------------------------------------------

    def _can_move(self) -> bool:
        return self.started and not self.finished

    def _op_now(self) -> float:
        """Catch up first, so an operation acts on the segment the user sees; frozen while paused."""
        now = self.clock()
        if self.paused_since is None:
            self._advance(now)
        else:
            # Moving while paused: the new position starts held, at full length. The time held
            # so far moves the current segment's start on, as resuming would, so its own time is true.
            held = now - self.paused_since
            self.paused_total += held
            self._now_state.start += held
            self.paused_since = now
        return now

    def take_left(self) -> list[Left]:
        """The segments left since the last call, in order."""
        left, self.left = self.left, []
        return left

    def _leave(self, at: float) -> None:
        """Note that the current segment ends at `at` (or where it was held); a get-ready is no segment."""
        state = self._now_state
        if state.index >= 0 and state.ready is None:
            until = self.paused_since if self.paused_since is not None else at
            seconds = max(0.0, until - state.start)
            self.left.append(self._left(state.index, seconds, state.index in self.completed))
            if self.segments[state.index].kind == "work":
                self._add_worked(state.index, seconds)
            if seconds >= BEGUN_AFTER:
                self.begun.add(state.index)

    def _left(self, index: int, seconds: float, completed: bool) -> Left:
        """Segment `index` left after `seconds`, with the reps done: on a paced step, those its tempo
        counted (all of them when it ran to its end); on a step of reps ended by "done", all of them once
        done, none when skipped, and unknown when cut short."""
        segment = self.segments[index]
        step = self.routine.steps[segment.step - 1] if segment.kind == "work" else None
        reps = None
        if step is not None and step.reps:
            state = self._now_state
            planned = state.reps if state.index == index and state.reps else step.reps
            if completed:
                reps = planned
            elif step.tempo and segment.duration:
                reps = min(planned, int(seconds / (segment.duration / step.reps) + 1e-9))
            elif seconds < BEGUN_AFTER:
                reps = 0
        return Left(index, seconds, completed, reps)

    def _add_worked(self, index: int, seconds: float, into: dict[int, float] | None = None) -> None:
        """Count `seconds` worked in segment `index`, up to its planned length (open: no limit)."""
        into = self.worked if into is None else into
        length = self.segments[index].duration
        total = into.get(index, 0.0) + max(0.0, seconds)
        into[index] = total if length is None else min(length, total)

    def _advance(self, now: float) -> None:
        """Move through every segment whose deadline has passed; the schedule never shifts."""
        state = self._now_state
        while state.length is not None and now >= state.start + state.length:
            end = state.start + state.length
            if state.ready is not None:
                self._fire_due(end)  # the get-ready's own 3-2-1, if it was on time
                self._end_ready(end)
                state = self._now_state
                continue
            self._complete()
            if self.index + 1 >= len(self.segments):
                self._finish(end, now)
                return
            self._enter(self.index + 1, end)
            state = self._now_state
        self._fire_due(now)

    def _complete(self) -> None:
        if self._now_state.ready is None and self.segment.kind == "work":
            self.completed.add(self.index)

    def _enter(self, index: int, start: float) -> None:
        self._leave(start)
        self.visited.add(index)
        segment = self.segments[index]
        step = self.routine.steps[segment.step - 1] if segment.kind == "work" else None
        reps = step.reps if step is not None and step.tempo and segment.duration else None
        length, reps = self.adjusted.get(index, (segment.duration, reps))
        cues = self._cues_for(index, length, reps)
        self._now_state = _State(index, start, length, cues, reps)
        self._events.append(SegmentStarted(index))

    def _land(self, index: int, offset: float, now: float, pause: bool = True) -> None:
        """Go to segment `index`, `offset` seconds into it, through a get-ready when it is work; held
        there (with `pause`) until the user is ready."""
        if self.segments[index].kind != "work":
            self._enter(index, now - offset)  # a gap between parts is itself a moment to get ready
        else:
            self._leave(now)
            cues = self._cues_for(index, READY, None, READY_SEGMENT)
            self._now_state = _State(index, now, READY, cues, None, ready=offset)
            self._events.append(SegmentStarted(index))
        if pause and self.paused_since is None:
            self.paused_since = now

    def _end_ready(self, at: float) -> None:
        """The get-ready is over at `at`: the segment it was for goes on from where it resumes, with a go."""
        offset = self._now_state.ready or 0.0
        self._enter(self.index, at - offset)
        if offset:  # its own go fell before `at`; the cues of the part already done are not played
            state = self._now_state
            state.pending = [c for c in state.pending if self._cue_time(c) > at]
            self._events.append(CueDue("go", at))

    def _cues_for(
        self, index: int, length: float | None, reps: int | None, segment: Segment | None = None
    ) -> list[_SegmentCue]:
        """Segment `index`'s cues (or `segment`'s), soonest first, as if it lasted `length` with `reps` paced reps."""
        segment = (segment or self.segments[index])._replace(start=0.0, duration=length)
        step = self.routine.steps[segment.step - 1] if segment.kind == "work" else None
        if step is not None and reps:
            step = step._replace(reps=reps)
        merged = merge_cues([(c.at, CUE_PRIORITY[c.cue], 0, c.cue) for c in segment_cues(segment, step)])
        return [
            _SegmentCue(c.cue, segment.end - c.at, True) if c.cue == "pip" else _SegmentCue(c.cue, c.at, False)
            for c in merged
        ]

    def _cue_time(self, cue: _SegmentCue) -> float:
        state = self._now_state
        if cue.from_end and state.length is not None:
            return state.start + state.length - cue.offset
        return state.start + cue.offset

    def _fire_due(self, now: float) -> None:
        pending = self._now_state.pending
        due = 0
        while due < len(pending) and self._cue_time(pending[due]) <= now:
            at = self._cue_time(pending[due])
            if now - at <= LATE:
                self._events.append(CueDue(pending[due].name, at))
            due += 1
        if due:
            del pending[:due]

    def _finish(self, end: float, now: float) -> None:
        self._leave(end)
        if self.paused_since is not None:
            self.paused_total += now - self.paused_since
            self.paused_since = None
        self.finished_at = end
        if now - end <= LATE:
            self._events.append(CueDue("done", end))
        self._events.append(Finished(end))


def _lookups(segments: tuple[Segment, ...]) -> tuple[list[float], list[int], list[bool]]:
    """For each segment, in one pass from the end: planned seconds after it, the next work segment
    after it (-1 when none), and whether it or a later one is open."""
    count = len(segments)
    after, next_work, open_from = [0.0] * count, [-1] * count, [False] * count
    seconds, work, is_open = 0.0, -1, False
    for i in range(count - 1, -1, -1):
        after[i], next_work[i] = seconds, work
        segment = segments[i]
        seconds += segment.duration or 0.0
        is_open = is_open or segment.duration is None
        open_from[i] = is_open
        if segment.kind == "work":
            work = i
    return after, next_work, open_from
