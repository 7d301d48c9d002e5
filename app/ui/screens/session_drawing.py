"""How the session screen draws its view: each widget written only when what it shows changes."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.widgets import Static

from app.session.runner import SessionRunner
from app.session.session_view import SessionView, cue_lines, next_line
from app.ui.screens.base import SuppleScreen
from app.ui.screens.session_figure import FigureSlot
from app.ui.text import plain
from app.ui.widgets.bar import ProgressBar
from app.ui.widgets.big_clock import ROWS, BigClock, best_scale
from app.ui.widgets.top_bar import TopBar

FLASH_SECONDS = 0.35  # short: seen from the corner of the eye, gone before it is looked at
# Never a strobe: one flash a second at most, however fast parts change. The 3-2-1 pips come a second
# apart, and a timer a few ms early must not lose one of their blinks: hence a little under a second.
FLASH_GAP = 0.9
KINDS = ("prep", "work", "switch", "rest", "transition")


class SessionDrawing(SuppleScreen[None]):
    """The session screen's drawing; the screen itself (session.py) keeps time and takes keys."""

    BASE = True  # shown only as the session screen (registry.every_screen)

    runner: SessionRunner
    figure: FigureSlot  # the move beside the clock
    _shown: dict[str, object]  # what each part shows now, by key
    _said: str  # a word on the last key pressed, shown in the hint line for a moment

    _flashed_at = -FLASH_GAP  # time.monotonic() of the last flash

    def flash_across_the_room(self) -> bool:
        """Whether a new part flashes the screen in its colour: the flash setting, and on "auto" when no
        sound is heard (muted, or only the terminal bell)."""
        app = self.app
        choice = app.settings.flash
        return choice == "on" or (choice == "auto" and (app.sound.muted or bool(app.sound.state.flag())))

    def _flash(self, new_part: bool) -> None:
        """A blink at a sound: the phase band for a cue, the whole middle in the phase's colour at a new part
        when the flash is on. Nothing with the flash off or with reduced motion; one a second at most."""
        settings = self.app.settings
        across = self.flash_across_the_room()
        if settings.flash == "off" or settings.reduced_motion or (across and not new_part):
            return  # with the flash on, only a new part blinks: the one change to see from across the room
        now = time.monotonic()
        if now - self._flashed_at < FLASH_GAP:
            return
        self._flashed_at = now
        if across:
            target, name = self.query_one("#middle"), f"-flash-{self._shown['kind']}"
        else:
            target, name = self.query_one("#phase", Static), "-flash"
        target.add_class(name)
        self.set_timer(FLASH_SECONDS, lambda: target.remove_class(name))

    def _band(self) -> None:
        """With reduced motion, the flash becomes a steady band of the phase's colour either side of the
        middle, changing colour with the part instead of blinking."""
        steady = self.app.settings.reduced_motion and self.flash_across_the_room()
        middle = self.query_one("#middle")
        for name in KINDS:
            middle.set_class(steady and name == self._shown["kind"], f"-band-{name}")

    def _show(self, key: str, value: object, write: Callable[[object], object]) -> None:
        """Write to a widget only when what it shows changes."""
        if self._shown.get(key) != value:
            self._shown[key] = value
            write(value)

    def _text(self, key: str, value: str) -> None:
        """Show `value` literally in the Static `#key`, when it changed; an empty one takes no room."""

        def write(text: str) -> None:
            widget = self.query_one(f"#{key}", Static)
            widget.update(plain(text))
            widget.display = bool(text) or key in ("phase", "upcoming")

        self._show(key, value, write)

    def render_view(self) -> None:
        view = self.runner.view()
        self._show_time(view)  # first: it is what must change on the second; restyling can follow
        self._show("kind", view.kind, self._set_kind)
        self._show("paused", view.paused, self._set_paused)
        self._text("phase", view.phase + ("  ·  PAUSED" if view.paused else ""))
        self._text("title", view.title)
        self._text("detail", view.detail)
        self._text("hint", self._said or view.hint)
        width = self.size.width
        scale, room = self._clock_room(view.clock, bool(view.cues))
        # Before the cues: they have the rows and width the two leave; the figure leaves them their longest
        # line if it can ("• " and the padding either side besides).
        words = max((len(" ".join(cue.split())) + 10 for cue in view.cues), default=0)
        scale = self.figure.refresh(scale, words, room - ROWS * max(scale, 1))
        # What the side is, where the line has room for it once the figure has taken its columns.
        self._text("detail", self.figure.with_side_words(view.detail, self.middle_width() - self.figure.width - 2))
        cue_rows = max(0, room - ROWS * max(scale, 1))
        cues_width = self.middle_width() - 8 - self.figure.width
        self._text("cues", "\n".join(cue_lines(view.cues, cue_rows, cues_width)))
        self._text("upcoming", next_line(view.upcoming, view.upcoming_more, width - 2, view.upcoming_label))

    def middle_width(self) -> int:
        """The middle's columns: the screen's, less the band either side with reduced motion (a border and a
        column of padding each side). Worked out, since the middle's own size lags a resize or a new band by
        a frame: a figure sized from it ran off the right edge."""
        middle = self.query_one("#middle")
        return self.size.width - (4 if any(middle.has_class(f"-band-{kind}") for kind in KINDS) else 0)

    def redraw(self) -> None:
        """Draw every part again: its size, or the room the figure takes, changed."""
        self._shown.pop("cues", None)
        self._shown.pop("upcoming", None)
        self.render_view()

    def _show_time(self, view: SessionView) -> None:
        """The countdown, the time gone and left, the bar: what changes every second, drawn without a layout."""
        self._show("clock", view.clock, self.query_one("#clock", BigClock).update)
        self.query_one("#top", TopBar).show(position=view.position, left=view.left)
        self.query_one("#bar", ProgressBar).show(view.progress, view.progress_total)

    def _clock_room(self, clock: str, any_cues: bool) -> tuple[int, int]:
        """The clock's scale and the rows it and the cues share: the clock has its largest digits across the
        whole middle that leave a row for a cue, and the cues what is left below them."""
        others = sum(1 for key in ("title", "detail", "hint") if self._shown.get(key))
        room = self.query_one("#middle").content_size.height - others
        return best_scale(clock, self.middle_width(), room - (1 if any_cues else 0)), room

    def _set_kind(self, kind: str) -> None:
        phase = self.query_one("#phase")
        for name in KINDS:
            phase.set_class(name == kind, f"-{name}")
        self._band()

    def _set_paused(self, paused: bool) -> None:
        for selector in ("#phase", "#clock"):
            self.query_one(selector).set_class(paused, "-paused")

    def state_changed(self) -> None:
        """Say in the top line when sound is off, the voice is off, or only the bell works; and when the screen
        could not be kept awake."""
        if not self.query("#top"):
            return  # not composed yet: on_mount says it
        sound = self.app.sound
        state = "MUTED" if sound.muted else (sound.state.flag() or ("" if sound.voice else "voice off"))
        keep = self.app.keep_awake
        awake = "screen may sleep" if keep.wanted and keep.why else ""
        self.query_one("#top", TopBar).show(sound_state=state, awake=awake)
        self._band()  # muted or unmuted, the flash may have come on or gone
