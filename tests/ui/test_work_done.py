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
            "You reached the end: 0 of 3 steps done, 0 % of the work. This does not count towards your streak",
            0.9,
            0,
        ),
        (
            stopped_at_half,
            "stopped",
            "SESSION STOPPED",
            "Stopped early: 1 of 3 steps done, 50 % of the work. This does not count towards your streak",
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
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "work.toml").write_text(WORK)
    conn = connect(db_path())
    build_up.start(conn, "user:work", 0.9, 0.1, 1.2)
    conn.close()
    writer = LogWriter(db_path())
    app = make_app(clock=clock, sound=Recorder(), log=writer, load_entries=lambda: scan(folder, "user"))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and "90 %" in text_of(app, "#preview"))
        await pilot.press("enter")  # started from the picker, at the build-up's scale
        assert isinstance(app.screen, SessionScreen) and app.screen.engine.plan.scale == 0.9
        await keys(pilot, clock)
        await until(pilot, lambda: isinstance(app.screen, CheckInScreen))
        await pilot.press("0", "enter")  # no pain: only the session itself can hold the build-up
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert text_of(app, "#summary").startswith(title)
        assert text_of(app, "#summary-hint").startswith(words)
    writer.close()
    conn = sqlite3.connect(db_path())
    assert [o for (o,) in conn.execute("SELECT outcome FROM sessions")] == [outcome]
    (day,) = conn.execute("SELECT day FROM sessions").fetchone()
    assert streaks(conn, date.fromisoformat(day)).days == streak
    assert build_up.get(conn, "user:work").scale == pytest.approx(scale_after)
