"""The move beside the session's clock: only in the room the clock leaves, in time with the session, still
when paused or with reduced motion, and absent where braille cannot be drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.paths import bundled_routines_dir
from app.routine.library import load_entry
from app.ui.screens.session_drawing import KINDS
from app.ui.widgets.move_figure import draws_braille
from tests.kept_text import matches_kept
from tests.ui.helpers import build, screen_lines, until
from tests.ui.test_session_sizes import BARE, MOBILITY, clock_rows

SIZES = [(60, 20), (80, 24), (120, 40)]
KEPT = Path(__file__).parent / "__figure_snapshots__"
BRAILLE = range(0x2801, 0x2900)  # a braille cell with a dot in it


def dots(app) -> int:
    """Braille cells with dots on the screen: the figure drawn."""
    return sum(1 for row in screen_lines(app) for char in row if ord(char) in BRAILLE)


def figure_text(app) -> str:
    return str(app.screen.query_one("#figure").content)


async def started(pilot, app, keys: str = "") -> None:
    await until(pilot, lambda: app.screen.figure.moves)  # read on a thread
    for key in keys.split():
        await pilot.press(key)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_in_the_work_the_digits_are_as_large_as_without_a_figure(clock, size):
    shown = {}
    for routine in (BARE, MOBILITY):
        app, _ = build(clock, start=routine)
        async with app.run_test(size=size) as pilot:
            await until(pilot, lambda app=app, routine=routine: routine is BARE or app.screen.figure.moves)
            await pilot.press("n")
            await pilot.pause()
            rows = clock_rows(app)
            span = max(row.rindex("█") - row.index("█") + 1 for row in rows)  # the digits alone, not the figure
            shown[routine is MOBILITY] = (len(rows), span)
    assert shown[True] == shown[False], shown


@pytest.mark.parametrize("size", SIZES)
async def test_getting_ready_the_figure_is_large_at_every_size(clock, size):
    """The moment the user looks to learn the move: the figure as tall as the middle, taking no more columns
    than its proportions use there (at most half the width), and the cues the rest."""
    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=size) as pilot:
        await started(pilot, app)
        await until(pilot, lambda: dots(app) > 10)
        figure = app.screen.query_one("#figure")
        middle = app.screen.query_one("#middle").content_size
        drawn = [row for row in figure.content.splitlines() if any(ord(char) in BRAILLE for char in row)]
        assert len(drawn) >= 0.7 * middle.height  # as tall as the room allows
        assert 12 <= app.screen.figure.width <= size[0] // 2
        cues = app.screen.query_one("#cues")
        assert cues.content_size.width >= size[0] - 8 - app.screen.figure.width  # the cues keep the rest
        assert len(clock_rows(app)) >= 5  # block digits still


@pytest.mark.parametrize("size", SIZES)
async def test_the_session_with_its_figure_reads_as_kept(clock, size):
    """Getting ready for arm swings, 0.7 s in, at each size: the figure where there is room."""
    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=size) as pilot:
        await started(pilot, app)
        clock.advance(0.7)
        app.screen.figure.frame()
        await pilot.pause()
        text = "\n".join(line.rstrip() for line in screen_lines(app)) + "\n"
        matches_kept(text, KEPT / f"SessionFigure-{size[0]}x{size[1]}.txt", f"the session at {size}")


async def test_it_moves_with_the_clock_and_stops_when_paused(clock):
    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await until(pilot, lambda: dots(app) > 10)
        figure = app.screen.figure
        assert figure._frames is not None  # frames only while it moves
        before = figure_text(app)
        clock.advance(0.5)
        figure.frame()
        assert figure_text(app) != before  # the arms swung on
        await pilot.press("space")
        await until(pilot, lambda: figure._frames is None)
        held = figure_text(app)
        clock.advance(1.3)
        figure.frame()
        assert figure_text(app) == held  # paused on its pose
        await pilot.press("space")
        await until(pilot, lambda: figure._frames is not None)


async def test_reduced_motion_shows_a_still_key_pose(clock):
    app, _ = build(clock, start=MOBILITY)
    app.settings = app.settings._replace(reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await until(pilot, lambda: dots(app) > 10)
        figure = app.screen.figure
        assert figure._frames is None
        still = figure_text(app)
        clock.advance(0.5)
        figure.frame()
        assert figure_text(app) == still


async def test_no_figure_where_braille_cannot_be_drawn(clock):
    app, _ = build(clock, start=MOBILITY)
    app.braille = False
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.figure.moves and not app.screen.query_one("#figure").display and dots(app) == 0


def test_braille_is_drawn_on_utf8_terminals_that_have_it():
    assert draws_braille({"TERM": "xterm-256color"}, "utf-8")
    assert not draws_braille({"TERM": "linux"}, "utf-8")  # the Linux console's font has no braille
    assert not draws_braille({"TERM": "xterm"}, "ascii")  # LANG=C


async def test_with_the_reduced_motion_band_the_cues_are_cut_to_fit_not_wrapped(clock):
    """The band either side takes four columns: each cue still fits on its line, ending in … when cut."""
    app, _ = build(clock, start=MOBILITY)
    app.settings = app.settings._replace(reduced_motion=True, flash="on")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        middle = app.screen.query_one("#middle")
        await until(pilot, lambda: any(middle.has_class(f"-band-{kind}") for kind in ("prep", "work")))
        app.screen.redraw()
        await pilot.pause()
        cues = app.screen.query_one("#cues")
        lines = str(cues.content).splitlines()
        assert lines and all(len(line) <= cues.content_size.width for line in lines), (lines, cues.content_size)


async def test_a_move_seen_from_above_says_so(clock):
    """A figure lying on its back, drawn from above, would read as one standing: its last row says how it is seen."""
    from app.routine.model import Routine, Step

    twist = Routine("Twist", (Step("Lying spinal twist", duration=30, sides=True, demo="lying-spinal-twist"),))
    app, _ = build(clock, start=twist)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await until(pilot, lambda: "seen from above" in figure_text(app))
        assert dots(app) > 10


async def test_a_new_theme_recolours_the_figure(clock):
    """The figure keeps its frames' strips: a theme chosen mid-session must not leave them in the old colours."""
    from app.ui.themes import HIGH_CONTRAST

    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await until(pilot, lambda: dots(app) > 10)
        figure = app.screen.query_one("#figure")

        def styles() -> set:
            return {segment.style for strip in figure._strips for segment in strip}

        old = figure._styles()
        assert styles() <= set(old)
        app.theme = HIGH_CONTRAST.name
        await pilot.pause()
        clock.advance(0.5)
        app.screen.figure.frame()
        new = figure._styles()
        assert new != old  # the high-contrast theme's colours differ
        assert styles() <= set(new) and not styles() & (set(old) - set(new))


