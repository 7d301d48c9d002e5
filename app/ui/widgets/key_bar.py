"""One line of the keys a screen offers: a light stand-in for Textual's Footer."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static


class KeyBar(Static):
    """Shows the screen's bindings as "key label" pairs; a click runs the binding."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar .-key { text-style: bold; }
    """

    # Textual's Footer builds a widget per key and costs about 100 ms of start-up here;
    # one Static with a line of text shows the same and redraws only when the text changes.

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._show_keys)
        self._show_keys()

    def _show_keys(self, *_: object) -> None:
        seen: set[str] = set()
        parts: list[str] = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = escape(self.app.get_key_display(binding))
            label = escape(binding.description)
            style = "bold $footer-key-foreground" if active.enabled else "dim"
            text = "" if active.enabled else "dim"
            action = binding.action if "." in binding.action else f"{_namespace(active.node, self)}.{binding.action}"
            chunk = f"[{style}] {key} [/][{text}]{label}[/]" if text else f"[{style}] {key} [/]{label}"
            parts.append(f"[@click=\"{action}\"]{chunk}[/]" if active.enabled else chunk)
        line = " ".join(parts)
        if line != getattr(self, "_line", None):
            self._line = line
            self.update(line)


def _namespace(node: object, bar: KeyBar) -> str:
    """The action namespace a click needs to reach the node that holds the binding."""
    if node is bar.app:
        return "app"
    return "screen" if node is bar.screen else "focused"
