"""The real `supple` console script in a subprocess: list, check, plan, exit codes, help."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BAD_FOLDER = Path(__file__).parent / "bad_routines"


def console_script() -> str:
    beside = Path(sys.executable).parent / "supple"
    found = str(beside) if beside.exists() else shutil.which("supple")
    if not found:
        pytest.fail("the `supple` console script is not installed: run pip install -e '.[test]'")
    return found


def supple(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"SUPPLE_HOME": str(home), "COLUMNS": "120"}
    return subprocess.run([console_script(), *args], capture_output=True, text=True, env=env, timeout=60)


def write_user_routine(home: Path, stem: str, text: str) -> Path:
    folder = home / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("command", [[], ["list"], ["check"], ["plan"]])
def test_help_everywhere(command, supple_home):
    result = supple(*command, "--help", home=supple_home)
    assert result.returncode == 0 and "usage: supple" in result.stdout


def test_bad_usage_exits_2(supple_home):
    assert supple("frobnicate", home=supple_home).returncode == 2
    assert supple("plan", home=supple_home).returncode == 2


def test_list_shows_bundled_with_totals(supple_home):
    result = supple("list", home=supple_home)
    assert result.returncode == 0, result.stderr
    line = next(row for row in result.stdout.splitlines() if row.startswith("pre-lift-mobility"))
    assert "Pre-lift mobility" in line and "mobility" in line and "bundled" in line and " min " in line
    gym = next(row for row in result.stdout.splitlines() if row.startswith("gym-visit"))
    assert gym.endswith("+ open steps")


def test_list_shows_user_and_broken(supple_home):
    write_user_routine(supple_home, "mine", 'name = "Mine"\n[[steps]]\nname = "a"\nduration = 90\n')
    broken = write_user_routine(supple_home, "oops", 'name = "Oops"\n[[steps]]\nname = "a"\nduraton = 90\n')
    result = supple("list", home=supple_home)
    assert result.returncode == 0
    mine = next(row for row in result.stdout.splitlines() if row.startswith("mine "))
    assert "user" in mine and "1 min 35 s" in mine
    assert "Broken routine files (1)" in result.stdout
    assert f'{broken}:4:1: steps[1] "a": unknown key "duraton" (did you mean "duration"?)' in result.stdout


def test_list_json(supple_home):
    write_user_routine(supple_home, "oops", "name = ")
    data = json.loads(supple("list", "--json", home=supple_home).stdout)
    by_ref = {item["ref"]: item for item in data}
    assert by_ref["bundled:pre-lift-mobility"]["steps"] == 7 and by_ref["bundled:pre-lift-mobility"]["error"] is None
    assert by_ref["bundled:gym-visit"]["open"] == 1
    assert by_ref["user:oops"]["error"][0].endswith("invalid TOML: invalid value")


def test_check_good_files(supple_home):
    routines = Path(__file__).parent.parent / "routines"
    result = supple("check", *map(str, sorted(routines.glob("*.toml"))), home=supple_home)
    assert result.returncode == 0 and result.stdout.strip().endswith("files checked: all good")


def test_check_bad_files_one_line_per_problem(supple_home, tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text('name = "R"\nkind = "x"\n[[steps]]\nname = "Leg swings"\nduration = "-5s"\n')
    result = supple("check", str(bad), home=supple_home)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f'{bad}:2:1: kind must be one of "warmup", "cooldown", "mobility", "other", got "x"',
        f'{bad}:5:1: steps[1] "Leg swings": duration must be between 1s and 60m, got "-5s"',
        "1 file checked: 1 with problems (2 problems)",
    ]


def test_a_misspelled_table_header_is_reported_at_its_line(supple_home, tmp_path):
    """`[[step]]` on line 9 is said at 9:1, as every other problem is at its place (it was at 1:1)."""
    path = tmp_path / "legs.toml"
    path.write_text(
        'name = "Legs"\nkind = "warmup"\n\n[[steps]]\nname = "A"\nduration = "30s"\n\n\n'
        '[[step]]\nname = "B"\nduration = "20s"\n\n  [ extra . "part" ]\nx = 1\n'
    )
    result = supple("check", str(path), home=supple_home)
    assert result.returncode == 1
    assert f'{path}:9:1: unknown key "step" (did you mean "steps"?)' in result.stdout
    assert f'{path}:13:3: unknown key "extra"' in result.stdout


def test_check_a_folder_of_bad_files(supple_home):
    result = supple("check", str(BAD_FOLDER), home=supple_home)
    count = len(list(BAD_FOLDER.glob("*.toml")))
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert result.stdout.splitlines()[-1].startswith(f"{count} files checked: {count} with problems")


def test_check_missing_file(supple_home, tmp_path):
    result = supple("check", str(tmp_path / "gone.toml"), home=supple_home)
    assert result.returncode == 1 and "gone.toml:1:1: cannot read the file" in result.stdout


def test_plan_table(supple_home):
    result = supple("plan", "pre-lift-mobility", home=supple_home)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Pre-lift mobility"
    assert lines[2].split() == ["TIME", "SEGMENT", "STEP", "SIDE", "SET", "LENGTH"]
    assert lines[3].split() == ["0:00", "Get", "ready", "-", "-", "-", "10", "s"]
    last_side = [row.split() for row in lines if "Leg swings" in row and "right" in row][-1]
    assert last_side[1:10] == ["Leg", "swings", "side", "to", "side", "7", "right", "1/1", "24"]
    assert lines[-1].startswith("Total: 5 min")


def test_plan_by_name_and_by_path(supple_home, tmp_path):
    by_name = supple("plan", "Post-lift cooldown", "--json", home=supple_home)
    path = Path(__file__).parent.parent / "routines" / "post-lift-cooldown.toml"
    by_path = supple("plan", str(path), "--json", home=supple_home)
    assert by_name.returncode == by_path.returncode == 0
    assert json.loads(by_name.stdout) == json.loads(by_path.stdout)


def test_plan_json_worked_example(supple_home, tmp_path):
    path = tmp_path / "example.toml"
    path.write_text(
        'name = "Pre-lift mobility"\n[[steps]]\nname = "Arm swings"\nduration = 30\n'
        '[[steps]]\nname = "Leg swings"\nduration = 20\nsides = true\nsets = 2\nrest = "10s"\n'
    )
    data = json.loads(supple("plan", str(path), "--json", home=supple_home).stdout)
    assert data["total"] == 140.0 and data["open"] == 0 and len(data["segments"]) == 10
    assert data["segments"][6] == {
        "kind": "rest",
        "name": "Rest",
        "step": 2,
        "side": None,
        "set": 1,
        "start": 85.0,
        "duration": 10.0,
    }


def test_plan_of_unknown_routine(supple_home):
    result = supple("plan", "nope", home=supple_home)
    assert result.returncode == 1 and result.stderr.strip() == "supple: no routine called 'nope' (see 'supple list')"


def test_plan_of_broken_file(supple_home):
    bad = BAD_FOLDER / "negative-duration.toml"
    result = supple("plan", str(bad), home=supple_home)
    assert result.returncode == 1 and result.stderr.startswith(f"{bad}:15:1: steps[3]")
    assert "Traceback" not in result.stderr


def test_app_without_a_terminal_says_so(supple_home):
    for args in ([], ["run", "quick-warmup"], ["edit", "quick-warmup"], ["new"]):
        result = supple(*args, home=supple_home)
        assert result.returncode == 1 and "needs a terminal" in result.stderr


@pytest.mark.parametrize("scale", ["0.4", "2.5", "fast"])
def test_run_rejects_a_bad_scale(scale, supple_home):
    result = supple("run", "quick-warmup", "--scale", scale, home=supple_home)
    assert result.returncode == 1 and "argument --scale" in result.stderr and "usage:" not in result.stderr


def test_run_unknown_or_broken_routine(supple_home):
    assert supple("run", "nope", home=supple_home).returncode == 1
    bad = BAD_FOLDER / "two-endings.toml"
    result = supple("run", str(bad), home=supple_home)
    assert result.returncode == 1 and result.stderr.startswith(f"{bad}:4:1:")


def test_python_dash_m_works(supple_home):
    env = os.environ | {"SUPPLE_HOME": str(supple_home)}
    result = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and result.stdout.startswith("supple ")


def test_edit_unknown_or_broken_routine(supple_home):
    result = supple("edit", "nope", home=supple_home)
    assert result.returncode == 1 and "no routine called 'nope'" in result.stderr
    bad = BAD_FOLDER / "two-endings.toml"
    result = supple("edit", str(bad), home=supple_home)  # it would open as text: that needs a terminal
    assert result.returncode == 1 and "needs a terminal" in result.stderr and "Traceback" not in result.stderr


def test_a_misspelt_command_gets_a_suggestion(supple_home):
    result = supple("lsit", home=supple_home)
    assert result.returncode == 2 and "did you mean 'list'?" in result.stderr


@pytest.mark.parametrize("command", ["new", "sound-check", "run", "edit", "list", "check", "plan"])
def test_every_command_says_what_it_does(command, supple_home):
    result = supple(command, "--help", home=supple_home)
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and lines[1] == "" and len(lines[2]) > 20  # a description under the usage


def test_list_tells_a_shadowing_user_routine_from_the_bundled_one(supple_home):
    write_user_routine(supple_home, "gym-visit", 'name = "Gym visit"\n[[steps]]\nname = "a"\nduration = 5\n')
    rows = [line.split()[0] for line in supple("list", home=supple_home).stdout.splitlines()[1:] if line.strip()]
    assert "user:gym-visit" in rows and "bundled:gym-visit" in rows and "gym-visit" not in rows
    assert "quick-warmup" in rows  # not shadowed: the stem is enough


def test_a_name_two_routines_share_lists_their_refs(supple_home):
    for stem in ("gym-test", "gym-test-2"):
        write_user_routine(supple_home, stem, 'name = "Gym test"\n[[steps]]\nname = "a"\nduration = 5\n')
    result = supple("plan", "Gym test", home=supple_home)
    assert result.returncode == 1 and "(user:gym-test-2, user:gym-test); use one of those instead" in result.stderr


def test_check_with_no_file_checks_your_routines_folder(supple_home):
    result = supple("check", home=supple_home)
    assert result.returncode == 0 and "No routines of your own yet" in result.stdout
    write_user_routine(supple_home, "mine", 'name = "Mine"\n[[steps]]\nname = "A"\nduraton = 5\n')
    result = supple("check", home=supple_home)
    assert result.returncode == 1 and "mine.toml:4:1:" in result.stdout and 'did you mean "duration"' in result.stdout
    assert result.stdout.splitlines()[-1] == "1 file checked: 1 with problems (1 problem)"


def test_check_and_plan_take_a_routine_s_name_and_suggest_a_close_one(supple_home):
    assert supple("check", "pre-lift-mobility", home=supple_home).stdout.strip() == "1 file checked: all good"
    for command in ("check", "plan"):
        result = supple(command, "prelift", home=supple_home)
        assert result.returncode == 1 and "did you mean 'pre-lift-mobility'?" in result.stderr, result.stderr
    assert "did you mean 'bundled:quick-warmup'?" in supple("plan", "bundled:quick", home=supple_home).stderr


def test_an_unclosed_string_is_pointed_out(supple_home, tmp_path):
    path = tmp_path / "open.toml"
    path.write_text('name = "Open\n[[steps]]\nname = "A"\nduration = 5\n')
    result = supple("check", str(path), home=supple_home)
    assert "open.toml:1:13: invalid TOML:" in result.stdout
    assert 'the " at column 8 opens a string that is not closed on its line' in result.stdout


def test_a_stem_of_yours_that_hides_a_bundled_one_is_pointed_out(supple_home):
    write_user_routine(supple_home, "quick-warmup", 'name = "My quick one"\n[[steps]]\nname = "A"\nduration = 5\n')
    result = supple("plan", "quick-warmup", home=supple_home)
    assert result.stdout.splitlines()[0] == "My quick one"
    assert "the bundled one is 'bundled:quick-warmup'" in result.stderr
    assert "bundled:" not in supple("plan", "user:quick-warmup", home=supple_home).stderr


@pytest.mark.parametrize(
    "command",
    [["list"], ["plan", "quick-warmup"], ["plan", "quick-warmup", "--json"], ["history"], ["history", "--csv"]],
)
def test_output_to_a_full_disk_is_a_clear_error(command, supple_home):
    env = os.environ | {"SUPPLE_HOME": str(supple_home), "COLUMNS": "120"}
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [console_script(), *command], stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=60
        )
    assert result.returncode == 1
    assert result.stderr == "supple: could not write the output: No space left on device\n"


def test_a_ref_of_the_wrong_source_suggests_the_one_there_is_not_itself(supple_home):
    result = supple("plan", "user:quick-warmup", home=supple_home)
    assert result.returncode == 1 and "did you mean 'bundled:quick-warmup'?" in result.stderr
    typo = supple("plan", "bundled:quick-warmpu", home=supple_home)
    assert "did you mean 'bundled:quick-warmup'?" in typo.stderr


def test_a_plan_rounds_every_time_it_shows_by_one_rule(supple_home, tmp_path):
    """Half seconds go up, everywhere: the get-ready of 3.5 s is 4 s and the step after it starts at 0:04
    (it said 4 s, then 0:03); 28.5 s is 29 s as 42.5 s is 43 s; Done is at the total the last line says."""
    path = tmp_path / "halves.toml"
    path.write_text(
        'name = "Halves"\nprep = "3.5s"\ntransition = "2.5s"\n'
        '[[steps]]\nname = "March"\nduration = "28.5s"\n[[steps]]\nname = "Fold"\nduration = "42.5s"\n'
    )
    lines = supple("plan", str(path), home=supple_home).stdout.splitlines()
    rows = [line.split() for line in lines[3:8]]
    assert rows[0][:3] == ["0:00", "Get", "ready"] and rows[0][-2:] == ["4", "s"]
    assert rows[1][:2] == ["0:04", "March"] and rows[1][-2:] == ["29", "s"]  # 3.5 s in, 28.5 s long
    assert rows[2][0] == "0:32" and rows[2][-2:] == ["3", "s"]  # 32 s in: the next up, 2.5 s
    assert rows[3][:2] == ["0:35", "Fold"] and rows[3][-2:] == ["43", "s"]  # 34.5 s in
    assert rows[4][:2] == ["1:17", "Done"]  # 77 s
    assert lines[-1] == "Total: 1 min 17 s"


def test_plan_at_a_scale_previews_its_length_and_starts_no_build_up(supple_home):
    """`supple plan ROUTINE --scale X` shows the plan at X, over a build-up, and changes nothing in the log."""
    assert supple("build-up", "quick-warmup", "--start", "0.8", home=supple_home).returncode == 0
    shown = supple("plan", "quick-warmup", "--scale", "0.7", home=supple_home)
    assert shown.returncode == 0
    assert "Total: 3 min 33 s" in shown.stdout  # 4 min 58 s at 100 %
    assert "At 70 % (--scale 0.7), a preview: no session is started; the build-up stays at 80 %" in shown.stdout
    assert "Trunk rotation: 7 reps x 3 s (10 at 100 %)" in shown.stdout
    again = supple("plan", "quick-warmup", home=supple_home).stdout
    assert "At 80 %, the build-up's scale for the next session" in again  # untouched
    refused = supple("plan", "quick-warmup", "--scale", "3", home=supple_home)
    assert refused.returncode == 1 and "must be between 0.5 and 2.0, got 3" in refused.stderr
