"""Keeping the screen awake while a session runs, so a laptop on a bench does not dim and lock mid-cooldown.

The platform's part (wakepy's keep.presenting: D-Bus on Linux, the power API elsewhere) can take a while
or hang on a broken bus, so it runs on a thread of its own, never on the event loop; wakepy also wants a
mode entered and left on one thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Protocol

PAUSE_AWAKE = 180.0  # seconds a pause keeps the screen awake (a drink, a re-rack); then it may sleep


class Backend(Protocol):
    """The platform's keep-awake."""

    def hold(self) -> str:
        """Keep the screen awake; "" when it is, else why it cannot."""

    def release(self) -> None:
        """Let the screen sleep again."""


class Wakepy:
    """wakepy's keep.presenting: no idle sleep, no screen saver, no dimming."""

    def __init__(self) -> None:
        self._mode = None

    def hold(self) -> str:
        try:
            from wakepy import keep
        except ImportError:  # installed without its dependencies, say
            return "wakepy is not installed"
        mode = keep.presenting(on_fail="pass")
        try:
            mode.__enter__()
        except Exception as error:  # a bus that answers nonsense: the session runs on regardless
            return f"wakepy failed: {error}"
        if mode.active:
            self._mode = mode
            return ""
        tried = [method.method_name for method in mode.result.list_methods()]
        mode.__exit__(None, None, None)
        return f"none of the ways tried worked ({', '.join(tried)})" if tried else "no way is known on this system"

    def release(self) -> None:
        mode, self._mode = self._mode, None
        if mode is not None:
            mode.__exit__(None, None, None)


class Recording:
    """A backend that only keeps what was asked: for tests, and where keeping awake is not wanted."""

    def __init__(self, works: bool = True) -> None:
        self.works = works
        self.held = False
        self.asked: list[str] = []  # "hold" and "release", in order

    def hold(self) -> str:
        self.asked.append("hold")
        self.held = self.works
        return "" if self.works else "a recording that cannot"

    def release(self) -> None:
        self.asked.append("release")
        self.held = False


class KeepAwake:
    """Asks its backend to keep the screen awake, or to let it sleep, on a thread of its own.

    `report(held, why)` is called on that thread after each change: `held` False with a `why` when the
    screen could not be kept awake while wanted.
    """

    def __init__(self, backend: Backend, report: Callable[[bool, str], None] | None = None, hold: bool = False) -> None:
        self.backend = backend
        self.report = report or (lambda held, why: None)
        self.wanted = False
        self.held = False
        self.why = ""  # why the screen could not be kept awake, when it could not
        self._queue: queue.SimpleQueue[bool | threading.Event | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        # Until start(): wishes are noted, not acted on. wakepy's imports take some 50 ms of the GIL, which
        # `supple run` would otherwise spend beside its first frame.
        self._held_back = hold

    def start(self) -> None:
        """Act on what is wanted from now on; returns at once."""
        if self._held_back:
            self._held_back = False
            if self.wanted:
                self._ask(True)

    def want(self, awake: bool) -> None:
        """Keep the screen awake, or not; returns at once. Safe in a signal handler (SimpleQueue.put is)."""
        if awake == self.wanted:
            return
        self.wanted = awake
        if not self._held_back:
            self._ask(awake)

    def _ask(self, awake: bool) -> None:
        if self._thread is None:
            if not awake:
                return  # never held: nothing to release
            self._thread = threading.Thread(target=self._run, name="supple-keep-awake", daemon=True)
            self._thread.start()
        self._queue.put(awake)

    def settle(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds until what was asked so far is done; True when it is."""
        if self._thread is None:
            return True
        done = threading.Event()
        self._queue.put(done)
        return done.wait(timeout)

    def close(self, timeout: float = 1.0) -> None:
        """Let the screen sleep and end the thread, waiting `timeout` seconds at most (a hung bus is left)."""
        self.want(False)
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, threading.Event):
                item.set()
            elif item and not self.held:
                why = self.backend.hold()
                self.held, self.why = not why, why
                self.report(self.held, why)
            elif not item and self.held:
                self.backend.release()
                self.held, self.why = False, ""
                self.report(False, "")
