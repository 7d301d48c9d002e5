"""The picker through Pilot: groups, preview, broken files, starting a session."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from app.ui.screens.help import HelpScreen
from app.ui.screens.picker import PickerScreen
from app.ui.screens.session import SessionScreen
from tests.ui.helpers import broken_entry, build, bundled, screen_lines, text_of, top_line, until


def labels(app) -> list[str]:
    listing = app.screen.query_one("#routines", OptionList)
    return [str(listing.get_option_at_index(i).prompt).strip() for i in range(listing.option_count)]


async def test_routines_grouped_by_kind(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)):
        assert isinstance(app.screen, PickerScreen)
        names = labels(app)
        assert names[:2] == ["WARM-UPS", "Quick warm-up"]
        assert names.index("COOLDOWNS") < names.index("Post-lift cooldown") < names.index("MOBILITY")
        assert names.index("MOBILITY") < names.index("Pre-lift mobility") < names.index("OTHER")
        assert names[-1] == "Gym visit"


async def test_preview_follows_the_highlight(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Quick warm-up" in text_of(app, "#preview") and "4 min 58 s" in text_of(app, "#preview")
        await pilot.press("down")  # the COOLDOWNS header is skipped
        preview = text_of(app, "#preview")
        assert preview.startswith("Post-lift cooldown") and "Lying spinal twist  45 s, each side" in preview


async def test_broken_file_listed_with_its_error_and_not_started(clock, tmp_path):
    app, _ = build(clock, entries=bundled() + [broken_entry(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        assert "BROKEN FILES" in labels(app)
        await pilot.press("end")
        preview = text_of(app, "#preview")
        assert 'broken.toml:4:1: steps[1] "x": unknown key "duraton"' in preview
        await pilot.press("enter")
        assert isinstance(app.screen, PickerScreen)


async def test_enter_starts_the_highlighted_routine(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.engine.routine.name == "Pre-lift mobility"


async def test_no_routines_at_all(clock):
    app, _ = build(clock, entries=[])
    async with app.run_test(size=(100, 30)) as pilot:
        assert text_of(app, "#preview") == "No routines found."
        await pilot.press("enter")
        assert isinstance(app.screen, PickerScreen)


async def test_help(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)


def user_routines(*names: str, kind: str = "warmup") -> None:
    from app import paths

    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        stem = name.lower().replace(" ", "-")[:40]
        (folder / f"{stem}.toml").write_text(f'name = "{name}"\nkind = "{kind}"\n[[steps]]\nname = "a"\nduration = 5\n')


async def test_counts_are_plural_only_when_more_than_one(clock):
    user_routines("Just one")
    app, _ = build(clock, library=True)
    async with app.run_test(size=(100, 30)):
        assert app.screen._highlighted().name == "Just one"
        assert "· 1 step ·" in text_of(app, "#preview") and "1 steps" not in text_of(app, "#preview")


async def test_long_names_stay_on_one_line_and_keep_their_indent(clock):
    long = "A very long routine name that would never fit in the list beside the preview"
    user_routines(long, "Short one")
    app, _ = build(clock, library=True)
    async with app.run_test(size=(80, 24)):
        rows = [line.split("▎")[0] for line in screen_lines(app)]
        rows = [row for row in rows if "A very long" in row or "Short one" in row]
        assert len(rows) == 2 and all("▊   " in row for row in rows)  # indented under the group, one row each
        assert "…" in rows[0]


async def test_after_a_delete_the_neighbour_is_highlighted(clock):
    user_routines("Alpha", "Bravo", "Charlie")
    app, _ = build(clock, library=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")
        assert app.screen._highlighted().name == "Bravo"
        await pilot.press("x", "y")
        await pilot.pause()
        assert app.screen._highlighted().name == "Charlie"
        await pilot.press("x", "y")
        await pilot.pause()
        assert app.screen._highlighted().name == "Quick warm-up"  # the one that came after it


async def test_after_deleting_the_last_in_the_list_the_one_before_is_highlighted(clock):
    from app import paths

    paths.user_routines_dir().mkdir(parents=True)
    (paths.user_routines_dir() / "oops.toml").write_text("name = ")  # broken files come last
    app, _ = build(clock, library=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("end")
        assert app.screen._highlighted().stem == "oops"
        await pilot.press("x", "y")
        await pilot.pause()
        assert app.screen._highlighted().name == "Gym visit"


async def test_after_a_session_the_routine_that_ran_is_highlighted(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down")
        ran = app.screen._highlighted().name
        await pilot.press("enter", "q", "y", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and app.screen._highlighted().name == ran


async def test_a_session_from_the_list_leaves_its_routine_highlighted(clock):
    from app.ui.screens.summary import SummaryScreen

    entry = next(e for e in bundled() if e.stem == "upper-back-relief")
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(20):
            if app.screen._highlighted().ref == entry.ref:
                break
            await pilot.press("down")
        await pilot.press("enter", "q", "y")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert app.screen._highlighted().ref == entry.ref


async def test_brackets_set_the_scale_shown_in_the_preview_and_used_by_the_session(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "4 min 58 s · 7 steps" in text_of(app, "#preview")
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        preview = text_of(app, "#preview")
        assert (
            "4 min 16 s · 7 steps" in preview  # paced steps: fewer reps at their tempo, rounded
            and "For this run: 85 % of its times" in preview
            and "100 %: 4 min 58 s" in preview
        )
        await pilot.press("down")  # another routine keeps its own scale
        assert "At " not in text_of(app, "#preview")
        await pilot.press("up")
        assert "For this run: 85 %" in text_of(app, "#preview")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.engine.plan.scale == 0.85 and "· 85 %" in top_line(app)
        for _ in range(40):
            await pilot.press("right_square_bracket")
        await pilot.press("q", "y", "enter")


async def test_the_scale_stops_at_its_limits(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for _ in range(25):
            await pilot.press("right_square_bracket")
        assert "For this run: 200 %" in text_of(app, "#preview")
        assert any("from 50% to 200%" in n.message for n in app._notifications)


@pytest.mark.parametrize("width", [60, 80])
async def test_the_preview_shows_step_times_at_the_chosen_scale_and_never_splits_a_figure(clock, width):
    app, _ = build(clock)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket")  # 110 %
        await pilot.pause()
        preview = text_of(app, "#preview")
        assert "For this run: 110 % of its times" in " ".join(preview.split())
        assert "1. March in place  1 min 6 s" in preview  # 1 min at 110 %
        assert "11 reps x 3 s" in " ".join(preview.split())  # Trunk rotation: 10 reps at 3 s, at 110 %
        shown = str(app.screen.query_one("#preview").content)  # as wrapped on screen
        assert len(shown.splitlines()) > len(preview.splitlines())  # it is wrapped, at this width
        for line in shown.replace("\u00a0", " ").splitlines():  # a unit never starts a line
            assert not line.startswith(("s)", "s ", "min", "%")) and line.strip() != "s", shown


async def test_two_routines_of_one_name_say_which_file_each_is(clock, supple_home):
    from app import paths

    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "my-warmup.toml").write_text(
        'name = "Quick warm-up"\nkind = "warmup"\n[[steps]]\nname = "A"\nduration = 5\n'
    )
    app, _ = build(clock, library=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = [str(option.prompt).strip() for option in app.screen.query_one("#routines", OptionList).options]
        assert "Quick warm-up (bundled)" in rows and "Quick warm-up (my-warmup.toml)" in rows, rows
        assert "Post-lift cooldown" in rows  # a name no other routine has stays as it is


async def test_a_long_library_lists_every_routine_once_even_when_rebuilt_before_the_rest_arrives(clock):
    from app.ui.screens.picker import FIRST_ROWS

    count = FIRST_ROWS + 60
    user_routines(*[f"Mine {n:03}" for n in range(count)])
    app, _ = build(clock, library=True)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = app.screen
        picker.reload("user:mine-100")  # again at once: the first build's rest must not be added as well
        await pilot.pause()
        names = labels(app)
        assert names.count("Mine 000") == 1 and names.count(f"Mine {count - 1:03}") == 1
        assert len(names) == len(set(names)) and sum(n.startswith("Mine ") for n in names) == count
        assert picker._highlighted().name == "Mine 100"
        await pilot.press("end")
        assert picker._highlighted().name == "Gym visit"  # the bundled routines, after all of mine


def test_the_preview_of_a_scaled_paced_step_says_fewer_reps_at_its_own_tempo():
    from app.routine.model import Step
    from app.ui.screens.picker_preview import step_summary

    step = Step("Leg swings", reps=10, tempo=2, sides=True)
    shown = lambda text: text.replace("\u00a0", " ")  # noqa: E731 - units are kept on their line
    assert shown(step_summary(step, 0.7)) == "7 reps x 2 s, each side"
    assert shown(step_summary(step)) == "10 reps x 2 s, each side"
    assert shown(step_summary(Step("Hold", duration=30), 0.5)) == "15 s"


async def test_a_routine_added_to_the_folder_shows_in_the_open_list(clock):
    """Saved from another Supple, an editor or the shell while the list is open: listed without a restart (the
    list looks at its folder every few seconds while it shows: one stat, no file read)."""
    from app import paths

    app, _ = build(clock, library=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not any("Evening hips" in label for label in labels(app))
        folder = paths.user_routines_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "evening.toml").write_text('name = "Evening hips"\n[[steps]]\nname = "Circles"\nduration = 30\n')
        await until(pilot, lambda: any("Evening hips" in label for label in labels(app)))
        (folder / "evening.toml").unlink()
        await until(pilot, lambda: not any("Evening hips" in label for label in labels(app)))


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_routines_of_one_name_stay_told_apart_when_the_list_cuts_them(clock, supple_home, size):
    """Six copies read "Quick warm-up (…" at 60 columns: the name gives way, the file's telling end stays."""
    from app import paths

    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # As d makes them: copies of copies differ only inside their names (a new user found three rows alike).
    stems = ["quick-warmup-copy", "quick-warmup-copy-2", "quick-warmup-copy-copy", "quick-warmup-copy-copy-2"]
    for stem in [*stems, "quick-warmup-copy-copy-copy-2", "quick-warmup-copy-3"]:
        (folder / f"{stem}.toml").write_text(
            'name = "Quick warm-up"\nkind = "warmup"\n[[steps]]\nname = "A"\nduration = 5\n'
        )
    app, _ = build(clock, library=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.resize_terminal(*size)  # and cut again on a resize
        await pilot.pause()
        listing = app.screen.query_one("#routines", OptionList)
        shown = [row.split("▎")[0] for row in screen_lines(app) if "Quick" in row.split("▎")[0]]
        assert len(shown) == 7 and len(set(shown)) == 7, shown  # the six copies and the bundled one
        if size[0] >= 120:
            assert any("(quick-warmup-copy-2.toml)" in row for row in shown), shown  # whole where it fits
        assert listing.highlighted is not None


async def test_at_60_columns_each_side_and_sets_stay_with_their_step(clock):
    """The preview wrapped "each side" to the pane's edge, under nothing, and split "10 reps x 3 s"."""
    app, _ = build(clock)
    async with app.run_test(size=(60, 20)) as pilot:
        for _ in range(8):  # every bundled routine in turn
            await pilot.pause()
            preview = app.screen.query_one("#preview")
            shown = [str(line) for line in preview.render().plain.splitlines()] if preview.size.width else []
            step = None
            for line in shown:
                if line[:4].strip().rstrip(".").isdigit():
                    step = line
                elif step is not None and line.strip():
                    assert line.startswith("    "), shown  # a step's later line hangs under its text
                for part in ("each\u00a0side", "sets", "reps\u00a0x"):
                    if part in line:
                        assert step is not None, shown
                assert not line.rstrip().endswith(("reps", " x")), shown  # "10 reps x 3 s" stays whole
            await pilot.press("down")


async def test_one_click_shows_a_routine_and_a_double_click_starts_it(clock):
    """A single click started a session at once (a new user meant only to look at the routine)."""
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#routines", OptionList)
        row = next(i for i, option in enumerate(listing.options) if "Post-lift cooldown" in str(option.prompt))
        await pilot.click(listing, offset=(4, row + 1))  # the list's border is its first row
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and listing.highlighted == row
        assert "Post-lift cooldown" in text_of(app, "#preview")
        await pilot.double_click(listing, offset=(4, row + 1))
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.runner.name == "Post-lift cooldown"
