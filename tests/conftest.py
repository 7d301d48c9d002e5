"""Shared fixtures: every test gets its own SUPPLE_HOME so none touches the real home."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from app.routine.model import Routine
from app.routine.routine_file import parse_routine
from tests import processes


@pytest.fixture(autouse=True)
def _stop_what_the_test_started():
    """Every process a test started through tests.processes is stopped, even when the test failed."""
    yield
    processes.stop_all()


@pytest.fixture(autouse=True)
def supple_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "supple-home"
    monkeypatch.setenv("SUPPLE_HOME", str(home))
    return home


def routine_from(text: str, filename: str = "test.toml") -> Routine:
    """Parse dedented TOML text as a routine file."""
    return parse_routine(textwrap.dedent(text).encode(), filename)


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
