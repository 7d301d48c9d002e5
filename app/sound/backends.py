"""The ways the helper process can make sound, each probed by really playing a moment of silence."""

from __future__ import annotations

import sys

from app.sound.synth import RATE
from app.sound.system import last_line, run

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
        for _ in range(PROBE_TRIES):
            status, errors = run_probe([sys.executable, "-c", code])
            if status == 0:
                return
            if not _died(status):
                break  # refused, and said why on stderr: another try would say the same
        # simpleaudio's child sometimes dies by a signal on its way out (SIGSEGV, about once in 40 here):
        # only a try after try that all die says it cannot play.
        why = _error_of(errors) or (f"its test died by signal {_signal_of(status)}" if _died(status) else "")
        raise BackendFailed(f"cannot play: {why or f'exit status {status}'}")

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


PROBE_TRIES = 3  # a probe whose child died by a signal is tried again, this many times in all


def _died(status: int) -> bool:
    """Whether an exit status is a death by a signal (negative from Python, 128 + N from a shell)."""
    return status < 0 or status > 128


def _signal_of(status: int) -> int:
    return -status if status < 0 else status - 128


def run_probe(args: list[str]) -> tuple[int, bytes]:
    """Run a program that plays a moment of silence: its exit status and stderr; BackendFailed when it
    takes too long."""
    try:
        status, _, errors = run(args, PROBE_TIMEOUT)
    except TimeoutError:
        raise BackendFailed(f"did not finish playing 20 ms of silence within {PROBE_TIMEOUT:g} s") from None
    return status, errors


def _error_of(stderr: bytes) -> str:
    """The exception's message from a child Python's traceback: its last line, after the type."""
    last = last_line(stderr)
    return last.split(": ", 1)[1] if ": " in last and last.split(": ", 1)[0].endswith("Error") else last
