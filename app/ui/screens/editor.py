"""The routine editor: routine fields, the step list, a step form, live checking, safe saving."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from app import paths
from app.routine.demos import demo_names
from app.routine.draft import Checked, RoutineDraft, StepDraft
from app.routine.draft_history import History
from app.routine.library import Entry, load_entry
from app.routine.model import KINDS
from app.routine.saving import Saved, is_inside, save_routine
from app.routine.schema import schema_header
from app.session.plan import describe_routine
from app.ui import screens
from app.ui.screens import stylesheet
from app.ui.screens.editor_base import RoutineEditor, Write
from app.ui.text import lines, notify, plain
from app.ui.widgets.key_bar import KeyBar
from app.ui.widgets.move_show import MoveShow
from app.ui.widgets.tick import Tick

KIND_LABELS = {"warmup": "Warm-up", "cooldown": "Cooldown", "mobility": "Mobility", "other": "Other"}
ENDING_LABELS = (("duration", "A time"), ("reps", "A number of reps"), ("manual", "When I say done"))
ROUTINE_INPUTS = ("name", "prep", "transition", "switch")
GAP_LABELS = {"prep": "Ready", "transition": "Between", "switch": "Switch"}
NARROW = 90  # columns below which the form is one column that scrolls
FIELD_CHANGES = (Input.Changed, TextArea.Changed, Select.Changed, Checkbox.Changed)
STEP_INPUTS = {
    "step-name": "name",
    "duration": "duration",
    "reps": "reps",
    "tempo": "tempo",
    "sets": "sets",
    "rest": "rest",
}


class StepList(OptionList):
    """The routine's steps; its keys add, copy, delete and move the highlighted one."""

    BINDINGS = [
        Binding(
            "a,insert",
            "screen.add_step",
            "Add step",
            id="editor.add-step",
            tooltip="Add a step after the highlighted one",
        ),
        Binding("c", "screen.copy_step", "Copy", id="editor.copy-step", tooltip="Copy the highlighted step"),
        Binding(
            "x,delete", "screen.delete_step", "Delete", id="editor.delete-step", tooltip="Delete the highlighted step"
        ),
        Binding(
            "ctrl+up,shift+up",
            "screen.move_step(-1)",
            "Up",
            id="editor.move-up",
            key_display="⇧↑",
            tooltip="Move the highlighted step up",
        ),
        Binding(
            "ctrl+down,shift+down",
            "screen.move_step(1)",
            "Down",
            id="editor.move-down",
            key_display="⇧↓",
            tooltip="Move the highlighted step down",
        ),
    ]


DEMO_ROWS = 10  # the chosen move's preview: a figure and its caption


def _input(value: str, widget_id: str, placeholder: str = "", *, short: bool = False) -> Input:
    # A name is not selected on focus (a user who types to add to it must not replace it); a short
    # value such as "45s" is, since it is retyped whole far more often than edited.
    return Input(value, id=widget_id, placeholder=placeholder, compact=True, select_on_focus=short)


def _put(field: Input, value: str) -> None:
    """Fill a field, the cursor after its text (where typing carries on), as a fresh one would have it."""
    if field.value != value:
        field.value = value
        field.cursor_position = len(value)


def _field(label: str, widget, error_id: str) -> ComposeResult:
    yield Label(label, classes="field-label")
    yield widget
    yield Static("", id=error_id, classes="field-error")


