"""The editor's modal screens: save / discard / cancel on leaving, and the plan preview."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.widgets import Button, Static

from app.routine.model import Routine
from app.session.plan import build_plan
from app.session.plan_output import plan_table
from app.ui.screens.dialogs import Dialog
from app.ui.text import plain


class SaveChanges(Dialog[str | None]):
    """Unsaved changes: returns "save", "discard", or None to keep editing."""

    BINDINGS = [
        Binding("s", "choose('save')", "Save", id="leave.save"),
        Binding("d", "choose('discard')", "Discard", id="leave.discard"),
        Binding("escape,c", "choose('cancel')", "Cancel", id="leave.cancel"),
    ]

    def __init__(self, name: str, note: str = "") -> None:
        """`note`: what else can be done here (asked by Ctrl+C: what a second one does)."""
        super().__init__()
        self.routine_name, self.note = name, note

    def compose_dialog(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(f'"{self.routine_name}" has unsaved changes.'), classes="dialog-question")
            if self.note:
                yield Static(plain(self.note), classes="dialog-note")
            with Horizontal(classes="dialog-buttons -many"):
                yield Button("Save (s)", variant="success", id="save")
                yield Button("Discard (d)", variant="error", id="discard")
                yield Button("Cancel (Esc)", variant="primary", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(None if choice == "cancel" else choice)


class ConflictScreen(Dialog[str | None]):
    """The file changed on disk since it was opened: "overwrite", "reload", "copy", or None to go back."""

    BINDINGS = [
        Binding("o", "choose('overwrite')", "Overwrite", id="conflict.overwrite"),
        Binding("r", "choose('reload')", "Reload", id="conflict.reload"),
        Binding("c", "choose('copy')", "Copy", id="conflict.copy"),
        Binding("escape", "choose('cancel')", "Cancel", id="conflict.cancel"),
    ]
    KEYS_FIRST_TO_GO = ("conflict.reload", "conflict.overwrite")

    def __init__(self, message: str, gone: bool) -> None:
        super().__init__()
        self.message, self.gone = message, gone

    def compose_dialog(self) -> ComposeResult:
        then = (
            "Save it again, keep your version as a copy, or go back to editing."
            if self.gone
            else "Overwrite it with your version, load it again (losing your changes here), "
            "save yours as a copy, or go back to editing."
        )
        with Vertical(classes="dialog"):
            yield Static(plain(f"{self.message}."), classes="dialog-question")
            yield Static(plain(then))
            with Horizontal(classes="dialog-buttons -many"):
                yield Button("Save again (o)" if self.gone else "Overwrite (o)", variant="error", id="overwrite")
                if not self.gone:
                    yield Button("Reload (r)", id="reload")
                yield Button("Save a copy (c)", variant="success", id="copy")
                yield Button("Cancel (Esc)", variant="primary", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        if choice == "reload" and self.gone:
            return
        self.dismiss(None if choice == "cancel" else choice)


class PlanPreview(Dialog[None]):
    """The timeline the routine expands to, as `supple plan` prints it."""

    BINDINGS = [Binding("escape,enter,f2,q", "close", "Close", id="preview.close")]

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine

    def compose_dialog(self) -> ComposeResult:
        sets_of = {n: step.sets for n, step in enumerate(self.routine.steps, start=1)}
        with Vertical(classes="dialog preview"):
            yield Static(plain(f"The plan of {self.routine.name}  (Esc to close)"), classes="dialog-question")
            with ScrollableContainer(id="plan-scroll"):
                # Rows as `supple plan` prints them, whole: a narrow terminal scrolls sideways.
                yield Static(plain(plan_table(build_plan(self.routine), sets_of)), id="plan-table")

    def action_close(self) -> None:
        self.dismiss(None)
