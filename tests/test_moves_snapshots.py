"""Every move's key poses as `supple moves NAME --still` prints them, against the copy kept beside this file.

SUPPLE_UPDATE_TEXT=1 writes the copies anew (look at the diff before committing it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.moves import still
from app.moves.move_file import load_moves
from tests.kept_text import matches_kept

KEPT = Path(__file__).parent / "moves_snapshots"
MOVES, _ = load_moves()


@pytest.mark.parametrize("key", sorted(MOVES))
def test_a_moves_key_poses_read_as_kept(key):
    move = MOVES[key]
    text = "\n".join(still(move, "left" if move.sided else None)) + "\n"
    matches_kept(text, KEPT / f"{key}.txt", f"{key}'s key poses")


def test_no_copy_is_kept_for_a_move_no_longer_shipped():
    assert {path.stem for path in KEPT.glob("*.txt")} == set(MOVES)
