"""Only work done counts: sessions driven by keys on a fake clock, into a real log, with a build-up."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from app import paths
from app.log import build_up
from app.log.history import streaks
from app.log.store import connect, db_path
from app.log.writer import LogWriter
from app.routine.library import scan
from app.sound.output import Recorder
from app.ui.app import make_app
from app.ui.screens.checkin import CheckInScreen
from app.ui.screens.picker import PickerScreen
from app.ui.screens.session import SessionScreen
from app.ui.screens.summary import SummaryScreen
from tests.ui.helpers import text_of, until
from tests.ui.test_session import advance

SIZE = (100, 34)
WORK = """name = "Work"
prep = 0
transition = 0
[[steps]]
name = "Arm swings"
duration = 20
[[steps]]
name = "Side bends"
duration = 20
[[steps]]
name = "Hip circles"
duration = 20
"""


def work_app(clock, start: bool = False, **kwargs):
    """The app over a folder holding the routine Work, with a build-up at 90 %, on a real log; `start`: the
    app opens on a session of it, as `supple run` does."""
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "work.toml").write_text(WORK)
    conn = connect(db_path())
    build_up.start(conn, "user:work", 0.9, 0.1, 1.2)
    conn.close()
    writer = LogWriter(db_path())
    if start:
        kwargs["start"] = scan(folder, "user")[0].routine
    app = make_app(clock=clock, sound=Recorder(), log=writer, load_entries=lambda: scan(folder, "user"), **kwargs)
    return app, writer


async def checked_in_without_pain(pilot) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, CheckInScreen))
    await pilot.press("0", "enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, SummaryScreen))


async def skipped_through(pilot, clock) -> None:
    for _ in range(3):
        await pilot.press("n")


async def stopped_at_half(pilot, clock) -> None:
    await advance(pilot, clock, 27)  # of 54 s of work at 90 %
    await pilot.press("q", "y")


async def done_at_85(pilot, clock) -> None:
    await advance(pilot, clock, 18 + 18 + 10)  # 46 of 54 s, then the last step cut short
    await pilot.press("n")


@pytest.mark.parametrize(
    ("keys", "outcome", "title", "words", "scale_after", "streak"),
    [
        (
            skipped_through,
            "skipped",
            "NOT COUNTED AS DONE",
            "You reached the end with 0 % of the work done: a session counts for your streak and a build-up from 80 %.",
            0.9,
            0,
        ),
        (
            stopped_at_half,
            "stopped",
            "SESSION STOPPED",
            "Stopped early with 50 % of the work done: not counted for your streak, nor for a build-up's step up.",
            0.9,
            0,
        ),
        (done_at_85, "completed", "ROUTINE COMPLETE", "Done, with some steps skipped.", 1.0, 1),
    ],
    ids=["skipped-through", "stopped-at-50", "done-at-85"],
)
async def test_only_a_session_done_counts_for_the_streak_and_the_build_up(
    clock, keys, outcome, title, words, scale_after, streak
):
    app, writer = work_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and "90 %" in text_of(app, "#preview"))
        await pilot.press("enter")  # started from the picker, at the build-up's scale
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.engine.plan.scale == 0.9
        await keys(pilot, clock)
        await checked_in_without_pain(pilot)  # no pain: only the session itself can hold the build-up
        assert text_of(app, "#summary").startswith(title)
        assert text_of(app, "#summary-hint").startswith(words)
    writer.close()
    conn = sqlite3.connect(db_path())
    assert [o for (o,) in conn.execute("SELECT outcome FROM sessions")] == [outcome]
    (day,) = conn.execute("SELECT day FROM sessions").fetchone()
    assert streaks(conn, date.fromisoformat(day)).days == streak
    assert build_up.get(conn, "user:work").scale == pytest.approx(scale_after)


async def test_a_session_done_from_the_palette_moves_the_build_up(clock):
    app, writer = work_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("ctrl+p", *"runwork")
        hits = lambda: [str(o.prompt) for c in app.screen.query("CommandList") for o in c.options]  # noqa: E731
        await until(pilot, lambda: any(hit.startswith("Run: Work") for hit in hits()))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.engine.plan.scale == 0.9
        await advance(pilot, clock, 54)
        await checked_in_without_pain(pilot)
    writer.close()
    assert build_up.get(sqlite3.connect(db_path()), "user:work").scale == pytest.approx(1.0)


async def test_a_session_run_at_another_scale_leaves_the_build_up_where_it_was(clock):
    app, writer = work_app(clock, True, start_ref="user:work", scale=1.0, scale_why="--scale 1 for this session")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.engine.plan.scale == 1.0
        await advance(pilot, clock, 60)
        await checked_in_without_pain(pilot)
    writer.close()
    conn = sqlite3.connect(db_path())
    assert build_up.get(conn, "user:work").scale == pytest.approx(0.9)
    assert "not the build-up's scale" in build_up.steps(conn, "user:work")[-1].reason


async def test_a_scale_chosen_in_the_picker_over_a_build_up_says_so_and_holds_the_build_up(clock):
    app, writer = work_app(clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and "90 %" in text_of(app, "#preview"))
        await pilot.press("right_square_bracket", "right_square_bracket")
        await until(pilot, lambda: "90 %" not in text_of(app, "#preview"))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        scale = app.screen.engine.plan.scale
        assert scale == pytest.approx(1.0)
        said = text_of(app, "#hint")  # under the clock, not a toast over its digits
        assert "100 % chosen for this session; the build-up stays at 90 %" in said and not app._notifications
        await advance(pilot, clock, 60)
        await checked_in_without_pain(pilot)
    writer.close()
    conn = sqlite3.connect(db_path())
    assert build_up.get(conn, "user:work").scale == pytest.approx(0.9)
