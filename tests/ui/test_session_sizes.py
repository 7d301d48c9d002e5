"""The session at every size and under every key: the clock first, nothing cut, every figure true."""

from __future__ import annotations

import pytest

from app.paths import bundled_routines_dir
from app.routine.library import load_entry
from app.routine.model import Routine, Step
from app.ui.screens.dialogs import JumpScreen
from app.ui.screens.help import HelpScreen
from app.ui.screens.session import SessionScreen
from tests.ui.helpers import SHORT, build, screen_lines, text_of, top_line, until
from tests.ui.test_session import advance

MOBILITY = load_entry(bundled_routines_dir() / "pre-lift-mobility.toml", "bundled").routine
BARE = MOBILITY._replace(steps=tuple(step._replace(demo=None) for step in MOBILITY.steps))  # no figure beside


def clock_rows(app) -> list[str]:
    """The screen rows the big clock's block digits are drawn on."""
    clock = app.screen.query_one("#clock")
    top, height = clock.region.y, clock.region.height
    return [row for row in screen_lines(app)[top : top + height] if "█" in row]


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40), (40, 14)])
async def test_the_clock_keeps_its_block_digits_and_cues_give_way(clock, size):
    app, _ = build(clock, start=MOBILITY)  # Arm swings has four cues, two of them long
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert len(clock_rows(app)) >= 5, "\n".join(screen_lines(app))
        cues = text_of(app, "#cues").splitlines()
        assert all(len(line) <= size[0] - 8 for line in cues)  # one line each, shortened, never wrapped
        if size[1] >= 20:
            assert cues and cues[0].startswith("• Stand tall")
        if size[1] >= 24:  # the digits grow before the cues take more rows
            assert len(clock_rows(app)) >= 10, "\n".join(screen_lines(app))


@pytest.mark.parametrize("first", [(120, 40), (60, 20), (80, 24)])
async def test_at_120x40_the_digits_grow_into_the_room_and_every_cue_shows(clock, first):
    """Started there or resized to it: the 80x24 digits left 13 rows empty."""
    app, _ = build(clock, start=MOBILITY)  # Arm swings: four cues
    async with app.run_test(size=first) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: len(clock_rows(app)) >= 20)  # scale 4: 20 rows of blocks
        cues = text_of(app, "#cues").splitlines()
        assert len(cues) == 4 and not any("more)" in line for line in cues), cues
        await pilot.resize_terminal(60, 20)  # and back: the digits give way to the width, the cues stay
        await until(pilot, lambda: len(clock_rows(app)) == 10)
        assert len(text_of(app, "#cues").splitlines()) == 4


@pytest.mark.parametrize("size", [(120, 40), (80, 20), (60, 20)])
async def test_the_digits_are_centred(clock, size):
    """Without a figure (test_session_figure.py has them with one)."""
    app, _ = build(clock, start=BARE)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")
        await pilot.pause()
        rows = clock_rows(app)
        left = min(len(row) - len(row.lstrip()) for row in rows)  # the digits' outer edges
        right = min(size[0] - len(row.rstrip()) for row in rows)
        assert abs(left - right) <= 1, (left, right)


async def test_more_time_grows_the_total_and_keeps_what_is_done(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, 8)
        before = text_of(app, "#bar").split()[-3:]
        assert before == ["0:08", "/", "1:30"]
        await pilot.press("plus")
        assert text_of(app, "#bar").split()[-3:] == ["0:08", "/", "1:40"]
        await pilot.press("minus")
        assert text_of(app, "#bar").split()[-3:] == ["0:08", "/", "1:30"]


async def test_less_time_near_the_end_says_what_happened(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await advance(pilot, clock, 5 + 16)  # 4 s left of Arm swings
        await pilot.press("minus")
        await pilot.pause()
        assert text_of(app, "#clock") == "0:01" and text_of(app, "#title") == "Arm swings"
        assert text_of(app, "#hint") == "Only 3 s taken off: this part ends in 1 s" and not app._notifications


async def test_more_time_on_a_paced_step_adds_reps(clock):
    paced = Routine("Paced", (Step("Squats", reps=8, tempo=2),), prep=0)
    app, played = build(clock, start=paced)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await advance(pilot, clock, 15)
        assert "Rep 8 of 8" in text_of(app, "#detail")
        await pilot.press("plus")
        await pilot.pause()
        assert text_of(app, "#hint") == "5 reps more than planned: 13 in all"
        assert "Rep 8 of 13" in text_of(app, "#detail")
        await advance(pilot, clock, 2)
        assert "Rep 9 of 13" in text_of(app, "#detail") and played[-1] == "tick"


async def test_a_long_next_name_is_shortened_keeping_side_set_and_length(clock):
    name = "Lying single-leg hamstring stretch with a band around the foot, knee straight"
    routine = Routine("Long names", (Step("Arm swings", duration=20), Step(name, duration=30, sides=True, sets=2)))
    app, _ = build(clock, start=routine)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        line = text_of(app, "#upcoming")
        assert line.startswith("Next: Lying single-leg") and "…" in line
        assert line.endswith(" · left side · set 1 of 2 (30 s)") and len(line) <= 58


@pytest.mark.parametrize("size", [(40, 14), (100, 30), (60, 20)])
async def test_the_top_line_never_runs_words_together(clock, size):
    routine = Routine("Post-lift cooldown for the whole body", (Step("a", duration=60), Step("b", duration=600)))
    app, _ = build(clock, start=routine, scale=0.85)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        line = top_line(app)
        assert line.startswith("Step 1 of 2 · 85 %") or size[0] < 50
        assert "left" in line
        before_left = line[: line.index(line.split()[-2])]
        assert before_left.endswith(" "), line  # a space before the time left, always
        if "Post" in line:
            title_at = line.index("Post")
            assert line[title_at - 1] == " "


@pytest.mark.parametrize(("key", "dialog"), [("question_mark", HelpScreen), ("g", JumpScreen)])
async def test_a_dialog_pauses_the_session_and_closing_it_goes_on(clock, key, dialog):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, 8)
        await pilot.press(key)
        assert isinstance(app.screen, dialog)
        session = app.screen_stack[-2]
        assert session.engine.paused
        clock.advance(30)
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen) and not session.engine.paused
        assert text_of(app, "#clock") == "0:17"  # the 30 s behind the dialog did not count


async def test_a_dialog_over_a_paused_session_leaves_it_paused(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "question_mark", "escape")
        assert app.screen.engine.paused


async def test_a_word_on_a_key_shows_below_the_clock_for_a_moment(clock):
    from app.ui.screens.session import SAY_SECONDS

    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, 8)
        await pilot.press("plus")
        assert text_of(app, "#hint") == "10 s more" and not app._notifications
        await pilot.press("m")
        assert text_of(app, "#hint") == "Sound off"
        await pilot.pause(SAY_SECONDS + 0.3)
        assert text_of(app, "#hint") == ""