async def test_frames_fall_between_the_clocks_seconds(clock):
    """A frame's repaint never delays a new second's: the next frame is aimed half a frame's time off the
    grid of the displayed seconds, whatever the moment it is aimed from."""
    from app.ui.widgets.move_figure import FRAMES

    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await until(pilot, lambda: app.screen.figure._frames is not None)
        slot, screen = app.screen.figure, app.screen
        aimed: list[float] = []
        screen.set_timer = lambda wait, callback: aimed.append(wait)  # type: ignore[method-assign]
        for step in (0.13, 0.29, 0.51, 0.05, 0.17):
            clock.advance(step)
            now = screen.runner.now()
            slot._aim()
            frames = (screen.runner.engine.next_second(now) - (now + aimed[-1])) * FRAMES
            assert abs(frames % 1 - 0.5) < 1e-6, (step, aimed[-1])  # half-way between two seconds' frames
            assert 0.02 < aimed[-1] <= 1 / FRAMES + 0.02


async def test_a_pause_in_the_work_brings_no_figure_into_the_columns_it_frees(clock):
    """At 80x24 the work has no figure; paused, the hint's row makes the digits smaller, and a figure
    appearing there (and going at the resume) would make the screen jump at every pause."""
    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app, "n")
        assert app.screen.runner.engine.segment.kind == "work" and app.screen.figure.width == 0
        await pilot.press("space")
        await until(pilot, lambda: app.screen.runner.engine.paused)
        await pilot.pause()
        assert app.screen.figure.width == 0 and dots(app) == 0
        await pilot.press("space")
        await until(pilot, lambda: not app.screen.runner.engine.paused)
        assert app.screen.figure.width == 0


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_the_figure_draws_in_the_ansi_themes(clock, theme):
    """Their foreground is "ansi_default", which rich's colours cannot parse: the figure crashed the app."""
    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await started(pilot, app)
        await until(pilot, lambda: dots(app) > 10)
        clock.advance(0.5)
        app.screen.figure.frame()
        await pilot.pause()
        bright = app.screen.query_one("#figure")._styles()[1]
        assert bright.bold and bright.color is not None and bright.color.is_default


@pytest.mark.parametrize("size", SIZES)
async def test_with_the_reduced_motion_band_the_figure_stays_inside_the_middle(clock, size):
    """The band either side takes four columns: the figure is sized from the screen's width less the band, not
    from the middle's own, which lags a new band by a frame (a new user saw cat-cow's run off the right edge
    at 80x24 once the band came with no sound device; not reproduced here, so this guards the settled case)."""
    relief = load_entry(bundled_routines_dir() / "upper-back-relief.toml", "bundled").routine
    app, _ = build(clock, start=relief)
    app.settings = app.settings._replace(reduced_motion=True, flash="on")
    async with app.run_test(size=size) as pilot:
        await started(pilot, app)
        middle = app.screen.query_one("#middle")
        for _ in range(6):  # through the lead-ins and the work of the first steps
            await until(pilot, lambda: any(middle.has_class(f"-band-{kind}") for kind in KINDS))
            await pilot.pause()
            figure = app.screen.query_one("#figure")
            if figure.display:
                assert figure.region.right <= middle.content_region.right, (figure.region, middle.content_region)
            await pilot.press("n")


