"""A program in a pseudo-terminal, its output read through a terminal emulator (pyte), as a user sees it."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import termios
import time

import pyte


class Terminal:
    """Runs `command` in a `size` pty; `wait_for` reads until the emulated screen shows every marker."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        columns, rows = size
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, *markers: str, timeout: float = 30.0) -> float:
        """perf_counter() of the read that made the screen show all `markers`."""
        deadline = time.monotonic() + timeout
        while True:
            if all(marker in self.text() for marker in markers):
                return time.perf_counter()
            ready, _, _ = select.select([self.master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise RuntimeError(f"{markers} never showed; the screen:\n{self.text()}")
            chunk = os.read(self.master, 65536)
            read_at = time.perf_counter()  # emulating the chunk takes time that is not the program's
            self.stream.feed(chunk)
            if all(marker in self.text() for marker in markers):
                return read_at

    def drain(self, seconds: float) -> None:
        """Keep reading for `seconds`, so the program never blocks on its output."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.05)[0]:
                self.stream.feed(os.read(self.master, 65536))

    def send(self, data: bytes) -> float:
        """Type `data`; returns when it was sent."""
        os.write(self.master, data)
        return time.perf_counter()

    def close(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        os.close(self.master)


def spread(values: list[float], digits: int = 1) -> str:
    """ "median (min-max)" of a list of figures."""
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"
