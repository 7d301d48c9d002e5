"""One test per rule of routine format 1: what is accepted, and the located error for what is not."""

from __future__ import annotations

import json
import textwrap
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.routine.errors import RoutineError
from app.routine.model import Routine, Step
from app.routine.routine_file import MAX_BYTES, load_routine, parse_routine
from app.routine.validate import quoted
from app.session.plan import build_plan
from app.text import unsafe_chars
from tests.conftest import routine_from

HEAD = 'name = "R"\n'


def error_of(text: str) -> RoutineError:
    with pytest.raises(RoutineError) as caught:
        routine_from(text, "r.toml")
    return caught.value


def first_line(text: str) -> str:
    return str(error_of(text).problems[0])


def test_minimal_routine_gets_every_default():
    routine = routine_from(HEAD + '[[steps]]\nname = "Arm swings"\nduration = 30\n')
    assert routine == Routine(name="R", steps=(Step(name="Arm swings", duration=30.0),))
    assert (routine.version, routine.kind, routine.description) == (1, "other", "")
    assert (routine.prep, routine.transition, routine.switch) == (5.0, 5.0, 5.0)
    step = routine.steps[0]
    assert (step.sides, step.sets, step.rest, step.cues, step.manual) == (False, 1, 0.0, (), False)


def test_every_key_accepted():
    routine = routine_from(
        """\
        version = 1
        name = "Full"
        description = "All keys"
        kind = "cooldown"
        prep = "10s"
        transition = 0
        switch = "0:03"

        [[steps]]
        name = "Leg swings"
        reps = 12
        tempo = "2s"
        sides = true
        sets = 3
        rest = "1m"
        cues = ["Hold on", "Swing"]

        [[steps]]
        name = "Lift"
        manual = true
        cues = []
        """
    )
    assert routine.kind == "cooldown" and routine.prep == 10 and routine.transition == 0 and routine.switch == 3
    assert routine.steps[0] == Step(
        "Leg swings", reps=12, tempo=2.0, sides=True, sets=3, rest=60.0, cues=("Hold on", "Swing")
    )
    assert routine.steps[1] == Step("Lift", manual=True)


@pytest.mark.parametrize("kind", ["warmup", "cooldown", "mobility", "other"])
def test_each_kind_accepted(kind):
    assert routine_from(f'{HEAD}kind = "{kind}"\n[[steps]]\nname = "a"\nduration = 5\n').kind == kind


STEP = '[[steps]]\nname = "Leg swings"\n'

