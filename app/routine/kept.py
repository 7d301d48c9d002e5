"""Editor work kept when Supple was quit with unsaved changes (Ctrl+C twice), to offer the next time."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, fields
from pathlib import Path
from typing import NamedTuple

from app import paths
from app.files import read_regular, write_atomically
from app.routine.draft import RoutineDraft, StepDraft
from app.routine.saving import slugify

LIMIT = 4 * 1024 * 1024  # a kept file larger than this is not Supple's


class Kept(NamedTuple):
    """One piece of kept work: the routine's form, as it was when Supple was quit."""

    path: Path
    name: str
    at: float  # when it was kept (seconds since the epoch)
    draft: RoutineDraft
    existing: Path | None  # the file it was editing, None for a new routine
    fingerprint: str | None  # of that file as it was read, so a save notices a change made since


def kept_dir() -> Path:
    return paths.data_dir() / "kept"


def keep(draft: RoutineDraft, existing: Path | None, fingerprint: str | None) -> Path:
    """Write `draft` where the next start finds it; returns the file. Raises OSError when it cannot."""
    folder = kept_dir()
    folder.mkdir(parents=True, exist_ok=True)
    form = {k: v for k, v in asdict(draft).items() if not k.startswith("_")}
    record = {"draft": form, "existing": str(existing) if existing else None, "fingerprint": fingerprint}
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stamp}-{os.getpid()}-{slugify(draft.name or 'routine')}.json"
    write_atomically(path, json.dumps(record, ensure_ascii=False, indent=1))
    return path


def every_kept() -> list[Kept]:
    """The work kept, newest first; a file that cannot be read as kept work is left where it is, unread."""
    folder = kept_dir()
    try:
        names = sorted(
            (p for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith(".")), reverse=True
        )
    except OSError:
        return []
    found = []
    for path in names:
        try:
            found.append(_read(path))
        except (OSError, ValueError, TypeError, KeyError):
            continue
    return found


def _read(path: Path) -> Kept:
    record = json.loads(read_regular(path, LIMIT).decode("utf-8"))
    form = dict(record["draft"])
    step_fields = {f.name for f in fields(StepDraft)}
    steps = []
    for step in form.pop("steps"):
        step = {k: v for k, v in step.items() if k in step_fields}
        if step.get("read_cues") is not None:
            step["read_cues"] = tuple(step["read_cues"])
        steps.append(StepDraft(**step))
    draft_fields = {f.name for f in fields(RoutineDraft) if not f.name.startswith("_")}
    draft = RoutineDraft(**{k: v for k, v in form.items() if k in draft_fields}, steps=steps)
    if not all(isinstance(getattr(draft, name), str) for name in ("name", "description", "kind", "prep")):
        raise TypeError("not a routine's form")
    existing = record.get("existing")
    return Kept(
        path, draft.name, path.stat().st_mtime, draft, Path(existing) if existing else None, record.get("fingerprint")
    )


def forget(kept: Kept) -> None:
    """It has been taken up again, or thrown away (into the trash, where deleted routines go)."""
    kept.path.unlink(missing_ok=True)


def throw_away(kept: Kept) -> Path:
    """Move it into the trash, from where it can still be fished out by hand."""
    from app.routine.saving import _move_new

    trash = paths.trash_dir()
    trash.mkdir(parents=True, exist_ok=True)
    for n in range(1, 100):
        target = trash / (kept.path.name if n == 1 else f"{kept.path.stem}-{n}{kept.path.suffix}")
        if _move_new(kept.path, target):  # never over a file already there
            return target
    raise OSError(f"the trash already holds {kept.path.name}")
