"""The picker: routines grouped by kind, a preview of the highlighted one, broken files with their error."""

from __future__ import annotations

import os
from collections import Counter
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from app import paths
from app.routine.library import Entry
from app.session.plan import SCALE_RANGE
from app.session.start import Start, session_start
from app.ui import screens
from app.ui.care import acknowledge, check_in, get_build_up, set_build_up, standing
from app.ui.history_ahead import read_ahead
from app.ui.screens import stylesheet
from app.ui.screens.base import SuppleScreen
from app.ui.screens.picker_preview import preview
from app.ui.screens.routine_list import RoutineList, row, telling_names
from app.ui.text import notify, plain
from app.ui.widgets.key_bar import KeyBar
from app.ui.widgets.move_show import MoveShow
from app.ui.widgets.prose import Prose

if TYPE_CHECKING:
    from pathlib import Path

    from app.log.checkins import Warning
    from app.log.jobs import Care, Standing

FOLDER_LOOK = 3.0  # seconds between looks at the routines folder and the log while the list shows
FIRST_ROWS = 150  # rows listed before the first frame: more than a tall terminal shows
GROUPS = (("warmup", "Warm-ups"), ("cooldown", "Cooldowns"), ("mobility", "Mobility"), ("other", "Other"))


def _changed(*paths_: Path) -> tuple[int, ...]:
    """When each of `paths_` last changed (0 for one that cannot be read): one stat each, no file read."""
    marks = []
    for path in paths_:
        try:
            marks.append(os.stat(path).st_mtime_ns)
        except OSError:
            marks.append(0)
    return tuple(marks)


