"""What the session needs from sound, so the app can take a real player or a stand-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from app.settings import Settings
from app.sound.sentence import Speech
from app.sound.state import SoundState


class SoundOutput(Protocol):
    """Cues and speech for the session; implementations never block and never raise."""

    state: SoundState
    muted: bool
    voice: bool
    halfway: bool  # a cue halfway through long holds
    volume: int
    report: Callable[[SoundState], None]
    bell: Callable[[], None]

    def start(self) -> None: ...
    def attach(self, report: Callable[[SoundState], None], bell: Callable[[], None]) -> None: ...
    def cue(self, name: str, force: bool = False) -> None: ...
    def say(self, speech: Speech | None, force: bool = False) -> None: ...
    def set_volume(self, volume: int) -> None: ...
    def configure(self, settings: Settings) -> None:
        """Take up the sound part of `settings`: the app holds the settings, the sound what it plays by."""
        ...

    def close(self) -> None: ...


class Recorder:
    """Keeps what would have been played and said: for tests, and for when sound is not wanted."""

    def __init__(self, settings: Settings | None = None) -> None:
        settings = settings or Settings()
        self.muted, self.voice, self.halfway = not settings.sound, settings.voice, settings.halfway
        self.volume = settings.volume
        self.report: Callable[[SoundState], None] = lambda state: None
        self.state = SoundState("a recording", ready=True)
        self.bell: Callable[[], None] = lambda: None
        self.played: list[str] = []
        self.said: list[tuple[str, ...]] = []
        self.started = False

    def start(self) -> None:
        self.started = True

    def attach(self, report: Callable[[SoundState], None], bell: Callable[[], None]) -> None:
        self.report, self.bell = report, bell

    def cue(self, name: str, force: bool = False) -> None:
        if force or (not self.muted and (name != "halfway" or self.halfway)):
            self.played.append(name)

    def say(self, speech: Speech | None, force: bool = False) -> None:
        if speech is not None and (force or (not self.muted and self.voice)):
            self.said.append(speech.texts)

    def set_volume(self, volume: int) -> None:
        self.volume = volume

    def configure(self, settings: Settings) -> None:
        self.muted, self.voice, self.halfway = not settings.sound, settings.voice, settings.halfway
        self.volume = settings.volume

    def close(self) -> None:
        pass
