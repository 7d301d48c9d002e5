"""What both editors (the form and the text of a broken file) share: one way to save a routine, off the
event loop and never over a change made elsewhere (asked about: overwrite, load theirs, or a copy), and
one question on leaving with unsaved changes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from app.routine.saving import Conflict, Saved, SaveError
from app.ui import screens
from app.ui.screens.base import SuppleScreen
from app.ui.text import notify

Write = Callable[[bool], Saved]  # writes the file (True: over a change made elsewhere); runs off the loop


class RoutineEditor(SuppleScreen[None]):
    """An editor of a routine file: it says what to write and what follows a save; saving and leaving are here."""

    BASE = True  # shares code; not a screen of its own
    QUIT_NOTE = ""  # under the question when Ctrl+C asked it: what a second Ctrl+C does

    existing: Path | None  # the file it saves over; None: a new routine
    fingerprint: str | None  # the file as this editor read or last wrote it
    dirty: bool
    saved_ref: str | None = None  # the routine last saved, for the picker to show

    def writer(self, as_copy: bool) -> Write | None:
        """What writes the routine as it stands now (`as_copy`: as a new routine); None when it cannot be
        saved, having said why."""
        raise NotImplementedError

    def was_saved(self, saved: Saved, as_copy: bool, leaving: bool) -> None:
        """The routine is written: take up the file's new state (`leaving`: the editor closes next)."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the file again, throwing this editor's changes away."""
        raise NotImplementedError

    def title_for_question(self) -> str:
        """The routine's name, as the question on leaving names it."""
        raise NotImplementedError

    def close(self) -> None:
        self.app.leave_editor(self, self.saved_ref)

    def action_save(self) -> None:
        """Save when the routine can be saved (say why not otherwise), in a worker: keys go on working."""
        self.run_worker(self.save(), group="save", exclusive=True)

    async def save(
        self, *, overwrite: bool = False, as_copy: bool = False, then: Callable[[], None] | None = None
    ) -> bool:
        """Write the routine off the event loop, then `then()`; a change made on disk meanwhile is asked
        about first. True when it was written."""
        write = self.writer(as_copy)
        if write is None:
            return False
        try:
            saved = await asyncio.to_thread(write, overwrite)
        except Conflict as conflict:
            self.app.push_screen(
                screens.ConflictScreen(str(conflict), conflict.gone), lambda choice: self._resolve(choice, then)
            )
            return False
        except SaveError as error:
            notify(self, f"Not saved: {error}", severity="error", timeout=10)
            return False
        self.existing, self.fingerprint, self.dirty = saved.path, saved.fingerprint, False
        self.saved_ref = f"user:{saved.path.stem}"
        notify(self, f"{saved.path.name}, in your routines folder:\n{saved.path.parent}", title="Saved")
        self.was_saved(saved, as_copy, leaving=then is not None)
        if then is not None:
            then()
        return True

    def _resolve(self, choice: str | None, then: Callable[[], None] | None) -> None:
        """What the user chose when the file had changed on disk: overwrite, reload, a copy, or nothing."""
        if choice in ("overwrite", "copy"):
            self.run_worker(self.save(overwrite=choice == "overwrite", as_copy=choice == "copy", then=then))
        elif choice == "reload":
            self.reload()

    def action_leave(self, quit_app: bool = False) -> None:
        """Close the editor (or quit), asking first when there are unsaved changes."""
        finish = self.app.exit if quit_app else self.close
        if not self.dirty:
            finish()
            return

        def answered(choice: str | None) -> None:
            if choice == "discard":
                finish()
            elif choice == "save":
                self.run_worker(self.save(then=finish), group="save", exclusive=True)

        self.app.push_screen(
            screens.SaveChanges(self.title_for_question(), self.QUIT_NOTE if quit_app else ""), answered
        )