async def test_getting_ready_for_a_kneeling_move_the_cues_show_whole_at_80x24(clock):
    """A figure on hands and knees is wide: at half the width it cut cat-cow's cues to some 26 characters.
    It gives the cues their longest line while it keeps 20 columns."""
    relief = load_entry(bundled_routines_dir() / "upper-back-relief.toml", "bundled").routine
    app, _ = build(clock, start=relief)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app, "n n")
        await until(pilot, lambda: dots(app) > 10)
        assert app.screen.runner.engine.segment.kind == "transition"
        cues = str(app.screen.query_one("#cues").content)
        assert "On hands and knees, hands under shoulders" in cues and "…" not in cues, cues
        assert app.screen.figure.width >= 20


async def test_a_wide_figure_is_drawn_tall_enough_to_be_made_out_or_not_at_all(clock):
    """Thread the needle on all fours, beside the cues at 80x24, was a squiggle 5 rows tall: getting ready it
    takes the columns that draw it SEEN_ROWS tall (the cues wrap); in the work, where the digits keep their
    size, there are not that many, and it is not shown."""
    from app.routine.model import Routine
    from app.ui.screens.session_figure import SEEN_ROWS

    relief = load_entry(bundled_routines_dir() / "upper-back-relief.toml", "bundled").routine
    needle = Routine("Needle", tuple(step for step in relief.steps if step.demo == "thread-the-needle"))
    assert needle.steps and max(len(cue) for cue in needle.steps[0].cues) > 40  # cues that want the width
    app, _ = build(clock, start=needle)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await until(pilot, lambda: dots(app) > 10)
        rows = [row for row in figure_text(app).splitlines() if any(ord(char) in BRAILLE for char in row)]
        assert len(rows) >= SEEN_ROWS - 1, figure_text(app)  # the box's margins take a part of a row
        await pilot.press("n")
        await until(pilot, lambda: app.screen.runner.engine.segment.kind == "work")
        await pilot.pause()
        assert app.screen.figure.width == 0 and dots(app) == 0


async def test_at_120x40_the_work_shows_the_figure_under_the_digits(clock):
    """The digits fill the width there, and a figure beside them would shrink them: it goes under them,
    beside the cues, in the rows they leave, at least SEEN_ROWS tall, and it moves."""
    from app.ui.screens.session_figure import SEEN_ROWS

    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot, app, "n")
        assert app.screen.runner.engine.segment.kind == "work"
        below = app.screen.query_one("#figure-below")
        await until(pilot, lambda: below.display and len(str(below.content).strip("\u2800\n")) > 10)
        assert not app.screen.query_one("#figure").display
        assert below.region.y >= max(clock_rows_region(app)) and below.region.height >= SEEN_ROWS
        cues = text_of_cues(app)
        assert len(cues) == 4 and not any(line.endswith("…") for line in cues), cues  # whole, beside it
        first = str(below.content)
        clock.advance(0.5)
        app.screen.figure.frame()
        await pilot.pause()
        assert str(below.content) != first  # the arms swing
        # A move is on screen already: f offers a bigger one, not to show it; then the clock back to its size.
        await until(pilot, lambda: "f  Bigger move" in screen_lines(app)[-1])
        await pilot.press("f")
        await until(pilot, lambda: "f  Big clock" in screen_lines(app)[-1] and app.screen.query_one("#figure").display)


def clock_rows_region(app) -> list[int]:
    """The screen rows the digits' blocks are on."""
    return [y for y, row in enumerate(screen_lines(app)) if "████" in row]


def text_of_cues(app) -> list[str]:
    return str(app.screen.query_one("#cues").content).splitlines()


