"""One line of the keys a screen offers: a light stand-in for Textual's Footer."""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.widget import Widget

from app.ui.screens.base import Supple
from app.ui.text import plain


class _Key(NamedTuple):
    """One key as shown: where it starts and ends on the line, and the action a click runs."""

    start: int
    end: int
    action: str | None  # None when the key does not apply now


class KeyBar(Widget):
    """Shows the screen's bindings as key and label pairs, each key on its own colour, as Textual's
    Footer does; a click runs the binding. When the line is too narrow, the keys named in the
    screen's KEYS_FIRST_TO_GO are left out, in that order; a label is never cut. A screen with a
    `key_label(binding_id, description)` method names its keys for what they do at the moment."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    # Textual's Footer builds a widget per key and costs about 100 ms of start-up here; one
    # widget drawing one line shows the same and redraws only when the keys change.

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[tuple[str, str, str | None, str | None]] = []  # key, label, action, binding id
        self._shown: list[_Key] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._collect)
        self._collect()

    def _collect(self, *_: object) -> None:
        screen = self.screen
        labelled = screen.key_label if isinstance(screen, Supple) else None  # what a key does now, named
        keys, seen = [], set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            action = binding.action if "." in binding.action else f"{_namespace(active.node, self)}.{binding.action}"
            label = labelled(binding.id, binding.description) if labelled else binding.description
            keys.append((self.app.get_key_display(binding), label, action if active.enabled else None, binding.id))
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        keys = list(self._keys)
        for binding_id in self.screen.KEYS_FIRST_TO_GO if isinstance(self.screen, Supple) else ():
            if _length(keys) <= width:
                break
            keys = [key for key in keys if key[3] != binding_id]
        while keys and _length(keys) > width:  # still too narrow: the last keys go, whole
            keys.pop()
        parts, shown, at = [], [], 0
        for key, label, action, _ in keys:
            style = "bold $footer-background on $footer-key-foreground" if action else "dim reverse"
            piece = [plain(f" {key} ", style), plain(f" {label} ", "" if action else "dim")]
            length = sum(p.cell_length for p in piece)
            shown.append(_Key(at, at + length, action))
            parts += piece + [plain(" ")]
            at += length + 1
        self._shown = shown
        return Content.assemble(*parts)

    async def on_click(self, event: events.Click) -> None:
        for key in self._shown:
            if key.start <= event.x < key.end and key.action:
                await self.run_action(key.action)
                return


def _length(keys: list[tuple[str, str, str | None, str | None]]) -> int:
    """Cells the keys take on the line: " key " and " label " and a space between pairs."""
    return sum(len(key) + len(label) + 5 for key, label, _, _ in keys) - (1 if keys else 0)


def _namespace(node: object, bar: KeyBar) -> str:
    """The action namespace a click needs to reach the node that holds the binding."""
    if node is bar.app:
        return "app"
    return "screen" if node is bar.screen else "focused"
