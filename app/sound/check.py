"""`supple sound-check`: play every cue and a sentence, and say which player and voice were used."""

from __future__ import annotations

import time

from app.settings import load_settings
from app.sound.player import SoundPlayer
from app.sound.sentence import Speech
from app.sound.state import SoundState
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
        voice = state.speech or "none: " + state.speech_skipped
        if state.speech and state.player is None:
            voice += " (it speaks through a player: with none working, nothing is said)"
        out(f"voice:   {voice}")
        out(f"volume:  {settings.volume}")
        if state.player is None:
            out(no_player_advice(state))
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


MISSING = ("not installed", "not found", "only on")  # how a skipped player says it is not there at all


def no_player_advice(state: SoundState) -> str:
    """What to try when no player made a sound: install one, or find why the installed ones cannot play."""
    installed = [name for name, why in state.skipped if not why.startswith(MISSING) and name != "helper"]
    if installed:
        return (
            f"No sound device or sound server answered: {', '.join(installed)} "
            f"{'is' if len(installed) == 1 else 'are'} installed but could not play. Check that the computer "
            "has a sound device that is not muted; on Linux, that PulseAudio or PipeWire is running "
            "('pactl info') or that ALSA lists a card ('aplay -l'). Until then sessions ring the terminal "
            "bell and flash."
        )
    return (
        "No sound player is installed. On Debian or Ubuntu: apt-get install alsa-utils (or pulseaudio-utils); "
        "or simpleaudio, from the checkout: pip install -e '.[sound]' (it needs libasound2-dev). Until then "
        "sessions ring the terminal bell and flash."
    )
