"""Pain at each check-in as one row of bars on the fixed 0-10 scale: a 2 is low whatever else was said."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from app.ui.text import plain

BARS = " ▁▂▃▄▅▆▇█"  # 0 is blank; 10 is a full cell


def pain_row(pains: list[int], width: int) -> str:
    """`pains` (0-10, oldest first) as at most `width` bars; when they do not fit, each bar is the worst
    of the check-ins it stands for, so the highest pain is never lost."""
    if not pains or width <= 0:
        return ""
    groups = min(width, len(pains))
    bars = []
    for n in range(groups):
        start, end = n * len(pains) // groups, (n + 1) * len(pains) // groups
        worst = max(pains[start:end])
        bars.append(BARS[round(max(0, min(10, worst)) * (len(BARS) - 1) / 10)])
    return "".join(bars)


class PainStrip(Widget):
    """One row: a bar a check-in, on 0-10."""

    DEFAULT_CSS = "PainStrip { height: 1; color: $warning; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: list[int] = []

    def show(self, pains: list[int]) -> None:
        self.data = list(pains)
        self.refresh()

    def render(self) -> Content:
        return plain(pain_row(self.data, self.content_size.width))
