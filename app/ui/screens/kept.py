"""Offering back the editor work kept when Supple was last quit with unsaved changes (Ctrl+C twice)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from app.routine.kept import Kept, every_kept, forget, throw_away
from app.ui import screens
from app.ui.screens.dialogs import Dialog
from app.ui.text import notify, plain

if TYPE_CHECKING:
    from app.ui.app import SuppleApp


def offer_kept(app: SuppleApp) -> None:
    """Look for kept work (off the event loop) and offer the newest back."""

    async def find() -> None:
        found = await asyncio.to_thread(every_kept)
        if found:
            app.push_screen(KeptScreen(found[0]), lambda choice: _chosen(app, found[0], choice))

    app.run_worker(find(), group="kept")


def _chosen(app: SuppleApp, kept: Kept, choice: str | None) -> None:
    try:
        if choice == "open":
            existing = kept.existing if kept.existing is not None and kept.existing.is_file() else None
            note = "Your unsaved changes from last time" + (
                f", to {existing.name}." if existing else ": they save as a new routine in your folder."
            )
            app.push_screen(
                screens.EditorScreen(kept.draft, existing=existing, fingerprint=kept.fingerprint, note=note, dirty=True)
            )
            forget(kept)  # the editor has them now; leaving it asks, and Ctrl+C twice keeps them again
        elif choice == "throw":
            where = throw_away(kept)
            notify(app, f"Thrown away; kept in the trash as {where}.", timeout=8)
    except OSError as error:
        notify(app, f"The kept changes could not be moved: {error.strerror or error}", severity="error", timeout=10)


class KeptScreen(Dialog[str | None]):
    """Unsaved work was kept: "open" it in the editor, "throw" it away (into the trash), or None for later."""

    BINDINGS = [
        Binding("o,enter", "choose('open')", "Open", id="kept.open"),
        Binding("t", "choose('throw')", "Throw away", id="kept.throw"),
        Binding("escape", "choose('later')", "Later", id="kept.later"),
    ]

    def __init__(self, kept: Kept) -> None:
        super().__init__()
        self.kept = kept

    def compose_dialog(self) -> ComposeResult:
        when = datetime.fromtimestamp(self.kept.at).strftime("%Y-%m-%d at %H:%M")
        with Vertical(classes="dialog"):
            yield Static(plain(f'Unsaved changes to "{self.kept.name or "a new routine"}"'), classes="dialog-question")
            yield Static(
                plain(
                    f"Supple was quit with Ctrl+C on {when} before they were saved. Open them in the editor "
                    "to go on, or throw them away?"
                )
            )
            with Horizontal(classes="dialog-buttons -many"):
                yield Button("Open (o)", variant="success", id="open")
                yield Button("Throw away (t)", variant="error", id="throw")
                yield Button("Later (Esc)", id="later")

    def on_mount(self) -> None:
        self.query_one("#open", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "later")

    def action_choose(self, choice: str) -> None:
        self.dismiss(None if choice == "later" else choice)
