"""What the player is asked to say: a sentence at a few lengths, and the time it may take."""

from __future__ import annotations

from typing import NamedTuple


class Speech(NamedTuple):
    """Sentences from longest to shortest; the player says the first that fits in `window` seconds."""

    texts: tuple[str, ...]
    window: float | None  # None: no pip to keep clear of
