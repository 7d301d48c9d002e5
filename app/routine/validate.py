"""Checks a parsed TOML document against routine format 1 and builds the Routine."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from app.routine.demos import demo_names
from app.routine.duration import DurationError, DurationOutOfRange, format_duration, format_human, parse_duration
from app.routine.errors import Problem, RoutineError
from app.routine.length import MAX_PLANNED, planned_seconds
from app.routine.model import BOUNDS, KINDS, Routine, Step
from app.routine.toml_locator import Locator, Position
from app.text import SHORT, closest, is_blank, shorten, unsafe_chars

Where = Position | Callable[[], Position]  # a position, or how to find it once a problem needs it

TOP_KEYS = ("version", "name", "description", "kind", "prep", "transition", "switch", "steps")
STEP_KEYS = ("name", "duration", "reps", "tempo", "manual", "sides", "sets", "rest", "cues", "demo")
MAX_STEPS = BOUNDS["steps"][1]
MAX_CUES = BOUNDS["cues"][1]


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]')
# Characters people must be able to write in cues and descriptions; never in names.
MULTILINE_OK = "\n\t"


def quoted(text: str) -> str:
    """`text` in double quotes with TOML's (and JSON's) escapes, controls and bidi overrides included."""
    if not _NEEDS_ESCAPE.search(text):
        return f'"{text}"'
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m[0]) or f"\\u{ord(m[0]):04x}", text) + '"'


def show(value: Any) -> str:
    """A value as the user would write it in TOML, for a message's "got ..."."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quoted(shorten(value))
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int) and abs(value) >= 10**SHORT:
        digits = _digits(value)
        lead = abs(value) // 10 ** (digits - (SHORT - 3))  # str() of the whole refuses past 4300 digits
        return f"{'-' if value < 0 else ''}{lead}... (a number of {digits} digits)"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return f"a {type(value).__name__}"  # dates and times


def _digits(value: int) -> int:
    """How many digits a whole number has, without writing it out (Python refuses past 4300)."""
    value = abs(value)
    estimate = max(1, int(value.bit_length() * math.log10(2)))
    return estimate + (value >= 10**estimate)


def _suggest(key: str, known: tuple[str, ...]) -> str:
    close = closest(key, known)
    return f' (did you mean "{close}"?)' if close else ""


