"""The command-line players cannot pile up: a time limit, one of each sound, and stderr nobody must read."""

from __future__ import annotations

import time

import pytest

from app.sound import system_players
from app.sound.system import Scratch
from app.sound.system_players import Command

FLOOD = """#!/bin/sh
# A player that writes a megabyte of complaints, then ends as the test says.
yes "ALSA lib: a complaint" | head -c 1048576 >&2
echo >&2
echo "aplay: the last line says why" >&2
{then}
"""


def player(tmp_path, monkeypatch, then: str) -> Command:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "aplay"
    script.write_text(FLOOD.format(then=then))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    return Command("aplay", Scratch())


def wait_until(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"never happened in {seconds:g} s")


@pytest.fixture
def stopped_after():
    started: list[Command] = []
    yield started.append
    for command in started:
        for process, _, _ in command._running:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)
        command._scratch.remove()


def test_a_player_that_floods_its_stderr_still_ends_and_says_why(tmp_path, monkeypatch, stopped_after):
    command = player(tmp_path, monkeypatch, "exit 3")
    stopped_after(command)
    command.play(b"\0\0" * 100)
    wait_until(lambda: command.alive() == 0)  # a pipe nobody read would have held it for ever
    assert command.failed() == "stopped working: aplay: the last line says why"


def test_hung_players_are_one_a_sound_and_killed_at_their_time_limit(tmp_path, monkeypatch, stopped_after):
    monkeypatch.setattr(system_players, "PLAYER_LIMIT", 1.0)
    command = player(tmp_path, monkeypatch, "exec sleep 60")
    stopped_after(command)
    for _ in range(5):
        command.play(b"\1\0" * 100)  # the same cue again and again
    command.play(b"\2\0" * 100)  # and another
    assert command.alive() <= 2
    wait_until(lambda: command.alive() == 0)
    assert "did not finish a sound within 1 s" in command.failed()
