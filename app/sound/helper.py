"""The sound helper process: owns the player, so a crash or a library's noise never reaches the app.

Reads one request a line on stdin and writes one event a line on stdout, as app/sound/wire.py lays
them out (tab-separated fields); its stderr goes nowhere. The app starts it with `python -c`
(player.HELPER: runpy would stay loaded), and `python -m app.sound.helper [--volume N]
[--skip NAME=REASON ...]` runs it by hand. It stays beside the app all session, so it loads only
what playing needs (tests/test_start_up_imports.py): `_thread` rather than threading, and
`_signal` rather than signal, whose enums alone would be 0.4 MiB.

Requests: play CUE AT; say AT WINDOW TEXT [TEXT ...] (WINDOW empty: no limit); volume N.
Events: ready PLAYER SPEECH SPEECH_SKIPPED [NAME REASON ...] (PLAYER or SPEECH empty: none);
said SECONDS TEXT; fallback PLAYER REASON; speech-failed REASON.
"""

from __future__ import annotations

import _thread
import os
import sys
import time

from app.sound import backends, choice
from app.sound.speech import find_speaker
from app.sound.synth import CUES, RATE, length, render
from app.sound.system import Scratch, remove_abandoned_folders
from app.sound.wire import fields, flatten, line

GAP = 0.08  # silence between a cue and the speech after it
STALE = 0.25  # a cue this late is dropped, as the engine drops cues that fell inside a stall


class Helper:
    """Plays cues at once and speech when it fits, falling back to the next player if one fails."""

    def __init__(self, volume: int, skip: dict[str, str], scratch: Scratch) -> None:
        self.scratch = scratch
        self.skip = dict(skip)
        self.lock = _thread.allocate_lock()
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
        self._choose(in_background(self._render_all))
        # Cues asked for while the players were probed play now; later ones this late are stale.
        self.ready_at = time.monotonic()

    def _choose(self, rendering: _thread.LockType | None = None) -> None:
        self.backend, skipped = choice.choose(self.skip, self.scratch)
        if self.backend is not None:
            self.backend.warm()
        if rendering is not None:
            rendering.acquire()  # held until every cue is rendered
        emit(
            "ready",
            self.backend.name if self.backend else "",
            self.speaker.name if self.speaker else "",
            self.speech_why,
            *flatten(skipped),
        )

    def _check_backend(self) -> None:
        why = self.backend.failed() if self.backend else None
        if why:
            emit("fallback", self.backend.name, why)
            self.skip[self.backend.name] = why
            self._choose()

    def handle(self, request: list[str]) -> None:
        """Carry out one request, as `fields` read it; ValueError or IndexError for a malformed one."""
        op, args = request[0], request[1:]
        if op == "play" and args[0] in CUES:
            if time.monotonic() - max(float(args[1]), self.ready_at) > STALE:
                return
            with self.lock:
                self._check_backend()
                if self.backend:
                    self.backend.play(self._cue(args[0]))
                    self.tone_end = time.monotonic() + length(args[0])
        elif op == "say" and self.speaker and len(args) > 2:
            at, window = float(args[0]), float(args[1]) if args[1] else None
            self.speech_serial += 1
            _thread.start_new_thread(self._say, (at, window, args[2:], self.speech_serial))
        elif op == "volume":
            self.volume, self.cues = int(args[0]), {}
            in_background(self._render_all)

    def _render_all(self) -> None:
        for name in CUES:
            self._cue(name)

    def _cue(self, name: str) -> bytes:
        if name not in self.cues:
            self.cues[name] = render(name, self.volume)
        return self.cues[name]

    def _say(self, at: float, window: float | None, texts: list[str], serial: int) -> None:
        for text in texts:
            pcm = self._render(text)
            if pcm is None:
                return
            start = max(time.monotonic(), at, self.tone_end + GAP)
            if window is None or start + len(pcm) / (2 * RATE) <= at + window:
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
            emit("said", round(len(pcm) / (2 * RATE), 3), text)

    def _render(self, text: str) -> bytes | None:
        if text not in self.spoken:
            try:
                self.spoken[text] = self.speaker.render(text)
            except Exception as error:  # a broken engine must not end the helper
                emit("speech-failed", str(error)[:200])
                return None
        return self.spoken[text]


def emit(*event: object) -> None:
    """Tell the app something, as one line."""
    sys.stdout.buffer.write(line(*event))
    sys.stdout.buffer.flush()


def in_background(work) -> _thread.LockType:
    """Run `work` on a thread of its own; the lock returned is released once it is done."""
    done = _thread.allocate_lock()
    done.acquire()

    def run() -> None:
        try:
            work()
        finally:
            done.release()

    _thread.start_new_thread(run, ())
    return done


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
    import _signal  # signal.py only adds enums to it

    volume, skip = options(sys.argv[1:] if argv is None else argv)
    remove_abandoned_folders()
    scratch = Scratch()

    def stop(*_: object) -> None:
        # The app stops the helper with SIGTERM, at any moment: clean up here and leave at once,
        # since an exception raised now could cut short a cleaning already under way.
        scratch.remove()
        os._exit(0)

    _signal.signal(_signal.SIGTERM, stop)
    try:
        helper = Helper(volume, skip, scratch)
        for request in sys.stdin.buffer:
            try:
                helper.handle(fields(request))
            except (ValueError, IndexError):
                continue  # a malformed line: the next one reads on its own
    except KeyboardInterrupt:
        pass
    finally:
        scratch.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
