"""Cue sounds synthesised as 16-bit mono PCM: one recognisable pattern per cue, no clicks."""

from __future__ import annotations

import math
import sys
from array import array

RATE = 22050  # the rate espeak-ng speaks at, so tones and speech share one format
FADE = 0.008  # seconds of fade in and out on every note, so nothing clicks
PEAK = 0.9  # of full scale at volume 100, leaving headroom


# A note is (hz, seconds), a silence when hz is 0: a plain tuple, as the helper keeps its imports few.
Note = tuple[float, float]


# Each cue differs in pitch, length and pattern, so it can be told apart without looking.
CUES: dict[str, tuple[Note, ...]] = {
    "go": ((660, 0.12), (0, 0.03), (990, 0.22)),  # rising two-note: start moving
    "ready": ((523, 0.25),),  # one calm mid note: get into position
    "switch": ((784, 0.1), (0, 0.06), (784, 0.1)),  # a double: other side
    "pip": ((1200, 0.07),),  # short and high: 3, 2, 1
    "halfway": ((880, 0.09), (0, 0.04), (660, 0.14)),  # falling pair: halfway there
    "tick": ((1568, 0.03),),  # a click-like blip per rep
    "done": ((523, 0.16), (0, 0.02), (659, 0.16), (0, 0.02), (784, 0.42)),  # three-note chime: finished
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
    hz, seconds = note
    count = round(seconds * RATE)
    if hz <= 0:
        return array("h", bytes(2 * count))
    fade = max(1, round(FADE * RATE))
    step = 2 * math.pi * hz / RATE
    out = array("h", bytes(2 * count))
    for i in range(count):
        envelope = min(1.0, i / fade, (count - 1 - i) / fade)
        # A little of the octave makes the tone easier to hear on small laptop speakers.
        value = math.sin(step * i) * 0.8 + math.sin(2 * step * i) * 0.2
        out[i] = round(amplitude * envelope * value)
    return out


def length(cue: str) -> float:
    """Seconds the cue lasts."""
    return sum(seconds for _, seconds in CUES[cue])


def to_wav(pcm: bytes) -> bytes:
    """PCM at RATE, mono, 16-bit, wrapped as a WAV file."""
    import io  # only command-line players read WAV files: not loaded in the helper otherwise
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm)
    return buffer.getvalue()
