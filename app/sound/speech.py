"""Speech engines: a sentence rendered to PCM at the cue sounds' rate, to play through the same player."""

from __future__ import annotations

import os
import sys

from app.sound.synth import RATE
from app.sound.system import last_line, run, which

RENDER_TIMEOUT = 10.0


class Speaker:
    """Turns text into 16-bit mono PCM at RATE with a command-line engine."""

    def __init__(self, name: str, exe: str) -> None:
        self.name, self._exe = name, exe

    def render(self, text: str) -> bytes:
        """The sentence as PCM; an exception (OSError, TimeoutError, ValueError) when the engine fails."""
        if self.name == "say":
            return self._render_say(text)
        return _pcm(_run([self._exe, "--stdout", "-s", "165", "--", text]))

    def _render_say(self, text: str) -> bytes:
        import tempfile  # macOS only: say writes a file
        from pathlib import Path

        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "speech.wav"
            _run([self._exe, "-o", str(out), f"--data-format=LEI16@{RATE}", "--", text])
            return _pcm(out.read_bytes())


def _run(args: list[str]) -> bytes:
    status, output, errors = run(args, RENDER_TIMEOUT)
    if status != 0:
        raise OSError(f"{os.path.basename(args[0])}: {last_line(errors) or f'exit status {status}'}")
    return output


def find_speaker() -> tuple[Speaker | None, str]:
    """The speech engine to use, or None and why there is none."""
    names = ["say"] if sys.platform == "darwin" else ["espeak-ng", "espeak"]
    for name in names:
        exe = which(name)
        if exe:
            return Speaker(name, exe), ""
    return None, f"no speech engine found (install {' or '.join(names)})"


def _pcm(data: bytes) -> bytes:
    """The samples of a mono 16-bit WAV at RATE (espeak writes a header with an unknown length)."""
    import io
    import wave

    with wave.open(io.BytesIO(data)) as source:
        if (source.getnchannels(), source.getsampwidth(), source.getframerate()) != (1, 2, RATE):
            raise ValueError(f"speech came as {source.getnchannels()} ch, {source.getframerate()} Hz")
        frames = source.readframes(len(data))
    return frames
