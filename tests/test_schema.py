"""The routine format's JSON Schema: made from the validator's rules, saying what the format page says, agreeing
with `supple check` on good and bad files, and read by Taplo (the engine of the editors' TOML support)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from app.paths import bundled_routines_dir
from app.routine.demos import demo_names
from app.routine.errors import RoutineError
from app.routine.model import BOUNDS, KINDS
from app.routine.routine_file import parse_routine
from app.routine.schema import STEP_HELP, TOP_HELP, installed_schema, routine_schema, schema_text
from app.routine.validate import STEP_KEYS, TOP_KEYS

SCHEMA = routine_schema()
STEP = SCHEMA["definitions"]["step"]
TAPLO = Path(sys.executable).with_name("taplo")
PAGE = (Path(__file__).parent.parent / "docs" / "routine-format.md").read_text()


def test_the_schema_knows_every_key_and_bound_the_validator_does():
    assert tuple(SCHEMA["properties"]) == TOP_KEYS and tuple(STEP["properties"]) == STEP_KEYS
    assert SCHEMA["properties"]["kind"]["enum"] == list(KINDS)
    assert STEP["properties"]["demo"]["enum"] == list(demo_names())
    assert SCHEMA["properties"]["steps"]["maxItems"] == BOUNDS["steps"][1]
    assert STEP["properties"]["reps"]["maximum"] == BOUNDS["reps"][1]
    assert STEP["properties"]["cues"]["maxItems"] == BOUNDS["cues"][1]
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert json.loads(schema_text()) == SCHEMA


def test_each_key_is_described_as_the_format_page_describes_it():
    rows = dict(re.findall(r"^\| `(\w+)` \| [^|]*\| [^|]*\| (.*) \|$", PAGE, re.M))
    top, step = PAGE.split("## A step", 1)
    top_rows = dict(re.findall(r"^\| `(\w+)` \| [^|]*\| [^|]*\| (.*) \|$", top, re.M))
    step_rows = dict(re.findall(r"^\| `(\w+)` \| [^|]*\| [^|]*\| (.*) \|$", step.split("## Text", 1)[0], re.M))
    assert rows and top_rows == {key: TOP_HELP[key] for key in TOP_KEYS}
    assert step_rows == {key: STEP_HELP[key] for key in STEP_KEYS}
    for key in TOP_KEYS:
        assert SCHEMA["properties"][key]["description"].startswith(TOP_HELP[key])


GOOD = 'name = "Mine"\n[[steps]]\nname = "Circles"\nduration = 30\n'
CASES = [  # (the file, whether it is good); each is checked by the validator and by the schema alike
    (GOOD, True),
    (GOOD.replace("duration = 30", 'duration = "1m30s"'), True),
    (GOOD.replace("duration = 30", 'duration = "1:30"'), True),
    (GOOD.replace("duration = 30", 'duration = "2.5s"'), True),
    (GOOD.replace("duration = 30", "reps = 10\ntempo = 3"), True),
    (GOOD.replace("duration = 30", "manual = true"), True),
    (GOOD.replace("duration = 30", 'duration = 30\ndemo = "hip-circles"\nsides = true\nsets = 2\nrest = 10'), True),
    ('kind = "warmup"\nprep = 0\nversion = 1\n' + GOOD, True),
    (GOOD + 'cues = ["Tall", "Breathe\\nslowly"]\n', True),
    (GOOD.replace("duration = 30", "duration = -5"), False),
    (GOOD.replace("duration = 30", "duration = 0"), False),
    (GOOD.replace("duration = 30", 'duration = "soon"'), False),
    (GOOD.replace("duration = 30", 'duration = "+60"'), False),
    (GOOD.replace("duration = 30", 'duration = "\u0666\u0660"'), False),  # Arabic-Indic digits: not a form
    (GOOD.replace("duration = 30", "duration = 30\nreps = 10"), False),
    (GOOD.replace("duration = 30", "duration = 30\nmanual = true"), False),
    (GOOD.replace("duration = 30", "reps = 10\ntempo = 0.5"), False),
    (GOOD.replace("duration = 30", "tempo = 3\nduration = 30"), False),
    (GOOD.replace("duration = 30", "manual = true\nsides = true"), False),
    (GOOD.replace("duration = 30", ""), False),
    (GOOD.replace("duration = 30", "reps = 0"), False),
    (GOOD.replace("duration = 30", "duration = 30\nsets = 21"), False),
    (GOOD.replace("duration = 30", 'duration = 30\ndemo = "hip-circle"'), False),
    (GOOD + "colour = 3\n", False),
    ("colour = 3\n" + GOOD, False),
    ('kind = "stretch"\n' + GOOD, False),
    ("version = 2\n" + GOOD, False),
    (GOOD.replace('name = "Mine"', "name = 3"), False),
    (GOOD.replace('name = "Mine"', 'name = "Mi\\u0007ne"'), False),
    (GOOD.replace('name = "Mine"', 'name = "   "'), False),
    (GOOD + "cues = [" + ", ".join(['"a"'] * 11) + "]\n", False),
    ('name = "Mine"\nsteps = []\n', False),
]


@pytest.mark.parametrize(("text", "good"), CASES)
def test_the_schema_and_the_validator_agree(text, good):
    try:
        parse_routine(text.encode(), "mine.toml")
        checked = True
    except RoutineError:
        checked = False
    schema_says = jsonschema.Draft7Validator(SCHEMA).is_valid(tomllib.loads(text))
    assert (checked, schema_says) == (good, good)


def taplo(path: Path, schema: Path) -> subprocess.CompletedProcess:
    command = [str(TAPLO), "lint", "--no-auto-config", "--colors", "never", "--schema", schema.as_uri(), str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=path.parent)


def test_taplo_finds_every_bundled_routine_good(supple_home):
    schema = installed_schema()
    for path in sorted(bundled_routines_dir().glob("*.toml")):
        done = taplo(path, schema)
        assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("change", "line", "said"),
    [
        (("duration = 30", "duration = 30\ncolour = 3"), 5, "'colour' was unexpected"),
        (("duration = 30", "duration = -5"), 4, "-5 is not valid"),
        (('name = "Circles"', "name = 3"), 3, '3 is not of type "string"'),
        (("duration = 30", "duration = 30\nreps = 10"), 2, "more than one of the schemas listed in the 'oneOf'"),
    ],
)
def test_taplo_refuses_a_bad_file_at_its_line(supple_home, tmp_path, change, line, said):
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace(*change))
    done = taplo(path, installed_schema())
    assert done.returncode != 0
    found = re.findall(r"^error: (.*)\n\s*┌─ .*?:(\d+):\d+", done.stderr, re.M)
    assert any(said in message and int(at) == line for message, at in found), done.stderr


def test_the_schema_is_written_once_into_the_config_folder_and_kept_current(supple_home):
    path = installed_schema()
    assert path.parent == supple_home and path.read_text() == schema_text()
    made = path.stat().st_mtime_ns
    assert installed_schema() == path and path.stat().st_mtime_ns == made  # the same: not written again
    path.write_text("{}")  # an older Supple's
    assert installed_schema().read_text() == schema_text()


def test_taplos_hover_names_each_move_as_people_call_it():
    from app.moves.move_file import load_moves

    demo = STEP["properties"]["demo"]
    moves = load_moves()[0]
    assert demo["x-taplo"]["docs"]["enumValues"] == [moves[name].name for name in demo["enum"]]
    assert len(SCHEMA["properties"]["kind"]["x-taplo"]["docs"]["enumValues"]) == len(KINDS)
