"""Huge numbers, special files, links and unreadable folders: located errors, never a hang or a traceback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from app import paths
from app.routine import library
from app.routine.errors import RoutineError
from app.routine.library import load_library, scan
from app.routine.routine_file import load_routine
from tests.conftest import routine_from
from tests.test_cli import console_script, supple, write_user_routine

GOOD = 'name = "Good"\n[[steps]]\nname = "a"\nduration = 5\n'
BIG = "9" * 309  # float() of this overflows
HUGER = "9" * 5000  # tomllib and int() refuse past 4300 digits


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        routine_from(text, "r.toml")
    return [str(p) for p in caught.value.problems]


STEP = 'name = "R"\n[[steps]]\nname = "a"\n'
FIELDS = {
    "duration": (STEP + "duration = {n}\n", 'r.toml:4:1: steps[1] "a": duration must be between 1s and 60m, got '),
    "duration clock": (
        STEP + 'duration = "{n}:00"\n',
        'r.toml:4:1: steps[1] "a": duration must be between 1s and 60m, got "',
    ),
    "duration units": (
        STEP + 'duration = "{n}m"\n',
        'r.toml:4:1: steps[1] "a": duration must be between 1s and 60m, got "',
    ),
    "duration seconds": (
        STEP + 'duration = "{n}"\n',
        'r.toml:4:1: steps[1] "a": duration must be between 1s and 60m, got "',
    ),
    "tempo": (STEP + "reps = 5\ntempo = {n}\n", 'r.toml:5:1: steps[1] "a": tempo must be between 1s and 1m, got '),
    "rest": (
        STEP + "duration = 5\nsets = 2\nrest = {n}\n",
        'r.toml:6:1: steps[1] "a": rest must be between 0s and 10m, got ',
    ),
    "reps": (STEP + "reps = {n}\n", 'r.toml:4:1: steps[1] "a": reps must be between 1 and 500, got '),
    "sets": (STEP + "duration = 5\nsets = -{n}\n", 'r.toml:5:1: steps[1] "a": sets must be between 1 and 20, got -'),
    "prep": ('prep = "{n}s"\n' + STEP + "duration = 5\n", 'r.toml:1:1: prep must be between 0s and 10m, got "'),
    "transition": (
        "transition = {n}\n" + STEP + "duration = 5\n",
        "r.toml:1:1: transition must be between 0s and 10m, got ",
    ),
    "switch": ("switch = {n}.5\n" + STEP + "duration = 5\n", "r.toml:1:1: switch must be between 0s and 10m, got "),
}


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("digits", [16, 309, 4300])
def test_huge_numbers_in_every_field_are_located_errors(field, digits):
    template, start = FIELDS[field]
    (problem,) = problems(template.format(n="9" * digits))
    if field == "switch" and digits > 300:  # a float that large reads as inf
        start = "r.toml:1:1: switch must be a finite number of seconds, got inf"
    assert problem.startswith(start) and len(problem) < 200, problem


@pytest.mark.parametrize("where", ["reps = {n}\n", 'duration = "{n}:00"\ncues = [{n}]\n'])
def test_a_number_tomllib_refuses_is_located(where):
    text = STEP + where.format(n=HUGER)
    # Not the digits inside the string on line 4: the number tomllib refuses, on line 5.
    at = "4:8" if where.startswith("reps") else "5:9"
    assert problems(text) == [f"r.toml:{at}: invalid TOML: a number of 5000 digits is far too long"]


def test_one_huge_file_does_not_break_the_others(supple_home):
    write_user_routine(supple_home, "good", GOOD)
    write_user_routine(supple_home, "huge", STEP + f"duration = {BIG}\n")
    write_user_routine(supple_home, "huger", STEP + f"reps = {HUGER}\n")
    for args in (["list"], ["plan", "user:good"], ["check", str(supple_home / "routines")]):
        result = supple(*args, home=supple_home)
        assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    listing = supple("list", home=supple_home).stdout
    assert "good" in listing and "Broken routine files (2)" in listing and "far too long" in listing


def _special(folder: Path, kind: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "tty":
        path.symlink_to("/dev/tty")
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    return path


@pytest.mark.parametrize("kind", ["fifo", "tty", "zero", "folder"])
def test_special_files_are_skipped_with_a_reason(kind, supple_home):
    path = _special(paths.user_routines_dir(), kind)
    write_user_routine(supple_home, "good", GOOD)
    entries = {e.stem: e for e in scan(paths.user_routines_dir(), "user")}
    assert entries["good"].routine is not None
    assert "not a file; skipped" in str(entries[kind].error)
    with pytest.raises(RoutineError, match="not a file; skipped"):
        load_routine(path)


@pytest.mark.parametrize(
    "args", [["list"], ["check", "{folder}"], ["check", "{folder}/fifo.toml"], ["run", "user:fifo"]]
)
def test_the_cli_does_not_hang_on_a_fifo(args, supple_home):
    folder = paths.user_routines_dir()
    _special(folder, "fifo")
    write_user_routine(supple_home, "good", GOOD)
    result = supple(*[a.replace("{folder}", str(folder)) for a in args], home=supple_home)  # 60 s timeout
    assert "Traceback" not in result.stderr
    assert "a named pipe (FIFO), not a file; skipped" in result.stdout + result.stderr


def test_an_unreadable_folder_is_reported(monkeypatch, supple_home):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(library.os, "scandir", refuse)  # as root, no mode keeps a folder from being read
    (entry,) = scan(folder, "user")
    assert entry.routine is None and str(entry.error) == f"{folder}:1:1: cannot read this folder: Permission denied"


def test_a_routines_path_that_is_a_file_is_reported_by_list(supple_home):
    supple_home.mkdir(parents=True)
    (supple_home / "routines").write_text("not a folder")
    result = supple("list", home=supple_home)
    assert result.returncode == 0 and "cannot read this folder: Not a directory" in result.stdout


def test_a_link_knows_where_it_points(supple_home, tmp_path):
    elsewhere = tmp_path / "shared" / "theirs.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(GOOD)
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").symlink_to(elsewhere)
    (entry,) = [e for e in load_library() if e.source == "user"]
    assert entry.link_target == elsewhere and entry.routine.name == "Good"


def test_a_link_to_itself_is_a_broken_entry_and_deletes_as_a_link(supple_home):
    from app.routine.saving import delete_routine

    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    loop = folder / "loop.toml"
    loop.symlink_to("loop.toml")
    (entry,) = [e for e in load_library() if e.source == "user"]
    assert entry.routine is None and entry.link_target is not None  # no RuntimeError on the loop
    assert delete_routine(entry.path, folder, paths.trash_dir()) is None  # only the link goes
    assert not loop.is_symlink()


def test_a_kind_of_a_huge_hexadecimal_number_is_a_located_error():
    (problem,) = problems('name = "hx"\nkind = 0x' + "f" * 4000 + '\n[[steps]]\nname = "a"\nduration = 5\n')
    assert problem.startswith('r.toml:2:1: kind must be one of "warmup", "cooldown", "mobility", "other", got 30194')
    assert problem.endswith("(a number of 4817 digits)")


@pytest.mark.parametrize("query", ["x" * 5000, "~nosuchuser/x.toml", "~nosuchuser/x"])
def test_odd_names_on_the_command_line_are_clear_errors(query, supple_home):
    result = supple("plan", query, home=supple_home)
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stderr.startswith("supple: ")


def test_plan_of_a_fifo_says_what_it_is(supple_home, tmp_path):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    result = supple("plan", str(fifo), home=supple_home)
    assert result.returncode == 1 and "a named pipe (FIFO), not a file; skipped" in result.stderr


def test_file_names_that_are_not_utf8_are_shown_as_their_bytes(supple_home):
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    with open(os.path.join(os.fsencode(folder), b"b\xff\x9b2J.toml"), "w") as out:
        out.write(GOOD)
    env_locale = {"LC_ALL": "C.UTF-8"}
    for args in (["list"], ["list", "--json"], ["check", str(folder)]):
        result = subprocess.run(
            [console_script(), *args],
            capture_output=True,
            env=os.environ | env_locale | {"SUPPLE_HOME": str(supple_home)},
            timeout=60,
        )
        assert result.returncode in (0, 1) and b"Traceback" not in result.stderr
        assert b"\x9b" not in result.stdout and b"\xff" not in result.stdout  # no raw 8-bit bytes
        if args[0] == "list":
            assert b"b\\xff\\x9b2J" in result.stdout or b"b\\udcff\\udc9b2J" in result.stdout
