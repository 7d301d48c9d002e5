"""Text from a file is only ever text: controls, escapes and bidi overrides are refused or shown escaped."""

from __future__ import annotations

import json
import re

import pytest

from app.routine.errors import RoutineError
from app.text import is_blank, unsafe_chars, visible
from tests.conftest import routine_from
from tests.test_cli import supple, write_user_routine

# What a terminal must never receive from a file: ESC (CSI, OSC), C1 controls, DEL, bidi overrides.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CLEAR = "\x1b[2J"
TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"


def problems_of(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        routine_from(text, "r.toml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("where", "text", "expected"),
    [
        (
            "name",
            'name = "Squat\\u001b[2J"\n[[steps]]\nname = "a"\nduration = 5\n',
            r"r.toml:1:1: name must not contain control, line-break or text-direction characters, found \x1b",
        ),
        (
            "step name",
            'name = "R"\n[[steps]]\nname = "a\\u202eb"\nduration = 5\n',
            r'r.toml:3:1: steps[1] "a\u202eb": name must not contain control, line-break or text-direction characters, '
            r"found \u202e",
        ),
        (
            "cue",
            'name = "R"\n[[steps]]\nname = "a"\nduration = 5\ncues = ["ok", "x\\u0007"]\n',
            r'r.toml:5:1: steps[1] "a": cues[2] must not contain control or text-direction characters, found \x07',
        ),
        (
            "description",
            'name = "R"\ndescription = "\\u009b31m"\n[[steps]]\nname = "a"\nduration = 5\n',
            r"r.toml:2:1: description must not contain control or text-direction characters, found \x9b",
        ),
        (
            "a left-to-right mark",
            'name = "ab\\u200e"\n[[steps]]\nname = "a"\nduration = 5\n',
            r"r.toml:1:1: name must not contain control, line-break or text-direction characters, found \u200e",
        ),
        (
            "line break in a name",
            'name = "two\\nlines"\n[[steps]]\nname = "a"\nduration = 5\n',
            r"r.toml:1:1: name must not contain control, line-break or text-direction characters, found \x0a",
        ),
    ],
)
def test_control_and_bidi_characters_are_located_errors(where, text, expected):
    assert problems_of(text)[0] == expected


def test_line_breaks_and_tabs_stay_allowed_in_cues_and_descriptions():
    routine = routine_from(
        'name = "R"\ndescription = "one\\ntwo\\tthree"\n[[steps]]\nname = "a"\nduration = 5\n'
        'cues = ["""Knees soft,\nback flat"""]\n'
    )
    assert routine.description == "one\ntwo\tthree" and routine.steps[0].cues == ("Knees soft,\nback flat",)


@pytest.mark.parametrize("name", ["\u200b", " \u200b\u200d ", "\u3164", "\ufeff", "\u034f\ufe0f", "\u0300" * 5])
def test_a_name_of_invisible_characters_is_blank(name):
    assert is_blank(name)
    assert problems_of(f'name = "{name}"\n[[steps]]\nname = "a"\nduration = 5\n') == [
        "r.toml:1:1: name must not be blank"
    ]


def test_names_are_trimmed():
    routine = routine_from('name = "  Squat "\n[[steps]]\nname = " Arm swings\\t"\nduration = 5\n')
    assert routine.name == "Squat" and routine.steps[0].name == "Arm swings"


def test_an_unknown_key_with_escapes_is_shown_escaped():
    text = f'name = "R"\n[[steps]]\nname = "a"\nduration = 5\n"{json.dumps(TITLE)[1:-1]}" = 1\n'
    (problem,) = problems_of(text)
    assert problem == r'r.toml:5:1: steps[1] "a": unknown key "\u001b]0;pwned\u0007"'
    assert not RAW.search(problem)


def test_long_values_in_messages_are_shortened():
    huge = "9" * 400
    (problem,) = problems_of(f'name = "R"\n[[steps]]\nname = "a"\nreps = {huge}\n')
    assert problem.endswith(
        "reps must be between 1 and 500, got 9999999999999999999999999999999999999... (a number of 400 digits)"
    )
    (problem,) = problems_of(f'name = "R"\n[[steps]]\nname = "a"\nduration = "{"x" * 500}"\n')
    assert len(problem) < 250


def test_visible_and_unsafe_chars():
    assert visible(f"a{CLEAR}b\u202ec\n") == "a\\x1b[2Jb\\u202ec\\x0a"
    assert visible("keep\nthis", keep="\n") == "keep\nthis"
    assert unsafe_chars("fine\ttext", allowed="\t") == []
    assert visible("Squat [bodyweight] ✓ é") == "Squat [bodyweight] ✓ é"


def _hostile_folder(home):
    """A user folder whose file names and contents carry terminal escapes and bidi overrides."""
    write_user_routine(home, f"clear{CLEAR}", 'name = "Fine"\n[[steps]]\nname = "a"\nduration = 5\n')
    write_user_routine(home, f"title{TITLE}", 'name = "R"\n[[steps]]\nname = "a"\nduraton = 5\n')
    write_user_routine(home, "desc", 'name = "Desc"\ndescription = "\u202e"\n[[steps]]\nname = "a"\nduration = 5\n')
    write_user_routine(
        home, "key", f'name = "K"\n[[steps]]\nname = "a"\nduration = 5\n"{json.dumps(CLIPBOARD)[1:-1]}" = 1\n'
    )


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--json"],
        ["check", "{folder}"],
        ["plan", "user:desc"],
        ["plan", "user:desc", "--json"],
        ["run", "user:key"],
        ["plan", "user:clear\x1b[2J"],
    ],
)
def test_the_cli_never_prints_escapes_raw(args, supple_home):
    _hostile_folder(supple_home)
    folder = str(supple_home / "routines")
    result = supple(*[a.replace("{folder}", folder) for a in args], home=supple_home)
    assert "Traceback" not in result.stderr
    assert not RAW.search(result.stdout) and not RAW.search(result.stderr), (result.stdout, result.stderr)


def test_list_shows_escaped_names_and_json_keeps_the_data(supple_home):
    _hostile_folder(supple_home)
    listing = supple("list", home=supple_home).stdout
    assert "clear\\x1b[2J" in listing and "user:title\\x1b]0;pwned\\x07" in listing
    assert '"\\u001b]52;c;ZWNobyBwd25lZA==\\u0007"' in listing  # the unknown key, escaped in its message
    data = {item["ref"]: item for item in json.loads(supple("list", "--json", home=supple_home).stdout)}
    assert f"user:clear{CLEAR}" in data  # JSON's escapes read back as the real name
    assert data["user:desc"]["error"][0].endswith("found \\u202e")
