"""The gallery of moves for people reading the docs: each move's key poses as an SVG image, drawn from the model
itself so it cannot drift from what Supple shows, and docs/moves.md listing them.

Run `python -m app.moves.gallery` from the repository's root to write docs/moves.md and docs/moves/*.svg anew;
a test fails when the committed ones differ from what this writes."""

from __future__ import annotations

import math
import sys
from pathlib import Path

from app.moves.figure import BONES, HEAD
from app.moves.move import SEEN, Move
from app.moves.move_file import load_moves

PANEL = 150  # pixels a key pose's square panel has
INK, WORKING, FLOOR = "#333333", "#d9480f", "#bbbbbb"


def svg(move: Move) -> str:
    """The move's key poses side by side, its working side (the left, where it has sides) in colour."""
    side = "left" if move.sided else None
    left, right, bottom, top = move.box
    scale = (PANEL - 10) / max(right - left, top - bottom)
    width = PANEL * len(move.poses)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{PANEL + 20}" '
        f'viewBox="0 0 {width} {PANEL + 20}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{PANEL + 20}" fill="#ffffff"/>',
    ]
    if move.close:  # seen close: cut at the box's bottom, the waist, as the terminal draws it
        parts.append(f'<clipPath id="waist"><rect width="{width}" height="{PANEL - 5}"/></clipPath>')
    for number, (at, _) in enumerate(move.poses):
        shown = move.page_at(at, side)
        x0 = number * PANEL + (PANEL - (right - left) * scale) / 2

        def point(joint: str, x0: float = x0, shown: dict = shown) -> tuple[float, float]:
            x, y = shown[joint]
            return round(x0 + (x - left) * scale, 1), round(PANEL - 5 - (y - bottom) * scale, 1)

        if move.view != "above" and not move.close:
            floor = round(PANEL - 5 - (0 - bottom) * scale, 1)
            parts.append(
                f'<line x1="{number * PANEL + 5}" y1="{floor}" x2="{(number + 1) * PANEL - 5}" y2="{floor}" '
                f'stroke="{FLOOR}" stroke-width="1"/>'
            )
        # Props dashed, the trailed joints' paths dotted: still lines, neither read as a limb.
        for lines, dashes in ((move.props_at(side), "4 3"), (move.paths_at(side), "2 4")):
            for (ax, ay), (bx, by) in lines:
                x1, y1 = round(x0 + (ax - left) * scale, 1), round(PANEL - 5 - (ay - bottom) * scale, 1)
                x2, y2 = round(x0 + (bx - left) * scale, 1), round(PANEL - 5 - (by - bottom) * scale, 1)
                parts.append(
                    f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{FLOOR}" stroke-width="2" '
                    f'stroke-dasharray="{dashes}"/>'
                )
        if move.close:
            parts.append('<g clip-path="url(#waist)">')
        for start, end, _ in BONES:
            (x1, y1), (x2, y2) = point(start), point(end)
            colour = WORKING if side and start.startswith(side) and end.startswith(side) else INK
            parts.append(
                f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" stroke-width="3" '
                'stroke-linecap="round"/>'
            )
        if move.close:
            parts.append("</g>")
        hx, hy = point("head")
        parts.append(
            f'<circle cx="{hx}" cy="{hy}" r="{round(HEAD * scale, 1)}" fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
        )
        (nx, ny), radius = point("nose"), HEAD * scale
        away = math.hypot(nx - hx, ny - hy)
        if away > radius + 2:  # the face turned to the page: its nose ticks out of the ring
            rx, ry = round(hx + (nx - hx) * radius / away, 1), round(hy + (ny - hy) * radius / away, 1)
            parts.append(
                f'<line class="nose" x1="{rx}" y1="{ry}" x2="{nx}" y2="{ny}" stroke="{INK}" stroke-width="3" '
                'stroke-linecap="round"/>'
            )
        parts.append(f'<text x="{number * PANEL + PANEL / 2}" y="{PANEL + 15}" text-anchor="middle">at {at:g} s</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def page(moves: dict[str, Move]) -> str:
    """docs/moves.md: each move with its image."""
    lines = [
        "# The moves Supple shows",
        "",
        "Each move's key poses, drawn from the same model `supple moves NAME` plays (this page is written by",
        "`python -m app.moves.gallery`; a test fails when it is out of date). Where a move has sides, the",
        "working side is in colour; the right side's poses are the left's mirror. Moves that face you (seen",
        "from in front, or lying face up seen from above) are drawn as in a mirror, the figure's left on the",
        "page's left, so that you copy them as your reflection.",
        "",
    ]
    for key, move in moves.items():
        sides = ", each side" if move.sided else ""
        close = ", close, from the waist up" if move.close else ""
        lines += [
            f"## {move.name}",
            "",
            f"`supple moves {key}` · seen {SEEN[move.view]}{close} · {move.seconds:g} s a repetition{sides}",
            "",
            *([move.about, ""] if move.about else []),
            *(
                [f"Left side: {move.side_words('left')}; right side: {move.side_words('right')}.", ""]
                * bool(move.left_side)
            ),
            f"![{move.name}: its key poses](moves/{key}.svg)",
            "",
        ]
    return "\n".join(lines)


def write(docs: Path) -> list[Path]:
    """Write the page and the images into `docs`; the files written."""
    moves, broken = load_moves()
    if broken:
        raise SystemExit("\n".join(str(problem) for error in broken for problem in error.problems))
    (docs / "moves").mkdir(parents=True, exist_ok=True)
    written = []
    for key, move in moves.items():
        path = docs / "moves" / f"{key}.svg"
        path.write_text(svg(move), encoding="utf-8")
        written.append(path)
    (docs / "moves.md").write_text(page(moves), encoding="utf-8")
    return [*written, docs / "moves.md"]


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")):
        print(path)
