"""`supple run` in a real terminal (tmux): read the screen, press keys, see it respond."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from tests import processes
from tests.test_cli import console_script

ROUTINE = """\
name = "Terminal test"
prep = "2s"
transition = "1s"

[[steps]]
name = "Arm swings"
duration = "30s"
cues = ["Stand tall"]

[[steps]]
name = "Leg swings"
duration = "30s"
sides = true
"""


class Tmux:
    """One tmux server on a private socket, with a 100x30 window running a command."""

    def __init__(self, socket: str, command: str, env: dict[str, str], size: tuple[int, int] = (100, 30)) -> None:
        if not shutil.which("tmux"):
            pytest.fail("tmux is not installed (CI installs it: apt-get install tmux)")
        self.base = ["tmux", "-L", socket]
        self.env = env
        processes.track(self)  # its server is killed at the test's end, whatever happens in the test
        for _attempt in range(3):  # a server starting on a loaded machine now and then fails to come up
            started = subprocess.run(
                [*self.base, "new-session", "-d", "-x", str(size[0]), "-y", str(size[1]), command],
                capture_output=True,
                text=True,
                env=env,
            )
            if started.returncode == 0:
                break
            self.close()
            time.sleep(0.5)
        else:
            pytest.fail(f"tmux did not start: {started.stderr}")

    def terminal_state(self) -> dict[str, str]:
        """What the program left the terminal in: alternate screen, mouse tracking, cursor shown."""
        names = ("alternate_on", "mouse_any_flag", "mouse_button_flag", "mouse_sgr_flag", "cursor_flag")
        values = self.run("display-message", "-p", " ".join(f"#{{{n}}}" for n in names)).split()
        return dict(zip(names, values))

    def run(self, *args: str) -> str:
        return subprocess.run([*self.base, *args], capture_output=True, text=True, env=self.env, check=True).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", *keys)

    def wait_for(self, *texts: str, timeout: float = 15.0) -> str:
        """The screen once it shows every one of `texts`: after fg, Textual repaints in parts, so one text
        on screen does not say the rest is there yet."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} did not all appear; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, env=self.env)


def terminal_env(supple_home) -> dict[str, str]:
    """The environment of Supple in tmux. No session bus: wakepy, for real, finds no way to keep the screen
    awake, whatever machine runs this."""
    outside = {k: v for k, v in os.environ.items() if not k.startswith("TMUX") and k != "DBUS_SESSION_BUS_ADDRESS"}
    return outside | {"SUPPLE_HOME": str(supple_home), "TERM": "xterm-256color"}


@pytest.fixture
def tmux(tmp_path, supple_home):
    routine = tmp_path / "terminal-test.toml"
    routine.write_text(ROUTINE)
    env = terminal_env(supple_home)
    # The shell stays after the app ends, so its last screen can still be read.
    session = Tmux(f"supple-test-{os.getpid()}", f"{console_script()} run {routine}; echo EXIT=$?; sleep 600", env)
    yield session
    session.close()


def body(screen: str) -> str:
    """The screen without its last line (the footer)."""
    return "\n".join(screen.splitlines()[:-1])


def test_run_in_a_real_terminal(tmux):
    # Each wait is for every text asserted on: a screen is painted in parts, and one text says little of the rest.
    tmux.wait_for("GET READY", "Terminal test", "Step 1 of 2", "Stand tall")
    tmux.wait_for("WORK", "Arm swings", "Next: Leg swings · left side")  # the 2 s prep ends by itself
    top = tmux.wait_for("screen may sleep").splitlines()[0]  # asked for on its thread; refused here, said
    assert top.startswith(" Step 1 of 2") and "screen may sleep" in top, top

    tmux.keys("space")
    paused = body(tmux.wait_for("PAUSED"))
    time.sleep(2.5)
    assert body(tmux.screen()) == paused  # the clock holds while paused

    tmux.keys("space")
    time.sleep(1.2)
    assert "PAUSED" not in tmux.screen() and body(tmux.screen()) != paused

    tmux.keys("n")
    tmux.wait_for("NEXT UP", "Leg swings")
    tmux.wait_for("LEFT SIDE", "Step 2 of 2")

    tmux.keys("n", "n", "n")  # switch, right side, end
    tmux.wait_for("How does your back feel")  # the check-in, over the summary
    tmux.keys("Escape")
    deadline = time.monotonic() + 10
    while "How does your back feel" in tmux.screen() and time.monotonic() < deadline:
        time.sleep(0.1)
    # Skipped through: not work done; arm swings cut short with n, leg swings passed over at once.
    tmux.wait_for(
        "NOT COUNTED AS DONE",
        "Steps done  0 of 2",
        "Part done   Arm swings",
        "Skipped     Leg swings",
        "You reached the end with",
        "Back to the shell",
    )
    tmux.keys("Enter")  # `supple run`: one session, then the shell, not on into the list of routines
    assert "EXIT=0" in tmux.wait_for("EXIT=")


def test_create_a_routine_in_a_real_terminal(tmp_path, supple_home):
    env = terminal_env(supple_home)
    session = Tmux(f"supple-edit-{os.getpid()}", f"{console_script()} new; echo EXIT=$?; sleep 600", env)
    try:
        session.wait_for("New routine, not saved yet")
        session.keys("-l", "Tmux cooldown")  # the name field has the focus
        session.wait_for("ready to save")
        session.keys("C-s")  # raw mode: ctrl+s reaches the app, not the terminal's flow control
        session.wait_for("Editing tmux-cooldown.toml")
        saved = supple_home / "routines" / "tmux-cooldown.toml"
        assert 'name = "Tmux cooldown"' in saved.read_text()
        session.keys("Escape")  # saved: closes, and `supple new` goes back to the shell
        assert "EXIT=0" in session.wait_for("EXIT=")
    finally:
        session.close()


def test_a_quick_timer_runs_in_a_real_terminal_and_is_logged(supple_home):
    """`supple timer 2x2s/1s --prep 1s`: two rounds with a rest between, the summary, back to the shell, and
    the session in the log under the timer's name; a form it does not know is refused with the forms."""
    supple_home.mkdir(parents=True, exist_ok=True)
    (supple_home / "config.toml").write_text("checkin = false\n")
    env = terminal_env(supple_home)
    session = Tmux(
        f"supple-timer-{os.getpid()}", f"{console_script()} timer 2x2s/1s --prep 1s; echo EXIT=$?; sleep 600", env
    )
    try:
        session.wait_for("Timer 2x2s/1s")
        session.wait_for("ROUTINE COMPLETE", "Planned     0:06", "Steps done  1 of 1")  # 1 + 2 + 1 + 2 s
        session.keys("Enter")
        assert "EXIT=0" in session.wait_for("EXIT=")
    finally:
        session.close()
    logged = subprocess.run(
        [console_script(), "history", "--csv"], capture_output=True, text=True, env=env, timeout=60
    ).stdout
    assert "timer:2x2s/1s --prep 1s,Timer 2x2s/1s" in logged and "completed" in logged
    refused = subprocess.run(
        [console_script(), "timer", "8x30s/forever"], capture_output=True, text=True, env=env, timeout=60
    )
    assert refused.returncode == 1
    assert refused.stderr.startswith("supple timer: rest 'forever' is not a length") and "tabata" in refused.stderr
