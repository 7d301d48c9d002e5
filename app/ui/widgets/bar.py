"""A plain text progress bar with its figures: written only when it changes, never animated."""

from __future__ import annotations

from app.routine.duration import format_clock


def bar_text(done: float, total: float, width: int) -> str:
    """ "█████░░░░░ 2:10 / 5:27": the bar fills `width` cells in whole cells."""
    # The total rounded, as the picker and the plan say it; what is done counts whole seconds up.
    figures = f" {format_clock(done)} / {format_clock(round(total))}"
    cells = max(4, width - len(figures))
    filled = 0 if total <= 0 else min(cells, int(cells * done / total))
    return "█" * filled + "░" * (cells - filled) + figures