class PickerScreen(SuppleScreen[None]):
    """Choose a routine and start it."""

    HELP_SECTION = "In the list of routines"  # where the help opens from here

    DEFAULT_CSS = stylesheet("picker.tcss")

    BINDINGS = [
        # With the focus elsewhere (the preview, clicked), Enter still starts; on the list, its own does.
        Binding("enter", "start", "Start", id="picker.start-anywhere", show=False),
        Binding("n", "new", "New", id="picker.new", tooltip="Write a new routine of your own"),
        Binding(
            "e",
            "edit",
            "Edit",
            id="picker.edit",
            tooltip="Change the highlighted routine (a bundled one is copied first)",
        ),
        Binding(
            "d",
            "duplicate",
            "Duplicate",
            id="picker.duplicate",
            tooltip="Copy the highlighted routine under a new name",
        ),
        Binding(
            "x,delete",
            "delete",
            "Delete",
            id="picker.delete",
            tooltip="Delete the highlighted routine of yours (it is kept in the trash; u brings it back)",
        ),
        Binding(
            "u",
            "undo_delete",
            "Undo delete",
            id="picker.undo-delete",
            show=False,
            tooltip="Bring back the routine deleted last",
        ),
        Binding("s", "settings", "Settings", id="picker.settings", tooltip="Sound, voice, volume and theme"),
        Binding(
            "h", "history", "History", id="picker.history", tooltip="Your past sessions, streaks and minutes a week"
        ),
        Binding("c", "check_in", "Check-in", id="picker.checkin", tooltip="Say how your back feels (0-10)"),
        Binding(
            "b",
            "build_up",
            "Build up",
            id="picker.build-up",
            tooltip="Start the highlighted routine lower and build it up slowly, session by session",
        ),
        Binding(
            "w",
            "warning",
            "Warning",
            id="picker.warning",
            show=False,
            tooltip="The warning signs in your check-ins, and what to do",
        ),
        Binding(
            "left_square_bracket",
            "scale(-0.05)",
            "Shorter",
            id="picker.shorter",
            key_display="[",
            tooltip="Make every timed step 5% shorter for this run",
        ),
        Binding(
            "right_square_bracket",
            "scale(0.05)",
            "Longer",
            id="picker.longer",
            key_display="]",
            tooltip="Make every timed step 5% longer for this run",
        ),
        Binding("question_mark", "help", "Help", id="picker.help", tooltip="What every key does"),
        Binding("q", "app.quit", "Quit", id="picker.quit", tooltip="Leave Supple"),
    ]

    # On a narrow terminal the key bar leaves these out first, in this order.
    KEYS_FIRST_TO_GO = (
        "picker.shorter",
        "picker.longer",
        "picker.build-up",
        "picker.duplicate",
        "picker.delete",
        "picker.settings",
        "picker.checkin",
        "picker.history",
        "picker.edit",
        "picker.new",
    )

    stale = False  # set when the user comes back from the editor or a session
    _listed_mark: tuple[int, ...] = ()  # the routines folder's mark when the list was read
    _starting: object | None = None  # a start asked for, waiting for the log's build-ups
    _seen_log: tuple[int, ...] = ()  # the log's marks when the list last looked
    _listing_generation = 0  # counts the list's rebuilds
    _previewed: tuple[Entry, float] | None = None
    _deleted: tuple[Path, Path, str] | None = None  # the routine deleted last: where it is kept, where it was, its ref

    def __init__(self) -> None:
        super().__init__()
        self.scales: dict[str, float] = {}  # the time scale chosen for a routine, by ref, this run
        self.build_ups: dict[str, tuple[float, str]] = {}  # each routine's build-up: (scale, why), by log ref
        self.warning: Warning | None = None  # the advice the user has not acknowledged
        self._shared_names = False  # two routines share a name: their rows were cut to the list's width
        self._rows_cut_to = 0  # the width they were cut to

    def compose(self) -> ComposeResult:
        yield Static("Supple  ·  pick a routine, press Enter to start", id="picker-title")
        with Horizontal(id="picker-warning"):  # the key keeps to the right, whole, however the sign wraps
            yield Static("", id="picker-warning-text")
            yield Static("w: read it", id="picker-warning-key")
        with Horizontal(id="picker-body"):
            yield RoutineList(id="routines")
            with VerticalScroll(id="preview-pane"):
                yield Prose(id="preview")
                yield MoveShow(id="preview-moves")  # the steps' moves, in turn, in the room under them
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload(self.app.highlight_ref)
        self.app.highlight_ref = None
        self.read_standing()
        self._seen_log = self._log_mark()
        self.set_interval(FOLDER_LOOK, self._look_at_the_files)

    @staticmethod
    def _folder_mark() -> tuple[int, ...]:
        """When the routines folder last gained, lost or renamed a file (a save writes a new file and renames it
        in place)."""
        return _changed(paths.user_routines_dir())

    @staticmethod
    def _log_mark() -> tuple[int, ...]:
        """When the training log (and its write-ahead file, where writes land first) last changed."""
        log = paths.log_file()
        return _changed(log, log.with_name(log.name + "-wal"))

    def _look_at_the_files(self) -> None:
        """A routine added, saved or deleted from outside (another Supple, an editor, the shell) shows without
        a restart, and so does a build-up or a check-in made from the shell: a stat of the folder and of the log
        every few seconds while the list is on screen; a file is read only when one changed."""
        if not self.is_current:
            return
        if self._folder_mark() != self._listed_mark:
            highlighted = self._highlighted()
            self.reload(highlighted.ref if highlighted else None)
        log = self._log_mark()
        if log != self._seen_log:
            self._seen_log = log
            self.read_standing()

    def look_again(self) -> None:
        """Back in front of the user (the terminal focused again): the folder and the log, as they are now."""
        self._seen_log = ()  # read once, changed or not
        self._look_at_the_files()

    def read_standing(self) -> None:
        """Ask the log (on its thread) for the advice to show, the build-ups and the history's figures; the first frame
        never waits."""
        standing(self.app, self._standing)
        read_ahead(self.app)

    def _standing(self, now: Standing) -> None:
        self.warning, self.build_ups = now.warning, now.build_ups
        if now.warning is not None:
            from app.log.checkins import headline  # sqlite3 comes with it: not on the first frame's way

            self.query_one("#picker-warning-text", Static).update(plain(f"⚠ {headline(now.warning)}"))
        self.query_one("#picker-warning").display = now.warning is not None
        self.refresh_bindings()
        self._previewed = None
        highlighted = self._highlighted()
        if highlighted is not None:
            self._show(highlighted.ref)

    def on_screen_resume(self) -> None:
        self.query_one(MoveShow).fit()  # its frames stop while another screen is on top
        self.read_standing()  # a session's check-in, or one from the shell, may have changed them
        # Closing a dialog changes no files; only coming back from a session or the editor does.
        if self.stale:
            self.stale = False
            highlighted = self._highlighted()
            self.reload(self.app.highlight_ref or (highlighted.ref if highlighted else None))
            self.app.highlight_ref = None

    def reload(self, show: str | None = None) -> None:
        """Read the library again and rebuild the list, highlighting `show` (a ref) if it is there."""
        self._listed_mark = self._folder_mark()
        self.entries = {entry.ref: entry for entry in self.app.load_entries()}
        # Names and kinds only: a routine's steps are decoded when it is previewed or run.
        named = Counter(e.name.strip().casefold() for e in self.entries.values() if e.ok)
        self._shared_names = any(count > 1 for count in named.values())
        width = self._row_width()
        telling = telling_names(list(self.entries.values())) if self._shared_names else {}
        options: list[Option | None] = []
        for kind, label in GROUPS:
            group = [e for e in self.entries.values() if e.ok and e.kind == kind]
            if group:
                options.append(Option(plain(label.upper(), "bold"), disabled=True))
                options += [Option(row(e, named, width, telling), id=e.ref) for e in group]  # one line, shortened
        broken = [e for e in self.entries.values() if not e.ok]
        if broken:
            options.append(Option(plain("BROKEN FILES", "bold red"), disabled=True))
            options += [Option(plain(f"  ⚠ {e.path.name}", "red"), id=e.ref) for e in broken]
        self._rows_cut_to = width
        listing = self.query_one("#routines", OptionList)
        listing.clear_options()
        first = next((i for i, o in enumerate(options) if o is not None and not o.disabled), None)
        wanted = next((i for i, o in enumerate(options) if o is not None and show and o.id == show), None)
        first = first if wanted is None else wanted
        # A screenful and more before the first frame; the rest of a long library right after it, so a
        # thousand rows (each measured by the list) do not hold the first frame back.
        cut = (first or 0) + FIRST_ROWS
        listing.add_options(options[:cut])
        self._listing_generation += 1
        if cut < len(options):
            self.call_after_refresh(self._list_rest, options[cut:], self._listing_generation)
        if first is None:
            self.query_one("#preview", Prose).show(plain("No routines found."))
        else:
            listing.highlighted = first
            self._show(options[first].id)  # now, so the first frame has it; the message comes later
        listing.focus()

    def _row_width(self) -> int:
        """The columns a row of the list has: laid out, its own; before, as its style will make it."""
        listing = self.query_one("#routines", OptionList)
        laid_out = listing.scrollable_content_region.width
        return laid_out or max(24, self.app.size.width * 2 // 5) - 3  # 40 %, its border and scrollbar

    def on_resize(self) -> None:
        """Rows that share a name were cut to the list's width: cut them again to the new one; the moves
        under the preview take the rows now left."""
        self.call_after_refresh(self.query_one(MoveShow).fit)
        if self._shared_names and self._row_width() != self._rows_cut_to:
            highlighted = self._highlighted()
            self.reload(highlighted.ref if highlighted else None)

    def _list_rest(self, rest: list[Option | None], generation: int) -> None:
        if generation == self._listing_generation:  # not when the list was rebuilt meanwhile
            self.query_one("#routines", OptionList).add_options(rest)

    def _show(self, ref: str | None) -> None:
        """Preview the entry `ref` at its scale, unless it is shown so already."""
        entry = self.entries.get(ref or "")
        if entry is None:
            return
        shown = (entry, self.scale_of(entry), self.why_of(entry))
        if shown != self._previewed:
            self._previewed = shown
            self.query_one("#preview", Prose).show(preview(*shown))
            steps = entry.routine.steps if entry.routine else ()
            self.query_one(MoveShow).play([(f"{n}. {step.name}", step.demo or "") for n, step in enumerate(steps, 1)])

    def start_of(self, entry: Entry) -> Start:
        """How a session of `entry` starts: at the scale chosen here with [ ], else its build-up's, else 100 %."""
        return session_start(self.build_ups.get(entry.log_ref), self.scales.get(entry.ref))

    def scale_of(self, entry: Entry) -> float:
        """The time scale a session of `entry` will run at."""
        return self.start_of(entry).scale

    def why_of(self, entry: Entry) -> str:
        """Why it runs at that scale, when a build-up sets it ("" when chosen here, or at 100 %)."""
        start = self.start_of(entry)
        return "" if start.chosen else start.why

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "warning":
            return self.warning is not None
        return True

    def action_check_in(self) -> None:
        if self.app.training_log is None or self.app.training_log.unavailable:
            notify(self, "The training log cannot be used, so a check-in cannot be kept.", severity="warning")
            return

        def answered(answer: object) -> None:
            if answer is not None:
                check_in(self.app, answer, None, lambda care: (self._checked(care), self.read_standing()))

        self.app.push_screen(screens.CheckInScreen(), answered)

    def _checked(self, care: Care) -> None:
        if care.checkin is not None:
            with_session = (
                f", with your session of {care.after}"
                if care.after
                else ", on its own (no session ended in the last 2 hours without a check-in)"
            )
            notify(self, f"Check-in kept: {care.checkin.describe()}{with_session}", timeout=6)
        if care.step is not None:
            from app.log.build_up import percent  # sqlite3 comes with it: not on the first frame's way

            notify(self, f"Build-up: {percent(care.step.after)} next time, {care.step.reason}", timeout=6)

    def action_warning(self) -> None:
        if self.warning is None:
            return
        shown = self.warning

        def read(ok: object) -> None:
            if ok:
                acknowledge(self.app, shown, lambda _: self.read_standing())

        self.app.push_screen(screens.AdviceScreen(shown), read)

    def action_build_up(self) -> None:
        entry = self._usable("build up")
        if entry is None:
            return
        ref = entry.log_ref

        def chosen(choice: object) -> None:
            if choice is not None:
                self.scales.pop(entry.ref, None)  # the build-up's scale, not one chosen with [ ]
                set_build_up(self.app, ref, choice, lambda _: self.read_standing())

        def opened(current: object) -> None:
            self.app.push_screen(screens.BuildUpScreen(entry.routine.name, current), chosen)

        if not get_build_up(self.app, ref, opened):
            notify(self, "The training log cannot be used, so a build-up cannot be kept.", severity="warning")

    def action_scale(self, change: float) -> None:
        """Make the highlighted routine's times shorter or longer, by 5 % within 50-200 %."""
        entry = self._highlighted()
        if entry is None or entry.routine is None:
            return
        low, high = SCALE_RANGE
        scale = round(min(high, max(low, self.scale_of(entry) + change)), 2)
        if scale == self.scale_of(entry):
            notify(self, f"The scale goes from {low:.0%} to {high:.0%}.", timeout=3)
        self.scales[entry.ref] = scale
        self._show(entry.ref)

    def _neighbour(self, ref: str) -> str | None:
        """The routine listed after `ref` (or before it, when it is the last): the one to show once it goes."""
        listing = self.query_one("#routines", OptionList)
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        ids = [i for i in ids if i]
        if ref not in ids or len(ids) == 1:
            return None
        at = ids.index(ref)
        return ids[at + 1] if at + 1 < len(ids) else ids[at - 1]

    def _highlighted(self) -> Entry | None:
        listing = self.query_one("#routines", OptionList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return self.entries.get(option.id) if option.id else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        entry = self._highlighted()
        if entry is not None:
            self.start_entry(entry)

    def start_entry(self, entry: Entry) -> None:
        """A session of `entry` at the scale it shows here (chosen with [ ], else its build-up's): Enter and
        the palette's "Run:" both start it this way."""
        if entry.routine is None:
            notify(self, f"{entry.path.name} has problems; fix it first.", severity="error")
            return
        token = self._starting = object()  # Enter twice before the log answers starts one session

        def go(now: Standing | None = None) -> None:
            if token is not self._starting or not self.is_current:
                return
            self._starting = None
            if now is not None:
                self._standing(now)
            start = self.start_of(entry)
            self.app.start_session(entry.routine, scale=start.scale, ref=entry.ref, why=start.why, chosen=start.chosen)

        # The build-ups as the log has them now, so one changed from the shell since counts, as the preview shows.
        if not standing(self.app, go):
            go()

    def action_help(self) -> None:
        self.app.push_screen(screens.HelpScreen(self.HELP_SECTION))

    def action_history(self) -> None:
        self.app.push_screen(screens.HistoryScreen())

    def action_settings(self) -> None:
        self.app.push_screen(screens.SettingsScreen())

    def action_new(self) -> None:
        self.app.open_editor("new", known=list(self.entries.values()))

    def action_edit(self) -> None:
        entry = self._highlighted()
        if entry is not None and entry.routine is None:
            self.app.open_text_editor(entry)  # a broken file opens as text, to fix it here
        elif entry is not None:
            self.app.open_editor(entry, known=list(self.entries.values()))

    def action_duplicate(self) -> None:
        entry = self._usable("duplicate")
        if entry is not None:
            self.app.open_editor(entry, copy=True, known=list(self.entries.values()))

    def _usable(self, verb: str) -> Entry | None:
        entry = self._highlighted()
        if entry is not None and entry.routine is None:
            notify(
                self,
                f"{entry.path.name} has problems: press e to fix it first (or x to delete it), then {verb} it.",
                severity="error",
                timeout=8,
            )
            return None
        return entry

    def action_delete(self) -> None:
        entry = self._highlighted()
        if entry is None:
            return
        if entry.source != "user":
            notify(
                self,
                f'"{entry.name}" is bundled with Supple and cannot be deleted; d makes a copy you own.',
                severity="warning",
                timeout=6,
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(entry)

        question = f'Delete "{entry.name}"?\n\nThis removes {entry.path.name} from your routines folder.'
        if entry.link_target is not None:
            question = (
                f'Delete the link "{entry.path.name}"?\n\nOnly the link goes; the file it points to, '
                f"{entry.link_target}, stays as it is."
            )
        self.app.push_screen(screens.ConfirmScreen(question, yes="Delete", no="Keep"), answered)

    def _delete(self, entry: Entry) -> None:
        from app.routine.saving import SaveError, delete_routine

        try:
            kept = delete_routine(entry.path, paths.user_routines_dir(), paths.trash_dir())
        except SaveError as error:
            notify(self, str(error), severity="error")
            return
        self.reload(self._neighbour(entry.ref))
        if kept is None:
            notify(self, f'Deleted "{entry.name}" ({entry.path.name})')
            return
        self._deleted = (kept, entry.path, entry.ref)
        notify(self, f'Deleted "{entry.name}": it is kept in {kept}. Press u to bring it back.', timeout=10)

    def action_undo_delete(self) -> None:
        from app.routine.saving import SaveError, restore_routine

        if self._deleted is None:
            notify(self, "Nothing deleted to bring back.", timeout=4)
            return
        kept, original, ref = self._deleted
        try:
            restore_routine(kept, original)
        except SaveError as error:
            notify(self, str(error), severity="error", timeout=10)
            return
        self._deleted = None
        self.reload(ref)
        notify(self, f"Brought back {original.name}.")