class EditorScreen(RoutineEditor):
    """Edit one routine; saving writes into the user's routines folder only."""

    HELP_SECTION = "In the editor"  # where the help opens from here
    QUIT_NOTE = "Ctrl+C again quits, and keeps your changes to offer the next time Supple starts."

    DEFAULT_CSS = stylesheet("editor.tcss")

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="editor.save",
            priority=True,
            tooltip="Write the routine to your routines folder",
        ),
        Binding(
            "f2",
            "preview",
            "Preview",
            id="editor.preview",
            priority=True,
            tooltip="The whole timeline, step by step, with its times",
        ),
        Binding("f1", "app.help", "Help", id="editor.help", tooltip="Every key, and what it does"),
        Binding(
            "escape",
            "leave",
            "Close",
            id="editor.close",
            tooltip="Close the editor (asks first if there are unsaved changes)",
        ),
        Binding("ctrl+q", "leave(True)", "Quit", id="editor.quit", show=False, priority=True),
        Binding("ctrl+z", "undo", "Undo", id="editor.undo", priority=True, tooltip="Undo the last change"),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", id="editor.redo", show=False, priority=True),
    ]
    KEYS_FIRST_TO_GO = ("editor.preview", "editor.undo")

    def __init__(
        self,
        draft: RoutineDraft,
        *,
        existing: Path | None = None,
        fingerprint: str | None = None,
        note: str = "",
        dirty: bool = False,
    ) -> None:
        super().__init__()
        self.draft = draft
        self.existing = existing
        self.fingerprint = fingerprint  # of `existing` as read: a save notices a change made since
        self.note = note
        self.dirty = dirty
        self.current = 0 if draft.steps else -1
        self.checked: Checked = draft.check()
        self._written: dict[str, str | Content] = {}
        self._rows: list[Content] = []
        self._writing = ""  # the name of the routine being written
        self.unnamed = False  # a new routine whose name was not typed yet: its blankness is not an error yet
        self.history = History()
        self.taken: dict[str, str] = {}  # other routines' names (case-folded), to the ref of one of them
        self._known: list[Entry] | None = None

    @classmethod
    def for_entry(cls, entry: Entry, copy: bool = False) -> EditorScreen:
        """Edit a user's routine in place; a bundled one, one from elsewhere, or any `copy`, as a new one.

        Only an asked-for copy starts with unsaved changes: a bundled routine opened to look at, and
        closed untouched, has nothing to save."""
        routine = entry.routine
        if copy:
            return cls(
                RoutineDraft.from_routine(routine, _suffixed(routine.name, "(copy)")),
                note=f'A copy of "{routine.name}"; it saves as a new routine in your folder.',
                dirty=True,
            )
        if entry.source == "bundled":
            return cls(
                RoutineDraft.from_routine(routine, _suffixed(routine.name, "(mine)")),
                note="Bundled routines are read-only: this copy saves into your routines folder.",
            )
        if entry.link_target is not None:
            return cls(
                RoutineDraft.from_routine(routine),
                note=f"{entry.path.name} is a link to {entry.link_target}: your changes save as a new "
                "routine in your folder, and the linked file stays as it is.",
            )
        if not is_inside(entry.path, paths.user_routines_dir()):
            return cls(
                RoutineDraft.from_routine(routine),
                note=f"{entry.path} is not in your routines folder: your changes save as a new routine there.",
            )
        return cls(RoutineDraft.from_routine(routine), existing=entry.path, fingerprint=entry.fingerprint)

    @classmethod
    def new(cls) -> EditorScreen:
        screen = cls(RoutineDraft(steps=[StepDraft()]), note="A new routine; it saves into your routines folder.")
        screen.unnamed = True
        return screen

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="editor-title")
        yield Static(plain(self.note), id="editor-note")
        with Horizontal(id="editor-body"):
            with Vertical(id="routine-form"):
                yield from _field("Name", _input(self.draft.name, "name", "e.g. My cooldown"), "name-error")
                yield Static("", id="name-warning")
                with Horizontal(classes="row"):
                    with Vertical(classes="cell kind"):
                        yield Label("Kind", classes="field-label")
                        yield Select(
                            [(KIND_LABELS[k], k) for k in KINDS],
                            value=self.draft.kind,
                            allow_blank=False,
                            id="kind",
                            compact=True,
                        )
                    for key, label in GAP_LABELS.items():
                        with Vertical(classes="cell"):
                            yield Label(label, classes="field-label")
                            yield _input(getattr(self.draft, key), key, "5s", short=True)
                # Under the row, whole: a cell is too narrow for a message.
                yield Static("", id="gaps-error", classes="field-error")
                yield Label("Description", classes="field-label")
                yield TextArea(self.draft.description, id="description", soft_wrap=True, compact=True)
                yield Static("", id="description-error", classes="field-error")
                yield Label("Steps", classes="field-label")
                yield StepList(id="steps", compact=True)
                yield Static("", id="steps-error", classes="field-error")
                with Horizontal(classes="step-buttons"):
                    for action, label in (
                        ("add", "Add"),
                        ("copy", "Copy"),
                        ("delete", "Delete"),
                        ("up", "↑"),
                        ("down", "↓"),
                    ):
                        yield Button(label, id=f"step-{action}", compact=True)
            with VerticalScroll(id="step-form"):
                yield from _field("Step name", _input("", "step-name", "Hip circles"), "step-name-error")
                yield Label("Ends after", classes="field-label")
                yield Select(
                    [(label, key) for key, label in ENDING_LABELS], allow_blank=False, id="ending", compact=True
                )
                with Vertical(id="duration-fields"):
                    yield from _field("Time (45s, 1m30s)", _input("", "duration", "45s", short=True), "duration-error")
                with Horizontal(id="rep-fields", classes="row"):
                    with Vertical(classes="cell"):
                        yield from _field("Reps", _input("", "reps", "10", short=True), "reps-error")
                    with Vertical(classes="cell"):
                        yield from _field(
                            "Seconds a rep", _input("", "tempo", "none: press done", short=True), "tempo-error"
                        )
                with Horizontal(id="set-fields", classes="row"):
                    with Vertical(classes="cell"):
                        yield from _field("Sets", _input("", "sets", "1", short=True), "sets-error")
                    with Vertical(classes="cell"):
                        yield from _field("Rest between sets", _input("", "rest", "0s", short=True), "rest-error")
                yield Tick("Both sides (left, then right)", id="sides", compact=True)
                yield Static("", id="sides-error", classes="field-error")
                yield Label("Form cues, one per line", classes="field-label")
                yield TextArea(id="cues", soft_wrap=True, compact=True)
                yield Static("", id="cues-error", classes="field-error")
                yield Label("Move shown beside the clock", classes="field-label")
                yield Select(
                    [(name, name) for name in demo_names()], prompt="none", allow_blank=True, id="demo", compact=True
                )
                yield Static("", id="demo-error", classes="field-error")
                yield MoveShow(id="demo-show", rows=DEMO_ROWS)
                yield Static("", id="step-error", classes="field-error")
        yield Static("", id="editor-status")
        yield KeyBar()

    def _fill_routine_fields(self) -> None:
        """Put the routine-level values of the draft into their fields."""
        with self.prevent(*FIELD_CHANGES):
            for key in ROUTINE_INPUTS:
                _put(self.query_one(f"#{key}", Input), getattr(self.draft, key))
            self.query_one("#kind", Select).value = self.draft.kind
            self.query_one("#description", TextArea).text = self.draft.description

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def on_mount(self) -> None:
        self._rebuild_steps()
        self._load_step()
        self._show_check()
        self.query_one("#name", Input).focus()
        if self._known is None:  # opened from the command line: read the routines off the event loop
            self.run_worker(
                lambda: self.app.call_from_thread(self.know, self.app.load_entries()), thread=True, exit_on_error=False
            )

    def know(self, entries: list[Entry]) -> None:
        """Learn the other routines' names, to warn when the one typed is taken already."""
        self._known = entries
        self.taken = {}
        for entry in entries:
            if entry.routine is not None and entry.path != self.existing:
                self.taken.setdefault(entry.routine.name.strip().casefold(), entry.ref)
        if self.is_mounted:
            self._show_check()

    # -- showing the draft

    def _title(self) -> Content:
        where = f"Editing {self.existing.name}" if self.existing else "New routine, not saved yet"
        return plain(where + ("  ·  unsaved changes" if self.dirty else ""), "bold")

    def _rebuild_steps(self) -> None:
        listing = self.query_one(StepList)
        listing.clear_options()
        self._rows = self._step_rows()
        listing.add_options([Option(row) for row in self._rows])
        if self.current >= 0:
            listing.highlighted = self.current

    def _update_steps(self) -> None:
        """Rewrite the rows of the step list that changed (a keystroke changes one, or a few)."""
        listing = self.query_one(StepList)
        rows = self._step_rows()
        for index, (old, new) in enumerate(zip(self._rows, rows)):
            if old != new:
                listing.replace_option_prompt_at_index(index, new)
        self._rows = rows

    def _step_rows(self) -> list[Content]:
        broken = {key[1] for key in self.checked.problems if key[0] == "step"}
        return [self._row(index, step, index in broken) for index, step in enumerate(self.draft.steps)]

    @staticmethod
    def _row(index: int, step: StepDraft, broken: bool) -> Content:
        return lines(
            plain(f"{index + 1:>2}. ", "red" if broken else ""),
            plain(step.name or "(no name)", "bold red" if broken else "bold"),
            plain(f"  {step.summary()}", "dim"),
        )

    def _load_step(self) -> None:
        """Fill the step form from the highlighted step."""
        form = self.query_one("#step-form")
        form.disabled = self.current < 0
        step = self.draft.steps[self.current] if self.current >= 0 else StepDraft(name="")
        # The fields' own change messages would arrive after the highlight may have moved on, and
        # write this step's values into another: filling the form sends none.
        with self.prevent(*FIELD_CHANGES):
            for widget_id, attr in STEP_INPUTS.items():
                _put(self.query_one(f"#{widget_id}", Input), getattr(step, attr))
            self.query_one("#ending", Select).value = step.ending
            self.query_one("#sides", Checkbox).value = step.sides
            cues = self.query_one("#cues", TextArea)
            if cues.text != step.cues:
                cues.text = step.cues
            # A name that is not a move (from a file) shows as none and stays in the step until another is
            # chosen: the check under the field says what is wrong with it.
            self.query_one("#demo", Select).value = step.demo if step.demo in demo_names() else Select.NULL
        self._show_ending(step)
        self._show_demo(step)

    def _show_demo(self, step: StepDraft) -> None:
        """The chosen move, playing under its choice (the right side's mirror is what a two-sided step adds)."""
        self.query_one(MoveShow).play([("", step.demo)] if step.demo else [])

    def _show_ending(self, step: StepDraft) -> None:
        self.query_one("#duration-fields").display = step.ending == "duration"
        self.query_one("#rep-fields").display = step.ending == "reps"
        for widget_id in ("#sides", "#set-fields"):
            self.query_one(widget_id).disabled = step.ending == "manual"

    def _show_check(self) -> None:
        problems = dict(self.checked.problems)
        waiting = self.unnamed and not self.draft.name.strip()
        if waiting:  # a new routine, its name not typed yet: nothing is wrong so far
            problems.pop(("routine", "name"), None)
        for key in ("name", "description"):
            self._show_error(f"#{key}-error", problems.get(("routine", key), []))
        self._show_error(
            "#gaps-error",
            [
                f"{label}: {message}"
                for key, label in GAP_LABELS.items()
                for message in problems.get(("routine", key), [])
            ],
        )
        self._show_error("#steps-error", problems.get(("routine", "steps"), []) + problems.get(("routine", ""), []))
        step = self.current
        for widget_id, attr in STEP_INPUTS.items():
            self._show_error(f"#{widget_id}-error", problems.get(("step", step, attr), []))
        for key in ("sides", "cues", "demo"):
            self._show_error(f"#{key}-error", problems.get(("step", step, key), []))
        self._show_error(
            "#step-error", problems.get(("step", step, ""), []) + problems.get(("step", step, "manual"), [])
        )
        if self.checked.routine is not None:
            self._write("#editor-status", f"Planned total: {describe_routine(self.checked.routine)}  ·  ready to save")
        elif waiting and not problems:
            self._write("#editor-status", "Give the routine a name, then Ctrl+S saves it")
        else:
            count = sum(len(messages) for messages in problems.values())
            self._write(
                "#editor-status", f"{count} problem{'s' if count != 1 else ''} to fix before saving (marked in red)"
            )
        self.query_one("#editor-status").set_class(self.checked.routine is None and bool(problems), "-invalid")
        self._write("#editor-title", self._title())
        self._write("#editor-note", self.note)
        self.query_one("#editor-note").display = bool(self.note)
        other = self.taken.get(self.draft.name.strip().casefold())
        warning = (
            f"Another routine is called this too ({other}): 'supple run' by this name would have to "
            "ask which one you mean."
            if other
            else ""
        )
        self._write("#name-warning", warning)
        self.query_one("#name-warning").display = bool(warning)

    def _show_error(self, selector: str, messages: list[str]) -> None:
        self._write(selector, "\n".join(messages))
        self.query_one(selector).display = bool(messages)

    def _write(self, selector: str, text: str | Content) -> None:
        """Show `text` in a Static, only when it changed: each update lays the whole screen out again."""
        if self._written.get(selector) != text:
            self._written[selector] = text
            self.query_one(selector, Static).update(plain(text) if isinstance(text, str) else text)

    def _changed(self, structure: bool = False) -> None:
        self.dirty = True
        self.checked = self.draft.check()
        if structure:
            self._rebuild_steps()
            self._load_step()
        elif self.current >= 0:
            self._update_steps()
        self._show_check()

    # -- edits from the form

    def _set(self, target: object, attr: str, value: object) -> None:
        if getattr(target, attr) != value:
            # Typing in one field is one change to undo; another field, or another step, starts the next.
            group = (attr, self.current if target is not self.draft else None)
            self.history.record(self.draft, self.current, f"the change to {attr}", group)
            setattr(target, attr, value)
            self._changed()

    def _structure(self, what: str) -> None:
        """Keep the draft for undo before a change to its steps named `what`."""
        self.history.record(self.draft, self.current, what)

    def action_undo(self) -> None:
        self._go_back(self.history.undo(self.draft, self.current), "Undone")

    def action_redo(self) -> None:
        self._go_back(self.history.redo(self.draft, self.current), "Redone")

    def _go_back(self, found: tuple[RoutineDraft, int, str] | None, verb: str) -> None:
        if found is None:
            notify(self, f"Nothing to {verb.lower()[:-2]}.", timeout=2)
            return
        self.draft, self.current, what = found
        self.current = min(self.current, len(self.draft.steps) - 1)
        self._fill_routine_fields()
        self._changed(structure=True)
        notify(self, f"{verb}: {what}.", timeout=3)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        widget_id = event.input.id or ""
        if widget_id in ROUTINE_INPUTS:
            self.unnamed = self.unnamed and not (widget_id == "name" and event.value)
            self._set(self.draft, widget_id, event.value)
        elif widget_id in STEP_INPUTS and self.current >= 0:
            self._set(self.draft.steps[self.current], STEP_INPUTS[widget_id], event.value)

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "description":
            self._set(self.draft, "description", event.text_area.text)
        elif self.current >= 0:
            self._set(self.draft.steps[self.current], "cues", event.text_area.text)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "kind":
            self._set(self.draft, "kind", event.value)
        elif event.select.id == "demo":
            if self.current >= 0:
                self._set(self.draft.steps[self.current], "demo", "" if event.value is Select.NULL else event.value)
                self._show_demo(self.draft.steps[self.current])
        elif self.current >= 0:
            self._set(self.draft.steps[self.current], "ending", event.value)
            self._show_ending(self.draft.steps[self.current])

    @on(Checkbox.Changed)
    def _sides_changed(self, event: Checkbox.Changed) -> None:
        if self.current >= 0:
            self._set(self.draft.steps[self.current], "sides", event.value)

    @on(OptionList.OptionHighlighted, "#steps")
    def _step_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not 0 <= event.option_index < len(self.draft.steps):
            return  # a highlight sent before its step was deleted, arriving after: that step is gone
        if event.option_index != self.current:
            self.current = event.option_index
            self._load_step()
            self._show_check()
        if self.has_class("-narrow"):  # the list does not scroll itself there: the column keeps the row in view
            self._keep_in_view(event.option_index)

    def _keep_in_view(self, index: int) -> None:
        body, steps = self.query_one("#editor-body"), self.query_one("#steps", OptionList)
        row = steps.region.y - body.region.y + round(body.scroll_y) + index
        body.scroll_to_region(Region(0, row, 1, 1), animate=False, immediate=True)

    # -- the step list

    def action_add_step(self) -> None:
        self._structure("adding a step")
        self.current = self.draft.add_step(self.current if self.current >= 0 else None)
        self._changed(structure=True)
        self.query_one("#step-name", Input).focus()

    def action_copy_step(self) -> None:
        if self.current >= 0:
            self._structure(f"copying {self.draft.steps[self.current].name or 'a step'}")
            self.current = self.draft.duplicate_step(self.current)
            self._changed(structure=True)

    def action_delete_step(self) -> None:
        if self.current >= 0:
            name = self.draft.steps[self.current].name or "the step"
            self._structure(f"deleting {name}")
            self.current = self.draft.delete_step(self.current)
            self._changed(structure=True)
            notify(self, f"Deleted {name}. Ctrl+Z brings it back.", timeout=4)

    def action_move_step(self, by: int) -> None:
        if self.current >= 0 and 0 <= self.current + by < len(self.draft.steps):
            self._structure(f"moving {self.draft.steps[self.current].name or 'a step'}")
            self.current = self.draft.move_step(self.current, by)
            self._changed(structure=True)

    @on(Button.Pressed, ".step-buttons Button")
    def _step_button(self, event: Button.Pressed) -> None:
        actions: dict[str, Callable[[], None]] = {
            "step-add": self.action_add_step,
            "step-copy": self.action_copy_step,
            "step-delete": self.action_delete_step,
            "step-up": lambda: self.action_move_step(-1),
            "step-down": lambda: self.action_move_step(1),
        }
        actions[event.button.id or ""]()

    # -- saving, preview, leaving

    def writer(self, as_copy: bool) -> Write | None:
        routine = self.checked.routine
        if routine is None:
            self.unnamed = False  # asked to save: a blank name is a problem now, and shown as one
            self._show_check()
            notify(self, "Not saved: fix the problems marked in red first.", severity="error")
            return None
        if as_copy:
            routine = routine._replace(name=_suffixed(routine.name, "(copy)"))
        self._writing = routine.name
        existing, expected, folder = None if as_copy else self.existing, self.fingerprint, paths.user_routines_dir()

        def write(overwrite: bool) -> Saved:  # on a worker thread
            header = schema_header()  # the user's editor checks the file against the schema it names
            return save_routine(routine, folder, existing, expected=expected, overwrite=overwrite, header=header)

        return write

    def was_saved(self, saved: Saved, as_copy: bool, leaving: bool) -> None:
        if as_copy:
            self.draft.name = self._writing
            self.query_one("#name", Input).value = self._writing
        self.note = ""
        self._show_check()
        if saved.backup is not None:
            notify(
                self,
                f"Your comments are kept in {saved.backup.name}: Supple writes files without comments.",
                timeout=12,
            )

    def reload(self) -> None:
        entry = load_entry(self.existing, "user")
        if entry.routine is None:
            notify(
                self,
                f"{self.existing.name} has problems now, so it cannot be loaded: {entry.error.problems[0].message}",
                severity="error",
                timeout=10,
            )
            return
        self.history.record(self.draft, self.current, "loading the file again")  # Ctrl+Z: your version back
        self.draft = RoutineDraft.from_routine(entry.routine)
        self.fingerprint, self.dirty = entry.fingerprint, False
        self.current = 0
        self._fill_routine_fields()
        self._changed(structure=True)
        self.dirty = False
        self._show_check()
        notify(self, f"Loaded {self.existing.name} again, as it is on disk now.")

    def action_preview(self) -> None:
        if self.checked.routine is None:
            notify(self, "Fix the problems marked in red to see the plan.", severity="warning")
            return
        self.app.push_screen(screens.PlanPreview(self.checked.routine))

    def title_for_question(self) -> str:
        return self.draft.name or "this routine"

    def keep_unsaved(self) -> None:
        """Quitting with unsaved changes (Ctrl+C twice): the form is kept, to offer the next time. Raises
        OSError when it cannot be written."""
        from app.routine.kept import keep

        if self.dirty:
            keep(self.draft, self.existing, self.fingerprint)


def _suffixed(name: str, suffix: str) -> str:
    """`name` with a suffix, kept within the format's 80 characters."""
    return f"{name[: 80 - len(suffix) - 1]} {suffix}"
