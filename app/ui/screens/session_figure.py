"""The move beside the session's clock: in the room the clock leaves at its size, in the rhythm of the reps."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

from textual.geometry import Size
from textual.timer import Timer

from app.moves.braille import Box
from app.session.demo import demo_now
from app.ui.widgets.big_clock import BigClock, block_width
from app.ui.widgets.move_figure import FRAMES, LEAST, READ, MoveFigure, read_moves

if TYPE_CHECKING:
    from app.moves.move import Move
    from app.ui.screens.session_drawing import SessionDrawing

GAP = 2  # columns between the clock's digits and the figure
LEAD_IN_SHARE = 0.5  # of the middle's width the figure may have while the user gets ready for a step
BESIDE = 20  # columns the figure needs beside the clock in the work: a narrower one is a smudge of dots
SEEN_ROWS = 8  # rows a figure is drawn in at the least: thread the needle on all fours in 5 was a squiggle
BELOW_ROWS = 12  # rows at the most of a figure under the digits, beside the cues
CUES_LEAST = 40  # columns a figure under the digits leaves the cues, if not their longest line
SOON = 0.02  # seconds: a frame due sooner than this after the last waits for the one after


def proportional(box: Box, rows: int) -> int:
    """Columns a figure `rows` high fills at its box's proportions (a cell is two dots wide and four high,
    and a dot about as wide as it is tall), with a column either side."""
    left, right, bottom, top = box
    return math.ceil(rows * 2 * (right - left) / (top - bottom)) + 2


class Shown(NamedTuple):
    """What the figure showed at a refresh: a new one redraws it, the same one leaves it be."""

    move: str | None
    side: str | None
    width: int  # columns (0: no figure)
    below: int  # rows, when it is under the digits beside the cues (0: beside the digits)
    moving: bool  # frames running: not paused, not still


class FigureSlot:
    """Keeps the session screen's figure: which move, on which side, how wide, and its frames.

    While the session gets the user ready for a step (get ready, next up, switch sides, a rest) the figure
    is large: the clock's digits give it up to LEAD_IN_SHARE of the width, since learning the move is what
    the user looks for then. During the work it takes only the columns the clock leaves at the size it has
    without one: the clock never shrinks for it there, unless the user asked for the move there too (f).
    Where too few columns are left, or the step names no move, or the terminal cannot draw braille, there is
    no figure. With reduced motion it stands still.
    """

    def __init__(self, screen: SessionDrawing) -> None:
        self.screen = screen
        self.moves: dict[str, tuple[Move, Box]] = {}  # read on a thread when the session starts
        self._state: Shown | None = None  # what the figure showed at the last refresh
        self.width = 0  # columns the figure takes now (0: none shown)
        self._frames: Timer | None = None
        # f: the move shown in the work too, the digits making room for it as while getting ready. Off unless
        # the settings say otherwise (load): in the work the clock keeps its size, and at 80x24 and 60x20 that
        # leaves a timed step no figure.
        self.in_work = False

    def toggle_in_work(self) -> None:
        """f: the move in the work too, or not. Asked for, the figure goes even where a pause keeps one that
        was on screen (the paused digits' smaller size leaves it room)."""
        self.in_work = not self.in_work
        self.width = 0

    def load(self) -> None:
        """Read the routine's moves off the event loop; the figure appears once they are in."""
        self.in_work = self.screen.app.settings.move_in_work
        keys = [step.demo for step in self.screen.runner.engine.routine.steps if step.demo]
        if not keys or not self.screen.app.braille:
            return
        read_moves(self.screen, keys, lambda: self._loaded(keys))

    def _loaded(self, keys: list[str]) -> None:
        self.moves = {key: move for key in keys if (move := READ.get(key))}  # one that cannot be read is left out
        self.screen.refresh_bindings()  # f is offered once there is a move to show
        self.screen.redraw()  # the cues make way for it

    def with_side_words(self, detail: str, width: int) -> str:
        """The detail line with the move's words on the side after the side's name ("LEFT SIDE: left arm up,
        lean right"), where the line still fits in `width`: "left side" alone named no limb, nor a way to lean."""
        demo = demo_now(self.screen.runner.engine)
        found = self.moves.get(demo.move) if demo and demo.side else None
        words = found[0].side_words(demo.side) if found and demo else ""
        if not words or not demo or not demo.side:
            return detail
        side = demo.side
        for label in (f"{side.upper()} SIDE NEXT", f"{side.upper()} SIDE", f"each side, {side} first"):
            if label in detail:
                said = detail.replace(label, f"{label}: {words}", 1)
                return said if len(said) <= width else detail
        return detail

    def room(self, scale: int, lead_in: bool, box: Box, caption: bool, words: int = 0) -> tuple[int, int]:
        """The columns the figure takes beside the clock's digits, and the digits' scale then: at `scale`, the
        size they have without it, in the work; getting ready, smaller if need be. It takes no more columns
        than its own proportions use at the middle's height, nor than leave the cues their `words` columns
        while it keeps BESIDE and what draws it SEEN_ROWS tall (a figure on all fours is wide). (0, scale)
        when fewer are left than it needs to be made out: SEEN_ROWS tall, and BESIDE in the work."""
        screen = self.screen
        middle = Size(screen.middle_width(), screen.query_one("#middle").content_size.height)
        value = screen.query_one("#clock", BigClock).value
        if scale < 1 or middle.height < LEAST[1]:
            return 0, scale
        tall = middle.height - caption
        seen = proportional(box, min(SEEN_ROWS, tall))
        least = max(LEAST[0] if lead_in else BESIDE, seen)
        wanted = min(proportional(box, tall), int(middle.width * LEAD_IN_SHARE))
        wanted = max(least, min(wanted, max(BESIDE, seen, middle.width - words)))  # the cues whole, if it can
        if lead_in:
            while scale > 1 and block_width(value, scale) + GAP + wanted > middle.width:
                scale -= 1
        free = middle.width - block_width(value, scale) - GAP
        if free < least:
            return 0, scale
        return min(free, wanted), scale

    def below(self, box: Box, rows: int, words: int) -> tuple[int, int]:
        """(columns, rows) of a figure under the digits, beside the cues, in the `rows` the digits leave there:
        in the work, where the digits fill the width (120x40) and no figure fits beside them. As tall as those
        rows allow up to BELOW_ROWS, when that is SEEN_ROWS at least and leaves the cues their longest line or
        CUES_LEAST columns. (0, 0) otherwise."""
        tall = min(rows, BELOW_ROWS)
        if tall < SEEN_ROWS:
            return 0, 0
        width = proportional(box, tall)
        if self.screen.middle_width() - width < min(words, CUES_LEAST):
            return 0, 0
        return width, tall

    def refresh(self, scale: int, words: int = 0, rows: int = 0) -> int:
        """Show, size, start or stop the figure for the part under way: at a new part, a pause, a resize.
        `rows`: those under the digits the cues have (a figure may go there in the work)."""
        screen = self.screen
        engine = screen.runner.engine
        demo = demo_now(engine)
        found = self.moves.get(demo.move) if demo else None
        width, below, shown_scale = 0, 0, scale
        large = bool(demo) and (demo.lead_in or self.in_work)  # as large as while getting ready
        if found:
            move, box = found
            width, shown_scale = self.room(scale, large, box, bool(move.seen_from), words)
            if not width and not large and shown_scale == scale:
                width, below = self.below(box, rows, words)
        if width and engine.paused and demo and not large and not self.width:
            # Paused in the work, the hint's row makes the digits smaller: a figure appearing in the columns
            # that frees, and going at the resume, would make the screen jump at every pause.
            width, below = 0, 0
        still = screen.app.settings.reduced_motion
        moving = bool(width) and not still and not engine.paused
        state = Shown(demo.move if demo else None, demo.side if demo else None, width, below, moving)
        if state == self._state:
            return shown_scale if width else scale
        if (self._state and self._state.below) != below:
            screen.refresh_bindings()  # f's label says whether a figure is under the digits already
        self._state = state
        if moving and self._frames is None:
            self._aim()
        elif not moving:
            self.stop()
        self.width = width
        for figure in (screen.query_one("#figure", MoveFigure), screen.query_one("#figure-below", MoveFigure)):
            shown = bool(width) and (figure.id == "figure-below") == bool(below)
            figure.display = shown
            if not shown:
                figure.clear()
        if not width:
            return scale
        figure = self._figure()
        figure.styles.width = width
        if below:
            figure.styles.height = below
        screen.call_after_refresh(self.frame)  # drawn once laid out at its width
        return shown_scale

    @property
    def below_shown(self) -> bool:
        """Whether the figure is under the digits now (in the work, where they fill the width: 120x40)."""
        return bool(self._state and self._state.width and self._state.below)

    def _figure(self) -> MoveFigure:
        """The widget the figure is in now: beside the digits, or under them."""
        below = bool(self._state and self._state.below)
        return self.screen.query_one("#figure-below" if below else "#figure", MoveFigure)

    def frame(self) -> None:
        """Draw the figure where the move is now (or its still pose)."""
        screen = self.screen
        demo = demo_now(screen.runner.engine)
        found = self.moves.get(demo.move) if demo else None
        if demo is None or found is None or not self._state or not self._state.width:
            return
        move, box = found
        # Frames come half a frame's time off the clock's seconds (_aim); the pose drawn is the one on the
        # frames' grid just before, a quarter second late, so a move's turning points (mostly at whole and half
        # seconds) are drawn: at the frames' own moments they never were, and arm swings never reached up.
        demo = demo._replace(elapsed=math.floor(demo.elapsed * FRAMES + 1e-6) / FRAMES)
        moment = move.still_moment() if screen.app.settings.reduced_motion else demo.moment(move.seconds)
        self._figure().show(move, moment, demo.side, box, move.seen_from)

    def _aim(self) -> None:
        """Wake for the next frame, half a frame's time off the clock's seconds: a frame's repaint (a large
        figure's takes some milliseconds) never delays a new second's (bench/timing.py)."""
        engine = self.screen.runner.engine
        now = self.screen.runner.now()
        period = 1 / FRAMES
        if engine.started and not engine.finished:
            wait = (engine.next_second(now) - period / 2 - now) % period
        else:
            wait = period
        self._frames = self.screen.set_timer(wait if wait > SOON else wait + period, self._moved)

    def _moved(self) -> None:
        self._frames = None
        if self._state and self._state.moving:  # still moving: the timer was not stopped in time
            self.frame()
            self._aim()

    def stop(self) -> None:
        if self._frames is not None:
            self._frames.stop()
            self._frames = None
