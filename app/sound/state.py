"""What the sound helper reported: the player in use and what was skipped, said at three lengths."""

from __future__ import annotations

from typing import NamedTuple

CHECK_HINT = "'supple sound-check' says why"


class SoundState(NamedTuple):
    """The player in use (None: the terminal bell), the players skipped and why, the voice."""

    player: str | None = None
    skipped: tuple[tuple[str, str], ...] = ()
    speech: str | None = None
    speech_skipped: str = ""
    ready: bool = False

    def describe(self) -> str:
        """Everything, for the settings screen: the player, why better ones were skipped, the voice."""
        if not self.ready:
            return "Sound: starting"
        used = f"Sound: {self.player}" if self.player else "Sound: terminal bell and a flash (no player works here)"
        if self.skipped:
            used += " (skipped " + "; ".join(f"{name}: {why}" for name, why in self.skipped) + ")"
        voice = f"voice: {self.speech}" if self.speech else f"no voice: {self.speech_skipped}"
        return f"{used}; {voice}"

    def summary(self) -> str:
        """One short line, for a notice that must hide nothing."""
        if not self.ready:
            return "Sound: starting"
        if self.player is None:
            return f"Sound: bell only; {CHECK_HINT}"
        return f"Sound: {self.player}" + ("" if self.speech else f"; no voice ({CHECK_HINT})")

    def flag(self) -> str:
        """A word or two for the session's top line when sound is not what it should be, else ""."""
        return "BELL ONLY" if self.ready and self.player is None else ""
