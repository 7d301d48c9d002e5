"""The key bar: shows what each screen offers, greys out what cannot be done, and clicks work."""

from __future__ import annotations

import pytest

from app.ui.widgets.key_bar import KeyBar
from tests.ui.helpers import SHORT, build
from tests.ui.test_session import advance

SIZE = (100, 30)


def bar_text(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_session_keys_are_listed_once_each(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = bar_text(app)
        for label in (" space  Pause ", " n  Next ", " p  Back ", " g  Step ", " q  Quit ", " ?  Help "):
            assert label in text, text
        assert "right" not in text  # a second key for the same action is not repeated


async def test_each_key_sits_on_its_own_colour_beside_its_label(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        strip = app.screen._compositor.render_strips()[-1]
        styled = [(segment.text, segment.style.bgcolor) for segment in strip if segment.text.strip()]
        keys = {text.strip(): colour for text, colour in styled if text.strip() in ("space", "n", "q")}
        labels = {text.strip(): colour for text, colour in styled if text.strip() in ("Pause", "Next", "Quit")}
        assert len(set(keys.values())) == 1 and len(set(labels.values())) == 1
        assert set(keys.values()) != set(labels.values())  # a key is not the same colour as the labels


@pytest.mark.parametrize("width", [60, 50, 40])
async def test_a_narrow_key_bar_leaves_keys_out_whole_never_cutting_a_label(clock, width):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=(width, 20)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert len(text) <= width and " q  Quit " in text
        labels = [part for part in text.split("  ") if part.strip()]
        every = {"space", "Pause", "n", "Next", "p", "Back", "g", "Step", "+", "-", "10s", "q", "Quit", "?", "Help"}
        assert {label.strip() for label in labels} <= every, labels  # whole words only
        if width >= 60:
            assert " ?  Help " in text


async def test_clicking_a_key_runs_its_action(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        column = bar_text(app).index(" n ") + 1
        assert await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert app.screen.engine.index == 1  # skipped GET READY into the first step
        assert bar is app.screen.query_one(KeyBar)


async def test_keys_that_do_nothing_on_open_steps_are_left_out(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = [key.action for key in app.screen.query_one(KeyBar)._shown]
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("end", "enter")  # the open step waits, paused, in get-ready
        await pilot.pause()
        await pilot.press("space")
        await advance(pilot, clock, 6)
        bar = app.screen.query_one(KeyBar)
        bar.render()
        after = [key.action for key in bar._shown]
        assert "screen.add_time(10)" in before and "screen.add_time(10)" not in after
        assert None not in after  # not even greyed: a stopwatch step has no countdown to change


async def test_keys_are_named_for_what_they_do_now(clock):
    from app.routine.model import Routine, Step

    paced = Routine("Paced", (Step("Squats", reps=10, tempo=2), Step("Lift", manual=True)))
    app, _ = build(clock, start=paced)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # into the paced step
        await pilot.pause()
        assert " space  Pause " in bar_text(app) and " +  5 reps " in bar_text(app), bar_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert " space  Resume " in bar_text(app)
        await pilot.press("space", "n")  # on to the pause before the next step
        await pilot.pause()
        assert " +  10s " in bar_text(app)
        while not app.screen.engine.is_open:
            await pilot.press("n")
        await pilot.pause()
        assert " space  Done " in bar_text(app)
