"""Text kept beside a test, compared line for line: SUPPLE_UPDATE_TEXT=1 writes it anew (review the diff)."""

from __future__ import annotations

import os
from pathlib import Path


def matches_kept(text: str, kept: Path, what: str) -> None:
    """Assert `text` is what `kept` holds (`what` names it in the failure); with SUPPLE_UPDATE_TEXT set, write it."""
    if os.environ.get("SUPPLE_UPDATE_TEXT"):
        kept.parent.mkdir(exist_ok=True)
        kept.write_text(text, encoding="utf-8")
    assert kept.exists(), f"no copy kept for {kept.name}: run with SUPPLE_UPDATE_TEXT=1 and review it"
    assert text == kept.read_text(encoding="utf-8"), f"{what} differs from {kept.name}; now:\n{text}"
