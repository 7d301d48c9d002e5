"""A routine being edited: fields as the user types them, checked with the file format's own rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from app.routine.duration import exact_duration_text
from app.routine.errors import Problem
from app.routine.model import DEFAULT_GAP, Routine, Step
from app.routine.routine_file import doc_to_toml
from app.routine.toml_locator import Locator
from app.routine.validate import Part, check_step, check_top, check_whole

Ending = Literal["duration", "reps", "manual"]
ENDINGS: tuple[Ending, ...] = ("duration", "reps", "manual")
_WHOLE = re.compile(r"^[+-]?\d+$")

# Where a problem belongs in the form: ("routine", key) or ("step", index, key); a key of
# "" means the step as a whole (for example "needs one of duration, reps or manual").
FieldKey = tuple


@dataclass
class StepDraft:
    """One step's form fields, as text."""

    name: str = "New step"
    ending: Ending = "duration"
    duration: str = "30s"
    reps: str = "10"
    tempo: str = ""
    sides: bool = False
    sets: str = "1"
    rest: str = ""
    cues: str = ""  # one per line
    demo: str = ""  # a shipped move's name, or "" for none
    # The step's cues as read, kept while `cues` still shows them unedited: one per line cannot
    # hold a cue with a line break, or a blank or padded one, and opening and saving must give
    # back the same routine.
    read_cues: tuple[str, ...] | None = None

    @classmethod
    def from_step(cls, step: Step) -> StepDraft:
        ending: Ending = "manual" if step.manual else ("reps" if step.reps is not None else "duration")
        return cls(
            name=step.name,
            ending=ending,
            duration=exact_duration_text(step.duration) if step.duration is not None else "30s",
            reps=str(step.reps) if step.reps is not None else "10",
            tempo=exact_duration_text(step.tempo) if step.tempo is not None else "",
            sides=step.sides,
            sets=str(step.sets),
            rest=exact_duration_text(step.rest) if step.rest else "",
            cues="\n".join(step.cues),
            read_cues=step.cues,
            demo=step.demo or "",
        )

    def summary(self) -> str:
        """How the step ends, for a row of the step list: "30s, each side, 2 sets"."""
        if self.ending == "manual":
            return "until done"
        if self.ending == "reps":
            how = f"{self.reps.strip()} reps" + (f" x {self.tempo.strip()}" if self.tempo.strip() else "")
        else:
            how = self.duration.strip() or "?"
        parts = [how] + (["each side"] if self.sides else [])
        if self.sets.strip() not in ("", "1"):
            parts.append(f"{self.sets.strip()} sets")
        return ", ".join(parts)

    def to_table(self) -> dict:
        """The step as a TOML table; only the fields its ending uses."""
        table: dict = {"name": self.name}
        if self.ending == "manual":
            table["manual"] = True
        else:
            if self.ending == "duration":
                table["duration"] = self.duration.strip()
            else:
                table["reps"] = _number(self.reps)
                if self.tempo.strip():
                    table["tempo"] = self.tempo.strip()
            if self.sides:
                table["sides"] = True
            if self.sets.strip():
                table["sets"] = _number(self.sets)
        if self.rest.strip():
            table["rest"] = self.rest.strip()
        if self.read_cues is not None and self.cues == "\n".join(self.read_cues):
            cues = list(self.read_cues)
        else:
            cues = [line.strip() for line in self.cues.split("\n") if line.strip()]
        if cues:
            table["cues"] = cues
        if self.demo.strip():
            table["demo"] = self.demo.strip()
        return table


