"""The one error type loading a routine can raise, with every problem located."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from app.text import visible


class Problem(NamedTuple):
    """One located problem in a routine file."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """The problem for a terminal: control and bidi characters in the file name shown as escapes."""
        return visible(self.raw())

    def raw(self) -> str:
        """The problem as data (for JSON), the file name as it is."""
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class RoutineError(Exception):
    """A routine file that cannot be used; `problems` lists every problem found, first first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("RoutineError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self))

    @classmethod
    def at(cls, file: str, line: int, column: int, message: str) -> RoutineError:
        """An error with a single problem."""
        return cls([Problem(file, line, column, message)])

    @property
    def file(self) -> str:
        return self.problems[0].file

    @property
    def line(self) -> int:
        return self.problems[0].line

    @property
    def column(self) -> int:
        return self.problems[0].column

    @property
    def message(self) -> str:
        return self.problems[0].message

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
