"""Snapshots of every screen at 120x40, 80x24 and 60x20, on a fixed clock (`pytest --snapshot-update` to accept)."""

from __future__ import annotations

import pytest

from app.ui.screens.session_drawing import FLASH_SECONDS
from tests.conftest import FakeClock
from tests.ui.helpers import SHORT, build

SIZES = [(120, 40), (80, 24), (60, 20)]


async def settled(pilot) -> None:
    """The moves read on their threads (the picker's preview plays them) and drawn: the same shot each time."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):  # their frame, laid out and drawn
        await pilot.pause()


def session_at(seconds: float, *keys: str, then: tuple[str, ...] = ()):
    """A run_before that presses keys, moves the fixed clock on and redraws, then presses the keys `then`."""

    async def run_before(pilot) -> None:
        await settled(pilot)
        if keys:
            await pilot.press(*keys)
        pilot.app.clock.advance(seconds)
        if hasattr(pilot.app.screen, "tick"):
            pilot.app.screen.tick()
        if then:
            await pilot.pause()
            await pilot.press(*then)
        await pilot.pause(FLASH_SECONDS + 0.2)  # let any cue flash end, so the shot is the same each time

    return run_before


CASES = {
    "picker": (None, settled),
    "session-work": (SHORT, session_at(8.4)),
    "session-two-sided": (SHORT, session_at(5 + 20 + 5 + 10 + 5 + 3)),
    "session-paused": (SHORT, session_at(3, "n", "space")),
    "session-open": (SHORT, session_at(83, "g", "down", "down", "enter", "space")),  # jumped there, went on
    "summary": (SHORT, session_at(100, then=("space",))),  # every timed step run, the open one done
    "summary-stopped": (SHORT, session_at(8, "q", "y")),
    "help": (None, session_at(0, "question_mark")),
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("case", CASES)
def test_screen(case, size, snap_compare):
    start, run_before = CASES[case]
    app, _ = build(FakeClock(), start=start)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def editor_after(*keys: str, duration: str | None = None):
    """A run_before that opens the editor with keys, optionally types a duration, and stills the cursors."""

    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press(*keys)
        await settled(pilot)  # the step's move, read for its preview
        if duration is not None:
            pilot.app.screen.query_one("#duration").focus()
            pilot.app.screen.query_one("#duration").value = duration
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause(0.2)

    return run_before


EDITOR_CASES = {
    "editor-bundled-copy": editor_after("down", "e"),
    "editor-invalid": editor_after("n", duration="0s"),
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("case", EDITOR_CASES)
def test_editor(case, size, snap_compare):
    app, _ = build(FakeClock())
    assert snap_compare(app, terminal_size=size, run_before=EDITOR_CASES[case])
