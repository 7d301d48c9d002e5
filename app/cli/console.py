"""What the command line prints: lines with file text made safe, aligned tables, exit statuses."""

from __future__ import annotations

import sys

from app.text import visible

EXIT_OK, EXIT_USER, EXIT_USAGE = 0, 1, 2


def echo(text: object = "", *, err: bool = False) -> None:
    """Print a line; text from files is shown with its control and bidi characters as escapes."""
    print(visible(str(text), keep="\n"), file=sys.stderr if err else sys.stdout)


def table(rows: list[tuple[str, ...]], right: frozenset[int] = frozenset(), indent: str = "") -> list[str]:
    """Rows as aligned columns (the first row is the heading); columns in `right` are right-aligned.
    Cells are shown with unsafe characters escaped before their widths are measured."""
    rows = [tuple(visible(cell) for cell in row) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        indent
        + "  ".join(
            cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))
        ).rstrip()
        for row in rows
    ]