# (document, the first problem exactly as `supple check` prints it)
BAD = {
    "unknown top-level key": (
        'name = "R"\nkinds = "warmup"\n' + STEP + "duration = 5\n",
        'r.toml:2:1: unknown key "kinds" (did you mean "kind"?)',
    ),
    "unknown step key": (
        HEAD + STEP + "duraton = 5\n",
        'r.toml:4:1: steps[1] "Leg swings": unknown key "duraton" (did you mean "duration"?)',
    ),
    "unknown key without suggestion": (
        HEAD + STEP + "duration = 5\ncolour = 1\n",
        'r.toml:5:1: steps[1] "Leg swings": unknown key "colour"',
    ),
    "top-level key after the steps": (
        HEAD + STEP + 'duration = 5\nkind = "warmup"\n',
        'r.toml:5:1: steps[1] "Leg swings": unknown key "kind" (top-level keys go before the first [[steps]])',
    ),
    "missing name": ('[[steps]]\nname = "a"\nduration = 5\n', 'r.toml:1:1: missing required key "name"'),
    "missing steps": (HEAD, 'r.toml:1:1: missing required key "steps" (add at least one [[steps]] table)'),
    "empty steps": (HEAD + "steps = []\n", "r.toml:2:1: steps must hold between 1 and 200 steps, got 0"),
    "too many steps": (
        HEAD + "".join(f'[[steps]]\nname = "s{i}"\nduration = 5\n' for i in range(201)),
        "r.toml:2:1: steps must hold between 1 and 200 steps, got 201",
    ),
    "steps as a table": (
        HEAD + '[steps]\nname = "a"\n',
        "r.toml:2:1: steps must be an array of tables ([[steps]]), got a table",
    ),
    "step not a table": (HEAD + "steps = [1]\n", "r.toml:2:1: steps[1] must be a table, got 1"),
    "name wrong type": ("name = 3\n" + STEP + "duration = 5\n", "r.toml:1:1: name must be a string, got 3"),
    "name blank": ('name = "  "\n' + STEP + "duration = 5\n", "r.toml:1:1: name must not be blank"),
    "name too long": (
        f'name = "{"x" * 81}"\n' + STEP + "duration = 5\n",
        "r.toml:1:1: name must be at most 80 characters, got 81",
    ),
    "description too long": (
        HEAD + f'description = "{"x" * 2001}"\n' + STEP + "duration = 5\n",
        "r.toml:2:1: description must be at most 2000 characters, got 2001",
    ),
    "version not 1": (
        "version = 2\n" + HEAD + STEP + "duration = 5\n",
        "r.toml:1:1: version must be 1 (the only format version), got 2",
    ),
    "version wrong type": (
        'version = "1"\n' + HEAD + STEP + "duration = 5\n",
        'r.toml:1:1: version must be a whole number, got "1"',
    ),
    "kind unknown": (
        HEAD + 'kind = "warm-up"\n' + STEP + "duration = 5\n",
        'r.toml:2:1: kind must be one of "warmup", "cooldown", "mobility", "other", got "warm-up" '
        '(did you mean "warmup"?)',
    ),
    "prep too long": (
        HEAD + 'prep = "11m"\n' + STEP + "duration = 5\n",
        'r.toml:2:1: prep must be between 0s and 10m, got "11m"',
    ),
    "transition negative": (
        HEAD + "transition = -1\n" + STEP + "duration = 5\n",
        "r.toml:2:1: transition must be between 0s and 10m, got -1",
    ),
    "switch bad form": (
        HEAD + 'switch = "five"\n' + STEP + "duration = 5\n",
        'r.toml:2:1: switch must be a number of seconds or a string like "45s", "2m", "1m30s" or "1:30", got "five"',
    ),
    "step missing name": (HEAD + "[[steps]]\nduration = 5\n", 'r.toml:2:1: steps[1]: missing required key "name"'),
    "step name too long": (
        HEAD + f'[[steps]]\nname = "{"y" * 81}"\nduration = 5\n',
        f'r.toml:3:1: steps[1] "{"y" * 37}...": name must be at most 80 characters, got 81',
    ),
    "no ending": (
        HEAD + STEP + "sides = true\n",
        'r.toml:2:1: steps[1] "Leg swings": needs one of duration, reps or manual = true to say how the step ends',
    ),
    "manual false alone": (
        HEAD + STEP + "manual = false\n",
        'r.toml:2:1: steps[1] "Leg swings": needs one of duration, reps or manual = true to say how the step ends',
    ),
    "duration and reps": (
        HEAD + STEP + "duration = 5\nreps = 3\n",
        'r.toml:2:1: steps[1] "Leg swings": use only one of duration, reps or manual = true (found duration and reps)',
    ),
    "duration and manual": (
        HEAD + STEP + "duration = 5\nmanual = true\n",
        'r.toml:2:1: steps[1] "Leg swings": use only one of duration, reps or manual = true '
        "(found duration and manual = true)",
    ),
    "duration negative": (
        HEAD + STEP + 'duration = "-5s"\n',
        'r.toml:4:1: steps[1] "Leg swings": duration must be between 1s and 60m, got "-5s"',
    ),
    "duration zero": (
        HEAD + STEP + "duration = 0\n",
        'r.toml:4:1: steps[1] "Leg swings": duration must be between 1s and 60m, got 0',
    ),
    "duration too long": (
        HEAD + STEP + 'duration = "61m"\n',
        'r.toml:4:1: steps[1] "Leg swings": duration must be between 1s and 60m, got "61m"',
    ),
    "duration nan": (
        HEAD + STEP + "duration = nan\n",
        'r.toml:4:1: steps[1] "Leg swings": duration must be a finite number of seconds, got nan',
    ),
    "duration inf": (
        HEAD + STEP + "duration = inf\n",
        'r.toml:4:1: steps[1] "Leg swings": duration must be a finite number of seconds, got inf',
    ),
    "duration boolean": (
        HEAD + STEP + "duration = true\n",
        'r.toml:4:1: steps[1] "Leg swings": duration must be a number of seconds or a string like '
        '"45s", "2m", "1m30s" or "1:30", got true',
    ),
    "reps zero": (
        HEAD + STEP + "reps = 0\n",
        'r.toml:4:1: steps[1] "Leg swings": reps must be between 1 and 500, got 0',
    ),
    "reps too many": (
        HEAD + STEP + "reps = 501\n",
        'r.toml:4:1: steps[1] "Leg swings": reps must be between 1 and 500, got 501',
    ),
    "reps float": (
        HEAD + STEP + "reps = 2.5\n",
        'r.toml:4:1: steps[1] "Leg swings": reps must be a whole number, got 2.5',
    ),
    "tempo without reps": (
        HEAD + STEP + "duration = 5\ntempo = 2\n",
        'r.toml:5:1: steps[1] "Leg swings": tempo needs reps (tempo is the seconds each rep takes)',
    ),
    "tempo too long": (
        HEAD + STEP + "reps = 5\ntempo = 61\n",
        'r.toml:5:1: steps[1] "Leg swings": tempo must be between 1s and 1m, got 61',
    ),
    "tempo too short": (
        HEAD + STEP + "reps = 5\ntempo = 0.5\n",
        'r.toml:5:1: steps[1] "Leg swings": tempo must be between 1s and 1m, got 0.5',
    ),
    "manual with sides": (
        HEAD + STEP + "manual = true\nsides = true\n",
        'r.toml:5:1: steps[1] "Leg swings": "sides" cannot be used with manual = true',
    ),
    "manual with sets": (
        HEAD + STEP + "manual = true\nsets = 2\n",
        'r.toml:5:1: steps[1] "Leg swings": "sets" cannot be used with manual = true',
    ),
    "manual with tempo": (
        HEAD + STEP + "manual = true\ntempo = 2\n",
        'r.toml:5:1: steps[1] "Leg swings": "tempo" cannot be used with manual = true',
    ),
    "manual with reps": (
        HEAD + STEP + "manual = true\nreps = 2\n",
        'r.toml:2:1: steps[1] "Leg swings": use only one of duration, reps or manual = true '
        "(found reps and manual = true)",
    ),
    "manual wrong type": (
        HEAD + STEP + 'manual = "yes"\n',
        'r.toml:4:1: steps[1] "Leg swings": manual must be true or false, got "yes"',
    ),
    "sides wrong type": (
        HEAD + STEP + "duration = 5\nsides = 2\n",
        'r.toml:5:1: steps[1] "Leg swings": sides must be true or false, got 2',
    ),
    "sets zero": (
        HEAD + STEP + "duration = 5\nsets = 0\n",
        'r.toml:5:1: steps[1] "Leg swings": sets must be between 1 and 20, got 0',
    ),
    "sets too many": (
        HEAD + STEP + "duration = 5\nsets = 21\n",
        'r.toml:5:1: steps[1] "Leg swings": sets must be between 1 and 20, got 21',
    ),
    "rest too long": (
        HEAD + STEP + 'duration = 5\nrest = "10m1s"\n',
        'r.toml:5:1: steps[1] "Leg swings": rest must be between 0s and 10m, got "10m1s"',
    ),
    "cues not an array": (
        HEAD + STEP + 'duration = 5\ncues = "Breathe"\n',
        'r.toml:5:1: steps[1] "Leg swings": cues must be an array of strings, got "Breathe"',
    ),
    "cue not a string": (
        HEAD + STEP + "duration = 5\ncues = [1]\n",
        'r.toml:5:1: steps[1] "Leg swings": cues[1] must be a string, got 1',
    ),
    "too many cues": (
        HEAD + STEP + f"duration = 5\ncues = {['c'] * 11}\n",
        'r.toml:5:1: steps[1] "Leg swings": cues must hold at most 10 lines, got 11',
    ),
    "cue too long": (
        HEAD + STEP + f'duration = 5\ncues = ["{"c" * 201}"]\n',
        'r.toml:5:1: steps[1] "Leg swings": cues[1] must be at most 200 characters, got 201',
    ),
    "invalid TOML": (
        'name = "R"\n\n\nfoo bar = 1\n',
        "r.toml:4:5: invalid TOML: expected '=' after a key in a key/value pair",
    ),
    "duplicate key": ('name = "R"\nname = "S"\n', "r.toml:2:11: invalid TOML: cannot overwrite a value"),
    "indented key": (
        HEAD + STEP + "  duraton = 5\n",
        'r.toml:4:3: steps[1] "Leg swings": unknown key "duraton" (did you mean "duration"?)',
    ),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_document_gives_located_error(case):
    text, expected = BAD[case]
    assert first_line(text) == expected


def test_error_carries_file_line_column_message():
    error = error_of(HEAD + STEP + 'duration = "-5s"\n')
    assert (error.file, error.line, error.column) == ("r.toml", 4, 1)
    assert error.message == 'steps[1] "Leg swings": duration must be between 1s and 60m, got "-5s"'


def test_every_problem_is_reported_in_file_order():
    error = error_of(
        """\
        name = "R"
        kind = "nope"

        [[steps]]
        name = "One"
        duration = 0

        [[steps]]
        name = "Two"
        reps = 0
        """
    )
    assert [(p.line, p.column) for p in error.problems] == [(2, 1), (6, 1), (10, 1)]
    assert str(error).count("\n") == 2


def test_step_located_by_its_header_in_a_long_file():
    text = HEAD + "".join(f'\n[[steps]]\nname = "s{i}"\nduration = 5\n' for i in range(5))
    text += '\n[[steps]]\nname = "Broken"\n'
    error = error_of(text)
    lines = text.splitlines()
    assert error.line == len(lines) - 1 and lines[error.line - 1] == "[[steps]]"
    assert error.message.startswith('steps[6] "Broken": needs one of')


def test_misspelt_ending_reports_only_the_spelling():
    error = error_of(HEAD + STEP + "rep = 10\n")
    assert [p.message for p in error.problems] == ['steps[1] "Leg swings": unknown key "rep" (did you mean "reps"?)']


def test_multiline_string_does_not_confuse_locations():
    text = HEAD + 'description = """\nduraton = 3\n[[steps]]\n"""\n' + STEP + "duraton = 5\n"
    assert first_line(text) == 'r.toml:8:1: steps[1] "Leg swings": unknown key "duraton" (did you mean "duration"?)'


def test_inline_steps_are_located_at_the_steps_key():
    assert first_line(HEAD + 'steps = [{name = "a", duration = 0}]\n').startswith('r.toml:2:1: steps[1] "a": duration')


def test_rest_with_one_set_is_allowed():
    assert routine_from(HEAD + STEP + "duration = 5\nrest = 30\n").steps[0].rest == 30


def test_boundaries_are_inclusive():
    routine = routine_from(
        HEAD
        + 'prep = "10m"\ntransition = 0\nswitch = 0\n'
        + STEP
        + 'duration = "60m"\nsets = 2\nrest = "10m"\n'
        + '[[steps]]\nname = "b"\nreps = 500\ntempo = 1\n'
        + '[[steps]]\nname = "c"\nreps = 1\ntempo = "1m"\nsets = 20\n'
        + '[[steps]]\nname = "d"\nduration = 1\n'
    )
    assert (routine.prep, routine.transition, routine.switch) == (600, 0, 0)
    assert (routine.steps[0].duration, routine.steps[0].rest) == (3600, 600)
    assert (routine.steps[1].reps, routine.steps[2].tempo, routine.steps[2].sets) == (500, 60, 20)
    assert (routine.steps[2].reps, routine.steps[1].tempo, routine.steps[3].duration) == (1, 1, 1)


def test_a_routine_may_plan_three_hours_and_no_more():
    three_hours = HEAD + "prep = 0\n" + STEP + 'duration = "60m"\nsets = 3\n'
    assert build_plan(routine_from(three_hours)).total == 3 * 3600
    with pytest.raises(RoutineError) as caught:
        routine_from(
            three_hours + '[[steps]]\nname = "One more"\nduration = 1\n[[steps]]\nname = "x"\nduration = 1\n', "r.toml"
        )
    (problem,) = caught.value.problems
    assert str(problem) == (
        'r.toml:7:1: steps[2] "One more": the routine would last more than 3 hours from here (3 h 6 s planned '
        "up to the end of this step); a warm-up or stretch routine is far shorter, so the file is probably wrong"
    )


def test_the_length_bound_counts_as_the_plan_does():
    # 500 reps of a minute each side, 20 sets: the format's largest step, 333 hours and 20,000 ticks.
    with pytest.raises(RoutineError, match=r"steps\[1\] \"Leg swings\": the routine would last more than 3 hours"):
        routine_from(HEAD + STEP + "reps = 500\ntempo = 60\nsides = true\nsets = 20\n")


def test_file_larger_than_limit(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert str(caught.value) == f"{path}:1:1: file is larger than 256 KiB"


def test_not_utf8_is_located():
    with pytest.raises(RoutineError) as caught:
        parse_routine(b'name = "R"\ndescription = "caf\xe9"\n', "r.toml")
    assert str(caught.value) == "r.toml:2:19: file is not UTF-8 text (byte 0xe9)"


def test_utf8_bom_is_accepted():
    assert parse_routine(b'\xef\xbb\xbfname = "R"\n[[steps]]\nname = "a"\nduration = 5\n', "r.toml").name == "R"


def test_deep_nesting_is_an_error_not_a_crash():
    with pytest.raises(RoutineError, match="invalid TOML"):
        parse_routine(b"x = " + b"[" * 50_000 + b"]" * 50_000, "r.toml")


def test_missing_file(tmp_path):
    with pytest.raises(RoutineError) as caught:
        load_routine(tmp_path / "gone.toml")
    assert caught.value.message == "cannot read the file: No such file or directory"


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(RoutineError, match="a folder, not a file; skipped"):
        load_routine(tmp_path)


def test_end_of_document_error_is_located_on_the_last_line():
    text = textwrap.dedent('name = "R"\ncues = [\n')
    error = error_of(text)
    assert error.line == 2 and error.message.startswith("invalid TOML:")


@given(st.text())
def test_quoted_text_reads_back_and_is_safe_to_print(text):
    shown = quoted(text)
    assert json.loads(shown) == text  # the same escapes JSON and TOML read
    assert tomllib.loads(f"k = {shown}")["k"] == text
    assert not unsafe_chars(shown)  # nothing a terminal would act on
    if not unsafe_chars(text) and '"' not in text and "\\" not in text:
        assert shown == f'"{text}"'  # ordinary text stays readable


@pytest.mark.parametrize(
    ("text", "shown"),
    [("x\x1b[2Jy", '"x\\u001b[2Jy"'), ("\u202eevil", '"\\u202eevil"'), ("\x9b", '"\\u009b"'), ("\x7f", '"\\u007f"')],
)
def test_quoted_makes_controls_and_bidi_visible(text, shown):
    assert quoted(text) == shown