async def test_the_frames_draw_the_moves_turning_points(clock):
    """Frames come between the clock's seconds; drawn at their own moments, a 2 s move at 2 frames a second
    showed 0.25, 0.75, 1.25 and 1.75 s, never its key poses at 0 and 1 s: arm swings never reached up."""
    from app.ui.widgets.move_figure import MoveFigure

    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await until(pilot, lambda: dots(app) > 10)
        slot, screen = app.screen.figure, app.screen
        drawn: list[float] = []
        show = MoveFigure.show
        MoveFigure.show = lambda self, move, moment, *rest: (drawn.append(moment), show(self, move, moment, *rest))
        aimed: list[float] = []
        screen.set_timer = lambda wait, callback: aimed.append(wait)  # type: ignore[method-assign]
        try:
            slot._aim()
            for _ in range(8):  # two repetitions of the 2 s arm swings, each frame when it is aimed
                clock.advance(aimed[-1])
                slot._moved()
        finally:
            MoveFigure.show = show
        assert {round(moment, 6) % 2.0 for moment in drawn} == {0.0, 0.5, 1.0, 1.5}, drawn


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_f_shows_the_move_in_the_work_with_the_clock_smaller_and_f_again_the_clock_large(clock, size):
    """At 80x24 and 60x20 a timed step's digits fill the width: no figure in the work unless the user asks."""
    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=size) as pilot:
        await started(pilot, app, "n")  # the arm swings' work: a timed step
        await until(pilot, lambda: app.screen.runner.engine.segment.kind == "work")
        await pilot.pause()
        large = len(clock_rows(app))
        assert dots(app) == 0
        await pilot.press("f")
        await until(pilot, lambda: dots(app) > 10)
        assert 0 < len(clock_rows(app)) < large  # the digits made room
        assert not app.screen._said  # no word in the hint's row: coming and going, it moved the clock
        await pilot.press("space")  # paused: the move stays, on its pose
        await pilot.pause()
        assert dots(app) > 10
        await pilot.press("f")  # paused: the clock back to its size, and f again the move, still paused
        await until(pilot, lambda: dots(app) == 0)
        await pilot.press("f")
        await until(pilot, lambda: dots(app) > 10)
        await pilot.press("space", "f")
        await until(pilot, lambda: dots(app) == 0)
        assert len(clock_rows(app)) == large


async def test_f_is_offered_only_with_a_move_to_show_and_says_what_it_does_next(clock):
    """A session with no move does not offer f; with one, its label says whether f shows or hides it."""
    app, _ = build(clock, start=BARE)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen.runner.engine.started)
        await pilot.pause()
        before = screen_lines(app)
        assert "Show move" not in before[-1]
        await pilot.press("f")
        await pilot.pause()
        assert not app.screen.figure.in_work and screen_lines(app)[-1] == before[-1]
    app, _ = build(clock, start=MOBILITY)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await until(pilot, lambda: "f  Show move" in screen_lines(app)[-1])
        await pilot.press("f")
        await until(pilot, lambda: "f  Big clock" in screen_lines(app)[-1])


async def test_the_setting_starts_each_session_with_the_move_in_the_work_and_f_takes_it_away(clock):
    app, _ = build(clock, start=MOBILITY)
    app.settings = app.settings._replace(move_in_work=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app, "n")  # the arm swings' work: a timed step
        await until(pilot, lambda: app.screen.runner.engine.segment.kind == "work")
        await until(pilot, lambda: dots(app) > 10)
        smaller = len(clock_rows(app))
        await pilot.press("f")  # for this session only: the setting stays as saved
        await until(pilot, lambda: dots(app) == 0)
        assert len(clock_rows(app)) > smaller and app.settings.move_in_work


@pytest.mark.parametrize("size", SIZES)
async def test_the_side_says_which_limb_and_which_way_beside_its_name(clock, size):
    """ "LEFT SIDE" named no arm and no way to lean: a new user could not tell which of theirs went up."""
    from tests.ui.test_session import advance

    bends = MOBILITY._replace(steps=tuple(step for step in MOBILITY.steps if step.demo == "side-bends"))
    app, _ = build(clock, start=bends)
    async with app.run_test(size=size) as pilot:
        await started(pilot, app)

        def detail() -> str:
            return str(app.screen.query_one("#detail").content)

        def fits() -> bool:  # the words only where the line has room beside the figure, never wrapped
            beside = app.screen.middle_width() - app.screen.figure.width - 2
            return len(detail()) <= beside and all(len(line) <= size[0] for line in screen_lines(app))

        assert app.screen.runner.engine.segment.kind == "prep"
        ready = "8 reps, 24 s each side, left first"
        await until(pilot, lambda: detail() in (ready, f"{ready}: left arm up, lean right") and fits())
        assert (size == (120, 40)) == detail().endswith("lean right")  # at the others, the figure takes the room
        await pilot.press("n")
        await until(pilot, lambda: detail().startswith("LEFT SIDE: left arm up, lean right  ·  Rep 1 of 8"))
        assert fits()
        while app.screen.runner.engine.segment.kind == "work":
            await advance(pilot, clock, 1.0)
        assert app.screen.runner.engine.segment.kind == "switch"
        switch = "RIGHT SIDE NEXT"
        await until(pilot, lambda: detail() in (switch, f"{switch}: right arm up, lean left") and fits())
        assert (size != (60, 20)) == detail().endswith("lean left")
