"""`supple sound-check`: play every cue and a sentence, and say which player and voice were used."""

from __future__ import annotations

import time

from app.announce import Speech
from app.settings import load_settings
from app.sound.player import SoundPlayer
from app.sound.synth import CUES, length

SENTENCE = "This is Supple. Arm swings, 30 seconds."
READY_TIMEOUT = 15.0


def sound_check(out=print) -> int:
    """Returns 0 when a player made sound, 1 when only the terminal bell is left."""
    settings, problem = load_settings()
    if problem:
        out(f"warning: {problem}")
    player = SoundPlayer(settings)
    player.start()
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not player.state.ready and time.monotonic() < deadline:
            time.sleep(0.05)
        state = player.state
        if not state.ready:
            out("The sound helper did not answer within 15 s: no sound.")
            return 1
        out(f"player:  {state.player or 'none (the session will ring the terminal bell and flash)'}")
        for name, why in state.skipped:
            out(f"skipped: {name}: {why}")
        out(f"voice:   {state.speech or 'none: ' + state.speech_skipped}")
        out(f"volume:  {settings.volume}")
        if state.player is None:
            out("No audible player found. Install one of the players above, or simpleaudio: pip install 'supple[sound]'")
            return 1
        for name in CUES:
            out(f"playing: {name}")
            player.cue(name, force=True)
            time.sleep(length(name) + 0.5)
        if state.speech:
            out(f'saying:  "{SENTENCE}"')
            player.say(Speech((SENTENCE,), None), force=True)
            deadline = time.monotonic() + 10
            while player.last_said is None and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep((player.last_said[1] if player.last_said else 0) + 0.3)
        return 0
    finally:
        player.close()
