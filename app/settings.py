"""User settings in config.toml: read with tomllib, written atomically with tomli-w."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from app import paths
from app.files import NotReadable, read_regular, real_path, write_atomically
from app.text import shorten, unsafe_chars

FILE_NAME = "config.toml"
MAX_BYTES = 64 * 1024


class Settings(NamedTuple):
    """What the user can set; the defaults are what a fresh install uses."""

    sound: bool = True
    volume: int = 80  # 0..100
    voice: bool = True
    halfway: bool = True
    checkin: bool = True  # ask how the back feels after each session
    theme: str = "textual-dark"  # one of Textual's themes, or Supple's "supple-high-contrast"


def settings_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings, or the defaults and a message saying what was wrong with the file."""
    path = path or settings_path()
    try:
        text = read_regular(path, MAX_BYTES).decode("utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        return Settings(), None
    except NotReadable as error:
        return Settings(), f"{path}: {error}; using the defaults"
    except OSError as error:
        return Settings(), f"{path}: cannot read it ({error.strerror or error}); using the defaults"
    except UnicodeDecodeError as error:
        return Settings(), f"{path}: not UTF-8 text (byte 0x{error.object[error.start]:02x}); using the defaults"
    import tomllib  # only when there is a file: without one, start-up needs no TOML parser

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        detail = str(error)
        return Settings(), f"{path}: invalid TOML: {detail[:1].lower()}{detail[1:]}; using the defaults"
    except ValueError:  # tomllib refuses integers of more than 4300 digits
        return Settings(), f"{path}: invalid TOML: a number is far too long; using the defaults"
    values, problems = _check(doc)
    if problems:
        return Settings(), f"{path}: {'; '.join(problems)}; using the defaults"
    return Settings(**values), None


def _check(doc: dict) -> tuple[dict, list[str]]:
    from app.routine.validate import quoted, show

    known = Settings._fields
    values: dict = {}
    problems: list[str] = []
    for key, value in doc.items():
        if key not in known:
            problems.append(f'unknown key {quoted(shorten(key))} (known: {", ".join(known)})')
        elif key == "theme":
            if not isinstance(value, str) or not value or len(value) > 60 or unsafe_chars(value):
                problems.append(f"theme must be a theme's name, got {show(value)}")
            else:
                values[key] = value
        elif key == "volume":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                problems.append(f"volume must be a whole number from 0 to 100, got {show(value)}")
            else:
                values[key] = value
        elif not isinstance(value, bool):
            problems.append(f"{key} must be true or false, got {show(value)}")
        else:
            values[key] = value
    return values, problems


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings; the old file stays whole if writing fails."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    import tomli_w  # saving is rare; start-up only reads

    # Through a link (a dotfiles folder, say) to the file it names, so the link stays a link; but
    # only onto a regular file (or none yet): a link to a device or a pipe is never replaced.
    target = real_path(path)
    try:
        if not stat.S_ISREG(os.stat(target).st_mode):
            raise NotReadable(f"{path} leads to {target}, which is not a file; settings not saved")
    except FileNotFoundError:
        pass
    write_atomically(target, tomli_w.dumps(settings._asdict()))
    return path
