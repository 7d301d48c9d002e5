"""Where keys, headers and comments stand: strings of every kind are skipped as TOML reads them."""

from __future__ import annotations

import tomllib

import pytest

from app.routine.errors import RoutineError
from app.routine.saving import has_comments
from app.routine.toml_locator import Locator, key_name
from tests.conftest import routine_from


def first_problem(text: str) -> str:
    with pytest.raises(RoutineError) as caught:
        routine_from(text, "r.toml")
    return str(caught.value.problems[0])


def test_triple_quotes_inside_an_ordinary_string_do_not_hide_later_keys():
    text = (
        'name = "R"\ndescription = "say \'\'\' here"\n[[steps]]\nname = "a"\nduration = 5\n\n'
        '[[steps]]\nname = "b"\nduraton = 5\n'
    )
    assert first_problem(text) == 'r.toml:9:1: steps[2] "b": unknown key "duraton" (did you mean "duration"?)'


def test_a_quoted_key_with_escapes_is_found_where_it_is_written():
    text = 'name = "R"\n[[steps]]\nname = "a"\n"dura\\u0074ion" = "-1s"\n'
    assert first_problem(text) == 'r.toml:4:1: steps[1] "a": duration must be between 1s and 60m, got "-1s"'


def test_multi_line_strings_and_arrays_over_several_lines():
    text = (
        'name = "R"\ndescription = """\n[[steps]]\nname = "fake" # not a comment\n"""\n'
        "[[steps]]\nname = 'a'\nduration = 5\ncues = [\n  \"x # y\",  # a real comment\n  '''z\n  = ''',\n]\n"
        '[[steps]]\n  name = "b"\n  sets = 0\n  manual = false\n  duration = 3\n'
    )
    where = Locator(text)
    assert where.item(0) == (6, 1) and where.item(1) == (14, 1)
    assert where.item_key(0, "cues") == (9, 1) and where.item_key(1, "sets") == (16, 3)
    assert where.comments == [(10, 13)]
    assert first_problem(text) == 'r.toml:16:3: steps[2] "b": sets must be between 1 and 20, got 0'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "#1 routine"\n', False),
        ("name = 'a#b' # why\n", True),
        ('description = """\n# a heading in the text\n"""\n', False),
        ('cues = [\n "a", # first\n]\n', True),
        ("# only a comment\n", True),
        ('name = "a\\"#"\n', False),
    ],
)
def test_comments_are_told_from_hashes_in_strings(text, expected):
    assert has_comments(text) is expected


def test_finding_comments_reads_the_text_once(monkeypatch):
    # The old check parsed the whole file again for every "#": about an hour for a 200 KB file.
    parses = []
    real = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text, **kw: parses.append(len(text)) or real(text, **kw))
    many = 'name = "R"\ndescription = "' + "#" * 200_000 + '"\n' + "# c\n" * 1000
    assert has_comments(many) is True
    assert parses == []


def test_key_names_are_decoded():
    assert key_name('"dura\\u0074ion"') == "duration"
    assert key_name("'lit\\eral'") == "lit\\eral"
    assert key_name("bare-key_1") == "bare-key_1"
