"""The settings screen: edit, refuse a bad volume, save to config.toml, and the sound test."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, Select, Static

from app.settings import Settings, load_settings
from app.sound.synth import CUES, length
from app.ui.screens.picker import PickerScreen
from app.ui.screens.settings import TEST_GAP, SettingsScreen
from tests.ui.helpers import build, until

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
        app.screen.query_one("#flash", Select).value = "off"
        app.screen.query_one("#reduced_motion", Checkbox).value = True
        app.screen.query_one("#move_in_work", Checkbox).value = True
        await pilot.press("ctrl+s")
        for _ in range(10):
            await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await until(pilot, lambda: any("Settings saved to" in n.message for n in app._notifications))  # over the list
        saved = Settings(volume=40, voice=False, flash="off", reduced_motion=True, move_in_work=True)
        assert load_settings() == (saved, None)
        assert app.settings.flash == "off" and app.settings.reduced_motion and app.settings.move_in_work
        assert app.settings.volume == 40 and app.sound.volume == 40 and app.sound.voice is False


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


async def test_saving_over_a_file_that_could_not_be_read_asks_first_and_keeps_it_beside(clock, supple_home):
    from app.ui.screens.dialogs import ConfirmScreen

    path = supple_home / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("volume = \n# my notes\n")
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "invalid TOML" in str(app.screen.question)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen) and path.read_text() == "volume = \n# my notes\n"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
    assert load_settings() == (Settings(), None)
    (aside,) = path.parent.glob("config.toml.broken-*")
    assert aside.read_text() == "volume = \n# my notes\n"


async def test_a_theme_change_never_writes_over_a_file_that_could_not_be_read(clock, supple_home):
    path = supple_home / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("volume = [[[\n")
    app, _ = build(clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.theme = "nord"
        await until(pilot, lambda: any("theme is not remembered" in n.message for n in app._notifications))
    assert path.read_text() == "volume = [[[\n"


COMMENTED = """# My settings: loud, for the gym
volume = 30   # not too loud at home

sound = false
soud = true  # a typo, kept as written
"""


async def test_themes_browsed_then_cancel_write_nothing(clock, supple_home):
    from textual.widgets import Select

    path = supple_home / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(COMMENTED)
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        before = app.theme
        for theme in ("nord", "gruvbox", "dracula"):
            app.screen.query_one("#theme", Select).value = theme
            await until(pilot, lambda t=theme: app.theme == t)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.theme == before)
        await pilot.pause(0.3)
    assert path.read_text() == COMMENTED


async def test_a_save_changes_only_what_changed_and_keeps_comments_and_the_unknown_key(clock, supple_home):
    from textual.widgets import Select

    path = supple_home / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(COMMENTED)
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        app.screen.query_one("#volume", Input).value = "45"
        app.screen.query_one("#theme", Select).value = "nord"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
    lines = path.read_text().splitlines()
    assert lines[:5] == [
        "# My settings: loud, for the gym",
        "volume = 45   # not too loud at home",
        "",
        "sound = false",
        "soud = true  # a typo, kept as written",
    ]
    assert lines[5:] == ['theme = "nord"']


async def test_with_sound_off_the_status_says_so_not_starting(clock):
    app, _ = build(clock)
    app.sound.muted = True
    app.sound_state = None  # no player started: a muted Supple starts none
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        status = str(app.screen.query_one("#sound-status", Static).content)
        assert status.startswith("Sound: off; the player starts when sound is on")


async def test_with_no_player_the_status_is_words_not_errors_and_test_sound_says_what_it_does(clock):
    """The helper's report of a machine with no sound device, as `supple` gets it here: the settings say so in
    words (the players' own error texts are sound-check's), and Test sound says it rings the bell instead."""
    from app.sound.state import SoundState

    errors = (
        ("simpleaudio", "cannot play: Error opening PCM device. -- CODE: -2 -- MSG: No such file or directory"),
        ("paplay", "pa_context_connect() failed: Connection refused"),
        ("aplay", "aplay: main:831: audio open error: No such file or directory"),
    )
    app, played = build(clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app._sound_report(SoundState(None, errors, None, "no player", ready=True))
        await pilot.pause()
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        status = str(app.screen.query_one("#sound-status", Static).content)
        assert status == (
            "Sound: terminal bell only; no sound player works here (tried simpleaudio, paplay, aplay); "
            "no voice without a player. 'supple sound-check' says why."
        )
        toasts = len(app._notifications)
        await pilot.click("#test")
        # Said in the box's status line, where a toast covered the buttons at 60x20.
        status_of = lambda: str(app.screen.query_one("#sound-status", Static).content)  # noqa: E731
        await until(pilot, lambda: "rings the terminal bell" in status_of())
        assert "flashes the screen at each new part" in status_of() and len(app._notifications) == toasts
        await until(pilot, lambda: played == list(CUES))
        app.screen.query_one("#flash", Select).value = "off"  # then the test says nothing of a flash
        app.screen.action_test()
        await until(pilot, lambda: "flash" not in status_of())
        assert "rings the terminal bell" in status_of()
        app.screen.take_notice("a moment", 0.2)  # and the status comes back after a notice's time
        await until(pilot, lambda: status_of().startswith("Sound: terminal bell only"))


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_buttons_show_without_scrolling(clock, size):
    """Test sound, Save and Cancel on screen at once, with the longest sound line (no player works here)."""
    from app.sound.state import SoundState
    from tests.ui.helpers import screen_lines

    app, _ = build(clock)
    async with app.run_test(size=size) as pilot:
        app._sound_report(SoundState(None, (("simpleaudio", "x"), ("paplay", "y"), ("aplay", "z")), None, "", True))
        await pilot.pause()
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Test sound" in shown and "Save (ctrl+s)" in shown and "Cancel (Esc)" in shown, shown
        assert "Sound cues" in shown and "says why" in shown


async def test_the_sound_report_is_said_in_the_status_line_not_in_a_toast_over_the_buttons(clock):
    """At 60x20 the picker's toast on the sound covered Save and Cancel: the box takes its place."""
    from app.sound.state import SoundState
    from tests.ui.helpers import screen_lines

    bell_only = SoundState(None, (("simpleaudio", "x"),), None, "", True)
    app, _ = build(clock)
    async with app.run_test(size=(60, 20)) as pilot:
        app._sound_report(bell_only)
        await until(pilot, lambda: len(app._notifications) == 1)  # on the picker, a toast
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await until(pilot, lambda: not app._notifications)
        app.sound_state = None
        app.screen.query_one("#sound-status", Static).update("Sound: starting")
        app._sound_report(bell_only)  # a report while the box is open
        await until(pilot, lambda: "terminal bell only" in str(app.screen.query_one("#sound-status", Static).content))
        assert not app._notifications
        shown = "\n".join(screen_lines(app))
        assert "Save (ctrl+s)" in shown and "Cancel (Esc)" in shown, shown
