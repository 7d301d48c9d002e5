"""The move beside the clock: CPU and wakeups of a session while its figure moves, against the same step
without a figure, in the same run.

Each round starts, in one private tmux server at 150x30 (where the work leaves the figure its columns),
`supple run` on two one-step routines that differ only in the step's `demo`: arm swings for 90 s, and the
same without a demo. Over a window in the work it reads, from /proc, each app's CPU time (its threads
and its sound helper) and its threads' voluntary context switches (each one a wakeup after a wait).
Tones only, with sound through ALSA's file plugin. Usage: python bench/figure.py [seconds] [rounds] [WxH]
(default 20 s windows, 3 rounds, 150x30). At another size the settings' "Move beside the clock" is on, as a
user who wants the figure in the work at 80x24 or 60x20 has it (there the digits otherwise fill the width).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cpu
from _proc import alsa_home, descendants, quiet_settings, supple_command  # noqa: I001 (run from bench/)
from cpu import pane_pid, tree_ns

STEP = '[[steps]]\nname = "Arm swings"\nduration = "90s"\n'
ROUTINES = {
    "figure": f'name = "With"\nprep = "2s"\n{STEP}demo = "arm-swings"\n',
    "no figure": f'name = "Without"\nprep = "2s"\n{STEP}',
}


def wakeups(pid: int) -> int:
    """Voluntary context switches so far of every thread of `pid` and of the processes below it."""
    total = 0
    for each in descendants(pid):
        try:
            for task in Path(f"/proc/{each}/task").iterdir():
                for line in (task / "status").read_text().splitlines():
                    if line.startswith("voluntary_ctxt_switches:"):
                        total += int(line.split()[1])
        except OSError:
            pass  # ended meanwhile
    return total


def one_round(home: Path, window: float, size: tuple[str, str]) -> dict[str, tuple[float, float]]:
    """(percent of a core, wakeups a second) of each run over `window` seconds of its work."""
    cpu.SOCKET = f"supple-figure-{os.getpid()}-{time.monotonic_ns()}"
    env = {"SUPPLE_HOME": str(home), "TERM": "xterm-256color"} | alsa_home(home / "home")
    command = " ".join(supple_command())
    try:
        for name, text in ROUTINES.items():
            path = home / f"{name.replace(' ', '-')}.toml"
            path.write_text(text)
            settings = " ".join(f"{k}={v}" for k, v in env.items())
            cpu.tmux("new-session", "-d", "-s", name.replace(" ", "-"), "-x", size[0], "-y", size[1],
                     f"exec env {settings} {command} run {path}")  # fmt: skip
        time.sleep(6)  # started, past the get-ready, the figure moving beside the clock
        pids = {name: pane_pid(name.replace(" ", "-")) for name in ROUTINES}
        start = {name: (sum(tree_ns(pid).values()), wakeups(pid)) for name, pid in pids.items()}
        began = time.monotonic()
        time.sleep(window)
        wall = time.monotonic() - began
        found = {}
        for name, pid in pids.items():
            ns, woke = sum(tree_ns(pid).values()) - start[name][0], wakeups(pid) - start[name][1]
            found[name] = (100 * ns / 1e9 / wall, woke / wall)
        screen = cpu.tmux("capture-pane", "-p", "-t", "figure")
        assert any(0x2801 <= ord(c) < 0x2900 for c in screen), "no figure on screen:\n" + screen
    finally:
        subprocess.run(["tmux", "-L", cpu.SOCKET, "kill-server"], capture_output=True)
    return found


def main() -> None:
    window = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    width, _, height = (sys.argv[3] if len(sys.argv) > 3 else "150x30").partition("x")
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in ROUTINES}
    ratios = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            home = Path(folder)
            quiet_settings(home)
            if (width, height) != ("150", "30"):
                with (home / "config.toml").open("a") as settings:
                    settings.write("move_in_work = true\n")
            found = one_round(home, window, (width, height))
        for name, figures in found.items():
            results[name].append(figures)
        ratios.append(found["figure"][0] / found["no figure"][0])
    shown = "" if (width, height) == ("150", "30") else ", the move beside the clock set on"
    print(f"{rounds} rounds of {window:g} s in the work, {width}x{height} in tmux{shown}, {os.cpu_count()} cores")
    for name, figures in results.items():
        cpus, woke = [c for c, _ in figures], [w for _, w in figures]
        print(
            f"  {name:<10} app and helper {statistics.median(cpus):.3f} ({min(cpus):.3f}-{max(cpus):.3f}) % of a core"
            f"   wakeups {statistics.median(woke):.1f} ({min(woke):.1f}-{max(woke):.1f}) a second"
        )
    print(f"  ratio, paired: {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})   (target <= 2.0)")
    print("target: the figure's run under 1.5 % of a core")


if __name__ == "__main__":
    main()
