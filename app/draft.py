"""A routine being edited: fields as the user types them, checked with the file format's own rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from app.duration import exact_duration_text
from app.errors import RoutineError
from app.model import DEFAULT_GAP, Routine, Step
from app.routine_file import doc_to_toml
from app.toml_locator import Locator
from app.validate import build_routine

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
        doc: dict = {"name": self.name}
        if self.description:
            doc["description"] = self.description
        doc["kind"] = self.kind
        for key in ("prep", "transition", "switch"):
            value = getattr(self, key).strip()
            if value:
                doc[key] = value
        doc["steps"] = [step.to_table() for step in self.steps]
        return doc

    def check(self, filename: str = "routine") -> Checked:
        """The routine the form describes, or the problems keeping it from being one."""
        doc = self.to_doc()
        text = doc_to_toml(doc)
        try:
            return Checked(build_routine(doc, text, filename), {})
        except RoutineError as error:
            return Checked(None, _place(error, text, doc))

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


def _place(error: RoutineError, text: str, doc: dict) -> dict[FieldKey, list[str]]:
    """Give each problem to the field written at its line and column."""
    where = Locator(text)
    owners: dict[tuple[int, int], FieldKey] = {}
    for index, table in enumerate(doc["steps"]):
        owners[where.item(index)] = ("step", index, "")
        for key in table:
            owners[where.item_key(index, key)] = ("step", index, key)
    for key in doc:
        if key != "steps" or not doc["steps"]:  # a non-empty steps array has headers, not a key
            owners[where.root_key(key)] = ("routine", key)
    placed: dict[FieldKey, list[str]] = {}
    for problem in error.problems:
        owner = owners.get((problem.line, problem.column), ("routine", ""))
        placed.setdefault(owner, []).append(problem.message)
    return placed
