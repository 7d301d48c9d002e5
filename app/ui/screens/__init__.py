"""Screens of the app; each brings its own stylesheet, so start-up parses only the first screen's."""

from pathlib import Path


def stylesheet(name: str) -> str:
    """The text of a `.tcss` file in this folder, for a screen's DEFAULT_CSS."""
    return Path(__file__).with_name(name).read_text(encoding="utf-8")
