"""A broken routine file opened as text: its problems marked at their lines and checked as you type;
once it checks clean it saves (as every save: whole, and never over a change made elsewhere) and
opens in the form editor."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from app import paths
from app.files import NotReadable, fingerprint, read_regular
from app.routine.errors import Problem, RoutineError
from app.routine.library import Entry, load_entry
from app.routine.routine_file import MAX_BYTES, parse_routine
from app.routine.saving import Saved, SaveError, is_inside, save_text
from app.text import toml_escaped, unsafe_chars
from app.ui import screens
from app.ui.screens import stylesheet
from app.ui.screens.editor_base import RoutineEditor, Write
from app.ui.text import notify, plain
from app.ui.widgets.key_bar import KeyBar

CHECK_DELAY = 0.3  # seconds of quiet typing before the text is checked again
MARK = Style(underline=True, color="red", bold=True)


class MarkedTextArea(TextArea):
    """A TextArea that underlines the lines with problems."""

    marked: frozenset[int] = frozenset()  # 0-based line numbers

    def mark(self, lines: set[int]) -> None:
        if lines != self.marked:
            self.marked = frozenset(lines)
            self.notify_style_update()  # drops the cached lines, so they are drawn with the marks
            self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        if line_index in self.marked:
            line.stylize(MARK)
        return line


def readable_text(data: bytes) -> tuple[str, list[str]]:
    """The file's text for editing, and what had to change to show it safely.

    Bytes that are not UTF-8 become U+FFFD; control and text-direction characters (which TOML does
    not allow raw anyway, but which would act on the terminal) become TOML escapes, so inside a
    string they keep their meaning and the check points at them by name.
    """
    notes = []
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    if "\ufffd" in text and b"\xef\xbf\xbd" not in data:
        notes.append("bytes that are not UTF-8 are shown as �")
    bad = unsafe_chars(text, "\n\t\r")
    if bad:
        notes.append(f"control and text-direction characters are shown as escapes ({', '.join(bad[:3])})")
        text = toml_escaped(text, "\n\t\r")
    return text.replace("\r\n", "\n"), notes


class TextEditorScreen(RoutineEditor):
    """Fix a routine file by hand; it saves once it checks clean, then opens in the form editor."""

    HELP_SECTION = "In the text view of a file with problems"  # where the help opens from here
    QUIT_NOTE = "Ctrl+C again quits without them."

    DEFAULT_CSS = stylesheet("text_editor.tcss")

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="text.save", priority=True),
        Binding("f1", "app.help", "Help", id="text.help"),
        Binding("escape", "leave", "Close", id="text.close", priority=True),
        Binding("ctrl+q", "leave(True)", "Quit", id="text.quit", show=False, priority=True),
        Binding("f6", "problems", "Problems", id="text.problems", priority=True),
    ]

    def __init__(self, entry: Entry, text: str, read_as: str, notes: list[str]) -> None:
        super().__init__()
        self.entry = entry
        self.fingerprint = read_as
        in_place = (
            entry.source == "user" and entry.link_target is None and is_inside(entry.path, paths.user_routines_dir())
        )
        self.existing: Path | None = entry.path if in_place else None
        where = (
            "it saves over the file"
            if in_place
            else "it saves as a new routine in your folder; the file itself stays as it is"
        )
        self.note = "; ".join([f"Fix the problems marked in red; once it checks clean, {where}", *notes]) + "."
        self.text = text
        self.dirty = False
        self.problems: tuple[Problem, ...] = ()
        self._timer: Timer | None = None

    @classmethod
    def open(cls, entry: Entry) -> TextEditorScreen:
        """The text view of `entry`'s file; raises SaveError when it cannot be read as a file."""
        try:
            data = read_regular(entry.path, MAX_BYTES)
        except (NotReadable, OSError) as error:
            raise SaveError(f"{entry.path.name} cannot be opened: {error}") from None
        text, notes = readable_text(data)
        return cls(entry, text, fingerprint(data), notes)

    def compose(self) -> ComposeResult:
        yield Static(plain(f"Fixing {self.entry.path.name}", "bold"), id="text-title")
        yield Static(plain(self.note), id="text-note")
        area = MarkedTextArea.code_editor(self.text, language=_toml_if_known(), id="text", soft_wrap=False)
        yield area
        yield OptionList(id="problems")
        yield Static("", id="text-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self._check()
        self.query_one("#text", TextArea).focus()

    # -- checking

    @on(TextArea.Changed, "#text")
    def _changed(self) -> None:
        self.dirty = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_DELAY, self._check)

    def _check(self) -> None:
        area = self.query_one("#text", TextArea)
        try:
            parse_routine(area.text.encode("utf-8", errors="replace"), self.entry.path.name)
            self.problems = ()
        except RoutineError as error:
            self.problems = error.problems
        area.mark({p.line - 1 for p in self.problems})
        listing = self.query_one("#problems", OptionList)
        listing.clear_options()
        listing.add_options(
            [
                Option(plain(f"line {p.line}, column {p.column}: {p.message}"), id=str(i))
                for i, p in enumerate(self.problems)
            ]
        )
        listing.display = bool(self.problems)
        count = len(self.problems)
        status = self.query_one("#text-status", Static)
        status.update(
            plain(
                f"{count} problem{'s' if count != 1 else ''} · F6: go to one" if count else "No problems · Ctrl+S saves"
            )
        )
        status.set_class(bool(count), "-invalid")
        title = f"Fixing {self.entry.path.name}" + ("  ·  unsaved changes" if self.dirty else "")
        self.query_one("#text-title", Static).update(plain(title, "bold"))

    def action_problems(self) -> None:
        if self.problems:
            listing = self.query_one("#problems", OptionList)
            if listing.highlighted is None:
                listing.highlighted = 0
            listing.focus()

    @on(OptionList.OptionSelected, "#problems")
    def _go_to(self, event: OptionList.OptionSelected) -> None:
        problem = self.problems[int(event.option.id)]
        area = self.query_one("#text", TextArea)
        area.cursor_location = (problem.line - 1, problem.column - 1)
        area.focus()

    # -- saving and leaving

    def writer(self, as_copy: bool) -> Write | None:
        self._check()
        if self.problems:
            notify(self, "Not saved: fix the problems marked in red first.", severity="error")
            return None
        text = self.query_one("#text", TextArea).text
        name = parse_routine(text.encode("utf-8"), self.entry.path.name).name
        existing, expected, folder = None if as_copy else self.existing, self.fingerprint, paths.user_routines_dir()
        return lambda overwrite: save_text(
            text, name, folder, existing, expected=expected, overwrite=overwrite, keep_comments=False
        )

    def was_saved(self, saved: Saved, as_copy: bool, leaving: bool) -> None:
        """Fixed and saved: it opens in the form editor, unless the user is leaving (Esc, then Save)."""
        self.app.highlight_ref = self.saved_ref
        if not leaving:
            self.app.replace_screen(screens.EditorScreen.for_entry(load_entry(saved.path, "user")))

    def reload(self) -> None:
        try:
            fresh = TextEditorScreen.open(self.entry)
        except SaveError as error:
            notify(self, str(error), severity="error")
            return
        self.fingerprint = fresh.fingerprint
        self.query_one("#text", TextArea).text = fresh.text
        self.dirty = False
        self._check()

    def title_for_question(self) -> str:
        return self.entry.path.name


def _toml_if_known() -> str | None:
    """ "toml" when the syntax highlighting for it is installed (tree-sitter-toml), else plain text."""
    try:
        import tree_sitter_toml  # noqa: F401
    except ImportError:
        return None
    return "toml"
