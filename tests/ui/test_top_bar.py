"""The session's top line at any width: figures first, the name centred between, cut short if need be."""

from __future__ import annotations

from textual.app import App, ComposeResult

from app.ui.widgets.top_bar import TopBar


class OneBar(App[None]):
    def compose(self) -> ComposeResult:
        yield TopBar("Post-lift cooldown", id="top")


async def shown(width: int, **parts: str) -> str:
    app = OneBar()
    async with app.run_test(size=(width, 3)) as pilot:
        bar = app.query_one(TopBar)
        bar.show(**parts)
        await pilot.pause()
        return str(bar.render())


async def test_the_name_is_centred_between_the_figures():
    line = await shown(60, position="Step 2 of 9", left="12:30 left")
    assert len(line) == 58  # the width less the padding
    assert line.startswith("Step 2 of 9") and line.endswith("12:30 left")
    middle = line[len("Step 2 of 9") : -len("12:30 left")]
    before, after = len(middle) - len(middle.lstrip()), len(middle) - len(middle.rstrip())
    assert middle.strip() == "Post-lift cooldown" and abs(before - after) <= 1


async def test_sound_state_stands_before_the_time_left():
    line = await shown(60, position="Step 2 of 9", sound_state="MUTED", left="12:30 left")
    assert line.endswith("MUTED  12:30 left")


async def test_a_narrow_bar_shortens_the_name_then_drops_it():
    line = await shown(40, position="Step 2 of 9", left="12:30 left")
    assert line.startswith("Step 2 of 9") and line.endswith("12:30 left") and "…" in line
    assert len(line) == 38
    assert " Post-lift cool… " in line
    line = await shown(25, position="Step 2 of 9", left="12:30 left")
    assert line == "Step 2 of 9  12:30 left"  # no room for a name worth reading
    line = await shown(18, position="Step 2 of 9", left="12:30 left")
    assert line == "Step 2 of 9 12:3"  # too narrow for both: cut at the edge, never wrapped
