"""What waits for the first frame: the sound helper and garbage collection; the first screen itself."""

from __future__ import annotations

import gc

from app.sound.output import Recorder
from app.ui.app import make_app
from app.ui.screens.picker import PickerScreen
from app.ui.screens.session import SessionScreen
from tests.ui.helpers import SHORT, bundled, text_of


def started_app(clock, **kwargs):
    sound = Recorder()
    return make_app(load_entries=bundled, clock=clock, sound=sound, **kwargs), sound


async def test_the_picker_starts_drawn_with_its_list_and_preview(clock):
    app, sound = started_app(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and len(app.screen_stack) == 1
        assert text_of(app, "#preview").startswith("Quick warm-up")
        assert sound.started  # once the first frame was drawn


async def test_collection_is_turned_back_on_after_the_first_frame(clock):
    gc.disable()  # as `supple` does before it imports Textual
    frozen = gc.get_freeze_count()
    try:
        app, sound = started_app(clock, start=SHORT)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SessionScreen)
            assert gc.isenabled() and sound.started
            assert gc.get_freeze_count() > frozen  # what start-up built is kept out of later collections
    finally:
        gc.unfreeze()
        gc.enable()


async def test_an_app_started_with_collection_on_leaves_it_alone(clock):
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    app, sound = started_app(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert sound.started
    assert gc.isenabled() and gc.get_freeze_count() == frozen


async def test_the_session_is_born_in_its_first_phase(clock):
    app, _ = started_app(clock, start=SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        band = app.screen.query_one("#phase")  # the phase's class is on its band, which it colours
        assert band.has_class("-prep") and not band.has_class("-work")
        assert "GET READY" in text_of(app, "#phase")
        await pilot.press("n")  # into the work segment: the class follows the phase
        await pilot.pause()
        assert band.has_class("-work") and not band.has_class("-prep")
