"""The keep-awake: asked off the event loop, held once, released once, never waited on for ever."""

from __future__ import annotations

import threading

import pytest

from app.session.keep_awake import KeepAwake, Recording, Wakepy


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


def test_wakepy_for_real_where_the_machine_has_a_way():
    """The real call: on a desktop it holds (and releases); here, without a D-Bus session bus or another method
    wakepy knows, it says why, and the test says so instead of passing."""
    backend = Wakepy()
    why = backend.hold()
    if why:
        pytest.skip(f"wakepy found no way to keep the screen awake on this machine ({why}); its refusal was handled")
    backend.release()
    assert backend._mode is None
