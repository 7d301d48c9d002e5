"""The command palette (Ctrl+P): every routine to run or edit, and the keys of the screen it was opened on."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from app.text import visible

if TYPE_CHECKING:
    from textual.app import SystemCommand
    from textual.screen import Screen

    from app.routine.library import Entry


class RoutineCommands(Provider):
    """ "Run: Pre-lift mobility" and "Edit: Pre-lift mobility" for every routine that can run."""

    async def startup(self) -> None:
        """The routines the picker has read, or read them here, off the event loop."""
        from app.ui.screens.picker import PickerScreen

        self.entries: list[Entry] = []
        if not isinstance(self.screen, PickerScreen):
            return  # a session or an editor below must not be left for another routine behind its back
        entries = list(self.screen.entries.values()) if hasattr(self.screen, "entries") else None
        self.entries = entries if entries is not None else await asyncio.to_thread(self.app.load_entries)

    def _commands(self) -> Iterable[tuple[str, str, object]]:
        for entry in self.entries:
            if not entry.ok:
                continue
            name = visible(entry.name)
            yield f"Run: {name}", f"Start a session of {name} ({entry.ref})", partial(self._run, entry)
            yield f"Edit: {name}", f"Open {name} in the editor ({entry.ref})", partial(self.app.open_editor, entry)

    def _run(self, entry: Entry) -> None:
        if entry.routine is not None:  # None only when a damaged cache hid a file broken since
            self.app.start_session(entry.routine, ref=entry.ref)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            if title.startswith("Run: "):
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


def screen_commands(screen: Screen) -> Iterable[SystemCommand]:
    """Supple's keys on the screen (its bindings have ids; widgets' own do not), as commands: "Pause (space)"."""
    from textual.app import SystemCommand

    labelled = getattr(screen, "key_label", None)
    seen = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if (not binding.id or not binding.description or binding.action in seen or not active.enabled
                or active.node is screen.app):
            continue
        seen.add(binding.action)
        key = screen.app.get_key_display(binding)
        # Run where the binding lives (the screen, or a widget such as the editor's step list).
        label = labelled(binding.id, binding.description) if labelled else binding.description
        yield SystemCommand(f"{label} ({key})", binding.tooltip or f"The {key} key here",
                            partial(active.node.run_action, binding.action))
