"""Every way out leaves the terminal as it was: signals, Ctrl+C, Ctrl+Z and fg, a crash; in tmux."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests import processes
from tests.test_cli import console_script
from tests.test_terminal import ROUTINE, Tmux

RESTORED = {
    "alternate_on": "0",
    "mouse_any_flag": "0",
    "mouse_button_flag": "0",
    "mouse_sgr_flag": "0",
    "cursor_flag": "1",
}


@pytest.fixture
def terminal(tmp_path, supple_home):
    """Starts a command in tmux; the command's PID lands in `pid`, its exit status on the screen."""
    routine = tmp_path / "terminal-test.toml"
    routine.write_text(ROUTINE)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")} | {
        "SUPPLE_HOME": str(supple_home),
        "TERM": "xterm-256color",
        "TMPDIR": str(scratch),
        # No ALSA device, as on CI: the helper goes on to a command-line player, which makes a scratch folder.
        "ALSA_CONFIG_PATH": "/nonexistent",
    }
    sessions = []

    def start(command: str, interactive: bool = False) -> Tmux:
        """Run `command` ("{routine}" stands for a short routine file's path)."""
        command = command.replace("{routine}", str(routine))
        pidfile = tmp_path / "pid"
        if interactive:
            shell = "env PS1=READY\\$ bash --norc --noprofile -i"
        else:
            shell = f"sh -c 'echo $$ > {pidfile}; exec {command}'; echo EXIT=$?; sleep 600"
        session = Tmux(f"supple-signals-{os.getpid()}-{len(sessions)}", shell, env)
        sessions.append(session)
        session.pidfile, session.scratch = pidfile, scratch
        return session

    yield start
    for session in sessions:
        session.close()


def routine_path(session) -> Path:
    return session.pidfile.with_name("terminal-test.toml")


def pid_of(session) -> int:
    for _ in range(100):
        if session.pidfile.exists() and session.pidfile.read_text().strip():
            return int(session.pidfile.read_text())
        time.sleep(0.05)
    raise AssertionError("no pid")


def sound_folders(session) -> list[str]:
    return [p.name for p in Path(session.scratch).iterdir() if p.name.startswith("supple-sound-")]


