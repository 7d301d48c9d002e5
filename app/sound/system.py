"""What the sound helper needs from the system, without the imports of shutil, tempfile, pathlib and subprocess.

The helper runs beside the app for the whole session, so every module it loads is memory held
for nothing; these would bring a dozen more (bz2, lzma, random, urllib.parse, re, locale, ...).
"""

from __future__ import annotations

import os
import time

SCRATCH_PREFIX = "supple-sound-"
ERRORS_KEPT = 65536  # bytes of a program's stderr kept: its last lines say why it failed


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
                raise OSError(
                    error.errno, f"cannot make a scratch folder in {temp_root()}: {error.strerror or error}"
                ) from None
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
        pid = name[len(SCRATCH_PREFIX) :].split("-", 1)[0]
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


def run(args: list[str], timeout: float) -> tuple[int, bytes, bytes]:
    """Run a program (args[0] a path) with no input: its exit status, its output, and the end of what
    it wrote to stderr. TimeoutError (the program killed) when it takes longer than `timeout` seconds.

    subprocess would do, but it brings locale, re, selectors, signal and threading into the helper
    for the programs it runs all session (the probe, the voice); command-line players still use it.
    """
    late = f"{os.path.basename(args[0]) if args else 'the program'} did not finish within {timeout:g} s"
    if not hasattr(os, "posix_spawn"):  # Windows
        import subprocess

        try:
            done = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise TimeoutError(late) from None
        return done.returncode, done.stdout, done.stderr[-ERRORS_KEPT:]
    import select

    pid = None
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    try:
        try:
            pid = os.posix_spawn(
                args[0],
                args,
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, out_write, 1),
                    (os.POSIX_SPAWN_DUP2, err_write, 2),
                ],
            )
        finally:
            os.close(out_write)
            os.close(err_write)
        output, errors = bytearray(), bytearray()
        reading = {out_read: output, err_read: errors}
        poller = select.poll()  # not select.select, which refuses descriptors past 1023
        for fd in reading:
            poller.register(fd, select.POLLIN)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(late)
            if reading:  # read as it comes, so a pipe never fills and stalls the program
                for fd, _ in poller.poll(left * 1000):
                    chunk = os.read(fd, 65536)
                    if chunk:
                        reading[fd] += chunk
                        del errors[:-ERRORS_KEPT]
                    else:
                        poller.unregister(fd)
                        del reading[fd]
                continue
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                pid = None
                return os.waitstatus_to_exitcode(status), bytes(output), bytes(errors)
            time.sleep(0.005)  # both pipes closed, the program still ending
    finally:
        os.close(out_read)
        os.close(err_read)
        if pid is not None:  # too late, or anything else went wrong: neither left running nor a zombie
            try:
                os.kill(pid, 9)  # SIGKILL, without importing signal for one number
            except OSError:
                pass
            os.waitpid(pid, 0)


def last_line(data: bytes) -> str:
    """The last line a program wrote, where its own summary comes after the libraries' noise."""
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""
