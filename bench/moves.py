"""One frame of a move as the player draws it (pose, figure, braille), at 60x20, 80x24 and 120x40.

The baseline, measured in the same run: drawing the session's big clock for the same room (its block digits
at the largest scale that fits, joined into rows), the drawing a session already does each second.
Target: a 120x40 frame well under a millisecond.
Usage: python bench/moves.py [rounds]   (default 2000 frames a size; median of 5 rounds)
"""

from __future__ import annotations

import statistics
import sys
import time

from app.moves.move_file import load_moves
from app.ui.widgets.big_clock import best_scale, block_lines

SIZES = [(60, 20), (80, 24), (120, 40)]


def per_frame(work, frames: int) -> float:
    """Seconds one call of `work(i)` takes, the median of 5 rounds of `frames` calls."""
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for i in range(frames):
            work(i)
        rounds.append((time.perf_counter() - start) / frames)
    return statistics.median(rounds)


def main() -> None:
    frames = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    moves, _ = load_moves()
    print(f"{len(moves)} moves, {frames} frames a size, median of 5 rounds; microseconds a frame\n")
    print(f"{'size':<8}{'big clock':>15}{'frame, all moves':>20}{'slowest move':>16}{'ratio':>8}")
    for width, height in SIZES:
        scale = best_scale("0:20", width, height)
        baseline = per_frame(lambda i, scale=scale: "\n".join(block_lines(f"0:{i % 60:02d}", scale)), frames)
        timed = {}
        for key, move in moves.items():
            side = "left" if move.sided else None

            def frame(i, move=move, side=side, width=width, height=height):
                return move.drawing(i / 20, side, width, height)

            timed[key] = per_frame(frame, max(1, frames // len(moves)))
        middle = statistics.median(timed.values())
        slowest = max(timed, key=timed.get)
        print(
            f"{width}x{height:<5}{baseline * 1e6:>15.1f}{middle * 1e6:>20.1f}{timed[slowest] * 1e6:>16.1f}"
            f"{middle / baseline:>8.0f}   ({slowest})"
        )
    print("\ntarget: a 120x40 frame well under 1000 us")


if __name__ == "__main__":
    main()
