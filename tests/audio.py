"""Reading recorded audio back: find the cue tones in it, their order and onsets, and the speech."""

from __future__ import annotations

import statistics
from array import array
from dataclasses import dataclass

from app.sound.synth import CUES, RATE

WINDOW = RATE // 200  # 5 ms


@dataclass(frozen=True)
class Region:
    """A stretch of sound between silences."""

    start: float  # seconds into the recording
    seconds: float
    hz: float | None  # the pitch when the region is a steady tone, else None (speech, noise)


@dataclass(frozen=True)
class Heard:
    """A cue recognised in a recording, or a stretch of speech."""

    what: str  # a cue name, or "speech"
    start: float


def samples_of(pcm: bytes) -> array:
    out = array("h")
    out.frombytes(pcm[: len(pcm) // 2 * 2])
    return out


def regions(samples: array, threshold: int = 1500) -> list[Region]:
    """Runs of 5 ms windows: steady tones (one pitch throughout) and other sound, split at silence.

    A tone's fades dip well below its level, which splits two identical cues played back to back
    (ALSA's file plugin records what is played with no silence between plays).
    """
    found: list[Region] = []
    run_start, run_hz, run_peak = None, None, 0  # run_hz: None for non-tonal sound
    for offset in range(0, len(samples) - WINDOW + 1, WINDOW):
        level = max(abs(s) for s in samples[offset : offset + WINDOW])
        loud = level >= threshold and not (run_hz and level < run_peak * 0.7)
        hz = _pitch(samples[offset : offset + 2 * WINDOW]) if loud else None
        same = (
            run_start is not None
            and loud
            and ((hz is None and run_hz is None) or (hz and run_hz and abs(hz - run_hz) / run_hz < 0.03))
        )
        if same:
            run_peak = max(run_peak, level)
            continue
        if run_start is not None:
            found.append(Region(run_start / RATE, (offset - run_start) / RATE, run_hz))
        run_start, run_hz, run_peak = (offset, hz, level) if loud else (None, None, 0)
    if run_start is not None:
        found.append(Region(run_start / RATE, (len(samples) - run_start) / RATE, run_hz))
    return [r for r in found if r.hz is not None or r.seconds >= 0.02]


def _pitch(part: array) -> float | None:
    """The frequency of a steady tone in `part`, or None when it is not one."""
    crossings = [i - part[i] / (part[i] - part[i - 1]) for i in range(1, len(part)) if part[i - 1] < 0 <= part[i]]
    if len(crossings) < 4:
        return None
    periods = [b - a for a, b in zip(crossings, crossings[1:])]
    mean = statistics.fmean(periods)
    # A synthesised tone crosses upward once a period, every period alike; speech does not.
    return RATE / mean if statistics.pstdev(periods) / mean < 0.03 else None


def notes_of(cue: str) -> list[tuple[float, float]]:
    """(pitch, seconds) of each sounding note of a cue."""
    return [(hz, seconds) for hz, seconds in CUES[cue] if hz > 0]


def hear(samples: array) -> list[Heard]:
    """The cues (by their notes' pitches, in order) and the speech in a recording."""
    heard: list[Heard] = []
    found = regions(samples)
    i = 0
    while i < len(found):
        match = _match_cue(found, i)
        if match:
            cue, used = match
            heard.append(Heard(cue, found[i].start))
            i += used
            continue
        if found[i].hz is None and (not heard or heard[-1].what != "speech"):
            heard.append(Heard("speech", found[i].start))
        i += 1
    return heard


def _match_cue(found: list[Region], i: int) -> tuple[str, int] | None:
    # Longest patterns first, so "done" is not read as a "ready" followed by noise.
    for cue in sorted(CUES, key=lambda c: -len(notes_of(c))):
        notes = notes_of(cue)
        window = found[i : i + len(notes)]
        if (
            len(window) == len(notes)
            and all(
                r.hz is not None and abs(r.hz - hz) / hz < 0.03 and r.seconds >= seconds / 2 - 0.01
                for r, (hz, seconds) in zip(window, notes)
            )
            and all(b.start - (a.start + a.seconds) < 0.1 for a, b in zip(window, window[1:]))
        ):
            return cue, len(notes)
    return None


def cues_heard(samples: array) -> list[str]:
    return [h.what for h in hear(samples) if h.what != "speech"]
