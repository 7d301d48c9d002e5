"""Which player plays: the candidates for this system, tried in order until one plays a moment of silence."""

from __future__ import annotations

import sys

from app.sound.backends import Backend, BackendFailed, Simpleaudio
from app.sound.system import Scratch


def candidates() -> list[str]:
    """Player names in the order to try them on this system."""
    if sys.platform == "darwin":
        system = ["afplay"]
    elif sys.platform == "win32":
        system = ["winsound"]
    else:
        system = ["paplay", "pw-play", "aplay"]
    return ["simpleaudio", *system]


def make(name: str, scratch: Scratch) -> Backend:
    """Build a backend by name; raise BackendFailed when it is not available."""
    if name == "simpleaudio":
        return Simpleaudio()
    from app.sound import system_players  # only when simpleaudio fails: it brings subprocess along

    if name == "winsound":
        return system_players.Winsound()
    return system_players.Command(name, scratch)


def choose(skip: dict[str, str], scratch: Scratch) -> tuple[Backend | None, list[tuple[str, str]]]:
    """The first player that works, and every player skipped on the way with the reason."""
    skipped: list[tuple[str, str]] = []
    for name in candidates():
        if name in skip:
            skipped.append((name, skip[name]))
            continue
        try:
            backend = make(name, scratch)
            backend.probe()
        except BackendFailed as error:
            skipped.append((name, str(error)))
            continue
        except OSError as error:
            skipped.append((name, error.strerror or str(error)))
            continue
        return backend, skipped
    return None, skipped
