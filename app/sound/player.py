"""The app's side of sound: sends cues and speech to the helper process, never waits, never fails."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.settings import Settings
from app.sound import wire
from app.sound.state import SoundState

if TYPE_CHECKING:  # the picker's first frame needs no session code
    from app.sound.sentence import Speech

MAX_RESTARTS = 2  # a helper that keeps dying is abandoned for the bell
HELPER = "import sys; from app.sound.helper import main; sys.exit(main())"
# -c rather than -m: runpy and importlib.util would stay loaded in the helper for nothing. (Not -S: site
# costs 0.2 MiB, but an import path passed in PYTHONPATH instead breaks on a folder with ":" in its name.)
HELPER_ARGS = ("-c", HELPER)
PIPE_BUF = getattr(select, "PIPE_BUF", 512)  # bytes a pipe writes at once, never split (Linux 4096, macOS 512)
READY_TIMEOUT = 20.0  # seconds the helper may take to try every player (each has a time limit of its own)


class SoundPlayer:
    """Cue and speech output for the session; keeps playback in a helper process."""

    def __init__(
        self,
        settings: Settings,
        *,
        report: Callable[[SoundState], None] | None = None,
        bell: Callable[[], None] | None = None,
        python: str = sys.executable,
        skip: dict[str, str] | None = None,
        hold: bool = False,
    ) -> None:
        self.muted, self.voice, self.halfway = not settings.sound, settings.voice, settings.halfway
        self.volume = settings.volume
        self.state = SoundState()
        self.report = report
        self.bell = bell or (lambda: None)
        self._held: SoundState | None = None  # a report made before anyone listened
        self._python = python
        self._process: subprocess.Popen | None = None
        self._restarts = 0
        self._skip: dict[str, str] = dict(skip or {})  # players not to try, with the reason
        self._lock = threading.Lock()
        self._reported = False
        self.abandoned = False
        self.last_said: tuple[str, float] | None = None  # the last sentence spoken, and its length
        self._started = False
        self._held_back = hold  # until start(): requests wait, so the helper does not slow the first frame
        self._pending: list[bytes] = []  # asked for while the helper starts; it drops the stale ones

    # -- the helper

    def start(self) -> None:
        """Start the helper in the background; returns at once. Muted, it waits until it is needed."""
        self._held_back = False
        if not self.muted or self._pending:
            self._ensure_started()

    def _ensure_started(self) -> None:
        if not self._started and not self._held_back:
            self._started = True
            threading.Thread(target=self._spawn, name="supple-sound", daemon=True).start()

    def _spawn(self) -> None:
        args = [self._python, *HELPER_ARGS, "--volume", str(self.volume)]
        args += [f"--skip={name}={why}" for name, why in self._skip.items()]
        try:
            process = subprocess.Popen(
                args,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                env=_helper_env(),
            )
        except OSError as error:
            self._give_up(f"cannot start the sound helper: {error.strerror or error}")
            return
        os.set_blocking(process.stdin.fileno(), False)  # a full pipe drops a cue, never stalls the UI
        watchdog = threading.Timer(READY_TIMEOUT, self._no_answer, args=(process,))
        watchdog.daemon = True
        watchdog.start()
        with self._lock:
            self._process = process
            pending, self._pending = self._pending, []
        for request in pending:
            self._write(process, request)
        for line in process.stdout:
            self._event(line)
        process.wait()
        self._helper_ended(process)

    def _event(self, data: bytes) -> None:
        event = wire.fields(data)
        name, args = event[0], event[1:]
        if name == "ready" and len(args) >= 3:
            player, speech, speech_skipped, skipped = args[0] or None, args[1] or None, args[2], wire.pairs(args[3:])
            self.state = SoundState(player, skipped, speech, speech_skipped, True)
            if player is None:
                self.abandoned = True
            self._say_state()
        elif name == "said" and len(args) == 2:
            try:
                self.last_said = (args[1], float(args[0]))
            except ValueError:
                pass
        elif name == "fallback" and len(args) == 2:
            self._skip[args[0]] = args[1]
            self._reported = False  # the next ready says which player took over

    def _no_answer(self, process: subprocess.Popen) -> None:
        """The helper never said which player it uses: the bell, rather than silence for ever."""
        if not self.state.ready and self._process is process:
            self._give_up(f"the sound helper did not answer within {READY_TIMEOUT:g} s")
            process.kill()

    def _helper_ended(self, process: subprocess.Popen) -> None:
        with self._lock:
            if self._process is not process:
                return
            self._process = None
        if self.abandoned:
            return
        player = self.state.player
        if self._restarts >= MAX_RESTARTS:
            self._give_up("the sound helper kept stopping")
            return
        self._restarts += 1
        if player and self._restarts == MAX_RESTARTS:
            self._skip[player] = "the sound helper stopped while using it"
        self._reported = False
        self._spawn()

    def _give_up(self, why: str) -> None:
        self.abandoned = True
        self.state = SoundState(None, (*self.state.skipped, ("helper", why)), None, why, True)
        self._say_state()

    def _say_state(self) -> None:
        if not self._reported:
            self._reported = True
            if self.report is None:
                self._held = self.state
            else:
                self.report(self.state)

    def attach(self, report: Callable[[SoundState], None], bell: Callable[[], None]) -> None:
        """Where to tell the user about the player, and how to ring the bell; a held report goes now."""
        self.report, self.bell = report, bell
        held, self._held = self._held, None
        if held is not None:
            report(held)

    # -- what the session calls

    def cue(self, name: str, force: bool = False) -> None:
        """Play a cue now (or ring the bell when no player works); never blocks. `force` ignores mute."""
        if not force and (self.muted or (name == "halfway" and not self.halfway)):
            return
        if self.abandoned:
            self.bell()
            return
        self._ensure_started()
        self._send(wire.line("play", name, time.monotonic()))

    def say(self, speech: Speech | None, force: bool = False) -> None:
        """Speak the first sentence that fits before the next pip; skipped when muted or voice is off."""
        if speech is None or self.abandoned or (not force and (self.muted or not self.voice)):
            return
        self._ensure_started()
        window, texts, at = "" if speech.window is None else speech.window, list(speech.texts), time.monotonic()
        request = wire.line("say", at, window, *texts)
        while len(request) > PIPE_BUF and len(texts) > 1:
            texts.pop(0)  # the longest first: the shortest says what matters
            request = wire.line("say", at, window, *texts)
        self._send(request)

    def set_volume(self, volume: int) -> None:
        self.volume = int(volume)  # a helper started again later plays at it too
        self._send(wire.line("volume", self.volume))

    def configure(self, settings: Settings) -> None:
        """Take up the sound part of the settings just saved."""
        self.muted, self.voice, self.halfway = not settings.sound, settings.voice, settings.halfway
        if settings.volume != self.volume:
            self.set_volume(settings.volume)

    def _send(self, request: bytes) -> None:
        with self._lock:
            process = self._process
            if process is None:
                if not self.abandoned and len(self._pending) < 16:
                    self._pending.append(request)  # the helper is starting or restarting
                return
        self._write(process, request)

    @staticmethod
    def _write(process: subprocess.Popen, line: bytes) -> None:
        """Send a request whole or not at all: one write of at most PIPE_BUF bytes to the pipe is never
        split, so a full pipe drops the request, where a buffered write could send half a line and the
        helper would read the rest of it as part of the next one."""
        if len(line) > PIPE_BUF:
            return  # say() shortens what it sends to fit; nothing else comes near
        try:
            os.write(process.stdin.fileno(), line)
        except (BlockingIOError, BrokenPipeError, OSError, ValueError):
            pass  # the reader thread sees the helper end and restarts it

    def close(self) -> None:
        """Stop the helper; sounds already playing end with it."""
        self.abandoned = True
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            try:
                process.stdin.close()
            except OSError:
                pass
            process.terminate()


def _helper_env() -> dict[str, str]:
    """The app's environment, with the package importable from wherever the app was started."""
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    return env
