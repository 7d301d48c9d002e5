"""Typing into the editor as a user does, and reading what it shows."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from app import paths
from app.ui.screens.editor import StepList

KEYS = {" ": "space", "-": "minus", "(": "left_parenthesis", ")": "right_parenthesis", ".": "full_stop"}


async def type_into(pilot, selector: str, text: str) -> None:
    """Clear a field and type into it as a user would."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    if isinstance(widget, TextArea):
        widget.clear()
    else:
        widget.value = ""
    await pilot.pause()
    for char in text:
        await pilot.press("enter" if char == "\n" else KEYS.get(char, char))
    await pilot.pause()


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    for _ in range(20):  # the file is written on a worker thread
        await pilot.pause()
        if not pilot.app.screen.dirty:
            return


def error_of(app, key: str) -> str:
    widget = app.screen.query_one(f"#{key}-error", Static)
    return str(widget.content) if widget.display else ""


def user_files() -> list[str]:
    folder = paths.user_routines_dir()
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []


def step_rows(app) -> list[str]:
    listing = app.screen.query_one(StepList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
