"""A JSON Schema of the routine format, for the user's own editor (Taplo, Even Better TOML, Helix, Zed).

Built from the rules the validator uses (its keys, bounds, kinds, duration forms, the moves a demo may
name), so the two cannot drift apart; tests hold them to a table of good and bad files. A schema cannot
say everything `supple check` does: a duration written as text is checked for its form but not its
range, a blank-looking name, and the three-hour limit are left to `supple check`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app import paths
from app.files import write_atomically
from app.routine.demos import demo_names, demo_titles
from app.routine.model import BOUNDS, DEFAULT_GAP, KINDS

SCHEMA_ID = "https://supple.invalid/routine-1.schema.json"  # a name, not a place: the file travels with Supple
# Characters the format refuses in text (app.text's unsafe ones that a TOML file can hold).
UNSAFE = "\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029"
# Cues and the description may hold line breaks and tabs.
UNSAFE_MULTILINE = "\\u0000-\\u0008\\u000b-\\u001f" + UNSAFE.removeprefix("\\u0000-\\u001f")

# The text forms of a duration (app.routine.duration): "45s", "2m", "1m30s", "1m 30s", "1:30", "90".
DURATION_TEXT = (  # [0-9], not \d, which some regex engines take to mean any script's digits
    r"^\s*(?:[0-9]+(?:\.[0-9]+)?|[0-9]+:[0-5][0-9](?:\.[0-9]+)?"
    r"|[0-9]+(?:\.[0-9]+)?\s*m(?:\s*[0-9]+(?:\.[0-9]+)?\s*s)?|[0-9]+(?:\.[0-9]+)?\s*s)\s*$"
)

# What each key does, as the format reference (docs/routine-format.md) says it; a test holds the two alike.
TOP_HELP = {
    "version": "the format's version; any other number is refused",
    "name": "shown in the list of routines and at the top of a session",
    "description": "shown in the preview beside the list",
    "kind": "the group the routine is listed in; it colours nothing else",
    "prep": 'the countdown before the first step ("GET READY")',
    "transition": 'the pause between two steps ("NEXT UP"), never after the last',
    "switch": "the pause between the two sides of a two-sided step",
    "steps": "the exercises, in order",
}
KIND_HELP = {
    "warmup": "a warm-up, before training: listed under WARM-UPS",
    "cooldown": "a cooldown, after training: listed under COOLDOWNS",
    "mobility": "mobility work on its own: listed under MOBILITY",
    "other": "anything else: listed under OTHER",
}
STEP_HELP = {
    "name": 'the exercise, "Arm swings"',
    "duration": "a timed step: the countdown lasts this long (a side, a set)",
    "reps": "a counted step",
    "tempo": (
        "the seconds one rep takes: the step lasts `reps × tempo`, with a tick at each rep. Without it, the step "
        "waits until you press Space"
    ),
    "manual": '`true`: a stopwatch counts up until you press Space ("Your main lifts")',
    "sides": "do the step on the left, then on the right, each for the whole duration or reps",
    "sets": "do the whole step (both sides, if two-sided) this many times",
    "rest": "the pause between two sets; allowed but unused when `sets = 1` or `manual = true`",
    "cues": 'form cues shown during the step ("Keep your back neutral")',
    "demo": "the move that shows how the step is done (`supple moves NAME` plays it)",
}


def _duration(low: float, high: float, help_text: str, default: float | None = None) -> dict[str, Any]:
    """A duration in seconds (`low` to `high`), or in one of its text forms."""
    out: dict[str, Any] = {
        "description": f'{help_text}. Seconds ({low:g} to {high:g}), or text: "45s", "2m", "1m30s", "1:30"',
        "anyOf": [
            {"type": "number", "minimum": low, "maximum": high},
            {"type": "string", "pattern": DURATION_TEXT},
        ],
    }
    if default is not None:
        out["default"] = default
    return out


def _text(low: int, high: int, help_text: str, unsafe: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", "maxLength": high, "description": help_text}
    # A name must show something: at least one character that is not a space (blank-looking ones aside).
    out["pattern"] = f"^[^{unsafe}]*[^\\s{unsafe}][^{unsafe}]*$" if low else f"^[^{unsafe}]*$"
    return out


def _step() -> dict[str, Any]:
    low, high = BOUNDS["cue"]
    properties = {
        "name": _text(*BOUNDS["name"], STEP_HELP["name"], UNSAFE),
        "duration": _duration(*BOUNDS["duration"], STEP_HELP["duration"]),
        "reps": {"type": "integer", "minimum": BOUNDS["reps"][0], "maximum": BOUNDS["reps"][1]},
        "tempo": _duration(*BOUNDS["tempo"], STEP_HELP["tempo"]),
        "manual": {"type": "boolean", "default": False},
        "sides": {"type": "boolean", "default": False},
        "sets": {"type": "integer", "minimum": BOUNDS["sets"][0], "maximum": BOUNDS["sets"][1], "default": 1},
        "rest": _duration(*BOUNDS["rest"], STEP_HELP["rest"], 0),
        "cues": {
            "type": "array",
            "maxItems": BOUNDS["cues"][1],
            "items": _text(low, high, "a form cue", UNSAFE_MULTILINE),
        },
        "demo": {
            "enum": list(demo_names()),
            # Taplo shows these beside each name it offers: the move as people call it.
            "x-taplo": {"docs": {"enumValues": list(demo_titles().values())}},
        },
    }
    for key, value in properties.items():
        value.setdefault("description", STEP_HELP[key])
    return {
        "type": "object",
        "description": "one exercise; it ends in exactly one way: duration, reps, or manual = true",
        "properties": properties,
        "required": ["name"],
        "additionalProperties": False,
        "x-taplo": {"initKeys": ["name", "duration"]},  # what a new [[steps]] table is completed with
        "oneOf": [  # how the step ends: exactly one of these
            {"required": ["duration"]},
            {"required": ["reps"]},
            {"required": ["manual"], "properties": {"manual": {"const": True}}},
        ],
        "dependencies": {"tempo": ["reps"]},
        "if": {"required": ["manual"], "properties": {"manual": {"const": True}}},
        "then": {"not": {"anyOf": [{"required": [key]} for key in ("sides", "sets", "tempo")]}},
    }


def routine_schema() -> dict[str, Any]:
    """The routine format as a JSON Schema (draft 7, which Taplo and most editors read)."""
    properties: dict[str, Any] = {
        "version": {"const": 1, "default": 1},
        "name": _text(*BOUNDS["name"], TOP_HELP["name"], UNSAFE),
        "description": _text(*BOUNDS["description"], TOP_HELP["description"], UNSAFE_MULTILINE),
        "kind": {
            "enum": list(KINDS),
            "default": "other",
            "x-taplo": {"docs": {"enumValues": [KIND_HELP[kind] for kind in KINDS]}},
        },
        "prep": _duration(*BOUNDS["gap"], TOP_HELP["prep"], DEFAULT_GAP),
        "transition": _duration(*BOUNDS["gap"], TOP_HELP["transition"], DEFAULT_GAP),
        "switch": _duration(*BOUNDS["gap"], TOP_HELP["switch"], DEFAULT_GAP),
        "steps": {
            "type": "array",
            "minItems": BOUNDS["steps"][0],
            "maxItems": BOUNDS["steps"][1],
            "items": {"$ref": "#/definitions/step"},
        },
    }
    for key, value in properties.items():
        value.setdefault("description", TOP_HELP[key])
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "Supple routine (format 1)",
        "description": "A warm-up or stretch routine for Supple: its steps, their timing and form cues.",
        "type": "object",
        "properties": properties,
        "required": ["name", "steps"],
        "additionalProperties": False,
        "definitions": {"step": _step()},
    }


def schema_text() -> str:
    """The schema as the file Supple ships and writes: JSON, two-space indented, ending in a newline."""
    return json.dumps(routine_schema(), indent=2, ensure_ascii=False) + "\n"


SCHEMA_FILE = "routine.schema.json"


SCHEMA_DIRECTIVE = "#:schema "  # Taplo's: the first line of a TOML file names the schema it follows


def schema_header() -> str:
    """The first line Supple writes in a routine it saves, naming the schema in the config folder so that the
    user's editor checks the file; "" when the schema cannot be written there (the routine saves anyway)."""
    try:
        return f"{SCHEMA_DIRECTIVE}{installed_schema().as_uri()}\n"
    except OSError:
        return ""


def installed_schema() -> Path:
    """The schema in the user's config folder, where their editor can open it: written on first use, and again
    when this Supple's differs (a newer one knows more moves). Raises OSError when it cannot be written."""
    path = paths.config_dir() / SCHEMA_FILE
    text = schema_text()
    try:
        if path.read_text(encoding="utf-8") == text:
            return path
    except (OSError, UnicodeDecodeError):
        pass  # not there yet, or not ours to read: written below
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text)
    return path
