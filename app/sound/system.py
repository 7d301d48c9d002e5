"""What the sound helper needs from the system, without the imports of shutil, tempfile and pathlib.

The helper runs beside the app for the whole session, so every module it loads is memory held
for nothing; these three would bring a dozen more (bz2, lzma, random, urllib.parse, ...).
"""

from __future__ import annotations

import os

SCRATCH_PREFIX = "supple-sound-"


def which(name: str) -> str | None:
    """The program `name` on PATH, as shutil.which finds it (with PATHEXT's endings on Windows)."""
    endings = [""] if os.name != "nt" else ["", *os.environ.get("PATHEXT", ".EXE;.BAT;.CMD").lower().split(";")]
    for folder in os.get_exec_path():
        for ending in endings:
            path = os.path.join(folder, name + ending)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
    return None


def temp_root() -> str:
    """The folder for temporary files, as tempfile.gettempdir chooses it: $TMPDIR, $TEMP or $TMP, else
    /tmp, /var/tmp, /usr/tmp, else the current folder; the first one a folder can be made in."""
    candidates = [os.environ.get(variable) for variable in ("TMPDIR", "TEMP", "TMP")]
    for folder in [*candidates, "/tmp", "/var/tmp", "/usr/tmp", os.getcwd()]:
        if folder and os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return folder
    return os.getcwd()


class Scratch:
    """The helper's scratch folder, made when a command-line player first needs it, removed at the end."""

    def __init__(self) -> None:
        self.made: str | None = None

    def path(self) -> str:
        """The folder, made now if it is not yet; OSError when it cannot be made."""
        while self.made is None:
            # Named before it is made: a SIGTERM between the two still finds it to remove.
            self.made = os.path.join(temp_root(), f"{SCRATCH_PREFIX}{os.getpid()}-{os.urandom(4).hex()}")
            try:
                os.mkdir(self.made, 0o700)
            except FileExistsError:
                self.made = None
            except OSError as error:
                self.made = None
                raise OSError(error.errno, f"cannot make a scratch folder in {temp_root()}: "
                                           f"{error.strerror or error}") from None
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
