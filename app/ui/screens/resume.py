"""Offering to go on with a session a crash, a closed terminal or a power cut left unfinished."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from app.log.resume import CannotResume, Unfinished, close_stale_and_find, mark_interrupted, prepare
from app.routine.duration import format_clock, whole_seconds
from app.ui import screens
from app.ui.screens.dialogs import ConfirmScreen, Dialog
from app.ui.text import notify, plain

if TYPE_CHECKING:
    from app.ui.app import SuppleApp

OFFER_AGAIN = 1.0  # seconds before asking again, when the user was busy with something else


def look_for_unfinished(app: SuppleApp) -> None:
    """Ask the log (on its thread) for a session left running by a process that is gone; offer it back."""

    def offer(unfinished: Unfinished) -> None:
        # Asked only over the bare list: over a dialog the user opened meanwhile (a check-in), the keys meant
        # for it went to this question (Enter resumed). Keys typed before it shows go nowhere.
        if not isinstance(app.screen, screens.PickerScreen):
            app.set_timer(OFFER_AGAIN, lambda: offer(unfinished))
            return
        app.dialog_closed()
        app.push_screen(ResumeScreen(unfinished), lambda choice: _chosen(app, unfinished, choice))

    def found(unfinished: Unfinished | None) -> None:
        if unfinished is not None:
            try:
                app.call_from_thread(offer, unfinished)
            except RuntimeError:
                pass  # the app has ended meanwhile

    app.training_log.submit(lambda conn: close_stale_and_find(conn, datetime.now().astimezone()), found)


def _chosen(app: SuppleApp, unfinished: Unfinished, choice: str | None) -> None:
    if choice == "interrupted":
        app.training_log.submit(lambda conn: mark_interrupted(conn, unfinished.id))
        notify(app, f"The session of {unfinished.routine_name} stays in your log as interrupted.", timeout=5)
    elif choice == "resume":
        _resume(app, unfinished)


def _resume(app: SuppleApp, unfinished: Unfinished) -> None:
    try:
        routine, resume = prepare(unfinished)
    except CannotResume as error:
        app.training_log.submit(lambda conn: mark_interrupted(conn, unfinished.id))
        notify(app, f"Cannot go on with that session: {error}", severity="error", timeout=12)
        return
    if not resume.note:
        app.start_session(routine, scale=unfinished.scale, ref=unfinished.routine_ref, resume=resume)
        return

    def chosen(go_on: bool | None) -> None:
        if go_on:
            app.start_session(routine, scale=unfinished.scale, ref=unfinished.routine_ref, resume=resume)
        else:
            _chosen(app, unfinished, "interrupted")

    # The file changed: where it would go on is offered, not done unasked.
    app.push_screen(
        ConfirmScreen("Go on with this session?", "Go on", "Keep as interrupted", note=resume.note, safe=True), chosen
    )


class ResumeScreen(Dialog[str | None]):
    """A session was left unfinished: "resume", "interrupted" (logged so), or None to ask again next time."""

    BINDINGS = [
        Binding("r,enter", "choose('resume')", "Resume", id="resume.resume"),
        Binding("i", "choose('interrupted')", "Keep as interrupted", id="resume.interrupted"),
        Binding("escape", "choose('later')", "Later", id="resume.later"),
    ]

    def __init__(self, unfinished: Unfinished) -> None:
        super().__init__()
        self.unfinished = unfinished

    def compose_dialog(self) -> ComposeResult:
        u = self.unfinished
        when = u.started_at[:16].replace("T", " at ")
        with Vertical(classes="dialog"):
            yield Static(plain(f"{u.routine_name} was left unfinished"), classes="dialog-question")
            yield Static(
                plain(
                    f"It began {when} and stopped at step {u.step}, after {format_clock(whole_seconds(u.totals[0]))} "
                    "under way (the terminal closed, or Supple or the computer stopped). Go on from "
                    "there, or keep it in your log as interrupted?"
                )
            )
            with Horizontal(classes="dialog-buttons -many"):
                yield Button("Resume (r)", variant="success", id="resume")
                yield Button("Keep as interrupted (i)", variant="warning", id="interrupted")
                yield Button("Later (Esc)", id="later")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "later")

    def action_choose(self, choice: str) -> None:
        self.dismiss(None if choice == "later" else choice)
