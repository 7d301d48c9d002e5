"""Every file in tests/bad_routines gives the located error its first line expects, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.routine.errors import RoutineError
from app.routine.routine_file import load_routine

FOLDER = Path(__file__).parent / "bad_routines"
FILES = sorted(FOLDER.glob("*.toml"))


def expected(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: LINE:COL: message'"
    return first.removeprefix("# expect: ")


def test_the_folder_has_cases():
    assert len(FILES) >= 15


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_bad_file_gives_its_located_error(path: Path):
    with pytest.raises(RoutineError) as caught:
        load_routine(path, display=path.name)
    error = caught.value
    assert error.file == path.name and error.line >= 1 and error.column >= 1
    assert str(error.problems[0]) == f"{path.name}:{expected(path)}"
