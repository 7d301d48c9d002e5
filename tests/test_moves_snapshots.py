"""Every move's key poses as `supple moves NAME --still` prints them, against the copy kept beside this file.

SUPPLE_UPDATE_TEXT=1 writes the copies anew (look at the diff before committing it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.cli.moves import still
from app.moves.move import load_moves

KEPT = Path(__file__).parent / "moves_snapshots"
MOVES, _ = load_moves()


@pytest.mark.parametrize("key", sorted(MOVES))
def test_a_moves_key_poses_read_as_kept(key):
    move = MOVES[key]
    text = "\n".join(still(move, "left" if move.sided else None)) + "\n"
    kept = KEPT / f"{key}.txt"
    if os.environ.get("SUPPLE_UPDATE_TEXT"):
        kept.parent.mkdir(exist_ok=True)
        kept.write_text(text, encoding="utf-8")
    assert kept.exists(), f"no copy kept for {key}: run with SUPPLE_UPDATE_TEXT=1 and review it"
    assert text == kept.read_text(encoding="utf-8"), f"{key}'s key poses changed; now:\n{text}"


def test_no_copy_is_kept_for_a_move_no_longer_shipped():
    assert {path.stem for path in KEPT.glob("*.txt")} == set(MOVES)