@pytest.mark.parametrize(("number", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_signal_restores_the_terminal_and_exits_with_its_status(terminal, number, status):
    session = terminal(f"{console_script()} run {{routine}}")
    session.wait_for("GET READY")
    for _ in range(50):  # the sound helper starts once the first frame is drawn
        if sound_folders(session):
            break
        time.sleep(0.1)
    assert sound_folders(session), "the sound helper made no scratch folder"
    os.kill(pid_of(session), number)
    session.wait_for(f"EXIT={status}")
    assert session.terminal_state() == RESTORED
    for _ in range(100):
        if not sound_folders(session):
            break
        time.sleep(0.1)
    assert sound_folders(session) == []  # the helper cleaned up after itself


def test_ctrl_c_in_a_session_asks_and_a_second_quits_non_zero_restoring_the_terminal(terminal):
    session = terminal(f"{console_script()} run {{routine}}")
    session.wait_for("GET READY")
    session.keys("C-c")
    screen = session.wait_for("Stop this session?", "Ctrl+C again quits Supple")  # one slip never ends a session
    assert "EXIT=" not in screen
    session.keys("C-c")
    session.wait_for("EXIT=130")
    assert session.terminal_state() == RESTORED


def test_ctrl_c_in_the_list_quits_at_once_and_restores_the_terminal(terminal):
    session = terminal(console_script())
    session.wait_for("pick a routine")
    session.keys("C-c")
    session.wait_for("EXIT=0")
    assert session.terminal_state() == RESTORED


CRASH = (
    "import sys; import app.ui.screens.session as s; "
    "s.SessionScreen.render_view = lambda self: 1 / 0; "
    "from app.cli import main; sys.exit(main(['run', sys.argv[1]]))"
)


def test_a_crash_restores_the_terminal_and_exits_non_zero(terminal, tmp_path):
    script = tmp_path / "crash.py"
    script.write_text(CRASH.replace("; ", "\n"))
    session = terminal(f"{sys.executable} {script} {{routine}}")
    screen = session.wait_for("EXIT=")
    assert "EXIT=1" in screen and "ZeroDivisionError" in screen  # Textual shows the traceback after leaving
    assert session.terminal_state() == RESTORED


def test_ctrl_z_and_fg_bring_the_whole_screen_back(terminal):
    session = terminal("", interactive=True)
    session.wait_for("READY$")
    session.keys("-l", f"{console_script()} run {routine_path(session)}")
    session.keys("Enter")
    session.wait_for("GET READY")
    session.wait_for("WORK")  # the 2 s prep ends
    before = session.screen()
    session.keys("C-z")
    session.wait_for("Stopped")
    assert session.terminal_state()["alternate_on"] == "0"
    session.keys("-l", "fg")
    session.keys("Enter")
    expected = ("WORK", "Arm swings", "Step 1 of 2", "Stand tall", "Next: Leg swings", "PAUSED", "space  Resume")
    try:
        session.wait_for(*expected)
    except AssertionError as error:
        raise AssertionError(f"{error}\nbefore:\n{before}") from None


SHORT_STEPS = (
    'name = "Short steps"\nprep = "1s"\n[[steps]]\nname = "Hold"\nduration = "8s"\n'
    '[[steps]]\nname = "Then this"\nduration = "8s"\n'
)


def test_time_stopped_with_ctrl_z_is_not_counted_and_the_session_waits_paused(terminal, tmp_path):
    routine = tmp_path / "short-steps.toml"
    routine.write_text(SHORT_STEPS)
    session = terminal("", interactive=True)
    session.wait_for("READY$")
    session.keys("-l", f"{console_script()} run {routine}")
    session.keys("Enter")
    session.wait_for("WORK")
    session.keys("C-z")
    session.wait_for("Stopped")
    time.sleep(10)  # longer than the whole step: had it counted on, the step would be over
    session.keys("-l", "fg")
    session.keys("Enter")
    session.wait_for("PAUSED", "Hold", "Step 1 of 2", "WORK")  # repainted in parts after fg: all of it
    session.keys("q")
    session.wait_for("Stop this session?")
    session.keys("y")
    session.wait_for("How does your back feel")  # the check-in, over the summary
    session.keys("Escape")
    screen = session.wait_for("Actual")
    actual = next(line for line in screen.splitlines() if "Actual" in line)
    assert "0:0" in actual and int(actual.split("0:0")[1][0]) < 5, screen  # seconds run, not the 10 s stopped


def test_closing_the_terminal_window_ends_supple(terminal):
    # The window's pty goes away: SIGHUP, then every write fails; Supple must not wait for ever.
    session = terminal(f"{console_script()} run {{routine}}")
    session.wait_for("GET READY")
    pid = pid_of(session)
    session.close()  # tmux kill-server: the pane and its pty are gone
    for _ in range(100):
        if not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("supple was still running 10 s after its terminal closed")


def test_a_pty_closed_without_a_hangup_signal_ends_supple(tmp_path, supple_home):
    # A program (not a window) that ran Supple in a pty it opened, and died: no controlling terminal,
    # so no SIGHUP; only writes that fail. Supple must leave as after SIGHUP, not wait for ever.
    import pty

    routine = tmp_path / "terminal-test.toml"
    routine.write_text(ROUTINE)
    master, slave = pty.openpty()
    env = os.environ | {"SUPPLE_HOME": str(supple_home), "TERM": "xterm-256color", "ALSA_CONFIG_PATH": "/nonexistent"}
    process = processes.popen(
        [console_script(), "run", str(routine)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        seen, deadline = b"", time.monotonic() + 20
        while b"GET READY" not in seen and time.monotonic() < deadline:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
        assert b"GET READY" in seen
        os.close(master)
        assert process.wait(timeout=15) == 128 + signal.SIGHUP
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_signal_during_a_stuck_save_still_restores_the_terminal(terminal, supple_home):
    # Another Supple holds the folder's lock; this one's save waits, and SIGTERM comes meanwhile.
    import fcntl

    folder = supple_home / "routines"
    folder.mkdir(parents=True)
    (folder / "legs.toml").write_text('name = "Legs"\n[[steps]]\nname = "a"\nduration = 5\n')
    with open(folder / ".supple.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        session = terminal(f"{console_script()} edit user:legs")
        session.wait_for("Editing legs.toml")
        session.keys("End", "x", "C-s")
        time.sleep(0.5)
        session.keys("Escape")  # keys still work while the save waits: the leave dialog comes up
        session.wait_for("unsaved changes.")
        os.kill(pid_of(session), signal.SIGTERM)
        session.wait_for("EXIT=143", timeout=10)
    assert session.terminal_state() == RESTORED


def test_a_byte_that_is_not_utf8_ends_the_app_as_a_failure(terminal):
    # Textual's input thread cannot decode it and ends the app: the terminal comes back, and the
    # exit status says it failed.
    session = terminal(f"{console_script()} run {{routine}}")
    session.wait_for("GET READY")
    session.run("send-keys", "-H", "ff")
    screen = session.wait_for("EXIT=")
    assert "EXIT=1" in screen, screen
    assert session.terminal_state() == RESTORED


def test_killed_with_kill_9_then_supple_offers_to_resume_at_that_step(terminal, tmp_path):
    session = terminal(f"{console_script()} run {{routine}}")
    session.wait_for("WORK")  # the first step, after the 2 s get-ready
    session.keys("n")
    session.wait_for("Step 2 of 2")
    session.wait_for("LEFT SIDE")  # the second step's work: its start is written to the log
    time.sleep(0.5)
    os.kill(pid_of(session), signal.SIGKILL)
    session.wait_for("EXIT=137")
    again = terminal(console_script())
    again.wait_for("Terminal test was left unfinished")
    again.keys("r")
    # Held in a get-ready until the user is back.
    again.wait_for("Press Space when you are ready", "GET READY", "PAUSED", "Step 2 of 2", "Leg swings")
    again.keys("space")
    again.wait_for("LEFT SIDE", "Step 2 of 2", "Leg swings")
