"""The one door for text from files, settings, paths and the user onto the screen.

Textual parses markup in plain strings, and markup can carry `@click` actions; a routine file
can be downloaded. So user text goes on screen only as `Content` built here, never formatted
into a string a widget would parse, with control and bidi characters shown as escapes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.content import Content

from app.text import visible

NOTICE_SECONDS = 5.0  # how long a notice shows when its sender does not say

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.notifications import SeverityLevel


def plain(text: str, style: str = "") -> Content:
    """`text` as it is (no markup), styled as a whole with `style` (a style, not markup)."""
    shown = visible(text, keep="\n\t")
    return Content.styled(shown, style) if style else Content(shown)


def lines(*parts: Content | str) -> Content:
    """Pieces joined into one Content; str pieces are taken literally too."""
    return Content.assemble(*(plain(part) if isinstance(part, str) else part for part in parts))


def notify(
    node: DOMNode,
    message: str,
    *,
    title: str = "",
    severity: SeverityLevel = "information",
    timeout: float | None = None,
) -> None:
    """A toast whose message and title are shown literally; over a session, a line in its hint line instead,
    where the eyes already are and no digit is covered."""
    from app.ui.screens.base import Supple

    shown = visible(message, keep="\n")
    screen = node.app.screen if node.app.screen_stack else None
    if isinstance(screen, Supple) and screen.take_notice(" ".join(shown.split()), timeout or NOTICE_SECONDS):
        return
    node.app.notify(shown, title=visible(title), severity=severity, timeout=timeout, markup=False)


def wrapped(content: Content, width: int, hang: bool = False) -> Content:
    """`content` wrapped to `width` at plain spaces only: a figure and its unit joined by a no-break
    space ("4 min 58 s") stay on one line, which Textual's own wrapping does not keep. With `hang`, a
    numbered line's later lines start under its text (" 3. Lying knee to chest  30 s," then "    each
    side"), so what wraps is seen to belong to its step."""
    text, breaks, indents = content.plain, [], {}
    line_start, last_space = 0, None
    indent = _hang(text, 0) if hang else 0
    room = width
    for index, char in enumerate(text):
        if char == "\n":
            line_start, last_space, room = index + 1, None, width
            indent = _hang(text, index + 1) if hang else 0
            continue
        if char == " ":  # a space past the edge is where the line breaks; it is not shown
            last_space = index + 1
        elif index - line_start >= room and last_space is not None:
            breaks.append(last_space)
            line_start, last_space = last_space, None
            if indent:
                indents[len(breaks)] = indent
                room = width - indent
    if not breaks:
        return content
    pieces = [piece.rstrip() for piece in content.divide(breaks)]
    return Content("\n").join(
        Content(" " * indents[n]) + piece if n in indents else piece for n, piece in enumerate(pieces)
    )


def _hang(text: str, start: int) -> int:
    """How far a numbered line's text starts from its edge (" 3. " is 4), when it fits a hanging indent; else 0."""
    match = _NUMBERED.match(text, start)
    return len(match.group()) if match and len(match.group()) <= 8 else 0


_NUMBERED = re.compile(r" *\d+\. ")
