"""Helpers for the benchmarks: CPU time and memory of a process from /proc, the bench venv."""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TICKS = os.sysconf("SC_CLK_TCK")


def supple_command() -> list[str]:
    """The command users type: the console script pip installed next to this Python."""
    script = Path(sys.executable).with_name("supple")
    return [str(script)] if script.exists() else [sys.executable, "-m", "app"]


def before() -> tuple[str, dict[str, str]] | None:
    """The code at the revision SUPPLE_BENCH_BEFORE names (say, the commit before a change), as a label and the
    environment that runs it with `python -m app`, so a script can measure it beside the current code in the same
    run; None when the variable is unset. The revision's `app/` and `routines/` go to bench/.before/REV, compiled."""
    revision = os.environ.get("SUPPLE_BENCH_BEFORE")
    if not revision:
        return None
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", revision], check=True, capture_output=True, text=True
    ).stdout.strip()
    folder = HERE / ".before" / commit
    if not (folder / "app").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "app", "routines"], check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
        compileall.compile_dir(str(folder / "app"), quiet=1)
    # PYTHONPATH comes before the editable install's finder, so `python -m app` imports this copy.
    return commit, {"PYTHONPATH": str(folder)}


def quiet_settings(home: Path) -> None:
    """Settings in SUPPLE_HOME `home` for a timed run: tones only, and no check-in over the summary."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("voice = false\ncheckin = false\n")


def bench_venv(*packages: str) -> Path:
    """bench/.venv with Supple and `packages` installed; returns its bin folder."""
    venv = HERE / ".venv"
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "-e", str(ROOT), *packages], check=True)
    return venv / "bin"


def _ticks(stat: str) -> int:
    """User plus system CPU ticks in a /proc stat line."""
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def cpu_ns(pid: int) -> int:
    """CPU time of `pid` so far, in ns: its live threads' from /proc/PID/task/*/schedstat (exact, where
    /proc/PID/stat counts 10 ms ticks), and its ended threads' (simpleaudio starts one a sound) as the
    ticks the process has beyond its live threads'."""
    exact = live_ticks = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            exact += int(Path(f"/proc/{pid}/task/{tid}/schedstat").read_text().split()[0])
            live_ticks += _ticks(Path(f"/proc/{pid}/task/{tid}/stat").read_text())
        except (OSError, ValueError, IndexError):
            pass  # a thread that just ended
    ended = max(0, _ticks(Path(f"/proc/{pid}/stat").read_text()) - live_ticks)
    return exact + ended * 1_000_000_000 // TICKS


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for tid in os.listdir(f"/proc/{current}/task"):
                todo += [int(c) for c in Path(f"/proc/{current}/task/{tid}/children").read_text().split()]
        except OSError:
            pass
    return found


def pss_mib(pid: int, missing: float | None = None) -> float:
    """Proportional set size of `pid` in MiB: its private memory and its share of what it shares; `missing`
    for a process that has ended (a short-lived child), when given."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        if missing is None:
            raise
        return missing
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no Pss for {pid}")


def alsa_home(folder: Path) -> dict[str, str]:
    """Environment for a HOME whose ALSA default plays into /dev/null through the file plugin: a working
    sound card for the helper, as a user has one, on a machine without."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".asoundrc").write_text('pcm.!default { type file; slave.pcm "null"; format "raw"; file "/dev/null" }\n')
    return {"HOME": str(folder), "PULSE_SERVER": f"unix:{folder}/no-pulse"}
