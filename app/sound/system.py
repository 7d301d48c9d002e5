"""What the sound helper needs from the system, without the imports of shutil, tempfile and pathlib.

The helper runs beside the app for the whole session, so every module it loads is memory held
for nothing; these three would bring a dozen more (bz2, lzma, random, urllib.parse, ...).
"""

from __future__ import annotations

import os

SCRATCH_PREFIX = "supple-sound-"


def which(name: str) -> str | None:
    """The program `name` on PATH, as shutil.which finds it on POSIX."""
    for folder in os.get_exec_path():
        path = os.path.join(folder, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def temp_root() -> str:
    """The folder for temporary files: $TMPDIR (or $TEMP, $TMP), else /tmp."""
    for variable in ("TMPDIR", "TEMP", "TMP"):
        folder = os.environ.get(variable)
        if folder and os.path.isdir(folder):
            return folder
    return "/tmp"


def scratch_folder() -> str:
    """Make a private folder for the WAV files command-line players read; its name holds our pid."""
    base = os.path.join(temp_root(), f"{SCRATCH_PREFIX}{os.getpid()}-")
    for attempt in range(100):
        path = f"{base}{os.urandom(4).hex()}"
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{base}*")


class Scratch:
    """The helper's scratch folder, made when a command-line player first needs it, removed at the end."""

    def __init__(self) -> None:
        self.made: str | None = None

    def path(self) -> str:
        if self.made is None:
            remove_abandoned_folders()
            self.made = scratch_folder()
        return self.made

    def remove(self) -> None:
        if self.made is not None:
            remove_folder(self.made)


def remove_folder(path: str) -> None:
    """Remove a scratch folder and the files in it (it holds no folders); what is gone already is fine."""
    try:
        names = os.listdir(path)
    except OSError:
        return
    for name in names:
        try:
            os.unlink(os.path.join(path, name))
        except OSError:
            pass
    try:
        os.rmdir(path)
    except OSError:
        pass


def remove_abandoned_folders() -> None:
    """Remove the scratch folders of helpers that are gone without cleaning up (killed with -9)."""
    root = temp_root()
    try:
        names = [n for n in os.listdir(root) if n.startswith(SCRATCH_PREFIX)]
    except OSError:
        return
    for name in names:
        pid = name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            remove_folder(os.path.join(root, name))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive, and not ours to judge
    return True
