"""The README's table of exit statuses, each example run through the real `supple` script."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests import processes
from tests.test_cli import console_script

README = (Path(__file__).parent.parent / "README.md").read_text()


def table_rows() -> list[tuple[str, list[str]]]:
    """(status, the examples) for each row of the exit-status table."""
    lines = README[README.index("| status | when | for example |") :].splitlines()[2:]
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        status, _, examples = (cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:4])
        rows.append((status, [e.replace("\\|", "|") for e in re.findall(r"`([^`]+)`", examples)]))
    return rows


ROWS = table_rows()
EXAMPLES = [(int(status), example) for status, examples in ROWS if status.isdigit() for example in examples]


@pytest.fixture
def place(tmp_path, supple_home):
    """A folder to run in, with a broken routine and a good one, and a training log that holds a check-in."""
    (tmp_path / "broken.toml").write_text('name = "Broken"\n[[steps]]\nname = "a"\nduraton = 5\n')
    (tmp_path / "shared.toml").write_text('name = "Shared"\n[[steps]]\nname = "a"\nduration = 5\n')
    env = os.environ | {"SUPPLE_HOME": str(supple_home), "COLUMNS": "120"}
    made = subprocess.run([console_script(), "checkin", "2"], capture_output=True, text=True, env=env, timeout=60)
    assert made.returncode == 0, made.stderr
    return tmp_path, env


def run(example: str, cwd: Path, env: dict) -> tuple[int, str, str]:
    """Run a README example: `supple ...`, `supple ... | head -1` (a reader that stops at once: its end of
    the pipe is closed before anything is written) or `supple ... > /dev/full`."""
    command, _, rest = example.partition(" | ")
    command, _, target = command.partition(" > ")
    args = [console_script(), *shlex.split(command)[1:]]
    if rest:
        assert rest == "head -1"
        process = processes.popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env)
        process.stdout.close()  # the reader is gone before the first line
        err = process.stderr.read().decode()
        return process.wait(60), "", err
    if target:
        with open(target, "w") as out:
            done = subprocess.run(args, stdout=out, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env, timeout=60)
        return done.returncode, "", done.stderr
    done = subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=env, timeout=60)
    return done.returncode, done.stdout, done.stderr


def test_the_table_has_every_status_and_an_example_for_every_command():
    assert [status for status, _ in ROWS] == ["0", "1", "2", "130", "128 + N"]
    commands = set(re.findall(r"^    ([a-z-]+)(?:  |\n)", console_help(), re.MULTILINE))
    assert len(commands) >= 10
    shown = {shlex.split(example)[1] for _, example in EXAMPLES}
    assert commands <= shown, f"no example for {commands - shown}"


def console_help() -> str:
    return subprocess.run([console_script(), "--help"], capture_output=True, text=True, timeout=60).stdout


@pytest.mark.parametrize(("status", "example"), EXAMPLES, ids=[e for _, e in EXAMPLES])
def test_each_example_exits_as_the_table_says(status, example, place):
    cwd, env = place
    got, out, err = run(example, cwd, env)
    assert got == status, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    if example.endswith("| head -1"):
        assert err == ""  # the reader's choice: nothing to say
    if example.endswith("> /dev/full"):
        assert err == "supple: could not write the output: No space left on device\n"
    if status == 1 and not example.endswith("/dev/full"):
        # Says what is wrong (`check` lists the problems on stdout), not how to type the command.
        assert (out + err).strip() and "usage:" not in err
    if status == 2:
        assert err.strip()


@pytest.mark.parametrize("command", ["list", "plan quick-warmup --json", "new", "sound-check", "history --csv"])
def test_an_option_a_command_does_not_know_shows_that_commands_usage(command, place):
    cwd, env = place
    got, _, err = run(f"supple {command} --nope", cwd, env)
    name = command.split()[0]
    assert got == 2 and err.startswith(f"usage: supple {name} ") and "unrecognized arguments: --nope" in err, err
