"""Supple's own theme: high contrast, for a phone-bright gym or a laptop across the room."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="supple-high-contrast",
    primary="#ffd700",
    secondary="#00e5ff",
    accent="#00e5ff",
    warning="#ffd700",
    error="#ff3b3b",
    success="#00ff66",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#101010",
    dark=True,
    luminosity_spread=0.05,
    text_alpha=1.0,
)
DEFAULT_THEME = "textual-dark"
