"""The check-in and the build-up in a real terminal (tmux on a private socket), on a real log."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from tests.test_cli import console_script, supple
from tests.test_terminal import Tmux

ROUTINE = 'name = "Tiny"\nprep = 0\n[[steps]]\nname = "Hold"\nduration = "2s"\n'


@pytest.fixture
def run(tmp_path, supple_home):
    """Start `supple ARGS` in tmux; the shell stays after it ends, so its last screen can be read."""
    routine = tmp_path / "tiny.toml"
    routine.write_text(ROUTINE)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")} | {
        "SUPPLE_HOME": str(supple_home),
        "TERM": "xterm-256color",
    }
    started = []

    def start(*args: str) -> Tmux:
        line = " ".join([console_script(), *[str(routine) if a == "{tiny}" else a for a in args]])
        session = Tmux(f"supple-care-{os.getpid()}-{len(started)}", f"{line}; echo EXIT=$?; sleep 600", env)
        started.append(session)
        return session

    yield start
    for session in started:
        session.close()


def gone(tmux: Tmux, text: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while text in tmux.screen():
        assert time.monotonic() < deadline, f"{text!r} stayed:\n{tmux.screen()}"
        time.sleep(0.1)


def checkins(home) -> list[tuple]:
    with sqlite3.connect(home / "data" / "supple.db") as conn:
        return conn.execute("SELECT pain, session_id FROM checkins ORDER BY id").fetchall()


def test_a_session_ends_with_the_check_in_digits_ten_and_esc(run, supple_home):
    for keys, pain in ((("7",), 7), (("t",), 10), ((), None)):
        tmux = run("run", "{tiny}")
        tmux.wait_for("How does your back feel after Tiny?")
        tmux.keys(*keys, "Enter" if keys else "Escape")
        gone(tmux, "How does your back feel")  # the summary is behind the dialog all along
        screen = tmux.wait_for("ROUTINE COMPLETE")
        if pain is not None:
            screen = tmux.wait_for(f"Check-in: pain {pain}")
        if pain == 7:
            assert "Warning sign: pain of 7 or more (7)" in screen and "see a doctor" in " ".join(screen.split())
        tmux.keys("Enter")  # started from the shell: back to it
        assert "EXIT=0" in tmux.wait_for("EXIT=")
        tmux.close()
        if pain == 7:  # the routines' top line carries the warning while it holds
            picker = run()
            picker.wait_for("⚠ Warning sign: pain of 7 or more (7). Take a break and see a doctor.")
            picker.keys("q")
            assert "EXIT=0" in picker.wait_for("EXIT=")
            picker.close()
    assert checkins(supple_home) == [(7, 1), (10, 2)]  # Esc stored nothing


def test_a_build_up_sets_the_session_s_scale_and_scale_overrides_it_once(run, supple_home):
    assert supple("build-up", "quick-warmup", "--start", "0.7", home=supple_home).returncode == 0
    tmux = run("run", "quick-warmup")
    tmux.wait_for("70 % building up", "Step 1 of 7")  # all of it: a screen is painted in parts
    time.sleep(2)  # under way (a session stopped before its first sound has nothing to check in about)
    tmux.keys("q")
    tmux.wait_for("Stop this session?")
    tmux.keys("y")
    tmux.wait_for("How does your back feel")
    tmux.keys("Escape")
    gone(tmux, "How does your back feel")
    tmux.wait_for("SESSION STOPPED")
    tmux.keys("Enter")  # back to the shell
    tmux.wait_for("EXIT=")
    tmux.close()
    tmux = run("run", "quick-warmup", "--scale", "0.9")
    # A toast, wrapped where it must be; it sits over the clock: its words come between the digits.
    screen = tmux.wait_for("--scale 0.9 for this session;", "at 70 %", "90 %")
    assert "90 %" in screen.splitlines()[0] and "building up" not in screen.splitlines()[0]


def test_down_and_enter_typed_at_once_start_the_routine_moved_to(run):
    tmux = run()  # the picker
    tmux.wait_for("pick a routine")
    tmux.keys("Down", "Enter")  # one write: a priority Enter would start Quick warm-up, still highlighted
    screen = tmux.wait_for("Step 1 of", "Post-lift cooldown")
    assert "Post-lift cooldown" in screen.splitlines()[0]
