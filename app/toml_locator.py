"""Line and column of keys and table headers in TOML text, which tomllib does not report."""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^(\s*)\[\[\s*([^\[\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^(\s*)\[\s*([^\[\]]+?)\s*\]")
_KEY = re.compile(r"""^(\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")

Position = tuple[int, int]


class _Table:
    """Where a table's header and each of its keys stand."""

    __slots__ = ("header", "keys")

    def __init__(self, header: Position | None) -> None:
        self.header = header
        self.keys: dict[str, Position] = {}


class Locator:
    """Finds where root keys, `[[steps]]` headers and keys inside each step stand."""

    def __init__(self, text: str, array_name: str = "steps") -> None:
        self._root = _Table(None)
        self._items: list[_Table] = []
        self._array_key: Position | None = None
        self._scan(text.splitlines(), array_name)

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

    def _scan(self, lines: list[str], array_name: str) -> None:
        current: _Table | None = self._root
        closing: str | None = None
        for number, line in enumerate(lines, start=1):
            if closing:
                # Inside a multi-line string nothing is a key or a header.
                if line.count(closing) % 2 == 1:
                    closing = None
                continue
            array = _ARRAY_HEADER.match(line)
            table = None if array else _TABLE_HEADER.match(line)
            if array:
                position = (number, len(array[1]) + 1)
                if array[2] == array_name:
                    current = _Table(position)
                    self._items.append(current)
                else:
                    current = None
            elif table:
                current = None
                if table[2] == array_name:
                    self._array_key = (number, len(table[1]) + 1)
            else:
                key = _KEY.match(line)
                if key and current is not None:
                    name = key[2].strip("\"'")
                    position = (number, len(key[1]) + 1)
                    current.keys.setdefault(name, position)
                    if current is self._root and name == array_name:
                        self._array_key = position
            closing = _opens_multiline(line)


def _opens_multiline(line: str) -> str | None:
    """The delimiter of a multi-line string left open at the end of this line, if any."""
    for delimiter in ('"""', "'''"):
        if line.count(delimiter) % 2 == 1:
            return delimiter
    return None
