"""The names a step's `demo` may give: the moves shipped with Supple, known by their files' names.

The routine layer lists the folder rather than importing app.moves, which reads the files and sits above it
(a move's errors are routine errors); a name here is a file there, and the moves' tests hold each one valid.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app import paths
from app.routine.errors import Problem
from app.routine.model import Routine
from app.routine.toml_locator import Locator
from app.text import closest


@lru_cache(maxsize=1)
def demo_names() -> tuple[str, ...]:
    """Every shipped move's name ("hip-circles"), sorted; they do not change while Supple runs."""
    return tuple(sorted(path.stem for path in paths.shipped_moves_dir().glob("*.toml")))


def demo_titles() -> dict[str, str]:
    """Each shipped move's name as people read it ("Hip circles"), by its demo name; for the schema's hover text.
    A file that does not read keeps its demo name."""
    import tomllib  # only the schema needs it

    titles = {}
    for name in demo_names():
        try:
            doc = tomllib.loads((paths.shipped_moves_dir() / f"{name}.toml").read_text(encoding="utf-8"))
            titles[name] = doc["name"] if isinstance(doc.get("name"), str) else name
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            titles[name] = name
    return titles


def likely_demo(step_name: str) -> str | None:
    """The move a step of this name most likely is ("Hip circles" -> "hip-circles"), or None: for a hint to
    the user, never to show a move they did not choose."""
    key = re.sub(r"[^a-z0-9]+", "-", step_name.casefold().replace("'", "")).strip("-")
    names = demo_names()
    return key if key in names else closest(key, names, cutoff=0.8)


def demo_hints(routine: Routine, text: str, filename: str) -> list[Problem]:
    """For `supple check`: each step without a demo whose name is likely a move, at its [[steps]] line."""
    where = None
    hints = []
    for index, step in enumerate(routine.steps):
        if step.demo is None and (move := likely_demo(step.name)):
            where = where or Locator(text)
            line, column = where.item(index)
            message = (
                f'hint: steps[{index + 1}] "{step.name}" has no demo; demo = "{move}" names the move that shows it'
                f" (see it with 'supple moves {move}')"
            )
            hints.append(Problem(filename, line, column, message))
    return hints
