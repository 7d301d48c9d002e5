"""What a test starts (tmux servers, PulseAudio, players, the app in a pty) is stopped when the test ends,
passed or failed: conftest's autouse fixture calls stop_all() after every other fixture's teardown."""

from __future__ import annotations

import os
import signal
import subprocess
from typing import Protocol


class Closable(Protocol):
    def close(self) -> None: ...


started: list[subprocess.Popen | Closable] = []


def popen(args: list[str], **options) -> subprocess.Popen:
    """subprocess.Popen, in a session of its own (a signal a test sends it never reaches pytest), stopped at
    the end of the test."""
    options.setdefault("start_new_session", True)
    process = subprocess.Popen(args, **options)
    started.append(process)
    return process


def track(thing: Closable) -> Closable:
    """Close `thing` (a tmux server, say) at the end of the test, if the test has not."""
    started.append(thing)
    return thing


def stop_all() -> list[str]:
    """Stop whatever is still running, newest first; what had to be killed."""
    killed = []
    while started:
        thing = started.pop()
        if not isinstance(thing, subprocess.Popen):
            thing.close()
            continue
        if thing.poll() is None:
            killed.append(str(thing.args))
            try:
                if os.getpgid(thing.pid) == thing.pid:  # its own session: its children go with it
                    os.killpg(thing.pid, signal.SIGKILL)
                else:
                    thing.kill()
            except ProcessLookupError:
                pass
        try:
            thing.wait(5)
        except subprocess.TimeoutExpired:
            killed.append(f"{thing.args} (would not end)")
    return killed
