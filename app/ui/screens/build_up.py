"""The build-up of one routine (b in the picker): start it, turn it off, or go on after a pause."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from app.log.build_up import BuildUp, BuildUpError, check, percent
from app.ui.screens.dialogs import Dialog
from app.ui.text import plain


class Choice(NamedTuple):
    action: str  # "start", "off" or "resume"
    start: float = 0.0
    step: float = 0.0
    target: float = 0.0


def _number(text: str, label: str) -> float:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise BuildUpError(f"{label} must be a number such as 0.7, got {text.strip()[:20]!r}") from None


class BuildUpScreen(Dialog[Choice | None]):
    """Start (or start again), turn off, or resume the build-up of one routine."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start", id="build-up.start", priority=True),
        Binding("escape", "cancel", "Cancel", id="build-up.cancel"),
    ]

    def __init__(self, name: str, current: BuildUp | None) -> None:
        super().__init__()
        self.routine_name, self.current = name, current

    def compose_dialog(self) -> ComposeResult:
        now = self.current
        with Vertical(classes="dialog build-up"):
            yield Static(plain(f"Build up {self.routine_name} slowly"), classes="dialog-question")
            yield Static(
                plain(
                    "Begin below full length; each completed session whose check-in had pain under 4 adds a "
                    "step. Pain of 4 to 6 holds it; 7 or more, or the warning signs, step it back and pause it."
                    + (
                        f"\n\nNow: {percent(now.scale)}, from {percent(now.start)} to {percent(now.target)}"
                        f"{' (paused)' if now.paused else ''}."
                        if now
                        else ""
                    )
                ),
                classes="build-up-about",
            )
            for key, label, value in (
                ("start", "Start at", now.start if now else 0.7),
                ("step", "Step", now.step if now else 0.05),
                ("target", "Target", now.target if now else 1.0),
            ):
                with Horizontal(classes="setting"):
                    yield Label(label, classes="setting-label")
                    yield Input(f"{value:g}", id=key, compact=True, select_on_focus=True)
            yield Static("", id="build-up-error", classes="field-error")
            # One row each, so the buttons show without scrolling at 60x20 too (as the settings' do).
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain("Start (Ctrl+S)"), variant="primary", id="start", compact=True)
                if now and now.paused:
                    yield Button(plain("Resume"), variant="success", id="resume", compact=True)
                if now:
                    yield Button(plain("Turn off"), variant="error", id="off", compact=True)
                yield Button(plain("Cancel (Esc)"), id="cancel", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id in ("off", "resume"):
            self.dismiss(Choice(event.button.id))
        else:
            self.action_cancel()

    def action_start(self) -> None:
        try:
            values = [_number(self.query_one(f"#{key}", Input).value, key) for key in ("start", "step", "target")]
            check(*values)
        except BuildUpError as error:
            said = self.query_one("#build-up-error", Static)
            said.update(plain(str(error)))
            said.display = True  # no row of its own until there is something to say: 60x20 has none to spare
            return
        self.dismiss(Choice("start", *values))

    def action_cancel(self) -> None:
        self.dismiss(None)
