"""The key bar: shows what each screen offers, greys out what cannot be done, and clicks work."""

from __future__ import annotations

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
        for label in ("space Pause/Done", "n Next", "p Back", "g Step", "q Quit", "? Help"):
            assert label in " ".join(text.split()), text
        assert "right" not in text  # a second key for the same action is not repeated


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


async def test_unavailable_keys_are_dimmed_on_open_steps(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        plain = app.screen.query_one(KeyBar).content
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("end", "enter")
        await advance(pilot, clock, 6)
        dimmed = app.screen.query_one(KeyBar).content
        assert plain != dimmed
        assert "dim" in str(dimmed) and "add_time(10)" not in str(dimmed)
