"""A running session over a plan: position, pause, skip, back, add time, open steps; clock injected."""

from __future__ import annotations

from typing import Callable, NamedTuple

from app.routine.model import Routine
from app.session.plan import CUE_PRIORITY, SCALE_RANGE, Segment, build_plan, merge_cues, segment_cues

Clock = Callable[[], float]

LATE = 0.25  # a cue more than this late fell inside a stall: dropped, never played in a burst
BACK_WINDOW = 2.0  # "back" within this many seconds of a segment's start goes to the previous one
NUDGE = 10.0  # seconds added or removed by + and -
MIN_LEFT = 1.0  # removing time never leaves less than this


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
    """A segment the session left: how long it ran (pauses not counted), and whether it ran to its end."""

    index: int
    seconds: float
    completed: bool


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

    __slots__ = ("index", "start", "length", "reps", "cues", "pending")

    def __init__(self, index: int = -1, start: float = 0.0, length: float | None = None,
                 cues: list[_SegmentCue] | None = None, reps: int | None = None) -> None:
        self.index = index
        self.start = start  # clock time the current segment began, moved on by pauses
        self.length = length
        self.reps = reps  # a paced step's reps, added to with + and taken from with -
        self.cues: list[_SegmentCue] = cues or []  # all of the segment's cues
        self.pending: list[_SegmentCue] = list(self.cues)  # sorted by time; the due ones leave the front


