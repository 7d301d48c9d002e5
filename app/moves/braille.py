"""The figure drawn in braille: each terminal cell holds 2x4 dots, so a 40x20 box has 80x80 dots to draw in.

Bones are drawn as 8-connected lines of dots (Bresenham), so a limb never breaks into pieces however small
the figure; the head is a ring. The working side's cells are marked, for the screen to draw brighter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from app.moves.figure import BONES, HEAD

# The bit of each dot in a braille cell, by (column, row) in the cell: Unicode's order, not reading order.
DOT_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
BLANK = 0x2800
THICK_FROM = 30.0  # dots a unit (a figure some 14 rows tall) from which bones are two dots wide: seen from afar
CHARS = [chr(BLANK + bits) for bits in range(256)]  # looked up, not made, for each of a frame's cells

Box = tuple[float, float, float, float]  # left, right, bottom, top, in the figure's units


class Drawing(NamedTuple):
    """Rows of braille text, and for each cell whether it shows the working side (to draw brighter)."""

    rows: list[str]
    bright: list[list[bool]]


class Canvas:
    """Dots on a grid of `width` x `height` cells; (0, 0) the top left dot."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.lowest = height * 4 - 1  # the last row of dots drawn: a figure seen close is cut at its waist
        self.cells = [[0] * width for _ in range(height)]
        self.bright = [[False] * width for _ in range(height)]

    def dot(self, x: int, y: int, bright: bool = False) -> None:
        if 0 <= x < self.width * 2 and 0 <= y <= self.lowest:
            row, column = y // 4, x // 2
            self.cells[row][column] |= DOT_BITS[x % 2][y % 4]
            if bright:
                self.bright[row][column] = True

    def line(
        self,
        x0: int,
        y0: int,
        x1: int,
        y1: int,
        bright: bool = False,
        dashed: bool = False,
        thick: bool = False,
        dotted: bool = False,
    ) -> None:
        """Every dot from one end to the other, each touching the last (sides or corners): no gaps. Dashed:
        two dots on, two off, so a prop (a door frame, a wall) never reads as a limb. Dotted: one dot in three,
        a joint's path. Thick: a second dot beside each, across the line (right of a steep one, below a flat one)."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        beside = (1, 0) if dx <= -dy else (0, 1)
        step_x, step_y = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        error = dx + dy
        count = 0
        while True:
            if (not dashed or count % 4 < 2) and (not dotted or count % 3 == 0):
                self.dot(x0, y0, bright)
                if thick:
                    self.dot(x0 + beside[0], y0 + beside[1], bright)
            count += 1
            if x0 == x1 and y0 == y1:
                return
            twice = 2 * error
            if twice >= dy:
                error += dy
                x0 += step_x
            if twice <= dx:
                error += dx
                y0 += step_y

    def hollow(self, cx: int, cy: int, radius: int) -> None:
        """Clear the dots inside a circle: the head hides the limbs behind it (child's pose's arms ran through
        its ring)."""
        inside = (radius - 0.5) ** 2
        for y in range(cy - radius + 1, cy + radius):
            for x in range(cx - radius + 1, cx + radius):
                if (x - cx) ** 2 + (y - cy) ** 2 < inside and 0 <= x < self.width * 2 and 0 <= y <= self.lowest:
                    self.cells[y // 4][x // 2] &= ~DOT_BITS[x % 2][y % 4]

    def ring(self, cx: int, cy: int, radius: int) -> None:
        """A circle's dots (the midpoint rule); a radius under 1 is one dot."""
        if radius < 1:
            self.dot(cx, cy)
            return
        x, y, error = radius, 0, 1 - radius
        while x >= y:
            for px, py in ((x, y), (y, x), (-y, x), (-x, y), (-x, -y), (-y, -x), (y, -x), (x, -y)):
                self.dot(cx + px, cy + py)
            y += 1
            if error < 0:
                error += 2 * y + 1
            else:
                x -= 1
                error += 2 * (y - x) + 1

    def drawing(self) -> Drawing:
        return Drawing(["".join(map(CHARS.__getitem__, row)) for row in self.cells], self.bright)


def fit(box: Box, width: int, height: int) -> tuple[float, float, float]:
    """Dots per unit and the dot the box's left-bottom corner lands on, so the box fills the cells, centred,
    with the same scale both ways (a dot is about as wide as it is tall)."""
    left, right, bottom, top = box
    dots_wide, dots_high = width * 2 - 1, height * 4 - 1
    scale = min(dots_wide / (right - left), dots_high / (top - bottom))
    x0 = (dots_wide - (right - left) * scale) / 2
    y0 = dots_high - (dots_high - (top - bottom) * scale) / 2
    return scale, x0, y0


Line = tuple[tuple[float, float], tuple[float, float]]


def draw(
    points: Mapping[str, tuple[float, float]],
    box: Box,
    width: int,
    height: int,
    side: str | None = None,
    props: Sequence[Line] = (),
    clip: bool = False,
    paths: Sequence[Line] = (),
) -> Drawing:
    """The projected joints drawn within `box` on `width` x `height` cells; `side` ("left" or "right"): the
    working side's limbs marked bright; `props`: still lines drawn dashed; `clip`: nothing below the box's
    bottom (the legs of a figure seen close); `paths`: where joints go, dotted."""
    canvas = Canvas(width, height)
    scale, x0, y0 = fit(box, width, height)
    left, _, bottom, _ = box
    if clip:
        canvas.lowest = min(canvas.lowest, round(y0))

    def on_page(x: float, y: float) -> tuple[int, int]:
        return round(x0 + (x - left) * scale), round(y0 - (y - bottom) * scale)

    def at(joint: str) -> tuple[int, int]:
        return on_page(*points[joint])

    for start_point, end_point in props:
        canvas.line(*on_page(*start_point), *on_page(*end_point), dashed=True)
    for start_point, end_point in paths:
        canvas.line(*on_page(*start_point), *on_page(*end_point), dotted=True)

    thick = scale >= THICK_FROM
    for start, end, _ in BONES:
        if start == "neck" and end == "head":
            continue  # the neck is drawn up to the head's ring, not through it
        bright = side is not None and start.startswith(side) and end.startswith(side)
        canvas.line(*at(start), *at(end), bright, thick=thick)
    neck, head = at("neck"), at("head")
    radius = max(1, round(HEAD * scale))
    # The neck stops at the ring: the point `radius` short of the head's centre.
    length = max(1.0, ((head[0] - neck[0]) ** 2 + (head[1] - neck[1]) ** 2) ** 0.5)
    reach = max(0.0, 1 - radius / length)
    ends = round(neck[0] + (head[0] - neck[0]) * reach), round(neck[1] + (head[1] - neck[1]) * reach)
    canvas.line(*neck, *ends, thick=thick)
    canvas.hollow(*head, radius)
    canvas.ring(*head, radius)
    if thick:
        canvas.ring(*head, radius - 1)
    nose = at("nose")
    away = ((nose[0] - head[0]) ** 2 + (nose[1] - head[1]) ** 2) ** 0.5
    if away > radius + 1:  # the face turned to the page, not to the viewer: its nose ticks out of the ring
        share = radius / away
        ring = round(head[0] + (nose[0] - head[0]) * share), round(head[1] + (nose[1] - head[1]) * share)
        canvas.line(*ring, *nose, thick=thick)
    return canvas.drawing()
