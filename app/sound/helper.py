"""The sound helper process: owns the player, so a crash or a library's noise never reaches the app.

Reads one JSON request per line on stdin, writes one JSON event per line on stdout; its stderr
goes nowhere. The app starts it with `python -c` (player.HELPER: runpy would stay loaded), and
`python -m app.sound.helper [--volume N] [--skip NAME=REASON ...]` runs it by hand. It stays
beside the app all session, so it loads only what playing needs (tests/test_start_up_imports.py).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time

from app.sound import backends
from app.sound.speech import find_speaker
from app.sound.synth import CUES, RATE, length, render
from app.sound.system import Scratch, remove_abandoned_folders

GAP = 0.08  # silence between a cue and the speech after it
STALE = 0.25  # a cue this late is dropped, as the engine drops cues that fell inside a stall


class Helper:
    """Plays cues at once and speech when it fits, falling back to the next player if one fails."""

    def __init__(self, volume: int, skip: dict[str, str], scratch: Scratch) -> None:
        self.scratch = scratch
        self.skip = dict(skip)
        self.lock = threading.Lock()
        self.volume = volume
        self.cues: dict[str, bytes] = {}
        self.speaker, self.speech_why = find_speaker()
        self.spoken: dict[str, bytes] = {}
        self.tone_end = 0.0
        self.speech_serial = 0
        self.speech_handle: object = None
        self.backend: backends.Backend | None = None
        # Every cue is rendered while the players are probed, and ready is said once both are done:
        # the session starts at "ready", and its first cue must not wait for its samples (30-100 ms
        # of pure Python, slower still beside a thread rendering the others).
        rendering = threading.Thread(target=lambda: [self._cue(name) for name in CUES], daemon=True)
        rendering.start()
        self._choose(rendering)
        # Cues asked for while the players were probed play now; later ones this late are stale.
        self.ready_at = time.monotonic()

    def _choose(self, rendering: threading.Thread | None = None) -> None:
        self.backend, skipped = backends.choose(self.skip, self.scratch)
        if self.backend is not None:
            self.backend.warm()
        if rendering is not None:
            rendering.join()
        emit(event="ready", player=self.backend.name if self.backend else None, skipped=skipped,
             speech=self.speaker.name if self.speaker else None, speech_skipped=self.speech_why)

    def _check_backend(self) -> None:
        why = self.backend.failed() if self.backend else None
        if why:
            emit(event="fallback", player=self.backend.name, reason=why)
            self.skip[self.backend.name] = why
            self._choose()

    def handle(self, request: dict) -> None:
        op = request.get("op")
        if op == "play" and request.get("cue") in CUES:
            if time.monotonic() - max(float(request.get("at", 0.0)), self.ready_at) > STALE:
                return
            with self.lock:
                self._check_backend()
                if self.backend:
                    self.backend.play(self._cue(request["cue"]))
                    self.tone_end = time.monotonic() + length(request["cue"])
        elif op == "say" and self.speaker and request.get("texts"):
            self.speech_serial += 1
            threading.Thread(target=self._say, args=(request, self.speech_serial), daemon=True).start()
        elif op == "volume":
            self.volume, self.cues = int(request.get("value", 80)), {}
            threading.Thread(target=lambda: [self._cue(name) for name in CUES], daemon=True).start()

    def _cue(self, name: str) -> bytes:
        if name not in self.cues:
            self.cues[name] = render(name, self.volume)
        return self.cues[name]

    def _say(self, request: dict, serial: int) -> None:
        at = float(request.get("at", time.monotonic()))
        window = request.get("window")
        for text in request["texts"]:
            pcm = self._render(text)
            if pcm is None:
                return
            start = max(time.monotonic(), at, self.tone_end + GAP)
            if window is None or start + len(pcm) / (2 * RATE) <= at + float(window):
                break
        else:
            return  # nothing short enough to finish before the next pip
        time.sleep(max(0.0, max(start, self.tone_end + GAP) - time.monotonic()))
        with self.lock:
            if serial != self.speech_serial or self.backend is None:
                return  # the session moved on while this was being prepared
            if self.speech_handle is not None:
                self.backend.stop(self.speech_handle)
            self.speech_handle = self.backend.play(pcm)
            emit(event="said", text=text, seconds=round(len(pcm) / (2 * RATE), 3))

    def _render(self, text: str) -> bytes | None:
        if text not in self.spoken:
            try:
                self.spoken[text] = self.speaker.render(text)
            except Exception as error:  # a broken engine must not end the helper
                emit(event="speech-failed", reason=str(error)[:200])
                return None
        return self.spoken[text]


def emit(**event: object) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def options(argv: list[str]) -> tuple[int, dict[str, str]]:
    """--volume N and --skip NAME=REASON (repeated; also as --flag=value), as the app passes them: argparse
    would weigh more than the rest of the helper."""
    volume, skip = 80, {}
    words = iter(argv)
    for word in words:
        flag, joined, value = word.partition("=")
        if not joined:
            value = next(words, "")
        if flag == "--volume" and value.isdigit():
            volume = int(value)
        elif flag == "--skip" and "=" in value:
            name, reason = value.split("=", 1)
            skip[name] = reason
    return volume, skip


def main(argv: list[str] | None = None) -> int:
    volume, skip = options(sys.argv[1:] if argv is None else argv)
    remove_abandoned_folders()
    scratch = Scratch()

    def stop(*_: object) -> None:
        # The app stops the helper with SIGTERM, at any moment: clean up here and leave at once,
        # since an exception raised now could cut short a cleaning already under way.
        scratch.remove()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        helper = Helper(volume, skip, scratch)
        for line in sys.stdin:
            try:
                helper.handle(json.loads(line))
            except (ValueError, TypeError):
                continue
    except KeyboardInterrupt:
        pass
    finally:
        scratch.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
