"""The command palette (Ctrl+P): every routine to run or edit, and the keys of the screen it was opened on.

Textual's palette reads a hit's prompt and help as markup when they are strings, and a routine's
name comes from a file: every hit here is given Content built by app.ui.text, never a string.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from app.ui import screens
from app.ui.screens.base import Supple
from app.ui.text import plain

if TYPE_CHECKING:
    from textual.screen import Screen

    from app.routine.library import Entry


class Command(NamedTuple):
    """One command as the palette lists it: its title and help (plain text), and what it runs."""

    title: str
    help: str
    run: Callable[[], object]


def highlighted(matcher: Matcher, title: str) -> Content:
    """`title` as literal text, its letters that match the query marked (what Matcher.highlight does,
    without reading the title as markup)."""
    content = plain(title)
    shown = content.plain
    _, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    for offset in offsets:
        if offset < len(shown) and not shown[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class Commands(Provider):
    """A provider of Supple's commands: discovered in order, searched by title, shown as literal text."""

    def commands(self) -> Iterable[Command]:
        raise NotImplementedError

    def discovered(self, command: Command) -> bool:
        """Whether `command` is listed before anything is typed."""
        return True

    async def discover(self) -> Hits:
        for command in self.commands():
            if self.discovered(command):
                yield DiscoveryHit(plain(command.title), command.run, text=command.title, help=plain(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(plain(command.title).plain)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, command.title),
                    command.run,
                    text=command.title,
                    help=plain(command.help),
                )


class RoutineCommands(Commands):
    """ "Run: Pre-lift mobility" and "Edit: Pre-lift mobility" for every routine that can run."""

    async def startup(self) -> None:
        """The routines the picker has read, or read them here, off the event loop."""
        self.entries: list[Entry] = []
        if not isinstance(self.screen, screens.PickerScreen):
            return  # a session or an editor below must not be left for another routine behind its back
        entries = list(self.screen.entries.values()) if hasattr(self.screen, "entries") else None
        self.entries = entries if entries is not None else await asyncio.to_thread(self.app.load_entries)

    def commands(self) -> Iterable[Command]:
        picker = self.screen
        if not isinstance(picker, screens.PickerScreen):
            return
        for entry in self.entries:
            if not entry.ok:
                continue
            yield Command(
                f"Run: {entry.name}",
                f"Start a session of {entry.name} ({entry.ref})",
                partial(picker.start_entry, entry),
            )
            yield Command(
                f"Edit: {entry.name}",
                f"Open {entry.name} in the editor ({entry.ref})",
                partial(self.app.open_editor, entry),
            )

    def discovered(self, command: Command) -> bool:
        return command.title.startswith("Run: ")


class ScreenCommands(Commands):
    """Supple's keys on the screen below the palette (its bindings have ids; widgets' own do not), as
    commands: "Pause (space)"."""

    def commands(self) -> Iterable[Command]:
        return screen_commands(self.screen)


def screen_commands(screen: Screen) -> Iterable[Command]:
    """The keys of `screen` that can be used now, with their help, run where each binding lives."""
    labelled = screen.key_label if isinstance(screen, Supple) else None
    seen = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if (
            not binding.id
            or not binding.description
            or binding.action in seen
            or not active.enabled
            or active.node is screen.app
        ):
            continue
        seen.add(binding.action)
        key = screen.app.get_key_display(binding)
        # Run where the binding lives (the screen, or a widget such as the editor's step list).
        label = labelled(binding.id, binding.description) if labelled else binding.description
        yield Command(
            f"{label} ({key})",
            binding.tooltip or f"The {key} key here",
            partial(active.node.run_action, binding.action),
        )
