"""What is said aloud, and the window it must fit in before the next pip or the halfway sound."""

from __future__ import annotations

import pytest

from app.routine.model import Routine, Step
from app.session.announce import on_finish, on_segment, spoken_duration
from app.session.engine import Engine
from tests.conftest import FakeClock


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (30, "30 seconds"),
        (60, "1 minute"),
        (90, "1 minute 30 seconds"),
        (125, "2 minutes 5 seconds"),
        (0, "0 seconds"),
        (29.6, "30 seconds"),
    ],
)
def test_spoken_durations(seconds, words):
    assert spoken_duration(seconds) == words


def engine_for(*steps: Step, **fields) -> Engine:
    engine = Engine(Routine("r", steps, **fields), FakeClock())
    engine.start()
    return engine


def test_windows_keep_clear_of_pips_and_the_halfway_sound():
    engine = engine_for(Step("Hold", duration=40), Step("Swings", reps=10), prep=10)
    prep = on_segment(engine)
    assert prep.texts == ("Next up: Hold", "Hold") and prep.window == pytest.approx(7)  # 3-2-1 at 7 s
    engine.next()
    work = on_segment(engine)
    assert work.texts == ("Hold, 40 seconds", "Hold") and work.window == pytest.approx(20)  # halfway at 20 s
    assert on_segment(engine, halfway=False).window == pytest.approx(37)
    engine.next()
    engine.next()
    assert on_segment(engine).texts == ("Swings, 10 reps", "Swings") and on_segment(engine).window is None


def test_short_segments_have_no_pips_to_avoid():
    engine = engine_for(Step("Hold", duration=30), prep=3)
    assert on_segment(engine).window == pytest.approx(3)


def test_sides_sets_rest_and_the_end():
    engine = engine_for(Step("Lunge", duration=30, sides=True, sets=2, rest=15), prep=5)
    said = []
    for _ in range(8):
        speech = on_segment(engine)
        said.append(speech.texts[0] if speech else None)
        engine.next()
    assert said == [
        "Next up: Lunge",
        "Lunge, left side, 30 seconds",
        "Switch sides",
        "Right side, set 1",
        "Rest, 15 seconds",
        "Left side, set 2",
        "Switch sides",
        "Right side, set 2",
    ]
    assert on_finish().texts == ("Routine complete",)
