"""The command palette under keys typed faster than it draws (Textual 8.2.8's faults, guarded in app.ui.palette)."""

from __future__ import annotations

import os
import time

import pytest
from textual.command import CommandList
from textual.widgets import Input

from app.ui.palette import Palette
from app.ui.screens.history import HistoryScreen
from app.ui.screens.picker import PickerScreen
from tests.test_cli import console_script
from tests.test_terminal import Tmux
from tests.ui.editor_helpers import KEYS
from tests.ui.helpers import build


async def _palette(pilot, query: str) -> Palette:
    await pilot.press("ctrl+p")
    for char in query:
        await pilot.press(KEYS.get(char, char))
    for _ in range(10):  # the palette searches in the background
        await pilot.pause(0.05)
    assert isinstance(pilot.app.screen, Palette)
    return pilot.app.screen


async def test_a_command_chosen_twice_runs_once_and_leaves_the_screen_below(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        palette = await _palette(pilot, "History")
        field = palette.query_one(Input)
        for _ in range(3):  # Enter three times, all queued before the first is handled
            palette.post_message(Input.Submitted(field, field.value))
        for _ in range(10):
            await pilot.pause(0.05)
        assert isinstance(app.screen, HistoryScreen)
        assert [type(s) for s in app.screen_stack] == [PickerScreen, HistoryScreen]


async def test_a_search_that_outlives_its_list_ends_quietly(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        palette = await _palette(pilot, "")
        await palette.query_one(CommandList).remove()  # as when the palette closes mid-search
        await pilot.press("r", "u")
        for _ in range(10):
            await pilot.pause(0.05)
        assert app.return_code is None and app.is_running


@pytest.fixture
def terminal(tmp_path, supple_home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")} | {
        "SUPPLE_HOME": str(supple_home),
        "TERM": "xterm-256color",
    }
    status = tmp_path / "status"
    session = Tmux(f"supple-palette-{os.getpid()}", f"{console_script()}; echo $? > {status}; sleep 600", env)
    session.wait_for("pick a routine")
    yield session, status
    session.close()


@pytest.mark.parametrize(
    "keys",
    [
        ["C-p", "r", "PageDown"],  # before the palette's list is laid out: KeyError in Textual
        ["C-p", "z", "z", "PageUp", "PageDown", "End"],
    ],
    ids=["letter-and-page-down", "page-keys-with-no-matches"],
)
def test_page_keys_typed_at_once_in_a_real_terminal(terminal, keys):
    tmux, status = terminal
    tmux.keys(*keys)
    time.sleep(1.5)
    tmux.keys("Escape")
    tmux.wait_for("pick a routine")
    assert not status.exists(), tmux.screen()  # Supple is still running


def test_enter_twice_on_a_command_in_a_real_terminal(terminal):
    tmux, status = terminal
    tmux.keys("C-p")
    time.sleep(0.5)
    tmux.keys(*"History")
    time.sleep(1.0)
    tmux.keys("Enter", "Enter", "Enter")  # one write: all three arrive before the first is handled
    tmux.wait_for("your training log")
    time.sleep(0.5)
    assert not status.exists(), tmux.screen()
    tmux.keys("Escape")
    tmux.wait_for("pick a routine")  # the picker is still below the history
    assert not status.exists()
