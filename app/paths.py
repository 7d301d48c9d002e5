"""Where Supple keeps the user's files; functions only, nothing is created at import."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "supple"


def _home() -> Path | None:
    value = os.environ.get("SUPPLE_HOME")
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """The user's config folder (SUPPLE_HOME if set)."""
    home = _home()
    if home:
        return home
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    """The user's data folder (SUPPLE_HOME/data if SUPPLE_HOME is set)."""
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def trash_dir() -> Path:
    """Where deleted routines are kept, to bring back or to empty by hand."""
    return data_dir() / "trash"


def user_routines_dir() -> Path:
    """Where the user's own routines live."""
    return config_dir() / "routines"


def bundled_routines_dir() -> Path:
    """The routines shipped with Supple: inside the installed package, or the source checkout's."""
    package = Path(__file__).resolve().parent
    inside = package / "routines"
    return inside if inside.is_dir() else package.parent / "routines"


def shipped_moves_dir() -> Path:
    """The moves shipped with Supple, one TOML file a move (read by app.moves; a step's demo names one)."""
    return Path(__file__).resolve().parent / "moves" / "library"


def log_file() -> Path:
    """The training log (SQLite), in the data folder."""
    return data_dir() / "supple.db"
