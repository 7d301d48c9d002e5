"""The keep-awake: asked off the event loop, held once, released once, never waited on for ever."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.session.keep_awake import KeepAwake, Recording, Wakepy
from tests import processes


def test_held_once_and_released_once_on_its_own_thread():
    backend = Recording()
    threads: list[str] = []
    keep = KeepAwake(backend, lambda held, why: threads.append(threading.current_thread().name))
    keep.want(True)
    keep.want(True)  # asked again while held: nothing more
    assert keep.settle(5) and backend.held and keep.held and keep.why == ""
    keep.want(False)
    keep.want(False)
    assert keep.settle(5)
    assert backend.asked == ["hold", "release"] and not backend.held
    assert threads == ["supple-keep-awake", "supple-keep-awake"]  # never the caller's (the event loop)
    keep.close()


def test_never_asked_means_no_thread_and_nothing_to_release():
    backend = Recording()
    keep = KeepAwake(backend)
    keep.want(False)
    keep.close()
    assert backend.asked == [] and keep._thread is None


def test_held_back_until_started_so_the_first_frame_draws_first():
    backend = Recording()
    keep = KeepAwake(backend, hold=True)
    keep.want(True)
    assert keep.settle(5) and backend.asked == [] and keep._thread is None  # noted, not acted on
    keep.start()
    assert keep.settle(5) and backend.asked == ["hold"] and keep.held
    keep.close()
    assert backend.asked == ["hold", "release"]


def test_a_wish_withdrawn_before_the_start_is_never_acted_on():
    backend = Recording()
    keep = KeepAwake(backend, hold=True)
    keep.want(True)
    keep.want(False)
    keep.start()
    keep.close()
    assert backend.asked == [] and keep._thread is None


def test_a_backend_that_cannot_says_why_and_is_asked_again_next_time():
    backend = Recording(works=False)
    reports: list[tuple[bool, str]] = []
    keep = KeepAwake(backend, lambda held, why: reports.append((held, why)))
    keep.want(True)
    assert keep.settle(5)
    assert not keep.held and keep.why == "a recording that cannot" and reports == [(False, "a recording that cannot")]
    keep.want(False)
    keep.want(True)
    assert keep.settle(5) and backend.asked == ["hold", "hold"]  # nothing held, so nothing released between
    keep.close()


def test_close_releases_and_a_hung_backend_does_not_hold_the_exit():
    class Hung(Recording):
        def release(self) -> None:
            gate.wait(30)  # a D-Bus call that never answers
            super().release()

    gate = threading.Event()
    keep = KeepAwake(Hung())
    keep.want(True)
    assert keep.settle(5)
    keep.close(timeout=0.2)  # returns: the thread is a daemon, left to the process's end
    assert keep._thread is not None and keep._thread.daemon and keep._thread.is_alive()
    gate.set()
    keep._thread.join(5)
    assert keep.backend.asked == ["hold", "release"]


def wait_for(path, text: str, seconds: float = 10.0) -> str:
    """The file's text once it holds `text` (the service writes as it goes)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = path.read_text() if path.exists() else ""
        if text in found:
            return found
        time.sleep(0.02)
    raise AssertionError(f"{text!r} never came; the file: {path.read_text() if path.exists() else '(none)'}")


@pytest.fixture
def screensaver(tmp_path, monkeypatch):
    """A private D-Bus session bus with a stand-in ScreenSaver on it; the file its calls are written to."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.fail("dbus-daemon is not installed (CI installs it: apt-get install dbus)")
    socket = tmp_path / "bus"
    bus = processes.popen(
        [daemon, "--session", "--nofork", "--print-address=1", f"--address=unix:path={socket}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    address = bus.stdout.readline().strip()  # printed once it listens
    assert address.startswith("unix:"), address
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    calls = tmp_path / "calls.log"
    service = processes.popen([sys.executable, str(Path(__file__).with_name("screensaver_service.py")), str(calls)])
    try:
        wait_for(calls, "ready")
        yield calls
    finally:
        for process in (service, bus):
            process.terminate()
            process.wait(5)


def test_wakepy_for_real_inhibits_the_screensaver_and_lets_it_go(screensaver):
    """The real call, over a real bus, to a service that answers as a desktop's does."""
    keep = KeepAwake(Wakepy())
    keep.want(True)
    assert keep.settle(10) and keep.held and keep.why == ""
    assert "Inhibit wakepy -> 1" in wait_for(screensaver, "Inhibit")
    keep.want(False)
    assert keep.settle(10) and not keep.held
    assert "UnInhibit 1" in wait_for(screensaver, "UnInhibit")
    keep.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="elsewhere wakepy needs no bus: a way is always there")
def test_wakepy_without_a_way_says_why_and_holds_nothing(monkeypatch):
    """No session bus (a server, a bare tty): wakepy finds no way, and says which it tried."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    backend = Wakepy()
    why = backend.hold()
    assert why.startswith("none of the ways tried worked (org.freedesktop.ScreenSaver"), why
    assert backend._mode is None
