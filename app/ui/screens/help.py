"""The keys of every screen, and a word of caution: a dialog that scrolls and fits a small terminal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from app.ui.screens.dialogs import Dialog
from app.ui.text import plain

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "In a session",
        (
            ("Space", "pause and resume; on a step that lasts until done, done"),
            ("n  →", "the next part"),
            ("p  ←", "back to the start of this part; in its first 2 seconds, the part before"),
            ("g", "go to a step"),
            ("+  -", "10 seconds more or less (a paced step: reps at its tempo)"),
            ("m  v", "sound off and on, voice off and on"),
            ("f", "the move in the work too, the clock smaller; again: the clock large (settings: how it starts)"),
            ("q  Esc", "stop the session (asks first)"),
        ),
    ),
    (
        "In the list of routines",
        (
            ("↑  ↓", "choose a routine"),
            ("Enter", "start it (with the mouse: a click shows it, a double click starts it)"),
            ("[  ]", "shorter or longer: the time scale, 50 % to 200 %"),
            ("n  e", "a new routine; edit one (a bundled one as your copy)"),
            ("d  x", "duplicate; delete (your routines only, asks first)"),
            ("u", "bring back the routine deleted last (supple trash lists the others)"),
            ("s  h", "settings (sound, volume, voice, theme); your training history"),
            ("c", "check in: how your back feels, 0-10"),
            ("b", "build the routine up slowly: start lower, a step up after each good session"),
            ("w", "the warning signs in your check-ins, when the top line shows them"),
            ("q", "quit Supple"),
        ),
    ),
    (
        "In the history",
        (
            ("↑  ↓", "choose a session"),
            ("Enter", "open it: each part done, cut short or skipped, and its check-in"),
            ("r", "each routine's minutes a week and pain as small bars; r again: the sessions"),
            ("Esc  q", "back (from a session to the history, then to the routines)"),
        ),
    ),
    (
        "In the editor",
        (
            ("Tab", "the next field"),
            ("Ctrl+S", "save"),
            ("Ctrl+Z", "undo the last change; Ctrl+Y redo"),
            ("F2", "the whole plan"),
            ("a  c  x", "add, copy or delete a step (on the list)"),
            ("Shift+↑ ↓", "move the step up or down"),
            ("Esc", "close (asks about unsaved changes)"),
        ),
    ),
    (
        "In the text view of a file with problems",
        (
            ("F6", "the list of problems; Enter on one goes to its line"),
            ("Ctrl+S", "save (it opens in the editor once it checks clean)"),
            ("Esc", "close (asks about unsaved changes)"),
        ),
    ),
    (
        "Everywhere",
        (
            ("Ctrl+P", "the command palette: run or edit a routine, themes, every key here"),
            ("Ctrl+Z", "outside the editor: suspend Supple (fg brings it back)"),
            ("?  F1", "these keys (F1 where ? would be typed)"),
        ),
    ),
)
CAUTION = (
    "Sound marks each start, the 3-2-1 and the end, so you rarely need to look. Stop if anything "
    "hurts sharply. Back pain that keeps coming back after training is a warning sign: take a "
    "break and see a doctor; the check-in after each session watches for it. Supple is a timer, "
    "not a diagnosis."
)


class HelpScreen(Dialog[None]):
    """The keys, and a word of caution; scrolls with the arrows, Page Up and Down, Home and End."""

    BINDINGS = [Binding("escape,question_mark,q,enter,f1", "close", "Close", id="help.close")]

    def __init__(self, section: str | None = None) -> None:
        """`section`: the title of the section to show first, the one for the screen below."""
        super().__init__()
        self.section = section

    def compose_dialog(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(plain("Keys  (Esc closes; ↑ ↓ PgUp PgDn scroll)"), classes="dialog-question")
            # This screen's keys first, then the others' in their order: the picker's ? shows the session's
            # keys a scroll below its own, not out of sight above them.
            ordered = sorted(SECTIONS, key=lambda section: section[0] != self.section)
            with VerticalScroll(id="help-keys"):
                for title, rows in ordered:
                    yield Static(plain(title, "bold"), classes="help-section", name=title)
                    for keys, what in rows:
                        with Horizontal(classes="help-row"):
                            yield Static(plain(keys), classes="help-key")
                            yield Static(plain(what), classes="help-what")
                yield Static(plain(CAUTION), id="help-caution")

    def on_mount(self) -> None:
        self.query_one("#help-keys", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
