"""The settings screen: edit, refuse a bad volume, save to config.toml, and the sound test."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Static

from app.settings import Settings, load_settings
from app.sound.synth import CUES, length
from app.ui.screens.picker import PickerScreen
from app.ui.screens.settings import TEST_GAP, SettingsScreen
from tests.ui.helpers import build

SIZE = (100, 30)


async def test_change_and_save_settings(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#volume", Input).value = "250"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "from 0 to 100" in str(app.screen.query_one("#volume-error", Static).content)
        app.screen.query_one("#volume", Input).value = "40"
        app.screen.query_one("#voice", Checkbox).value = False
        await pilot.press("ctrl+s")
        for _ in range(10):
            await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert load_settings() == (Settings(volume=40, voice=False), None)
        assert app.sound.settings.volume == 40 and app.sound.voice is False


async def test_cancel_leaves_the_file_alone(clock, supple_home):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        app.screen.query_one("#sound", Checkbox).value = False
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)
        assert not (supple_home / "config.toml").exists() and app.sound.muted is False


async def test_test_sound_plays_every_cue_then_speaks_even_when_muted(clock):
    app, played = build(clock)
    app.sound.muted = True
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.click("#test")
        await pilot.pause(sum(length(c) + TEST_GAP for c in CUES) + 0.3)
        assert played == list(CUES)
        assert app.sound.said == [("This is how Supple speaks: arm swings, 30 seconds",)]


async def test_a_bad_volume_is_pointed_out_as_it_is_typed(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        volume = app.screen.query_one("#volume", Input)
        volume.focus()
        await pilot.press("end", "0", "0")  # 80 becomes 800: too loud, said before any save
        await pilot.pause()
        error = app.screen.query_one("#volume-error", Static)
        assert "from 0 to 100" in str(error.content)
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert str(error.content) == ""
