"""Text from files and users made safe to print: controls, DEL and bidi overrides shown as escapes.

A routine can be downloaded, so its text may hold a terminal escape sequence (clear the
screen, set the title, write the clipboard) or a right-to-left override that makes a line
read differently from what it holds. Like git and ls with odd file names, Supple shows such
characters as visible escapes (`\\x1b`, `\\u202e`) instead of sending them to the terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# C0 controls, DEL, C1 controls; bidi embeddings, overrides, isolates and marks; line and paragraph
# separators (a terminal may break the line there, or show nothing); and the lone surrogates Python
# uses for bytes of a file name that are not UTF-8 (printing one fails, or sends a raw 8-bit byte).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
# Characters that show as nothing: a name made only of these (and spaces) is blank.
_INVISIBLE = {"\u115f", "\u1160", "\u2800", "\u3164", "\uffa0"}
# Cut long values in messages to this many characters.
SHORT = 40


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8, as the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every unsafe character but those in `keep` written as an escape."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m[0] if m[0] in keep else _escape(m[0]), text)


def toml_escaped(text: str, keep: str = "") -> str:
    """`text` with every unsafe character but those in `keep` written as a TOML escape (\\uXXXX)."""
    return _UNSAFE.sub(lambda m: m[0] if m[0] in keep else f"\\u{ord(m[0]):04x}", text)


def unsafe_chars(text: str, allowed: str = "") -> list[str]:
    """The unsafe characters in `text` (besides `allowed`), each once, as escapes."""
    found = dict.fromkeys(c for c in _UNSAFE.findall(text) if c not in allowed)
    return [_escape(c) for c in found]


def is_blank(text: str) -> bool:
    """True when nothing in `text` would show: spaces, zero-width and other invisible characters, and
    marks that only change a letter (with no letter to change)."""
    return all(
        c.isspace() or c in _INVISIBLE or unicodedata.category(c) in ("Cf", "Cc", "Zs", "Mn", "Me") for c in text
    )


def shorten(text: str, limit: int = SHORT, mark: str = "...", *, words: bool = False) -> str:
    """`text` cut to `limit` characters, ending in `mark`, when longer; with `words`, between words
    unless that would lose more than a third of what fits."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(mark))]
    if words and text[len(cut)] != " ":
        space = cut.rfind(" ")
        if space >= len(cut) * 2 // 3:
            cut = cut[:space]
    return cut.rstrip() + mark


def json_text(value: object, indent: int | None = 2) -> str:
    """`value` as JSON that keeps every character but escapes the unsafe ones (JSON reads them back)."""
    import json  # only the --json commands need it

    return json_safe(json.dumps(value, indent=indent, ensure_ascii=False))


def json_safe(text: str) -> str:
    """JSON text with DEL, C1 and bidi characters escaped; JSON escapes C0 controls itself."""
    # Outside strings JSON is plain ASCII, so these can only be inside strings, where \\uXXXX reads back.
    return _UNSAFE.sub(lambda m: m[0] if m[0] < "\x7f" else f"\\u{ord(m[0]):04x}", text)


def closest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The one of `known` that `word` most likely meant (a typo, a part of it), or None."""
    import difflib  # only a misspelt word needs it

    known = list(known)
    folded = word.casefold()
    close = difflib.get_close_matches(folded, [k.casefold() for k in known], n=1, cutoff=cutoff)
    if close:
        return next(k for k in known if k.casefold() == close[0])
    within = [k for k in known if folded and folded in k.casefold()]
    return within[0] if len(within) == 1 else None
