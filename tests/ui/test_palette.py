"""The command palette (Ctrl+P) and the themes, chosen in settings and remembered."""

from __future__ import annotations

from app.settings import Settings, load_settings, save_settings
from app.ui.screens.editor import EditorScreen
from app.ui.screens.session import SessionScreen
from tests.ui.editor_helpers import KEYS
from tests.ui.helpers import build

SIZE = (100, 30)


async def palette(pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    for char in query:
        await pilot.press(KEYS.get(char, char))
    for _ in range(10):  # the palette searches in the background
        await pilot.pause(0.05)
    await pilot.press("enter")
    await pilot.pause()


async def test_run_a_routine_from_the_palette(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "Run: upper-back")
        assert isinstance(app.screen, SessionScreen) and app.screen.engine.routine.name == "Upper-back relief"


async def test_edit_a_routine_from_the_palette(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "Edit: pre-lift")
        assert isinstance(app.screen, EditorScreen) and app.screen.draft.name == "Pre-lift mobility (mine)"


async def test_the_screen_s_keys_are_in_the_palette(clock):
    from tests.ui.helpers import SHORT

    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.engine.paused
        await palette(pilot, "Pause")
        assert isinstance(app.screen, SessionScreen) and app.screen.engine.paused


async def test_a_theme_chosen_in_settings_is_remembered(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        app.screen.query_one("#theme").value = "supple-high-contrast"
        await pilot.pause()
        assert app.theme == "supple-high-contrast"
        await pilot.press("ctrl+s")
        for _ in range(20):
            await pilot.pause(0.05)
    assert load_settings()[0].theme == "supple-high-contrast"
    from app.sound.output import Recorder
    from app.ui.app import make_app

    later = make_app(sound=Recorder(), settings=load_settings()[0], clock=clock)  # the next start
    assert later.theme == "supple-high-contrast"


async def test_a_theme_chosen_in_the_palette_is_remembered_and_cancel_in_settings_undoes_a_try(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"  # what the palette's Theme command does
        for _ in range(20):
            await pilot.pause(0.05)
            if load_settings()[0].theme == "nord":
                break
        assert load_settings()[0].theme == "nord"
        await pilot.press("s")
        app.screen.query_one("#theme").value = "dracula"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.theme == "nord"


async def test_an_unknown_theme_falls_back_and_says_so(clock):
    from app.sound.output import Recorder
    from app.ui.app import make_app

    save_settings(Settings(theme="no-such-theme"))
    app = make_app(sound=Recorder(), settings=load_settings()[0], clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in n.message for n in app._notifications)


async def test_the_palette_over_a_session_pauses_it_and_offers_no_other_routine(clock):
    from textual.command import CommandPalette

    from tests.ui.helpers import SHORT

    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session = app.screen
        await pilot.press("ctrl+p")
        for char in "Run":
            await pilot.press(char)
        for _ in range(10):
            await pilot.pause(0.05)
        assert isinstance(app.screen, CommandPalette) and session.engine.paused
        shown = [str(option.prompt) for option in app.screen.query_one("CommandList").options]
        assert not any(line.startswith("Run: ") for line in shown), shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is session and not session.engine.paused


async def test_supple_s_keys_in_the_palette_say_what_they_do(clock):
    from app.ui.commands import screen_commands

    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {command.title: command.help for command in screen_commands(app.screen)}
        assert commands["History (h)"] == "Your past sessions, streaks and minutes a week"
        assert all("(" in title for title in commands)  # every one is a key of Supple's, with its key