class _Checker:
    """Collects located problems while reading one document."""

    def __init__(self, filename: str, where: Locator | _Deferred | _OneStep | _Numbered) -> None:
        self.filename = filename
        self.where = where
        self.problems: list[Problem] = []

    def report(self, position: Where, message: str) -> None:
        line, column = position() if callable(position) else position
        self.problems.append(Problem(self.filename, line, column, message))

    # Each reader returns the value, or None after reporting a problem.

    def string(self, value: Any, pos: Where, label: str, low: int, high: int, allowed: str = "") -> str | None:
        """A string of `low`..`high` characters; a name (`low` > 0) is trimmed and may not be blank."""
        if not isinstance(value, str):
            self.report(pos, f"{label} must be a string, got {show(value)}")
            return None
        if low:
            value = value.strip()
            if is_blank(value):
                self.report(pos, f"{label} must not be blank")
                return None
        bad = unsafe_chars(value, allowed)
        if bad:
            kinds = (
                "control or text-direction characters"
                if allowed
                else "control, line-break or text-direction characters"
            )
            self.report(pos, f"{label} must not contain {kinds}, found {', '.join(bad[:3])}")
            return None
        if len(value) > high:
            self.report(pos, f"{label} must be at most {high} characters, got {len(value)}")
            return None
        return value

    def integer(self, value: Any, pos: Where, label: str, low: int, high: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(pos, f"{label} must be a whole number, got {show(value)}")
            return None
        if not low <= value <= high:
            self.report(pos, f"{label} must be between {low} and {high}, got {show(value)}")
            return None
        return value

    def boolean(self, value: Any, pos: Where, label: str) -> bool | None:
        if not isinstance(value, bool):
            self.report(pos, f"{label} must be true or false, got {show(value)}")
            return None
        return value

    def duration(self, value: Any, pos: Where, label: str, low: float, high: float) -> float | None:
        try:
            seconds = parse_duration(value)
        except DurationOutOfRange:
            seconds = math.inf
        except DurationError as error:
            self.report(pos, f"{label} {error}, got {show(value)}")
            return None
        if not low <= seconds <= high:
            span = f"between {format_duration(low)} and {format_duration(high)}"
            self.report(pos, f"{label} must be {span}, got {show(value)}")
            return None
        return seconds

    def unknown_keys(self, table: dict, known: tuple[str, ...], at, prefix: str, hint: str = "") -> None:
        for key in table:
            if key not in known:
                extra = _suggest(key, known) or (hint if hint and key in TOP_KEYS else "")
                self.report(at(key), f"{prefix}unknown key {quoted(shorten(key))}{extra}")


class _Deferred:
    """A Locator that scans the text only once a problem is reported: a clean file, the usual case, is
    read without it (it is a third of reading a routine). Positions are asked for as functions."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: Locator | None = None

    def _locator(self) -> Locator:
        if self._found is None:
            self._found = Locator(self._text)
        return self._found

    def root_key(self, key: str) -> Where:
        return lambda: self._locator().root_key(key)

    def item(self, index: int) -> Where:
        return lambda: self._locator().item(index)

    def item_key(self, index: int, key: str) -> Where:
        return lambda: self._locator().item_key(index, key)


class _OneStep:
    """A Locator for a text holding one step table, answering for the step at `index`."""

    def __init__(self, text: str, index: int) -> None:
        self._where, self._index = Locator(text), index

    def root_key(self, key: str) -> Position:
        return self._where.root_key(key)

    def item(self, index: int) -> Position:
        return self._where.item(0 if index == self._index else index)

    def item_key(self, index: int, key: str) -> Position:
        return self._where.item_key(0 if index == self._index else index, key)


def build_routine(doc: dict, text: str, filename: str) -> Routine:
    """Turn a parsed document into a Routine, or raise RoutineError listing every problem."""
    check = _Checker(filename, _Deferred(text))
    fields = _top(check, doc)
    fields["steps"] = _steps(check, doc)
    routine = _finish(check, fields)
    if check.problems:
        raise RoutineError(sorted(check.problems, key=lambda p: (p.line, p.column)))
    return routine


class Part(NamedTuple):
    """What checking a part of a routine gave: the value, or the problems (located in the part's text)."""

    value: Any
    problems: tuple[Problem, ...]


def check_top(doc: dict, text: str, filename: str, steps: int) -> Part:
    """The top-level keys of a routine, as build_routine checks them; `doc` has `steps = []`, and
    `steps` says how many there are."""
    check = _Checker(filename, Locator(text))
    fields = _top(check, {k: v for k, v in doc.items() if k != "steps"})
    if not 1 <= steps <= MAX_STEPS:
        check.report(check.where.root_key("steps"), f"steps must hold between 1 and {MAX_STEPS} steps, got {steps}")
    return Part(None if check.problems else fields, tuple(check.problems))


def check_step(table: dict, index: int, text: str, filename: str) -> Part:
    """One step table, as build_routine checks the step at `index`; `text` is that table alone as TOML."""
    check = _Checker(filename, _OneStep(text, index))
    step = _step(check, index, table)
    return Part(step, tuple(check.problems))


class _Numbered:
    """Positions for a routine with no text: step `index` stands at line `index + 1`, column 1."""

    def root_key(self, key: str) -> Position:
        return (1, 1)

    def item(self, index: int) -> Position:
        return (index + 1, 1)

    def item_key(self, index: int, key: str) -> Position:
        return (index + 1, 1)


def check_whole(fields: dict, filename: str) -> Part:
    """The checks of a routine as a whole (its planned length) on parts that checked clean.

    A problem with a step is reported at line N for step N, as there is no text to point into.
    """
    check = _Checker(filename, _Numbered())
    routine = _finish(check, fields)
    return Part(routine, tuple(check.problems))


def _finish(check: _Checker, fields: dict) -> Routine | None:
    """The routine, when every part was good and it is not too long; else None."""
    if check.problems or fields.get("steps") is None or None in fields.values():
        return None
    routine = Routine(**fields)
    _check_length(check, routine)
    return None if check.problems else routine


def _top(check: _Checker, doc: dict) -> dict[str, Any]:
    """The top-level fields of a routine, each None where it had a problem."""
    at = check.where.root_key
    check.unknown_keys(doc, TOP_KEYS, at, "")
    fields: dict[str, Any] = {}
    if "version" in doc:
        version = check.integer(doc["version"], at("version"), "version", 1, 1_000_000)
        if version is not None and version != 1:
            check.report(at("version"), f"version must be 1 (the only format version), got {version}")
    if "name" not in doc:
        check.report((1, 1), 'missing required key "name"')
    else:
        fields["name"] = check.string(doc["name"], at("name"), "name", *BOUNDS["name"])
    if "description" in doc:
        fields["description"] = check.string(
            doc["description"], at("description"), "description", *BOUNDS["description"], MULTILINE_OK
        )
    if "kind" in doc:
        kind = doc["kind"]
        if kind not in KINDS or not isinstance(kind, str):
            options = ", ".join(f'"{k}"' for k in KINDS)
            hint = _suggest(kind, KINDS) if isinstance(kind, str) else ""
            check.report(at("kind"), f"kind must be one of {options}, got {show(kind)}{hint}")
        else:
            fields["kind"] = kind
    for key in ("prep", "transition", "switch"):
        if key in doc:
            fields[key] = check.duration(doc[key], at(key), key, *BOUNDS["gap"])
    return fields


def _check_length(check: _Checker, routine: Routine) -> None:
    """A routine may plan at most MAX_PLANNED seconds; the step that passes it gets the error."""
    total = routine.prep
    for index, step in enumerate(routine.steps):
        total += planned_seconds(routine, step, first=index == 0)
        if total > MAX_PLANNED:
            label = f"steps[{index + 1}] {show(step.name)}"
            planned = format_human(total) if round(total) > MAX_PLANNED else "a moment more than that"
            check.report(
                check.where.item(index),
                f"{label}: the routine would last more than "
                f"{MAX_PLANNED // 3600} hours from here ({planned} planned up to the end of "
                "this step); a warm-up or stretch routine is far shorter, so the file is probably wrong",
            )
            return


def _steps(check: _Checker, doc: dict) -> tuple[Step, ...] | None:
    if "steps" not in doc:
        check.report((1, 1), 'missing required key "steps" (add at least one [[steps]] table)')
        return None
    steps = doc["steps"]
    pos = check.where.item(0)
    if not isinstance(steps, list):
        check.report(pos, f"steps must be an array of tables ([[steps]]), got {show(steps)}")
        return None
    if not 1 <= len(steps) <= MAX_STEPS:
        check.report(pos, f"steps must hold between 1 and {MAX_STEPS} steps, got {len(steps)}")
        return None
    built = [_step(check, index, raw) for index, raw in enumerate(steps)]
    return None if None in built else tuple(built)


def _step(check: _Checker, index: int, raw: Any) -> Step | None:
    header = check.where.item(index)
    label = f"steps[{index + 1}]"
    if not isinstance(raw, dict):
        check.report(header, f"{label} must be a table, got {show(raw)}")
        return None
    before = len(check.problems)
    at = lambda key: check.where.item_key(index, key)  # noqa: E731
    name = raw.get("name")
    if isinstance(name, str) and not is_blank(name):
        label = f"{label} {show(name.strip())}"
    prefix = f"{label}: "
    check.unknown_keys(raw, STEP_KEYS, at, prefix, " (top-level keys go before the first [[steps]])")
    fields: dict[str, Any] = {}
    if "name" not in raw:
        check.report(header, f'{prefix}missing required key "name"')
    else:
        fields["name"] = check.string(name, at("name"), f"{prefix}name", *BOUNDS["name"])
    manual = raw.get("manual", False)
    if "manual" in raw:
        manual = check.boolean(manual, at("manual"), f"{prefix}manual")
        fields["manual"] = manual
    endings = [key for key in ("duration", "reps") if key in raw] + (["manual = true"] if manual else [])
    if len(endings) > 1:
        check.report(header, f"{prefix}use only one of duration, reps or manual = true (found {' and '.join(endings)})")
    elif not endings and manual is not None and not _misspelt_ending(raw):
        check.report(header, f"{prefix}needs one of duration, reps or manual = true to say how the step ends")
    if manual:
        # duration and reps are already reported above as a second way to end the step.
        for key in ("sides", "sets", "tempo"):
            if key in raw:
                check.report(at(key), f'{prefix}"{key}" cannot be used with manual = true')
    elif "tempo" in raw and "reps" not in raw:
        check.report(at("tempo"), f"{prefix}tempo needs reps (tempo is the seconds each rep takes)")
    if "duration" in raw:
        fields["duration"] = check.duration(raw["duration"], at("duration"), f"{prefix}duration", *BOUNDS["duration"])
    if "reps" in raw:
        fields["reps"] = check.integer(raw["reps"], at("reps"), f"{prefix}reps", *BOUNDS["reps"])
    if "tempo" in raw:
        fields["tempo"] = check.duration(raw["tempo"], at("tempo"), f"{prefix}tempo", *BOUNDS["tempo"])
    if "sides" in raw:
        fields["sides"] = check.boolean(raw["sides"], at("sides"), f"{prefix}sides")
    if "sets" in raw:
        fields["sets"] = check.integer(raw["sets"], at("sets"), f"{prefix}sets", *BOUNDS["sets"])
    if "rest" in raw:
        fields["rest"] = check.duration(raw["rest"], at("rest"), f"{prefix}rest", *BOUNDS["rest"])
    if "cues" in raw:
        fields["cues"] = _cues(check, raw["cues"], at("cues"), prefix)
    if "demo" in raw:
        fields["demo"] = _demo(check, raw["demo"], at("demo"), prefix)
    if len(check.problems) > before:
        return None
    return Step(**fields)


def _demo(check: _Checker, value: Any, pos: Where, prefix: str) -> str | None:
    """A shipped move's name; a near miss says which one was likely meant."""
    name = check.string(value, pos, f"{prefix}demo", *BOUNDS["demo"])
    if name is None:
        return None
    names = demo_names()
    if name not in names:
        close = closest(name, names)
        hint = f' (did you mean "{close}"?)' if close else " ('supple moves' lists them)"
        check.report(pos, f"{prefix}demo {quoted(name)} is not one of Supple's moves{hint}")
        return None
    return name


def _misspelt_ending(raw: dict) -> bool:
    """True when an unknown key looks like duration, reps or manual (already reported)."""
    return any(key not in STEP_KEYS and closest(key, STEP_KEYS) in ("duration", "reps", "manual") for key in raw)


def _cues(check: _Checker, value: Any, pos: Where, prefix: str) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        check.report(pos, f"{prefix}cues must be an array of strings, got {show(value)}")
        return None
    if len(value) > MAX_CUES:
        check.report(pos, f"{prefix}cues must hold at most {MAX_CUES} lines, got {len(value)}")
        return None
    cues = [
        check.string(cue, pos, f"{prefix}cues[{n}]", *BOUNDS["cue"], MULTILINE_OK) for n, cue in enumerate(value, 1)
    ]
    return None if None in cues else tuple(cues)
