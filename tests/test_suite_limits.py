"""The suite cannot hang: every test has a time limit, and a test that outlives it fails with its stack."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SLEEPER = """\
import time


def test_sleeps_far_past_its_limit():
    time.sleep(40)  # the line the stack must point at


def test_after_it_still_runs():
    assert True
"""


def pytest_options() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]


def test_the_project_sets_a_default_limit_that_fails_only_the_test_that_hung():
    options = pytest_options()
    assert 0 < float(options["timeout"]) <= 120
    assert options["timeout_method"] == "signal"  # "thread" would end the whole run at the first hang


def test_a_test_past_the_limit_fails_with_the_stack_of_where_it_hung(tmp_path):
    (tmp_path / "test_sleeper.py").write_text(SLEEPER)
    # The project's own configuration, its limit shortened to 2 s: the setting's name and method are the
    # project's, so removing either (or the plugin) makes this test fail or hit its own bound.
    config = tmp_path / "pyproject.toml"
    text = (ROOT / "pyproject.toml").read_text()
    limit = f"timeout = {pytest_options()['timeout']}"
    assert limit in text
    config.write_text(text.replace(limit, "timeout = 2").replace('testpaths = ["tests"]', 'testpaths = ["."]'))
    began = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(config),
            "--rootdir",
            str(tmp_path),
            "-p",
            "no:cacheprovider",
            "-q",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=35,
        cwd=tmp_path,
    )
    took = time.monotonic() - began
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "Timeout" in out and "time.sleep(40)" in out, out
    assert "1 failed, 1 passed" in out, out  # the run went on after the test that hung
    assert took < 30, f"the run took {took:.0f} s"


def ci_lines() -> list[str]:
    return [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text()
    return next(line for line in readme.splitlines() if line.endswith("&& .venv/bin/python -m pytest"))


def test_ci_runs_ruff_check_and_format_on_lines_of_their_own_before_the_readmes_test_command():
    lines = ci_lines()
    tests_at = lines.index(readme_test_command())  # the README's command, exactly
    assert tests_at == len(lines) - 1  # last: its status is the script's
    ruff = [i for i, line in enumerate(lines) if "ruff" in line]
    assert [lines[i] for i in ruff] == [".venv/bin/ruff check .", ".venv/bin/ruff format --check ."]
    assert all(i < tests_at for i in ruff)


def test_the_code_passes_the_linter_as_ci_runs_it():
    for line in (line for line in ci_lines() if "ruff" in line):
        args = line.split()[1:]  # ".venv/bin/ruff check ." -> check .; run by this interpreter's ruff
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
        )
        assert done.returncode == 0, f"{line}:\n{done.stdout}{done.stderr}"


FAILS_WITH_A_CHILD = """\
import pytest

from tests import processes
from tests.test_terminal import Tmux


def test_starts_a_child_and_a_tmux_server_then_fails(tmp_path_factory):
    child = processes.popen(["sleep", "300"])
    Tmux(SOCKET, "sleep 300", {"PATH": "/usr/bin:/bin"})
    open(PIDFILE, "w").write(str(child.pid))
    assert False, "failed with its processes running"
"""


def test_what_a_failing_test_started_is_stopped(tmp_path):
    pidfile, socket = tmp_path / "pid", f"supple-limits-{os.getpid()}"
    test = tmp_path / "test_fails_with_a_child.py"
    test.write_text(f"SOCKET, PIDFILE = {socket!r}, {str(pidfile)!r}\n" + FAILS_WITH_A_CHILD)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider", "-q", str(test)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
        assert done.returncode == 1 and "failed with its processes running" in done.stdout, done.stdout
        pid = int(pidfile.read_text())
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # gone (reaped by the fixture, so not even a zombie)
        alive = subprocess.run(["tmux", "-L", socket, "list-sessions"], capture_output=True, timeout=10)
        assert alive.returncode != 0  # no server on that socket
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, timeout=10)


SELF_SIGNALS = re.compile(r"os\.killpg\(\s*(0|os\.getpgrp\(\)|os\.getpgid\(0\))|os\.kill\(\s*(0|-1|os\.getpid\(\))\s*,")


def test_no_test_signals_its_own_process_or_group():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if SELF_SIGNALS.search(line)
    ]
    assert not found, "a signal to pytest's own process or group stops the run: " + ", ".join(found)
