"""The pipe between the app and its sound helper: one message a line, its fields split by tabs.

Text, so each line stands on its own and can be typed by hand; and no json, which would bring `re`
and `enum` into a helper that stays beside the app all session. The app writes each line in one
piece (SoundPlayer._write), so a full pipe drops whole lines, never half of one.
"""

from __future__ import annotations

_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def line(*fields: object) -> bytes:
    """A message as a line; tabs and line breaks inside a field become spaces."""
    return ("\t".join(str(field).translate(_BREAKS) for field in fields) + "\n").encode("utf-8", "replace")


def fields(data: bytes) -> list[str]:
    """A line's fields; the first names the message."""
    return data.decode("utf-8", "replace").rstrip("\r\n").split("\t")


def pairs(flat: list[str]) -> tuple[tuple[str, str], ...]:
    """(name, reason) pairs sent one after the other, as `flatten` lays them out."""
    return tuple(zip(flat[::2], flat[1::2]))


def flatten(pairs_: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> list[str]:
    """Pairs laid out one field after another."""
    return [item for pair in pairs_ for item in pair]
