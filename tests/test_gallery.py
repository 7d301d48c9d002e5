"""The docs' gallery of moves is the model's own drawing: written again, it is byte for byte what is committed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.moves.figure import BONES
from app.moves.gallery import write
from app.moves.move_file import load_moves

DOCS = Path(__file__).parent.parent / "docs"


def test_the_gallery_is_up_to_date_with_the_moves():
    # Not in pytest's tmp_path: the hostile-text sweep looks for .svg files there (a screenshot written
    # where it must not be), and these must not be taken for one.
    with tempfile.TemporaryDirectory() as folder:
        compare(Path(folder))


def compare(tmp_path: Path) -> None:
    written = write(tmp_path)
    moves, _ = load_moves()
    assert len(written) == len(moves) + 1
    for path in written:
        committed = DOCS / path.relative_to(tmp_path)
        assert committed.exists(), f"{committed} is missing: run python -m app.moves.gallery"
        assert path.read_text() == committed.read_text(), f"{committed} is out of date: run python -m app.moves.gallery"
    stale = {p.name for p in (DOCS / "moves").glob("*.svg")} - {f"{key}.svg" for key in moves}
    assert not stale, f"images of moves no longer shipped: {stale}"


def test_each_image_shows_every_key_pose_with_its_bones_and_head():
    moves, _ = load_moves()
    for key, move in moves.items():
        image = (DOCS / "moves" / f"{key}.svg").read_text()
        bones = image.count("stroke-linecap") - image.count('class="nose"')
        assert image.count("<circle") == len(move.poses) and bones == len(BONES) * len(move.poses)
        assert all(f">at {at:g} s<" in image for at, _ in move.poses)
        if move.view == "side":  # the face looks to the page in a pose or more: which way the figure faces shows
            assert image.count('class="nose"') >= 1, key
    assert "(docs/moves.md)" in (DOCS.parent / "README.md").read_text()
