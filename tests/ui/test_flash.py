"""The flash across the room: the middle in the new part's colour, per the setting, never more than once a
second; reduced motion turns it into a steady band."""

from __future__ import annotations

from app.settings import Settings
from app.sound.output import Recorder
from app.ui.app import make_app
from app.ui.screens.session_drawing import FLASH_GAP
from tests.ui.helpers import SHORT, bundled, until
from tests.ui.test_session import advance

SIZE = (80, 24)
GAP = FLASH_GAP + 0.05  # real seconds: the last flash (the get-ready's, at the start) is over a second ago


def build_with(clock, **settings):
    chosen = Settings(**settings)
    app = make_app(load_entries=bundled, clock=clock, sound=Recorder(chosen), settings=chosen, start=SHORT)
    return app


def flashes_of(app) -> list[str]:
    """Every class a flash put on the middle or the band, in order (a spy on add_class)."""
    seen: list[str] = []
    for selector in ("#middle", "#phase"):
        widget = app.screen.query_one(selector)
        add = widget.add_class

        def spy(*names, _add=add, **kwargs):
            seen.extend(name for name in names if name.startswith("-flash"))
            return _add(*names, **kwargs)

        widget.add_class = spy
    return seen


async def test_on_flashes_the_middle_in_the_new_parts_colour_briefly(clock):
    app = build_with(clock, flash="on")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        middle = app.screen.query_one("#middle")
        # Seen as it is put on, not polled: on a loaded machine a poll can come after the 0.35 s flash is over.
        seen = flashes_of(app)
        await pilot.pause(GAP)
        await advance(pilot, clock, 5.2)  # the get-ready ends: WORK
        await until(pilot, lambda: "-flash-work" in seen)
        await until(pilot, lambda: not middle.has_class("-flash-work"))  # short, then gone by itself
        assert not middle.has_class("-band-work")


async def test_auto_flashes_only_while_no_sound_is_heard(clock):
    app = build_with(clock)  # auto, with a player: the band blinks with the cue, the middle stays
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = flashes_of(app)
        await pilot.pause(GAP)
        await advance(pilot, clock, 5.2)
        await until(pilot, lambda: seen)
        assert seen == ["-flash"]
        await pilot.press("m")  # muted: now the change must be seen
        await pilot.pause(GAP)
        await advance(pilot, clock, 20)  # WORK ends: the leg swings' get-ready
        await until(pilot, lambda: "-flash-transition" in seen or "-flash-prep" in seen)


async def test_off_and_reduced_motion_never_blink(clock):
    for settings in ({"flash": "off"}, {"flash": "on", "reduced_motion": True}):
        app = build_with(clock, **settings)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            seen = flashes_of(app)
            await pilot.pause(GAP)
            await advance(pilot, clock, 5.2)
            await pilot.pause(0.1)
            assert seen == [], settings


async def test_reduced_motion_shows_a_steady_band_that_follows_the_part(clock):
    app = build_with(clock, flash="on", reduced_motion=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        middle = app.screen.query_one("#middle")
        assert middle.has_class("-band-prep")
        await pilot.pause()
        clock_region = app.screen.query_one("#clock").region
        assert clock_region.x >= middle.region.x + 2 and clock_region.right <= middle.region.right - 2  # a gap
        await advance(pilot, clock, 5.2)
        assert middle.has_class("-band-work") and not middle.has_class("-band-prep")
        await pilot.press("space")  # paused: the band stays as it is, no blink
        assert middle.has_class("-band-work")


async def test_reduced_motion_on_auto_shows_the_band_only_while_muted(clock):
    app = build_with(clock, reduced_motion=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        middle = app.screen.query_one("#middle")
        assert not any(middle.has_class(f"-band-{kind}") for kind in ("prep", "work"))
        await pilot.press("m")
        await until(pilot, lambda: middle.has_class("-band-prep"))
        await pilot.press("m")
        await until(pilot, lambda: not middle.has_class("-band-prep"))


async def test_never_more_than_one_flash_a_second_however_fast_parts_change(clock):
    app = build_with(clock, flash="on")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = flashes_of(app)
        await pilot.pause(GAP)
        for _ in range(6):  # six new parts within a fraction of a second
            await pilot.press("n")
            await advance(pilot, clock, 0.1)
        assert len(seen) == 1, seen
        await pilot.pause(GAP)
        await pilot.press("n")
        await advance(pilot, clock, 0.1)
        await until(pilot, lambda: len(seen) == 2)


async def test_halfway_flashes_across_the_room_where_no_sound_is_heard(clock):
    """Cues say "reverse at the halfway sound": muted, the screen must show when halfway is."""
    app = build_with(clock, sound=False)  # auto, muted: the flash across the room
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = flashes_of(app)
        await pilot.pause(GAP)
        await advance(pilot, clock, 5.2)  # WORK: 20 s of arm swings, halfway at 10 s
        await until(pilot, lambda: "-flash-work" in seen)
        seen.clear()
        await pilot.pause(GAP)
        await advance(pilot, clock, 9.0)
        assert not seen  # nothing between the start and halfway
        await advance(pilot, clock, 1.0)
        await until(pilot, lambda: "-flash-work" in seen)


async def test_halfway_does_not_flash_with_the_halfway_cue_off(clock):
    app = build_with(clock, sound=False, halfway=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = flashes_of(app)
        await pilot.pause(GAP)
        await advance(pilot, clock, 5.2)
        await until(pilot, lambda: "-flash-work" in seen)
        seen.clear()
        await pilot.pause(GAP)
        await advance(pilot, clock, 10.5)
        await pilot.pause()
        assert not seen