class Engine:
    """Runs a routine's plan against `clock`; remaining time is always deadline - now."""

    def __init__(self, routine: Routine, clock: Clock, scale: float = 1.0) -> None:
        if not SCALE_RANGE[0] <= scale <= SCALE_RANGE[1]:
            raise ValueError(f"scale must be between {SCALE_RANGE[0]} and {SCALE_RANGE[1]}, got {scale}")
        self.routine = routine
        self.plan = build_plan(routine, scale)
        self.segments: tuple[Segment, ...] = self.plan.segments
        self.clock = clock
        self.started_at: float | None = None
        self.finished_at: float | None = None
        self.paused_since: float | None = None
        self.paused_total = 0.0
        self.time_added = 0.0
        self.completed: set[int] = set()  # work segments that ran to their end or were marked done
        self._now_state = _State()
        self._events: list[Event] = []
        self.left: list[Left] = []  # segments left since the last take_left(), for the training log
        self.visited: set[int] = set()
        self.begun: set[int] = set()  # segments run for BEGUN_AFTER seconds at least: begun, if not done
        self._after, self._next_work, self._open_from = _lookups(self.segments)

    # --- reading the state -------------------------------------------------------------

    @property
    def index(self) -> int:
        return self._now_state.index

    @property
    def segment(self) -> Segment:
        return self.segments[max(self.index, 0)]

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
        return (self.remaining(now) or 0.0) + self._after[max(self.index, 0)]

    def next_work(self, index: int | None = None) -> int | None:
        """The index of the first work segment after segment `index` (default: the current one)."""
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
        if self.deadline is not None:
            # The countdown shows whole seconds rounded up: it changes at deadline - k.
            left = self.deadline - now
            candidates.append(self.deadline - (int(left) if left > int(left) else int(left) - 1))
        else:
            # The stopwatch shows whole seconds rounded down: it changes at start + k.
            candidates.append(state.start + int(now - state.start) + 1)
        later = [t for t in candidates if t > now]
        return min(later) if later else now

    # --- driving it --------------------------------------------------------------------

    def start(self, at: int = 0, offset: float = 0.0, done: frozenset[int] = frozenset(),
              visited: frozenset[int] = frozenset()) -> None:
        """Begin now: at the first segment, or (going on with a session) at segment `at`, `offset`
        seconds into it, with the segments `done` already completed and those `visited` already run."""
        if self.started:
            return
        now = self.clock()
        self.started_at = now
        self.completed |= done
        self.visited |= visited
        self.begun |= visited
        self._enter(at, now - offset)

    def poll(self) -> list[Event]:
        """Catch up with the clock and return what happened since the last poll."""
        if self.started and not self.finished and not self.paused:
            self._advance(self.clock())
        events, self._events = self._events, []
        return events

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
        """Go to the start of the next segment; past the last one the session ends."""
        if not self._can_move():
            return
        now = self._op_now()
        if self.finished:
            return
        if self.index + 1 >= len(self.segments):
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
        self._enter(self.index - 1 if early and self.index > 0 else self.index, now)

    def jump(self, step: int) -> None:
        """Go to the first work segment of step `step` (1-based)."""
        if not self._can_move():
            return
        target = next(i for i, s in enumerate(self.segments) if s.step == step and s.kind == "work")
        now = self._op_now()
        if not self.finished:
            self._enter(target, now)

    def reps_for(self, seconds: float = NUDGE) -> int | None:
        """How many reps `seconds` more or less comes to on a paced rep step (1 at least); else None."""
        state = self._now_state
        if not state.reps or not state.length:
            return None
        return max(1, round(abs(seconds) / (state.length / state.reps)))

    def add_time(self, seconds: float = NUDGE) -> float:
        """Lengthen (or shorten, when negative) the current timed segment; returns the seconds changed.

        A paced rep step changes by whole reps at its tempo (never below the rep under way); any
        other by `seconds`, never below 1 s left.
        """
        if not self.started or self.finished or self.is_open:
            return 0.0
        now = self._op_now()
        if self.finished:
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
        if change == 0:
            return 0.0
        state.length += change
        self.time_added += change
        # The segment's cues as for its new length (a fresh 3-2-1 before the new end, ticks for
        # added reps); those already past are not played again.
        state.cues = self._cues_for(state.index, state.length, state.reps)
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
        """Seconds so far: under way (pauses not counted), paused, and added with + and -."""
        end = self.finished_at if self.finished_at is not None else self.clock()
        paused = self.paused_total + (end - self.paused_since if self.paused_since is not None else 0.0)
        actual = 0.0 if self.started_at is None else end - self.started_at - paused
        return actual, paused, self.time_added

    def summary(self) -> Summary:
        """Planned and actual time, steps done, time added."""
        actual, paused, _ = self.times()
        work: dict[int, bool] = {}
        begun: set[int] = set()
        running = {self.index} if self.started and not self.finished and self.elapsed() >= BEGUN_AFTER else set()
        for i, segment in enumerate(self.segments):
            if segment.kind == "work":
                work[segment.step] = work.get(segment.step, True) and i in self.completed
                if i in self.begun or i in self.completed or i in running:
                    begun.add(segment.step)
        not_done = [n for n, done in work.items() if not done]
        name = lambda n: self.routine.steps[n - 1].name  # noqa: E731
        open_steps = sum(1 for step in self.routine.steps if step.is_open)
        return Summary(self.plan.total, actual, paused, len(work), len(work) - len(not_done), self.time_added,
                       tuple(map(name, not_done)), self.finished, open_steps,
                       tuple(name(n) for n in not_done if n in begun))

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
        """Note that the current segment ends at `at` (or where it was held)."""
        state = self._now_state
        if state.index >= 0:
            until = self.paused_since if self.paused_since is not None else at
            seconds = max(0.0, until - state.start)
            self.left.append(Left(state.index, seconds, state.index in self.completed))
            if seconds >= BEGUN_AFTER:
                self.begun.add(state.index)

    def _advance(self, now: float) -> None:
        """Move through every segment whose deadline has passed; the schedule never shifts."""
        state = self._now_state
        while state.length is not None and now >= state.start + state.length:
            end = state.start + state.length
            self._complete()
            if self.index + 1 >= len(self.segments):
                self._finish(end, now)
                return
            self._enter(self.index + 1, end)
            state = self._now_state
        self._fire_due(now)

    def _complete(self) -> None:
        if self.segment.kind == "work":
            self.completed.add(self.index)

    def _enter(self, index: int, start: float) -> None:
        self._leave(start)
        self.visited.add(index)
        segment = self.segments[index]
        step = self.routine.steps[segment.step - 1] if segment.kind == "work" else None
        reps = step.reps if step is not None and step.tempo and segment.duration else None
        cues = self._cues_for(index, segment.duration, reps)
        self._now_state = _State(index, start, segment.duration, cues, reps)
        self._events.append(SegmentStarted(index))

    def _cues_for(self, index: int, length: float | None, reps: int | None) -> list[_SegmentCue]:
        """Segment `index`'s cues, soonest first, as if it lasted `length` with `reps` paced reps."""
        segment = self.segments[index]._replace(start=0.0, duration=length)
        step = self.routine.steps[segment.step - 1] if segment.kind == "work" else None
        if step is not None and reps:
            step = step._replace(reps=reps)
        merged = merge_cues([(c.at, CUE_PRIORITY[c.cue], 0, c.cue) for c in segment_cues(segment, step)])
        return [_SegmentCue(c.cue, segment.end - c.at, True) if c.cue == "pip" else _SegmentCue(c.cue, c.at, False)
                for c in merged]

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
