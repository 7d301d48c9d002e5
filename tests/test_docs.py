"""The format reference says what the code does: its example reads, its rules and figures hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

from app.routine.routine_file import MAX_BYTES, parse_routine
from app.routine.validate import MAX_CUES, MAX_STEPS
from app.session.plan import MAX_PLANNED, build_plan
from app.session.plan_output import plan_to_json

DOC = (Path(__file__).parent.parent / "docs" / "routine-format.md").read_text()
README = (Path(__file__).parent.parent / "README.md").read_text()


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, re.S)


def test_the_complete_example_is_a_valid_routine():
    routine = parse_routine(blocks("toml")[0].encode(), "example.toml")
    assert routine.name == "Leg day cooldown" and len(routine.steps) == 5
    assert routine.steps[1].tempo == 4 and routine.steps[2].sets == 2 and routine.steps[3].reps == 10
    assert routine.steps[3].tempo is None and routine.steps[4].manual


def test_the_json_example_has_the_fields_plan_json_writes():
    example = json.loads(blocks("json")[0])
    written = plan_to_json(build_plan(parse_routine(blocks("toml")[0].encode(), "example.toml")))
    assert list(example) == list(written)
    assert set(example["segments"][0]) == set(written["segments"][0])


def test_the_json_example_is_an_excerpt_of_the_routine_it_names():
    from app.paths import bundled_routines_dir
    from app.routine.library import load_entry

    example = json.loads(blocks("json")[0])
    routine = load_entry(bundled_routines_dir() / "pre-lift-mobility.toml", "bundled").routine
    real = plan_to_json(build_plan(routine))
    assert example["name"] == real["name"] and example["total"] == real["total"]
    assert all(segment in real["segments"] for segment in example["segments"])
    assert example["cues"] == real["cues"][: len(example["cues"])]


def test_durations_read_as_the_table_says():
    from app.routine.duration import parse_duration

    assert parse_duration("1m 30s") == parse_duration("1m30s") == parse_duration("1:30") == 90


def test_the_limits_in_the_text_are_the_code_s():
    assert "at most 256 KiB" in DOC and MAX_BYTES == 256 * 1024
    assert "at most **three hours**" in DOC and MAX_PLANNED == 3 * 3600
    assert "1 to 200 `[[steps]]` tables" in DOC and MAX_STEPS == 200
    assert f"up to {MAX_CUES} texts" in DOC


def test_the_readme_links_the_reference():
    assert "docs/routine-format.md" in README


def test_the_readme_states_the_warning_rule_as_implemented():
    from app.log.checkins import MODERATE, RECENT, RECURRING, SEVERE, WINDOW_DAYS

    assert f"among your check-ins of the last {WINDOW_DAYS} days" in README
    assert f"{RECURRING} or more of the last {RECENT} have pain of {MODERATE} or more" in README
    assert f"any has pain of {SEVERE} or more" in README and "any says the pain spreads down a leg" in README


def test_the_readme_and_the_help_say_the_same_of_each_session_key():
    """The README's table of session keys and the help (?) describe n and p alike, word for word, and the
    palette's words (the keys' tooltips) say the same of them."""
    from app.ui.screens.help import SECTIONS
    from app.ui.screens.session import SessionScreen

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    rows = dict(re.findall(r"^\| `(\w)` or \w+ \| (.+?) \|$", readme, re.M))
    help_keys = {keys.split()[0]: words for keys, words in dict(SECTIONS)["In a session"]}
    for key in ("n", "p"):
        assert rows[key] == help_keys[key], key
    tips = {b.id: b.tooltip.lower() for b in SessionScreen.BINDINGS}
    assert tips["session.back"] == help_keys["p"]
    assert "next part" in tips["session.next"]
