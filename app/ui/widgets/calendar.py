"""Twelve weeks at a glance: a cell a day, darker the more minutes of warm-up or stretching it had."""

from __future__ import annotations

from datetime import date, timedelta

from textual.content import Content
from textual.widget import Widget

from app.ui.text import plain

# Minutes from which a day gets each shade; a day with nothing shows a faint dot.
SHADES = ((30, "$success"), (15, "$success 70%"), (5, "$success 45%"), (0.01, "$success 25%"))
DAYS = "MTWTFSS"


class Calendar(Widget):
    """Weeks as columns (oldest on the left), days as rows from Monday; month names above."""

    DEFAULT_CSS = "Calendar { width: auto; height: 8; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.first: date | None = None
        self.weeks = 0
        self.minutes: dict[date, float] = {}
        self.today: date | None = None

    def show(self, first: date, weeks: int, minutes: dict[date, float], today: date) -> None:
        self.first, self.weeks, self.minutes, self.today = first, weeks, minutes, today
        self.refresh(layout=True)

    def get_content_width(self, container, viewport) -> int:
        return 3 + 2 * self.weeks  # a month named above the last week takes a column more

    def render(self) -> Content:
        if self.first is None:
            return Content("")
        months = [" "] * (3 + 2 * self.weeks)
        for week in range(self.weeks):
            sunday = self.first + timedelta(weeks=week, days=6)
            if sunday.day <= 7:  # the month starts this week (its 1st is one of these days): its name above
                name = sunday.strftime("%b")
                months[2 + 2 * week : 2 + 2 * week + len(name)] = list(name)
        rows = [plain("".join(months[: 3 + 2 * self.weeks]).rstrip(), "dim")]
        for weekday in range(7):
            cells = [plain(DAYS[weekday] + " ", "dim")]
            for week in range(self.weeks):
                day = self.first + timedelta(weeks=week, days=weekday)
                cells.append(self._cell(day))
            rows.append(Content.assemble(*cells))
        return Content("\n").join(rows)

    def _cell(self, day: date) -> Content:
        if self.today is not None and day > self.today:
            return plain("  ")
        minutes = self.minutes.get(day, 0.0)
        shade = next((style for least, style in SHADES if minutes >= least), None)
        return plain("██", shade) if shade else plain("· ", "dim")
