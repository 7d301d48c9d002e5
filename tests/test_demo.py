"""A step's `demo`: the shipped move that shows it, checked with a did-you-mean, kept through every save, and
offered by `supple check` as a hint, never put in silently."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.moves.move_file import load_moves
from app.paths import bundled_routines_dir
from app.routine.demos import demo_hints, demo_names, likely_demo
from app.routine.draft import RoutineDraft
from app.routine.errors import RoutineError
from app.routine.library import scan
from app.routine.routine_file import dumps, parse_routine
from tests.test_cli import supple

ROUTINE = """\
version = 1
name = "Mine"

[[steps]]
name = "Circles"
duration = "30s"
demo = {demo}
"""
NOTHING_TO_DRAW = {"Lift"}  # the user's own lifting: no one move shows it


def problems(demo: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(ROUTINE.format(demo=demo).encode(), "mine.toml")
    return [str(problem) for problem in caught.value.problems]


def test_a_demo_names_a_shipped_move():
    routine = parse_routine(ROUTINE.format(demo='"hip-circles"').encode(), "mine.toml")
    assert routine.steps[0].demo == "hip-circles"
    assert set(demo_names()) == set(load_moves()[0])  # every name is a move that loads, and every move a name


@pytest.mark.parametrize(
    ("demo", "said"),
    [
        (
            '"hip-circle"',
            'mine.toml:7:1: steps[1] "Circles": demo "hip-circle" is not one of Supple\'s moves (did you '
            'mean "hip-circles"?)',
        ),
        (
            '"handstand"',
            'mine.toml:7:1: steps[1] "Circles": demo "handstand" is not one of Supple\'s moves (\'supple '
            "moves' lists them)",
        ),
        ("3", 'mine.toml:7:1: steps[1] "Circles": demo must be'),
        ('""', 'mine.toml:7:1: steps[1] "Circles": demo'),
    ],
)
def test_a_bad_demo_is_located_with_the_closest_move(demo, said):
    found = problems(demo)
    assert len(found) == 1 and found[0].startswith(said), found


def test_a_demo_survives_the_file_and_the_editor():
    routine = parse_routine(ROUTINE.format(demo='"hip-circles"').encode(), "mine.toml")
    assert parse_routine(dumps(routine).encode(), "again.toml") == routine
    draft = RoutineDraft.from_routine(routine)
    assert draft.to_doc()["steps"][0]["demo"] == "hip-circles"  # saving from the editor keeps it
    draft.steps[0].demo = ""
    assert "demo" not in draft.to_doc()["steps"][0]


def test_every_bundled_step_has_its_demo():
    for entry in scan(bundled_routines_dir(), "bundled"):
        for step in entry.routine.steps:
            if step.name in NOTHING_TO_DRAW:
                assert step.demo is None
            else:
                assert step.demo in demo_names(), (entry.ref, step.name)


def test_likely_moves_for_step_names_and_none_for_the_rest():
    assert likely_demo("Hip circles") == "hip-circles"
    assert likely_demo("Child's pose") == "childs-pose"
    assert likely_demo("Cat cow") == "cat-cow"
    assert likely_demo("Squat") == "bodyweight-squats"  # a part of the name
    assert likely_demo("Deadlift") is None and likely_demo("Lift") is None


def test_check_offers_a_hint_where_a_step_could_name_a_move(tmp_path: Path, supple_home):
    text = ROUTINE.replace("demo = {demo}\n", "") + '\n[[steps]]\nname = "Hip circles"\nduration = "30s"\n'
    hints = demo_hints(parse_routine(text.encode(), "mine.toml"), text, "mine.toml")
    assert [str(hint) for hint in hints] == [
        'mine.toml:8:1: hint: steps[2] "Hip circles" has no demo; demo = "hip-circles" names the move that shows it '
        "(see it with 'supple moves hip-circles')"
    ]
    path = tmp_path / "mine.toml"
    path.write_text(text)
    done = supple("check", str(path), home=supple_home)
    assert done.returncode == 0 and "(1 hint)" in done.stdout and f"{path}:8:1: hint:" in done.stdout
    assert parse_routine(path.read_bytes(), "mine.toml").steps[1].demo is None  # only said, never written


def test_the_format_page_lists_every_move_name():
    page = (Path(__file__).parent.parent / "docs" / "routine-format.md").read_text()
    listed = re.search(r"The moves a `demo` may name.*?\n\n(.*?)\n\n", page, re.S)[1]
    assert re.findall(r"`([a-z-]+)`", listed) == list(demo_names())
