"""The command palette: Textual's, with the crashes that keys pressed quickly find in it closed.

Each guard names the Textual version it was found in (8.2.8); tests/ui/test_palette_guards.py
fails when one is taken away while the fault is still in Textual.
"""

from __future__ import annotations

from textual import on, work
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Button, Input, OptionList

from app.ui.screens.base import DismissOnce


class Palette(DismissOnce, CommandPalette):
    """Textual's palette; a command chosen runs once, and a storm of keys ends nothing."""

    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _once(self, event: Message) -> None:
        # Textual 8.2.8: Enter pressed twice on a command posts two selections; the second ran the
        # command again and dismissed the palette a second time, popping the screen below it (a
        # ScreenStackError with none left). Once the palette is gone, what is still queued for it
        # goes nowhere: the palette's own handlers of these come after this one and are skipped.
        if not self.is_active:
            event.stop()
            event.prevent_default()

    def _action_command_list(self, action: str) -> None:
        # Textual 8.2.8: Page Down (or Up) before the list's first layout, such as Ctrl+P, a letter and
        # Page Down typed at once, looks the highlighted row up in a line index not built yet: KeyError.
        try:
            super()._action_command_list(action)
        except KeyError:
            pass

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        # Textual 8.2.8: a search still running when the palette closes looks for its list, gone: NoMatches.
        try:
            await CommandPalette._gather_commands.__wrapped__(self, search_value)
        except NoMatches:
            pass