@dataclass
class RoutineDraft:
    """The whole editor form."""

    name: str = ""
    description: str = ""
    kind: str = "other"
    prep: str = ""
    transition: str = ""
    switch: str = ""
    steps: list[StepDraft] = field(default_factory=list)
    # What each step's last check gave, by place: (key of what was checked, result, placed problems).
    _step_checks: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_routine(cls, routine: Routine, name: str | None = None) -> RoutineDraft:
        def gap(seconds: float) -> str:
            return "" if seconds == DEFAULT_GAP else exact_duration_text(seconds)

        return cls(
            name=routine.name if name is None else name,
            description=routine.description,
            kind=routine.kind,
            prep=gap(routine.prep),
            transition=gap(routine.transition),
            switch=gap(routine.switch),
            steps=[StepDraft.from_step(step) for step in routine.steps],
        )

    def to_doc(self) -> dict:
        """The form as a TOML document in routine format 1."""
        return self._top_doc() | {"steps": [step.to_table() for step in self.steps]}

    def _top_doc(self) -> dict:
        doc: dict = {"name": self.name}
        if self.description:
            doc["description"] = self.description
        doc["kind"] = self.kind
        for key in ("prep", "transition", "switch"):
            value = getattr(self, key).strip()
            if value:
                doc[key] = value
        return doc

    def check(self, filename: str = "routine") -> Checked:
        """The routine the form describes, or the problems keeping it from being one.

        The messages are those of `supple check`. Each step is checked on its own and the result
        kept until the step changes, so a keystroke costs one step's check, not the routine's.
        """
        top = self._top_doc() | {"steps": []}
        top_text = doc_to_toml(top)
        head = check_top(top, top_text, filename, len(self.steps))
        where = Locator(top_text)
        placed = _place(head.problems, {where.root_key(key): ("routine", key) for key in top})
        steps = []
        for index, step in enumerate(self.steps):
            part, step_placed = self._checked_step(index, step, filename)
            steps.append(part.value)
            for owner, messages in step_placed.items():
                placed.setdefault(owner, []).extend(messages)
        if placed:
            return Checked(None, placed)
        whole = check_whole(head.value | {"steps": tuple(steps)}, filename)
        if whole.problems:  # the planned length: at line N for step N
            return Checked(None, _place(whole.problems, {(n + 1, 1): ("step", n, "") for n in range(len(steps))}))
        return Checked(whole.value, {})

    def _checked_step(self, index: int, step: StepDraft, filename: str) -> tuple[Part, dict[FieldKey, list[str]]]:
        table = step.to_table()
        key = (index, repr(table))
        if self._step_checks.get(index, (None,))[0] != key:
            text = doc_to_toml({"steps": [table]})
            part = check_step(table, index, text, filename)
            where = Locator(text)
            owners = {where.item(0): ("step", index, "")}
            owners |= {where.item_key(0, name): ("step", index, name) for name in table}
            self._step_checks[index] = (key, part, _place(part.problems, owners))
        _, part, placed = self._step_checks[index]
        return part, placed

    # Step list operations; each returns the index of the step to highlight afterwards.

    def add_step(self, after: int | None) -> int:
        index = len(self.steps) if after is None else after + 1
        self.steps.insert(index, StepDraft())
        return index

    def duplicate_step(self, index: int) -> int:
        self.steps.insert(index + 1, replace(self.steps[index]))
        return index + 1

    def delete_step(self, index: int) -> int:
        del self.steps[index]
        return min(index, len(self.steps) - 1)

    def move_step(self, index: int, by: int) -> int:
        target = index + by
        if not 0 <= target < len(self.steps):
            return index
        self.steps[index], self.steps[target] = self.steps[target], self.steps[index]
        return target


@dataclass(frozen=True)
class Checked:
    """The result of checking a draft: a routine, or messages by the field they belong to."""

    routine: Routine | None
    problems: dict[FieldKey, list[str]]

    def messages(self) -> list[str]:
        return [message for messages in self.problems.values() for message in messages]


def _number(text: str) -> int | str:
    """Whole numbers as ints; anything else stays text so the check can say what is wrong."""
    stripped = text.strip()
    # Past 100 digits it stays text: int() refuses past 4300, and no field takes such a number.
    return int(stripped) if _WHOLE.match(stripped) and len(stripped) <= 100 else stripped


def _place(problems: tuple[Problem, ...], owners: dict[tuple[int, int], FieldKey]) -> dict[FieldKey, list[str]]:
    """Give each problem to the field written at its line and column (the routine as a whole if none)."""
    placed: dict[FieldKey, list[str]] = {}
    for problem in problems:
        owner = owners.get((problem.line, problem.column), ("routine", ""))
        placed.setdefault(owner, []).append(problem.message)
    return placed
