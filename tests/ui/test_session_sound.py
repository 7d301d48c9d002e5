"""What the session sends to sound: cues, spoken announcements, mute, voice and the halfway setting."""

from __future__ import annotations

from app.settings import Settings
from app.sound.output import Recorder
from app.ui.app import make_app
from tests.ui.helpers import SHORT, bundled, top_line
from tests.ui.test_session import advance

SIZE = (100, 30)


def build_with(clock, settings: Settings | None = None):
    sound = Recorder(settings)
    return make_app(load_entries=bundled, clock=clock, sound=sound, start=SHORT), sound


async def test_each_segment_is_announced_and_the_end_too(clock):
    app, sound = build_with(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert sound.said == [("Next up: Arm swings", "Arm swings")]
        await advance(pilot, clock, 5.2)
        assert sound.said[-1] == ("Arm swings, 20 seconds", "Arm swings")
        await advance(pilot, clock, 20 + 5)
        assert sound.said[-1] == ("Leg swings, left side, 10 seconds", "Leg swings, left side", "Leg swings")
        await advance(pilot, clock, 10)
        assert sound.said[-1] == ("Switch sides",)
        await pilot.press("g", "end", "enter")  # to the open step: it waits, paused, in get-ready
        await pilot.pause()
        await pilot.press("space")  # go on, then done
        await advance(pilot, clock, 6)
        await pilot.press("space")
        await pilot.pause()
        assert sound.said[-1] == ("Routine complete",) and sound.played[-1] == "done"


async def test_m_mutes_everything_and_v_silences_only_the_voice(clock):
    app, sound = build_with(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        assert top_line(app).endswith("voice off  1:30 left + open steps")
        await advance(pilot, clock, 5.2)
        assert sound.played[-1] == "go" and sound.said == [("Next up: Arm swings", "Arm swings")]
        await pilot.press("m")
        assert top_line(app).endswith("MUTED  1:25 left + open steps")
        count = len(sound.played)
        await advance(pilot, clock, 15)
        assert len(sound.played) == count  # the halfway cue and the pips were not sent
        await pilot.press("m", "v")
        await advance(pilot, clock, 5.5)
        assert sound.played[-1] == "ready" and sound.said[-1][0] == "Next up: Leg swings"
        assert "MUTED" not in top_line(app) and "voice off" not in top_line(app)


async def test_halfway_cue_follows_the_setting(clock):
    app, sound = build_with(clock, Settings(halfway=False))
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 5 + 20)
        assert "halfway" not in sound.played and sound.played.count("pip") == 6


async def test_a_broken_settings_file_is_reported_once(clock):
    message = "config.toml: volume must be a whole number from 0 to 100, got 150; using the defaults"
    app = make_app(load_entries=bundled, clock=clock, sound=Recorder(), settings_problem=message)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [n.message for n in app._notifications] == [message]
