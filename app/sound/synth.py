"""Cue sounds synthesised as 16-bit mono PCM: one recognisable pattern per cue, no clicks."""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from dataclasses import dataclass

RATE = 22050  # the rate espeak-ng speaks at, so tones and speech share one format
FADE = 0.008  # seconds of fade in and out on every note, so nothing clicks
PEAK = 0.9  # of full scale at volume 100, leaving headroom


@dataclass(frozen=True)
class Note:
    """A tone (or a silence when `hz` is 0) of `seconds`."""

    hz: float
    seconds: float


# Each cue differs in pitch, length and pattern, so it can be told apart without looking.
CUES: dict[str, tuple[Note, ...]] = {
    "go": (Note(660, 0.12), Note(0, 0.03), Note(990, 0.22)),  # rising two-note: start moving
    "ready": (Note(523, 0.25),),  # one calm mid note: get into position
    "switch": (Note(784, 0.1), Note(0, 0.06), Note(784, 0.1)),  # a double: other side
    "pip": (Note(1200, 0.07),),  # short and high: 3, 2, 1
    "halfway": (Note(880, 0.09), Note(0, 0.04), Note(660, 0.14)),  # falling pair: halfway there
    "tick": (Note(1568, 0.03),),  # a click-like blip per rep
    "done": (Note(523, 0.16), Note(0, 0.02), Note(659, 0.16), Note(0, 0.02), Note(784, 0.42)),  # three-note chime: finished
}


def render(cue: str, volume: int = 80) -> bytes:
    """The cue as little-endian 16-bit mono PCM at RATE; `volume` is 0..100."""
    amplitude = PEAK * 32767 * max(0, min(volume, 100)) / 100
    samples = array("h")
    for note in CUES[cue]:
        samples.extend(_note(note, amplitude))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def _note(note: Note, amplitude: float) -> array:
    count = round(note.seconds * RATE)
    if note.hz <= 0:
        return array("h", bytes(2 * count))
    fade = max(1, round(FADE * RATE))
    step = 2 * math.pi * note.hz / RATE
    out = array("h", bytes(2 * count))
    for i in range(count):
        envelope = min(1.0, i / fade, (count - 1 - i) / fade)
        # A little of the octave makes the tone easier to hear on small laptop speakers.
        value = math.sin(step * i) * 0.8 + math.sin(2 * step * i) * 0.2
        out[i] = round(amplitude * envelope * value)
    return out


def length(cue: str) -> float:
    """Seconds the cue lasts."""
    return sum(note.seconds for note in CUES[cue])


def to_wav(pcm: bytes) -> bytes:
    """PCM at RATE, mono, 16-bit, wrapped as a WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm)
    return buffer.getvalue()
