"""Line and column of keys, table headers and comments in TOML text, which tomllib does not report.

One pass over the text, in time linear in its length: strings (of all four kinds, over several
lines too) and arrays are skipped as TOML reads them, so a `#`, `[` or `'''` inside a string
never counts as a comment, a header or a string's end.
"""

from __future__ import annotations

import re
import tomllib

Position = tuple[int, int]

_KEY_PART = r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[A-Za-z0-9_-]+)"""
_KEY = re.compile(rf"[ \t]*({_KEY_PART})(?:[ \t]*\.[ \t]*{_KEY_PART})*[ \t]*=")
_HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*\]\]?")
_INDENT = re.compile(r"[ \t]*")
_VALUE_STOP = re.compile(r"""["'#\[\]\n]""")
_BASIC_END = re.compile(r'\\.|"|\n', re.S)
_MULTI_BASIC_END = re.compile(r'\\.|"""', re.S)
_LITERAL_END = re.compile(r"['\n]")


def key_name(token: str) -> str:
    """A key as TOML reads it: quotes removed and escapes decoded (`"dura\\u0074ion"` is duration)."""
    if token[:1] == '"':
        try:
            return tomllib.loads(f"k = {token}")["k"]
        except tomllib.TOMLDecodeError:
            return token.strip('"')
    return token.strip("'")


class _Table:
    """Where a table's header and each of its keys stand."""

    __slots__ = ("header", "keys")

    def __init__(self, header: Position | None) -> None:
        self.header = header
        self.keys: dict[str, Position] = {}


class Locator:
    """Finds where root keys, `[[steps]]` headers, keys inside each step and comments stand."""

    def __init__(self, text: str, array_name: str = "steps") -> None:
        self._root = _Table(None)
        self._items: list[_Table] = []
        self._array_key: Position | None = None
        self.comments: list[Position] = []
        self._array_name = array_name
        self._scan(text)

    def root_key(self, key: str) -> Position:
        """Where a top-level key is written, or 1:1."""
        return self._root.keys.get(key, (1, 1))

    def item(self, index: int) -> Position:
        """Where step `index` (0-based) starts: its header, else the `steps` key, else 1:1."""
        if index < len(self._items) and self._items[index].header:
            return self._items[index].header
        return self._array_key or (1, 1)

    def item_key(self, index: int, key: str) -> Position:
        """Where a key of step `index` is written, else where the step starts."""
        if index < len(self._items) and key in self._items[index].keys:
            return self._items[index].keys[key]
        return self.item(index)

    # -- the scan

    def _scan(self, text: str) -> None:
        self._text = text
        self._line, self._line_start = 1, 0
        self._current: _Table | None = self._root
        pos, end = 0, len(text)
        while pos < end:
            pos = self._line_head(pos)
            pos = self._value(pos, depth=0)

    def _where(self, pos: int) -> Position:
        return (self._line, pos - self._line_start + 1)

    def _newlines(self, start: int, stop: int) -> None:
        """Count the line breaks in text[start:stop]."""
        count = self._text.count("\n", start, stop)
        if count:
            self._line += count
            self._line_start = self._text.rindex("\n", start, stop) + 1

    def _line_head(self, pos: int) -> int:
        """A line's start outside any value: a header, a key, or nothing; returns where its value starts."""
        text = self._text
        header = _HEADER.match(text, pos)
        if header:
            where = (self._line, len(_INDENT.match(text, pos)[0]) + 1)
            raw = header[2]
            dotted = "." in raw and raw[:1] not in "\"'"
            name = raw if dotted else key_name(raw.strip())
            # A header writes a key of the root (its first part): `[[step]]` is where "step" is written.
            self._root.keys.setdefault(key_name(raw.split(".", 1)[0].strip()) if dotted else name, where)
            if header[1] == "[[":
                self._current = _Table(where) if name == self._array_name else None
                if self._current is not None:
                    self._items.append(self._current)
            else:
                self._current = None
                if name == self._array_name:
                    self._array_key = where
            return header.end()
        key = _KEY.match(text, pos)
        if key:
            name = key_name(key[1])
            where = (self._line, key.start(1) - self._line_start + 1)
            if self._current is not None:
                self._current.keys.setdefault(name, where)
                if self._current is self._root and name == self._array_name:
                    self._array_key = where
            return key.end()
        return pos

    def _value(self, pos: int, depth: int) -> int:
        """Skip a value (strings, arrays over several lines, comments) to the start of the next line."""
        text = self._text
        while True:
            stop = _VALUE_STOP.search(text, pos)
            if stop is None:
                return len(text)
            pos, char = stop.start(), stop[0]
            if char == "\n":
                self._line, self._line_start = self._line + 1, pos + 1
                if depth <= 0:
                    return pos + 1
                pos += 1
            elif char == "#":
                self.comments.append(self._where(pos))
                newline = text.find("\n", pos)
                pos = len(text) if newline == -1 else newline
            elif char == "[":
                depth, pos = depth + 1, pos + 1
            elif char == "]":
                depth, pos = depth - 1, pos + 1
            else:
                pos = self._string(pos, char)

    def _string(self, pos: int, quote: str) -> int:
        """Skip the string starting at `pos`; returns the position after it."""
        text = self._text
        if text.startswith(quote * 3, pos):
            if quote == '"':
                match = None
                for match in _MULTI_BASIC_END.finditer(text, pos + 3):
                    if match[0] == '"""':
                        break
                else:
                    match = None
                close = match.end() if match else len(text)
            else:
                found = text.find("'''", pos + 3)
                close = len(text) if found == -1 else found + 3
            for _ in range(2):  # up to two quotes may end the content right before the delimiter
                if text.startswith(quote, close):
                    close += 1
            self._newlines(pos, close)
            return close
        if quote == '"':
            for match in _BASIC_END.finditer(text, pos + 1):
                if match[0] == '"':
                    return match.end()
                if match[0] == "\n":
                    return match.start()  # an unclosed string ends with its line
            return len(text)
        found = _LITERAL_END.search(text, pos + 1)
        if found is None:
            return len(text)
        return found.end() if found[0] == "'" else found.start()
