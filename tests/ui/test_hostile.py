"""Every screen with a routine whose every string is hostile markup: shown literally, never run."""

from __future__ import annotations

import os

import pytest

from app import paths
from app.ui.screens.dialogs import ConfirmScreen, JumpScreen
from app.ui.screens.editor import EditorScreen
from app.ui.screens.editor_dialogs import PlanPreview, SaveChanges
from app.ui.screens.help import HelpScreen
from app.ui.screens.picker import PickerScreen
from app.ui.screens.session import SessionScreen
from app.ui.screens.summary import SummaryScreen
from tests.ui.helpers import build, click_actions, screen_lines, text_of

NAME = "[b]Squat [bodyweight][/b]"
STEP = "[@click=app.bell]Ring[/]"
CUE = "[/nope] [red]x"
SECOND = "Leg [/] swings"
DESCRIPTION = "[@click=app.screenshot('x.svg')]shot[/]"
HOSTILE = f'''\
name = "{NAME}"
description = "{DESCRIPTION}"
prep = 3

[[steps]]
name = "{STEP}"
duration = 30
cues = ["{CUE}"]

[[steps]]
name = "{SECOND}"
duration = 10
'''
BROKEN = 'name = "[/] broken"\n[[steps]]\nname = "[@click=app.bell]b[/]"\n"[i]dur[/i]" = 5\n'
# What a key bar may offer: a screen's own keys, never an action named by a file.
KEY_ACTIONS = {"screen.", "app.", "focused."}


@pytest.fixture
def hostile_home(supple_home, monkeypatch):
    """A config folder whose path, file names and contents hold markup; the app is started there."""
    home = supple_home.parent / "[@click=app.bell]home[/]"
    monkeypatch.setenv("SUPPLE_HOME", str(home))
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "[b]hostile[@click=app.quit].toml").write_text(HOSTILE)
    (folder / "[red]broken\x1b[2J.toml").write_text(BROKEN)
    (home / "config.toml").write_text('volume = "[@click=app.bell]loud[/]"\n')
    os.chdir(supple_home.parent)  # a screenshot would land here
    return home


def shows(app, *texts: str) -> None:
    """Each text is on the screen literally; no cell carries an action a file could name."""
    screen = "\n".join(screen_lines(app))
    for text in texts:
        assert text in screen, f"{text!r} is not on the screen:\n{screen}"
    assert "\x1b" not in screen
    assert all(
        action.split(".")[0] + "." in KEY_ACTIONS and "bell" not in action and "screenshot" not in action
        for action in click_actions(app)
    ), click_actions(app)


async def test_every_screen_shows_hostile_text_literally_and_runs_nothing(clock, hostile_home, tmp_path):
    from app.settings import load_settings

    app, played = build(clock, library=True)
    _, problem = load_settings()
    app._settings_problem = problem
    rang = []
    app.bell = lambda: rang.append(True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        shows(app, "[red]broken\\x1b[2J.toml", '"[@click=app.bell]loud[/]"')  # the broken file and the settings toast
        for _ in range(8):
            if NAME in text_of(app, "#preview"):
                break
            await pilot.press("down")
        shows(app, NAME, DESCRIPTION, STEP, SECOND, "[b]hostile[@click=app.quit].toml")
        await pilot.click("#preview", offset=(2, 0))

        await pilot.press("x")  # delete? asks, naming the routine
        assert isinstance(app.screen, ConfirmScreen)
        shows(app, NAME)
        await pilot.press("n")

        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        shows(app, STEP, CUE, NAME)
        await pilot.press("n")  # to the first step's work: the next step shows below
        shows(app, STEP, CUE, SECOND)
        await pilot.click("#title")
        await pilot.click("#cues", offset=(5, 0))
        await pilot.press("g")
        assert isinstance(app.screen, JumpScreen)
        shows(app, STEP, SECOND)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "n", "n")
        assert isinstance(app.screen, SessionScreen)
        shows(app, SECOND)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shows(app, NAME)
        await pilot.press("enter")
        await pilot.pause()

        await pilot.press("e")
        assert isinstance(app.screen, EditorScreen)
        shows(app, STEP, SECOND)
        assert app.screen.query_one("#name").value == NAME
        await pilot.press("f2")
        assert isinstance(app.screen, PlanPreview)
        shows(app, NAME, STEP, SECOND)
        await pilot.press("escape")
        app.screen.query_one("#name").value = NAME + " [/]"
        await pilot.press("escape")
        assert isinstance(app.screen, SaveChanges)
        shows(app, NAME + " [/]")
        await pilot.press("s")
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, PickerScreen):
                break
        assert isinstance(app.screen, PickerScreen)
        shows(app, NAME + " [/]", "[@click=app.bell]home[/]/routines")  # "Saved" names the folder literally

    assert rang == []  # no markup action ran
    assert not list(tmp_path.parent.rglob("*.svg"))  # and no screenshot was written
    assert app.return_code in (None, 0)
