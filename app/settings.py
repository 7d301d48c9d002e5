"""User settings in config.toml: read with tomllib, saved with tomlkit so the user's comments,
order and unknown keys survive, and written atomically."""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path
from typing import NamedTuple

from app import paths
from app.files import NotReadable, read_regular, real_path, write_atomically
from app.text import closest, shorten, unsafe_chars

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
    flash: str = "auto"  # the screen flashes at each new part: "on", "off", or "auto" (when no sound is heard)
    reduced_motion: bool = False  # nothing blinks or moves: a steady band for the flash, a still figure
    move_in_work: bool = False  # each session starts with the move beside smaller digits in the work too (f)


FLASH_CHOICES = ("auto", "on", "off")


class NotReadCleanly(OSError):
    """config.toml is there but could not be read as TOML: saving would replace it, so it is not done
    unless the user says so (`replace=True`)."""


def settings_path() -> Path:
    return paths.config_dir() / FILE_NAME


def _read_text(path: Path) -> str:
    """The file's text; FileNotFoundError when there is none, NotReadCleanly with the reason otherwise."""
    try:
        return read_regular(path, MAX_BYTES).decode("utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        raise
    except NotReadable as error:
        raise NotReadCleanly(f"{path}: {error}") from None
    except OSError as error:
        raise NotReadCleanly(f"{path}: cannot read it ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise NotReadCleanly(f"{path}: not UTF-8 text (byte 0x{error.object[error.start]:02x})") from None


def _parse(path: Path, text: str) -> dict:
    """The file's TOML, or NotReadCleanly saying where it is wrong."""
    import tomllib  # only when there is a file: without one, start-up needs no TOML parser

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        detail = str(error)
        raise NotReadCleanly(f"{path}: invalid TOML: {detail[:1].lower()}{detail[1:]}") from None
    except ValueError:  # tomllib refuses integers of more than 4300 digits
        raise NotReadCleanly(f"{path}: invalid TOML: a number is far too long") from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise NotReadCleanly(f"{path}: invalid TOML: nested far too deeply") from None


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings, or the defaults where the file is wrong, and a message saying what was wrong
    and where (file:line for a key); a key that is wrong leaves the others in force."""
    path = path or settings_path()
    try:
        text = _read_text(path)
        doc = _parse(path, text)
    except FileNotFoundError:
        return Settings(), None
    except NotReadCleanly as error:
        return Settings(), f"{error}; using the defaults"
    values, problems = _check(doc)
    if problems:
        lines = _key_lines(text)
        said = [
            f"{path}:{lines[key]}: {problem}" if key in lines else f"{path}: {problem}" for key, problem in problems
        ]
        return Settings(**values), "; ".join(said) + "; the rest of the file is used"
    return Settings(**values), None


def _check(doc: dict) -> tuple[dict, list[tuple[str, str]]]:
    """The valid values, and (key, problem) for each key that is not."""
    from app.routine.validate import quoted, show

    known = Settings._fields
    values: dict = {}
    problems: list[tuple[str, str]] = []
    for key, value in doc.items():
        if key not in known:
            close = closest(key, known)
            hint = f'did you mean "{close}"?' if close else f"known: {', '.join(known)}"
            problems.append((key, f"unknown key {quoted(shorten(key))} ({hint}); it is ignored"))
        elif key == "theme":
            if not isinstance(value, str) or not value or len(value) > 60 or unsafe_chars(value):
                problems.append((key, f"theme must be a theme's name, got {show(value)}"))
            else:
                values[key] = value
        elif key == "flash":
            if value not in FLASH_CHOICES:
                problems.append((key, f'flash must be "auto", "on" or "off", got {show(value)}'))
            else:
                values[key] = value
        elif key == "volume":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                problems.append((key, f"volume must be a whole number from 0 to 100, got {show(value)}"))
            else:
                values[key] = value
        elif not isinstance(value, bool):
            problems.append((key, f"{key} must be true or false, got {show(value)}"))
        else:
            values[key] = value
    return values, problems


_KEY_LINE = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[=.\]]""")


def _key_lines(text: str) -> dict[str, int]:
    """The line each top-level key (or table) starts on: enough to point the user at it."""
    import json

    lines: dict[str, int] = {}
    in_table = False  # after the first [table], only table headers name top-level keys
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        header = stripped.startswith("[")
        in_table |= header
        match = _KEY_LINE.match(stripped.lstrip("[") if header else stripped)
        if not match or in_table and not header:
            continue
        basic, literal, bare = match.groups()
        if basic is not None:
            try:
                key = json.loads(f'"{basic}"')
            except ValueError:
                continue
        else:
            key = literal if literal is not None else bare
        lines.setdefault(key, number)
    return lines


def save_settings(
    settings: Settings, path: Path | None = None, *, base: Settings | None = None, replace: bool = False
) -> Path:
    """Write the settings into config.toml, keeping its comments, order and unknown keys; the old file
    stays whole if writing fails.

    With `base` (the settings as they were read), only what differs from it is written: a change made
    meanwhile by another Supple to another setting is kept. A file that cannot be read as TOML raises
    NotReadCleanly; with `replace` it is moved aside (never deleted) and a new one written.
    """
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    import tomlkit  # saving is rare; start-up only reads

    # Through a link (a dotfiles folder, say) to the file it names, so the link stays a link; but
    # only onto a regular file (or none yet): a link to a device or a pipe is never replaced.
    target = real_path(path)
    try:
        if not stat.S_ISREG(os.stat(target).st_mode):
            raise NotReadable(f"{path} leads to {target}, which is not a file; settings not saved")
    except FileNotFoundError:
        pass
    changed = {key: value for key, value in settings._asdict().items() if base is None or getattr(base, key) != value}
    try:
        text = _read_text(target)
        _parse(path, text)
        doc = tomlkit.parse(text)
    except FileNotFoundError:
        doc, changed = tomlkit.document(), settings._asdict()  # a new file names every setting
    except (NotReadCleanly, RecursionError, tomlkit.exceptions.ParseError) as error:
        if not replace:
            raise NotReadCleanly(str(error) if isinstance(error, NotReadCleanly) else f"{path}: invalid TOML") from None
        aside = _move_aside(target)
        doc, changed = tomlkit.document(), settings._asdict()
        doc.add(tomlkit.comment(f"The file that was here could not be read; it is kept as {aside.name}."))
    for key, value in changed.items():
        doc[key] = value
    write_atomically(target, tomlkit.dumps(doc))
    return path


def _move_aside(path: Path) -> Path:
    """Rename a file that could not be read to `config.toml.broken-YYYYMMDD-HHMMSS`, never over another."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        aside = path.with_name(f"{path.name}.broken-{stamp}" + (f"-{number}" if number > 1 else ""))
        try:
            os.link(path, aside)  # fails if the name is taken: no rename over another's file
        except FileExistsError:
            continue
        return aside  # the original is replaced by the atomic write that follows
    raise OSError(f"cannot move {path} aside: too many broken copies beside it")
