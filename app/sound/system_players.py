"""The system's own players, for when simpleaudio cannot play: a command-line player run once per sound
(paplay, pw-play, aplay, afplay), and winsound on Windows."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from app.sound.backends import PROBE_PCM, Backend, BackendFailed, run_probe
from app.sound.synth import to_wav
from app.sound.system import Scratch, last_line, which


class Command(Backend):
    """A system player run once per sound on a WAV file: paplay, pw-play, aplay, afplay."""

    ARGS = {"paplay": [], "pw-play": [], "aplay": ["-q"], "afplay": []}

    def __init__(self, name: str, scratch: Scratch) -> None:
        self.name = name
        self._exe = which(name)
        if self._exe is None:
            raise BackendFailed("not found")
        self._scratch = scratch
        self._count = 0
        self._running: list[subprocess.Popen] = []
        self._why: str | None = None

    def _file(self, pcm: bytes) -> str:
        self._count += 1
        path = os.path.join(self._scratch.path(), f"sound-{self._count % 64}.wav")
        with open(path, "wb") as out:
            out.write(to_wav(pcm))
        return path

    def _start(self, pcm: bytes) -> subprocess.Popen:
        return subprocess.Popen(
            [self._exe, *self.ARGS[self.name], self._file(pcm)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def probe(self) -> None:
        status, errors = run_probe([self._exe, *self.ARGS[self.name], self._file(PROBE_PCM)])
        if status != 0:
            raise BackendFailed(last_line(errors) or f"exit status {status}")

    def play(self, pcm: bytes) -> object:
        self._reap()
        process = self._start(pcm)
        self._running.append(process)
        return process

    def stop(self, handle: object) -> None:
        if isinstance(handle, subprocess.Popen) and handle.poll() is None:
            handle.terminate()

    def _reap(self) -> None:
        for process in list(self._running):
            code = process.poll()
            if code is None:
                continue
            self._running.remove(process)
            err = process.stderr.read() if process.stderr else b""
            if process.stderr:
                process.stderr.close()
            if code > 0:  # killed by our own stop() is a negative code, not a failure
                self._why = f"stopped working: {last_line(err) or f'exit status {code}'}"

    def failed(self) -> str | None:
        self._reap()
        return self._why


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
