"""Routine files: bytes on disk to a Routine with located errors, and a Routine back to TOML."""

from __future__ import annotations

import os
import re
import tomllib

from app.files import NotReadable, read_regular
from app.routine.duration import format_duration, parse_duration
from app.routine.errors import RoutineError
from app.routine.model import DEFAULT_GAP, Routine, Step
from app.routine.validate import build_routine

MAX_BYTES = 256 * 1024
_LONG_INTEGER = re.compile(r"[0-9][0-9_]{4300,}")
_VALUE_START = re.compile(r"(?:^|[=\[,])[ \t]*[+-]?\Z")
_TOML_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def load_routine(path: str | os.PathLike, display: str | None = None) -> Routine:
    """Read and check a routine file; `display` is the name used in messages (default: the path)."""
    name = display if display is not None else str(path)
    return parse_routine(read_routine_bytes(path, name), name)


def read_routine_bytes(path: str | os.PathLike, name: str) -> bytes:
    """The bytes of a routine file; a file that cannot be read is a RoutineError naming `name`."""
    try:
        return read_regular(path, MAX_BYTES)
    except NotReadable as error:
        raise RoutineError.at(name, 1, 1, str(error)) from None
    except OSError as error:
        raise RoutineError.at(name, 1, 1, f"cannot read the file: {error.strerror or error}") from None


def parse_routine(data: bytes, filename: str) -> Routine:
    """Check routine bytes as if read from `filename`; raise RoutineError on any problem."""
    if len(data) > MAX_BYTES:
        raise RoutineError.at(filename, 1, 1, f"file is larger than {MAX_BYTES // 1024} KiB")
    text = _decode(data, filename)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(str(error), text, filename) from None
    except RecursionError:
        raise RoutineError.at(filename, 1, 1, "invalid TOML: values are nested too deeply") from None
    except ValueError:  # tomllib refuses to read an integer of more than 4300 digits
        raise _long_number_error(text, filename) from None
    return build_routine(doc, text, filename)


def _decode(data: bytes, filename: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        bad = data[error.start]
        raise RoutineError.at(filename, line, column, f"file is not UTF-8 text (byte 0x{bad:02x})") from None
    return text.removeprefix("\ufeff")


def long_number(text: str) -> tuple[int, int, int] | None:
    """Line, column and length of the first integer too long for tomllib to read, if any: a run of
    digits where a value starts (after "=", "[" or ","), not inside a string or a comment."""
    for found in _LONG_INTEGER.finditer(text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        if _VALUE_START.search(text, line_start, found.start()):
            line = text.count("\n", 0, found.start()) + 1
            return line, found.start() - line_start + 1, len(found[0])
    return None


def _long_number_error(text: str, filename: str) -> RoutineError:
    line, column, length = long_number(text) or (1, 1, 0)
    return RoutineError.at(filename, line, column, f"invalid TOML: a number of {length} digits is far too long")


def _toml_error(message: str, text: str, filename: str) -> RoutineError:
    where = _TOML_WHERE.search(message)
    if where and where[1]:
        line, column = int(where[1]), int(where[2])
    else:
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
    detail = message[: where.start()] if where else message
    detail = detail[:1].lower() + detail[1:]
    return RoutineError.at(filename, line, column, f"invalid TOML: {detail}{_unclosed(text, line)}")


def _unclosed(text: str, line: int) -> str:
    """A hint when the line holds a string left open, the likeliest cause of TOML's terse message."""
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if '"""' in source or "'''" in source:
        return ""  # a multi-line string may rightly run on
    for quote in ('"', "'"):
        if source.count(quote) % 2 == 1:  # a rough test, and only a hint beside TOML's own message
            return f" (the {quote} at column {source.index(quote) + 1} opens a string that is not closed on its line)"
    return ""


def _duration_value(seconds: float) -> str | int | float:
    """The tidiest TOML value that reads back as exactly `seconds`."""
    text = format_duration(seconds)
    return text if parse_duration(text) == seconds else seconds


def routine_to_dict(routine: Routine) -> dict:
    """The routine as a TOML-ready dict, leaving out values equal to the format's defaults."""
    doc: dict = {"version": routine.version, "name": routine.name}
    if routine.description:
        doc["description"] = routine.description
    doc["kind"] = routine.kind
    for key in ("prep", "transition", "switch"):
        value = getattr(routine, key)
        if value != DEFAULT_GAP:
            doc[key] = _duration_value(value)
    doc["steps"] = [_step_to_dict(step) for step in routine.steps]
    return doc


def _step_to_dict(step: Step) -> dict:
    out: dict = {"name": step.name}
    if step.manual:
        out["manual"] = True
    if step.duration is not None:
        out["duration"] = _duration_value(step.duration)
    if step.reps is not None:
        out["reps"] = step.reps
    if step.tempo is not None:
        out["tempo"] = _duration_value(step.tempo)
    if step.sides:
        out["sides"] = True
    if step.sets != 1:
        out["sets"] = step.sets
    if step.rest:
        out["rest"] = _duration_value(step.rest)
    if step.cues:
        out["cues"] = list(step.cues)
    if step.demo is not None:
        out["demo"] = step.demo
    return out


def dumps(routine: Routine) -> str:
    """The routine as format-1 TOML text."""
    return doc_to_toml(routine_to_dict(routine))


def doc_to_toml(doc: dict) -> str:
    """A routine document as TOML with one `[[steps]]` table per step."""
    # Multi-line strings read best, but TOML turns a "\r\n" inside one into "\n"; a document
    # holding a carriage return is written with escapes instead, so it reads back exactly.
    import tomli_w  # only writing needs it; reading the library at start-up does not

    multiline = not _holds_carriage_return(doc)
    top = dict(doc)
    steps = top.pop("steps", None)
    if not isinstance(steps, list) or not steps or not all(isinstance(s, dict) for s in steps):
        return tomli_w.dumps(doc, multiline_strings=multiline)
    # tomli-w writes short tables inline ("steps = [{ name = ... }]"); a [[steps]] header
    # per step reads the same whatever the step's length, and is what people write by hand.
    parts = [tomli_w.dumps(top, multiline_strings=multiline)]
    parts += ["[[steps]]\n" + tomli_w.dumps(step, multiline_strings=multiline) for step in steps]
    return "\n".join(parts)


def _holds_carriage_return(value: object) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        value = list(value.values())
    return isinstance(value, list) and any(_holds_carriage_return(item) for item in value)
