"""Every screen of the registry at 60x20, 80x24 and 120x40, as text, against the copy kept beside this file: a
change to what any screen shows at any of the three sizes is seen in review, line by line.

SUPPLE_UPDATE_TEXT=1 writes the copies anew (look at the diff before committing it)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.ui.screens.registry import every_screen
from tests.conftest import FakeClock
from tests.kept_text import matches_kept
from tests.ui.helpers import build, screen_lines, until
from tests.ui.screen_samples import sample

KEPT = Path(__file__).parent / "__text_snapshots__"
SIZES = [(60, 20), (80, 24), (120, 40)]


@pytest.fixture
def utc(monkeypatch):
    """A time a screen shows (unsaved work kept at ...) reads the same on any machine; the zone is put back."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def shown(app) -> str:
    """The screen as text, each line's trailing blanks dropped (they carry nothing and churn diffs)."""
    return "\n".join(line.rstrip() for line in screen_lines(app)) + "\n"


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("cls", every_screen(), ids=lambda cls: cls.__name__)
async def test_every_screen_at_the_three_sizes_reads_as_kept(cls, size, supple_home, utc):
    from app.ui.screens.picker import PickerScreen

    app, _ = build(FakeClock())
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await app.workers.wait_for_complete()  # the preview's moves, read on a thread, drawn before a dialog
        for _ in range(3):  # their frame, laid out and drawn
            await pilot.pause()
        app.push_screen(sample(cls, app))
        await until(pilot, lambda: isinstance(app.screen, cls))
        for _ in range(3):  # the layout settles (the cues' rows are drawn once the middle's size is known)
            await pilot.pause(0.05)
        text = shown(app)
    matches_kept(text, KEPT / f"{cls.__name__}-{size[0]}x{size[1]}.txt", "the screen")
