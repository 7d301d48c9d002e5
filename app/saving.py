"""Saving and deleting the user's routine files: safe names, atomic writes, comments kept in a .bak."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from app.model import Routine
from app.files import write_atomically
from app.routine_file import dumps
from app.toml_locator import Locator

MAX_SLUG = 60
FALLBACK_SLUG = "routine"
# Names Windows will not open as files, whatever the extension; refused everywhere so a
# synced routines folder works on every system.
RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


class SaveError(Exception):
    """A routine that cannot be saved or deleted; the message says why, for the user."""


@dataclass(frozen=True)
class Saved:
    """Where a routine was written, and where the previous hand-edited version was kept."""

    path: Path
    backup: Path | None = None


def slugify(name: str) -> str:
    """A file stem from a routine name: lower-case ASCII letters, digits and dashes, never empty."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-") or FALLBACK_SLUG
    return f"{slug}-routine" if slug in RESERVED else slug


def free_path(folder: Path, name: str) -> Path:
    """A path in `folder` for a routine called `name` that no existing file uses."""
    stem = slugify(name)
    candidate = folder / f"{stem}.toml"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}.toml"
        number += 1
    return candidate


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path` is a file directly inside `folder` (a link there counts: it is the user's)."""
    return path.parent.resolve() == folder.resolve() and path.name not in ("", ".", "..")


def has_comments(text: str) -> bool:
    """True when the TOML text holds a comment, which rewriting it with tomli-w would drop."""
    return "#" in text and bool(Locator(text).comments)


def save_routine(routine: Routine, folder: Path, existing: Path | None = None) -> Saved:
    """Write `routine` into `folder`: over `existing` when it is the user's file there, else a new name."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SaveError(f"cannot create {folder}: {error.strerror or error}") from None
    if existing is not None and existing.exists() and is_inside(existing, folder) and not existing.is_symlink():
        target = existing
    else:
        target = free_path(folder, routine.name)
    if not is_inside(target, folder):
        raise SaveError(f"refusing to write {target}: it is outside {folder}")
    backup = None
    try:
        if target.exists():
            old = target.read_text(encoding="utf-8", errors="replace")
            if has_comments(old):
                backup = target.with_name(target.name + ".bak")
                write_atomically(backup, old)
        write_atomically(target, dumps(routine))
    except OSError as error:
        raise SaveError(f"cannot save {target.name}: {error.strerror or error}") from None
    return Saved(target, backup)


def delete_routine(path: Path, folder: Path) -> None:
    """Remove one of the user's routine files; anything outside `folder` is refused."""
    if not is_inside(path, folder) or path.suffix != ".toml":
        raise SaveError(f"{path.name} is not one of your routines; only those can be deleted")
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as error:
        raise SaveError(f"cannot delete {path.name}: {error.strerror or error}") from None
