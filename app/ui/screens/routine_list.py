"""The list of routines in the picker: a row a routine, routines that share a name told apart by their files."""

from __future__ import annotations

import os
from collections import Counter

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList

from app.routine.library import Entry
from app.text import shorten
from app.ui.text import lines, plain

NAME_LEAST, FILE_LEAST = 6, 9  # what a shared name and its file's name keep at least, cut to fit the list


class RoutineList(OptionList):
    """The routines; Enter starts the highlighted one.

    Enter is the list's own key, not a priority binding of the screen: "down" and Enter typed at
    once must start the routine moved to, and a priority binding would run before the list moved.
    """

    BINDINGS = [
        Binding("enter", "select", "Start", id="picker.start", tooltip="Start a session of the highlighted routine")
    ]

    async def _on_click(self, event: events.Click) -> None:
        """A click shows a routine (highlighted, its preview beside); a double click or Enter starts it: one
        stray click on a laptop's touchpad never starts a session."""
        event.prevent_default()  # not the list's own, which starts at the first click
        clicked = event.style.meta.get("option")
        if clicked is None or self._options[clicked].disabled:
            return
        self.highlighted = clicked
        if event.chain >= 2:
            self.action_select()


def row(entry: Entry, named: Counter, width: int, shared: dict[str, str]) -> Content:
    """A routine's line: its name, and where two share it, which file each is, within `width` columns.

    Cut at the list's edge, six routines of one name all read "Quick warm-up (…": so the name gives way
    first, then the file's name drops what the files of that name share (`shared`: the telling part of each
    file's name, by ref) and keeps its telling end."""
    name = entry.name
    if named[name.strip().casefold()] < 2:
        return plain(f"  {name}")
    where = "bundled" if entry.source == "bundled" else entry.path.name
    room = width - 2 - 1 - 2  # the indent, a space, the brackets
    if len(name) + len(where) > room:
        where = shared.get(entry.ref, where)
        name = shorten(name, max(NAME_LEAST, room - len(where), room // 2), "…")  # half each, or what is left
        limit = max(FILE_LEAST, room - len(name))
        where = where if len(where) <= limit else "…" + where[len(where) - limit + 1 :]
    return lines(f"  {name} ", plain(f"({where})", "dim"))


def telling_names(entries: list[Entry]) -> dict[str, str]:
    """For routines that share a name, what tells each one's file apart: its name without .toml and without
    the start every file of that name shares ("…copy-2" for quick-warmup-copy-2.toml beside quick-warmup-copy
    .toml)."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.ok and entry.source != "bundled":
            groups.setdefault(entry.name.strip().casefold(), []).append(entry)
    found = {}
    for group in groups.values():
        stems = [entry.path.name.removesuffix(".toml") for entry in group]
        common = len(os.path.commonprefix(stems)) if len(stems) > 1 else 0
        for entry, stem in zip(group, stems):
            found[entry.ref] = ("…" + stem[common:]) if common > 3 and stem[common:] else stem
    return found
