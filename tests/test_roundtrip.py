"""A routine written with tomli-w reads back equal, with an identical plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import paths
from app.routine.library import scan
from app.routine.routine_file import dumps, parse_routine
from app.session.plan import build_plan

BUNDLED = scan(paths.bundled_routines_dir(), "bundled")


@pytest.mark.parametrize("entry", BUNDLED, ids=[e.stem for e in BUNDLED])
def test_bundled_round_trip(entry):
    text = dumps(entry.routine)
    again = parse_routine(text.encode(), "again.toml")
    assert again == entry.routine
    assert build_plan(again) == build_plan(entry.routine)


def test_written_file_is_tidy():
    text = dumps(BUNDLED[0].routine)
    assert text.startswith("version = 1\nname = ")
    assert "[[steps]]" in text and "sets = 1" not in text and "sides = false" not in text


def test_odd_floats_survive(tmp_path: Path):
    from app.routine.model import Routine, Step

    routine = Routine("Odd", (Step("a", duration=0.1 + 0.2 + 1),), prep=2.5, transition=0.30000000000000004)
    assert parse_routine(dumps(routine).encode(), "odd.toml") == routine
