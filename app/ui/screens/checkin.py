"""The back check-in (0-10, where, down a leg, a note) and the advice when the warning signs show."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Static

from app.log.checkins import PLACES, CheckInError, Warning, advice, check_note
from app.log.jobs import Answer
from app.ui.screens.dialogs import Dialog
from app.ui.text import lines, plain
from app.ui.widgets.tick import Tick


class PainScale(Widget, can_focus=True):
    """0 to 10 in a row, the chosen one lit: digits choose 0-9, t chooses 10, arrows move, a click chooses."""

    DEFAULT_CSS = "PainScale { height: 1; width: auto; }"
    BINDINGS = [Binding("left", "move(-1)", "Less", show=False), Binding("right", "move(1)", "More", show=False)]

    def __init__(self, value: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.value = value

    def choose(self, value: int) -> None:
        self.value = max(0, min(10, value))
        self.refresh()

    def action_move(self, by: int) -> None:
        self.choose((0 if by > 0 else 10) if self.value is None else self.value + by)

    def take(self, event: events.Key) -> bool:
        """Choose from a key: a digit, or t for 10; True when it was one."""
        if event.character and event.character.isascii() and event.character.isdigit():
            self.choose(int(event.character))
        elif event.key == "t":
            self.choose(10)
        else:
            return False
        event.stop()
        return True

    def on_click(self, event: events.Click) -> None:
        self.choose(min(10, event.x // 4))

    def get_content_width(self, container, viewport) -> int:
        return 11 * 4

    def render(self) -> Content:
        cells = [plain(f" {n:>2} ", "bold reverse $accent" if n == self.value else "") for n in range(11)]
        return Content.assemble(*cells)


class SpaceTick(Tick, inherit_bindings=False):
    """A tick that Space ticks and Enter leaves alone, so Enter saves the check-in from anywhere."""

    BINDINGS = [Binding("space", "toggle_button", "Toggle", show=False)]


class CheckInScreen(Dialog[Answer | None]):
    """How does your back feel? A digit and Enter is enough; Esc skips."""

    # Enter is not a priority binding: a digit and Enter typed at once must reach the scale in that
    # order, and a priority binding would jump the queue.
    BINDINGS = [
        Binding("enter", "save", "Save", id="checkin.save"),
        Binding("escape", "skip", "Skip", id="checkin.skip"),
    ]

    # Over the summary, the summary's own frame showed round the box, out of line with it: a new user saw
    # the check-in garbled. After a session it stands on a plain background; the summary comes after it.
    DEFAULT_CSS = "CheckInScreen.-after-session { background: $background; }"

    def __init__(self, after: str = "") -> None:
        """`after`: what the check-in follows ("after Quick warm-up"), or "" when it stands alone."""
        super().__init__(classes="-after-session" if after else None)
        self.after = after

    def compose_dialog(self) -> ComposeResult:
        with Vertical(classes="dialog checkin"):
            yield Static(
                plain("How does your back feel" + (f" {self.after}" if self.after else "") + "?"),
                classes="dialog-question",
            )
            yield Static(plain("0 no pain · 10 worst imaginable · 0-9, t = 10, ← →", "dim"))
            yield PainScale(id="pain")
            yield Static("", id="pain-error", classes="field-error")
            yield Static(plain("Where?"), classes="checkin-label")
            with Horizontal(classes="checkin-places"):
                for place in PLACES:
                    yield SpaceTick(place.capitalize(), id=f"place-{place.replace(' ', '-')}", compact=True)
            yield SpaceTick("It spreads down a leg", id="leg", compact=True)
            yield Input(placeholder="a note (optional)", id="note", compact=True, max_length=500)
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain("Save (Enter)"), variant="primary", id="save", compact=True)
                yield Button(plain("Skip (Esc)"), id="skip", compact=True)

    def on_mount(self) -> None:
        self.query_one(PainScale).focus()

    def on_key(self, event: events.Key) -> None:
        # Wherever the focus is (a place ticked, a button), a digit is the pain; only the note takes text.
        if not isinstance(self.focused, Input):
            self.query_one(PainScale).take(event)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_skip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        pain = self.query_one(PainScale).value
        if pain is None:
            self._say(plain("Choose a number first: 0-9, or t for 10."))
            self.query_one(PainScale).focus()
            return
        places = tuple(p for p in PLACES if self.query_one(f"#place-{p.replace(' ', '-')}", Checkbox).value)
        try:
            note = check_note(self.query_one("#note", Input).value)
        except CheckInError as error:
            self._say(plain(str(error)))
            return
        self.dismiss(Answer(pain, places, self.query_one("#leg", Checkbox).value, note))

    def _say(self, problem: Content) -> None:
        error = self.query_one("#pain-error", Static)
        error.update(problem)
        error.display = True

    def action_skip(self) -> None:
        self.dismiss(None)


class AdviceScreen(Dialog[bool]):
    """The warning signs in full; Enter acknowledges (the picker's line goes until a new check-in brings it back)."""

    BINDINGS = [
        Binding("enter", "answer(True)", "I have read it", id="advice.ok", priority=True),
        Binding("escape", "answer(False)", "Later", id="advice.later"),
    ]

    def __init__(self, shown: Warning) -> None:
        super().__init__()
        self.shown = shown

    def compose_dialog(self) -> ComposeResult:
        with Vertical(classes="dialog advice"):
            yield Static(
                lines(plain("Take care of your back\n", "bold $warning"), advice(self.shown)), id="advice-text"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain("I have read it (Enter)"), variant="warning", id="ok")
                yield Button(plain("Later (Esc)"), id="later")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "ok")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
