"""The picker: routines grouped by kind, a preview of the highlighted one, broken files with their error."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from app.duration import format_human
from app.library import Entry
from app.model import Step
from app.plan import describe_routine
from app.ui.screens import stylesheet
from app.ui.text import lines, notify, plain
from app.ui.widgets.key_bar import KeyBar

GROUPS = (("warmup", "Warm-ups"), ("cooldown", "Cooldowns"), ("mobility", "Mobility"), ("other", "Other"))


def step_summary(step: Step) -> str:
    """How a step ends, for a list row: "30 s", "12 reps x 2 s", "10 reps", "until done"."""
    if step.manual:
        how = "until done"
    elif step.reps is not None:
        how = f"{step.reps} reps" + (f" x {format_human(step.tempo)}" if step.tempo else "")
    else:
        how = format_human(step.duration)
    extras = [how]
    if step.sides:
        extras.append("each side")
    if step.sets > 1:
        extras.append(f"{step.sets} sets")
    return ", ".join(extras)


def preview(entry: Entry) -> Content:
    """The preview pane's content for one entry."""
    if entry.routine is None:
        parts = [plain(f"{entry.path.name}\n\n", "bold"), plain("This file has problems and cannot be run:\n\n", "bold red")]
        parts += [plain(f"{problem}\n") for problem in entry.error.problems]
        parts.append(plain("\nFix it in a text editor, then check it with: supple check FILE"))
        return lines(*parts)
    routine = entry.routine
    source = "bundled" if entry.source == "bundled" else f"your routine ({entry.path.name})"
    if entry.link_target is not None:
        source = f"your routine ({entry.path.name}, a link to {entry.link_target})"
    parts = [
        plain(f"{routine.name}\n", "bold"),
        plain(f"{describe_routine(routine)} · {len(routine.steps)} steps · {source}\n\n", "dim"),
    ]
    if routine.description:
        parts.append(plain(routine.description.strip() + "\n\n"))
    for number, step in enumerate(routine.steps, start=1):
        parts += [plain(f"{number:>2}. {step.name}", "bold"), plain(f"  {step_summary(step)}\n")]
    return lines(*parts)


class PickerScreen(Screen[None]):
    """Choose a routine and start it."""

    DEFAULT_CSS = stylesheet("picker.tcss")

    BINDINGS = [
        Binding("enter", "start", "Start", id="picker.start", priority=True),
        Binding("n", "new", "New", id="picker.new"),
        Binding("e", "edit", "Edit", id="picker.edit"),
        Binding("d", "duplicate", "Duplicate", id="picker.duplicate"),
        Binding("x,delete", "delete", "Delete", id="picker.delete"),
        Binding("s", "settings", "Settings", id="picker.settings"),
        Binding("question_mark", "help", "Help", id="picker.help"),
        Binding("q", "app.quit", "Quit", id="picker.quit"),
    ]

    stale = False  # set when the user comes back from the editor or a session
    _previewed: Entry | None = None

    def compose(self) -> ComposeResult:
        yield Static("Supple  ·  pick a routine, press Enter to start", id="picker-title")
        with Horizontal(id="picker-body"):
            yield OptionList(id="routines")
            with VerticalScroll(id="preview-pane"):
                yield Static(id="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload(self.app.highlight_ref)
        self.app.highlight_ref = None

    def on_screen_resume(self) -> None:
        # Closing a dialog changes no files; only coming back from a session or the editor does.
        if self.stale:
            self.stale = False
            highlighted = self._highlighted()
            self.reload(self.app.highlight_ref or (highlighted.ref if highlighted else None))
            self.app.highlight_ref = None

    def reload(self, show: str | None = None) -> None:
        """Read the library again and rebuild the list, highlighting `show` (a ref) if it is there."""
        self.entries = {entry.ref: entry for entry in self.app.load_entries()}
        options: list[Option | None] = []
        for kind, label in GROUPS:
            group = [e for e in self.entries.values() if e.routine and e.routine.kind == kind]
            if group:
                options.append(Option(plain(label.upper(), "bold"), disabled=True))
                options += [Option(plain(f"  {e.routine.name}"), id=e.ref) for e in group]
        broken = [e for e in self.entries.values() if e.error]
        if broken:
            options.append(Option(plain("BROKEN FILES", "bold red"), disabled=True))
            options += [Option(plain(f"  ⚠ {e.path.name}", "red"), id=e.ref) for e in broken]
        listing = self.query_one("#routines", OptionList)
        listing.clear_options()
        listing.add_options(options)
        first = next((i for i, o in enumerate(options) if o is not None and not o.disabled), None)
        wanted = next((i for i, o in enumerate(options) if o is not None and show and o.id == show), None)
        first = first if wanted is None else wanted
        if first is None:
            self.query_one("#preview", Static).update("No routines found.")
        else:
            listing.highlighted = first
            self._show(options[first].id)  # now, so the first frame has it; the message comes later
        listing.focus()

    def _show(self, ref: str | None) -> None:
        """Preview the entry `ref`, unless it is already shown."""
        entry = self.entries.get(ref or "")
        if entry is not None and entry is not self._previewed:
            self._previewed = entry
            self.query_one("#preview", Static).update(preview(entry))

    def _highlighted(self) -> Entry | None:
        listing = self.query_one("#routines", OptionList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return self.entries.get(option.id) if option.id else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option.id)

    def action_start(self) -> None:
        entry = self._highlighted()
        if entry is None:
            return
        if entry.routine is None:
            notify(self, f"{entry.path.name} has problems; fix it first.", severity="error")
            return
        self.app.start_session(entry.routine)

    def action_help(self) -> None:
        from app.ui.screens.dialogs import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_settings(self) -> None:
        from app.ui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_new(self) -> None:
        self.app.open_editor("new")

    def action_edit(self) -> None:
        entry = self._usable("edit")
        if entry is not None:
            self.app.open_editor(entry)

    def action_duplicate(self) -> None:
        entry = self._usable("duplicate")
        if entry is not None:
            self.app.open_editor(entry, copy=True)

    def _usable(self, verb: str) -> Entry | None:
        entry = self._highlighted()
        if entry is not None and entry.routine is None:
            notify(self, f"{entry.path.name} has problems: fix it in a text editor to {verb} it here "
                   "(supple check shows them), or delete it with x.", severity="error", timeout=8)
            return None
        return entry

    def action_delete(self) -> None:
        from app.ui.screens.dialogs import ConfirmScreen

        entry = self._highlighted()
        if entry is None:
            return
        if entry.source != "user":
            notify(self, f'"{entry.name}" is bundled with Supple and cannot be deleted; d makes a copy you own.',
                   severity="warning", timeout=6)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(entry)

        question = f'Delete "{entry.name}"?\n\nThis removes {entry.path.name} from your routines folder.'
        if entry.link_target is not None:
            question = (f'Delete the link "{entry.path.name}"?\n\nOnly the link goes; the file it points to, '
                        f"{entry.link_target}, stays as it is.")
        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answered)

    def _delete(self, entry: Entry) -> None:
        from app import paths
        from app.saving import SaveError, delete_routine

        try:
            delete_routine(entry.path, paths.user_routines_dir())
        except SaveError as error:
            notify(self, str(error), severity="error")
            return
        self.reload()
        notify(self, f'Deleted "{entry.name}" ({entry.path.name})')
