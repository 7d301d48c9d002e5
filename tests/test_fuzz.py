"""Thousands of generated documents at the loader: only RoutineError may come out."""

from __future__ import annotations

from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.routine.errors import RoutineError
from app.routine.model import Routine
from app.routine.routine_file import parse_routine
from app.routine.validate import STEP_KEYS, TOP_KEYS

BUNDLED = sorted((Path(__file__).parent.parent / "routines").glob("*.toml"))
FUZZ = settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Numbers of every size, as TOML values and inside duration strings (clock forms included).
huge_digits = st.integers(1, 4300).map(lambda n: "9" * n)
duration_strings = st.one_of(
    st.from_regex(r"\A-?[0-9]{1,40}(\.[0-9]{1,40})?(s|m|:[0-5][0-9])?\Z"),
    st.from_regex(r"\A[0-9]{1,20}m[0-9]{1,20}s\Z"),
    st.tuples(huge_digits, st.sampled_from(["", "s", "m", ":00", "m30s", ".5"])).map("".join),
)
scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.integers(min_value=-(10**4299), max_value=10**4299),
    duration_strings,
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["30s", "1m30s", "1:30", "2m", "-5s", "90", "0", "", "warmup", "cooldown", "61m"]),
    st.dates(),
    st.datetimes(),
    st.times(),
)
keys = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF), min_size=1, max_size=12)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=8,
)
step_tables = st.dictionaries(st.sampled_from(STEP_KEYS) | keys, values, max_size=8)
documents = st.fixed_dictionaries(
    {},
    optional={
        **{key: values for key in TOP_KEYS if key != "steps"},
        "steps": st.lists(step_tables, max_size=5) | values,
    },
).flatmap(lambda d: st.dictionaries(keys, values, max_size=2).map(lambda extra: {**extra, **d}))


def load_only_routine_error(data: bytes) -> None:
    try:
        assert isinstance(parse_routine(data, "fuzz.toml"), Routine)
    except RoutineError as error:
        assert error.problems and all(p.line >= 1 and p.column >= 1 and p.message for p in error.problems)


@FUZZ
@given(documents)
def test_generated_routine_documents(doc):
    load_only_routine_error(tomli_w.dumps(doc).encode())


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data):
    load_only_routine_error(data)


@FUZZ
@given(
    st.sampled_from(BUNDLED),
    st.lists(
        st.tuples(st.floats(0, 1), st.sampled_from(["drop", "dup", "byte"]), st.binary(min_size=1, max_size=3)),
        min_size=1,
        max_size=6,
    ),
)
def test_mutated_bundled_files(path, edits):
    data = bytearray(path.read_bytes())
    for where, how, junk in edits:
        at = int(where * (len(data) - 1))
        if how == "drop":
            del data[at : at + len(junk)]
        elif how == "dup":
            data[at:at] = data[at : at + 20]
        else:
            data[at:at] = junk
    load_only_routine_error(bytes(data))


@FUZZ
@given(
    st.sampled_from(sorted(set(STEP_KEYS + TOP_KEYS) - {"steps"})),
    st.integers(1, 6000),
    st.sampled_from(["", "-", "0.", "0x", "0o", "0b"]),
    st.booleans(),
    st.sampled_from(["{}", "[{}]", "{{a = {}}}"]),
)
def test_numbers_too_long_for_python(key, digits, prefix, top, wrap):
    # Hexadecimal, octal and binary numbers have no digit limit in tomllib: they reach the checks whole.
    digit = {"0x": "f", "0o": "7", "0b": "1"}.get(prefix, "9")
    value = wrap.format(prefix + digit * digits)
    text = (
        (f"{key} = {value}\n" if top else "")
        + 'name = "R"\n[[steps]]\nname = "a"\n'
        + ("" if top else f"{key} = {value}\n")
    )
    load_only_routine_error(text.encode())
