"""What shows while the terminal is smaller than Supple can draw: one plain line asking for more room."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from app.ui.screens.base import SuppleScreen
from app.ui.text import plain

MIN_SIZE = (40, 12)  # columns, rows: the smallest terminal every screen of Supple is drawn in


class TooSmallScreen(SuppleScreen[None]):
    """Over everything while the terminal is too small (a dialog drawn at 4 to 14 columns raised inside Rich);
    it goes as soon as the terminal is large enough, and what was under it is as it was (a session, paused)."""

    DEFAULT_CSS = "TooSmallScreen { align: center middle; } TooSmallScreen Static { width: 1fr; height: auto; }"

    @staticmethod
    def needed(width: int, height: int) -> bool:
        """Whether a terminal of this size is too small for Supple's screens."""
        return width < MIN_SIZE[0] or height < MIN_SIZE[1]

    def compose(self) -> ComposeResult:
        yield Static(plain(f"Make the terminal larger: Supple needs {MIN_SIZE[0]}x{MIN_SIZE[1]}."), id="too-small")
