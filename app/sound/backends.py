"""The ways the helper process can make sound, each probed by really playing a moment of silence."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from app.sound.synth import RATE, to_wav
from app.sound.system import Scratch, which

PROBE_PCM = bytes(2 * RATE // 50)  # 20 ms of silence
PROBE_TIMEOUT = 3.0  # seconds a player may take to play 20 ms of silence before the next is tried


class BackendFailed(Exception):
    """A player that cannot make sound here; the message says why, for the user."""


class Backend:
    """Plays 16-bit mono PCM at RATE without waiting for it to end."""

    name = "?"

    def probe(self) -> None:
        """Play silence; raise BackendFailed when this player cannot work here."""
        raise NotImplementedError

    def play(self, pcm: bytes) -> object:
        """Start playing; return a handle for `stop`."""
        raise NotImplementedError

    def warm(self) -> None:
        """Make ready here, before the first cue, what the first sound would otherwise wait for."""

    def stop(self, handle: object) -> None:
        """Stop a sound early (speech that would run into a pip)."""

    def failed(self) -> str | None:
        """Why an earlier play failed, once it is known; None while all is well."""
        return None


class Simpleaudio(Backend):
    name = "simpleaudio"

    def __init__(self) -> None:
        try:
            import simpleaudio
        except ImportError:
            raise BackendFailed("not installed (pip install -e '.[sound]' in the checkout)") from None
        self._module = simpleaudio

    def probe(self) -> None:
        # In a child process: a frozen sound server holds play_buffer for ever, and with it the
        # interpreter's lock, so no thread here could wait for it with a time limit.
        # Opening the device and starting a sound is the test; waiting for 20 ms of silence to
        # drain would take 2 s through PulseAudio's ALSA plugin.
        code = f"import simpleaudio; simpleaudio.play_buffer(bytes({len(PROBE_PCM)}), 1, 2, {RATE}).stop()"
        try:
            result = subprocess.run([sys.executable, "-c", code], stdin=subprocess.DEVNULL, capture_output=True,
                                    timeout=PROBE_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise BackendFailed(f"did not finish playing 20 ms of silence within {PROBE_TIMEOUT:g} s") from None
        if result.returncode != 0:
            raise BackendFailed(f"cannot play: {_error_of(result.stderr)}")

    def warm(self) -> None:
        # The sound system's libraries and configuration load at the first sound a process plays
        # (70-100 ms through PulseAudio's ALSA plugin): a moment of silence now, so "ready" is on time.
        # Stopped at once, as the probe does: opening is what loads them, and a stream left to drain
        # would still be open when the first cue starts.
        self.stop(self.play(PROBE_PCM))

    def play(self, pcm: bytes) -> object:
        try:
            return self._module.play_buffer(pcm, 1, 2, RATE)
        except Exception as error:
            self._why = f"stopped working: {error}"
            return None

    def stop(self, handle: object) -> None:
        if handle is not None:
            handle.stop()

    def failed(self) -> str | None:
        return getattr(self, "_why", None)


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
        return subprocess.Popen([self._exe, *self.ARGS[self.name], self._file(pcm)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def probe(self) -> None:
        process = self._start(PROBE_PCM)
        try:
            _, err = process.communicate(timeout=PROBE_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise BackendFailed(f"did not finish playing 20 ms of silence within {PROBE_TIMEOUT:g} s") from None
        if process.returncode != 0:
            raise BackendFailed(_first_line(err) or f"exit status {process.returncode}")

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
                self._why = f"stopped working: {_first_line(err) or f'exit status {code}'}"

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
    if name == "winsound":
        return Winsound()
    return Command(name, scratch)


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


def _error_of(stderr: bytes) -> str:
    """The exception's message from a child Python's traceback: its last line, after the type."""
    last = _first_line(stderr)
    return last.split(": ", 1)[1] if ": " in last and last.split(": ", 1)[0].endswith("Error") else last


def _first_line(data: bytes) -> str:
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""  # the player's own summary comes after library noise
