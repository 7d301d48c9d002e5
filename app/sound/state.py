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
        """For the settings screen, in words: the player, which players did not work (the errors themselves
        are sound-check's), the voice."""
        if not self.ready:
            return "Sound: starting"
        tried = ", ".join(name for name, _ in self.skipped)
        if self.player is None:
            used = "Sound: terminal bell only; no sound player works here" + (f" (tried {tried})" if tried else "")
        else:
            used = f"Sound: {self.player}" + (f" ({tried} did not work)" if tried else "")
        if self.player is None:
            voice = "no voice without a player"
        elif self.speech:
            voice = f"voice: {self.speech}"
        else:
            voice = "no voice"
        hint = f". {CHECK_HINT[0].upper()}{CHECK_HINT[1:]}." if self.skipped or not self.speech else "."
        return f"{used}; {voice}{hint}"

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
