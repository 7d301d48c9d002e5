"""The system's own players, for when simpleaudio cannot play: a command-line player run once per sound
(paplay, pw-play, aplay, afplay), and winsound on Windows."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from app.sound.backends import PROBE_PCM, Backend, BackendFailed, run_probe
from app.sound.synth import to_wav
from app.sound.system import Scratch, last_line, which

PLAYER_LIMIT = 10.0  # seconds a player may run: a cue lasts under two, so one still going has hung
ERRORS_READ = 4096  # bytes of a player's stderr read when it ends: its last line says why it failed


class Command(Backend):
    """A system player run once per sound on a WAV file: paplay, pw-play, aplay, afplay.

    Players cannot pile up: each has a time limit, a sound started again stops its last player first, and
    a player's stderr goes to a file (a pipe nobody reads would block a player that writes much).
    """

    ARGS = {"paplay": [], "pw-play": [], "aplay": ["-q"], "afplay": []}

    def __init__(self, name: str, scratch: Scratch) -> None:
        self.name = name
        self._exe = which(name)
        if self._exe is None:
            raise BackendFailed("not found")
        self._scratch = scratch
        self._count = 0
        self._running: list[tuple[subprocess.Popen, float, str]] = []  # the player, when it began, its stderr file
        self._by_sound: dict[int, subprocess.Popen] = {}  # the last player of each sound
        self._why: str | None = None

    def _file(self, pcm: bytes) -> str:
        self._count += 1
        path = os.path.join(self._scratch.path(), f"sound-{self._count % 64}.wav")
        with open(path, "wb") as out:
            out.write(to_wav(pcm))
        return path

    def _start(self, pcm: bytes) -> tuple[subprocess.Popen, str]:
        sound = self._file(pcm)
        errors = sound[: -len(".wav")] + ".err"
        with open(errors, "wb") as err:
            process = subprocess.Popen(
                [self._exe, *self.ARGS[self.name], sound],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
        return process, errors

    def probe(self) -> None:
        status, errors = run_probe([self._exe, *self.ARGS[self.name], self._file(PROBE_PCM)])
        if status != 0:
            raise BackendFailed(last_line(errors) or f"exit status {status}")

    def play(self, pcm: bytes) -> object:
        self._reap()
        key = hash(pcm)
        last = self._by_sound.get(key)
        if last is not None and last.poll() is None:
            last.kill()  # the same cue again: one of each kind at most
        process, errors = self._start(pcm)
        self._running.append((process, time.monotonic(), errors))
        self._by_sound[key] = process
        return process

    def stop(self, handle: object) -> None:
        if isinstance(handle, subprocess.Popen) and handle.poll() is None:
            handle.terminate()

    def _reap(self) -> None:
        now = time.monotonic()
        for entry in list(self._running):
            process, began, errors = entry
            code = process.poll()
            if code is None:
                if now - began > PLAYER_LIMIT:
                    process.kill()  # hung: reaped on a later call, once it is gone
                    self._why = f"stopped working: {self.name} did not finish a sound within {PLAYER_LIMIT:g} s"
                continue
            self._running.remove(entry)
            for key, kept in list(self._by_sound.items()):
                if kept is process:
                    del self._by_sound[key]
            if code > 0:  # killed by our own stop() is a negative code, not a failure
                self._why = f"stopped working: {last_line(_tail(errors)) or f'exit status {code}'}"

    def alive(self) -> int:
        """How many players are still running."""
        self._reap()
        return sum(1 for process, _, _ in self._running if process.poll() is None)

    def failed(self) -> str | None:
        self._reap()
        return self._why


def _tail(path: str) -> bytes:
    """The end of a player's stderr file."""
    try:
        with open(path, "rb") as err:
            err.seek(max(0, os.fstat(err.fileno()).st_size - ERRORS_READ))
            return err.read()
    except OSError:
        return b""


class Winsound(Backend):
    name = "winsound"

    def __init__(self) -> None:
        if sys.platform != "win32":
            raise BackendFailed("only on Windows")
        import winsound

        self._module = winsound

    def probe(self) -> None:
        try:
            self._module.PlaySound(to_wav(PROBE_PCM), self._module.SND_MEMORY)
        except RuntimeError as error:
            raise BackendFailed(str(error)) from None

    def play(self, pcm: bytes) -> object:
        # SND_MEMORY cannot be asynchronous, so a thread waits instead of the helper's loop.
        thread = threading.Thread(target=self._module.PlaySound, args=(to_wav(pcm), self._module.SND_MEMORY))
        thread.daemon = True
        thread.start()
        return thread
