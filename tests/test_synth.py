"""The cue sounds: length, pitch measured from the samples, no clipping, no clicks, each one distinct."""

from __future__ import annotations

import io
import wave

import pytest

from app.sound.synth import CUES, FADE, PEAK, RATE, length, render, to_wav
from tests.audio import cues_heard, samples_of

FULL = 32767


@pytest.mark.parametrize("cue", CUES)
def test_length_is_the_sum_of_its_notes(cue):
    samples = samples_of(render(cue))
    assert abs(len(samples) / RATE - length(cue)) < 2 / RATE
    assert 0.02 <= length(cue) <= 1.0  # short enough never to cover the next cue


@pytest.mark.parametrize("cue", CUES)
def test_each_note_has_its_pitch(cue):
    samples = samples_of(render(cue, volume=100))
    position = 0
    for hz, seconds in CUES[cue]:
        count = round(seconds * RATE)
        part = samples[position : position + count]
        position += count
        if hz == 0:
            assert max(abs(s) for s in part) == 0
            continue
        steady = part[round(FADE * RATE) : -round(FADE * RATE)]
        rises = [i for i in range(1, len(steady)) if steady[i - 1] < 0 <= steady[i]]
        measured = (len(rises) - 1) * RATE / (rises[-1] - rises[0])
        assert abs(measured - hz) / hz < 0.01, (cue, hz, measured)


@pytest.mark.parametrize("cue", CUES)
def test_no_clipping_and_fades_start_and_end_near_zero(cue):
    samples = samples_of(render(cue, volume=100))
    assert max(abs(s) for s in samples) <= PEAK * FULL + 1
    position = 0
    for hz, seconds in CUES[cue]:
        count = round(seconds * RATE)
        part = samples[position : position + count]
        position += count
        if hz:
            assert abs(part[0]) < 0.01 * FULL and abs(part[-1]) < 0.01 * FULL  # no click at either end
            assert max(abs(s) for s in part[:5]) < max(abs(s) for s in part) / 4


def test_volume_scales_the_level():
    loud = max(abs(s) for s in samples_of(render("go", volume=100)))
    half = max(abs(s) for s in samples_of(render("go", volume=50)))
    assert abs(half / loud - 0.5) < 0.01
    assert set(samples_of(render("go", volume=0))) == {0}


def test_every_cue_is_recognisable_on_its_own():
    patterns = {cue: tuple(notes) for cue, notes in CUES.items()}
    assert len(set(patterns.values())) == len(CUES)
    recording = b"".join(render(cue) + bytes(2 * RATE // 10) for cue in CUES)
    assert cues_heard(samples_of(recording)) == list(CUES)


def test_wav_wrapping():
    pcm = render("pip")
    with wave.open(io.BytesIO(to_wav(pcm))) as source:
        assert (source.getnchannels(), source.getsampwidth(), source.getframerate()) == (1, 2, RATE)
        assert source.readframes(source.getnframes()) == pcm
