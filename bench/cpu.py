"""CPU while counting down at 80x24 in tmux, side by side with termdown; and CPU while paused.

Installs termdown and Supple into bench/.venv, starts both in one tmux server, samples their
CPU time from /proc over the same window, then pauses Supple and samples again.
Usage: python bench/cpu.py [seconds]   (default 30 s per window)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _proc import bench_venv, cpu_seconds

ROUTINE = 'name = "CPU bench"\nprep = 0\n[[steps]]\nname = "Hold"\nduration = "30m"\n'


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", "supple-bench", *args], capture_output=True, text=True, check=True).stdout


def pane_pid(session: str) -> int:
    return int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())


def sample(pids: dict[str, int], seconds: float) -> dict[str, float]:
    """Percent of one core used by each pid over the next `seconds`."""
    start = {name: cpu_seconds(pid) for name, pid in pids.items()}
    began = time.monotonic()
    time.sleep(seconds)
    wall = time.monotonic() - began
    return {name: 100 * (cpu_seconds(pid) - start[name]) / wall for name, pid in pids.items()}


def main() -> None:
    window = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
    bin_dir = bench_venv("termdown==2.0.0")
    home = Path(tempfile.mkdtemp(prefix="supple-bench-"))
    routine = home / "cpu-bench.toml"
    routine.write_text(ROUTINE)
    env = f"SUPPLE_HOME={home} TERM=xterm-256color"
    try:
        tmux("new-session", "-d", "-s", "supple", "-x", "80", "-y", "24", f"exec env {env} {bin_dir}/supple run {routine}")
        tmux("new-session", "-d", "-s", "termdown", "-x", "80", "-y", "24", f"exec env {env} {bin_dir}/termdown 30m")
        time.sleep(4)  # both started and drawing
        pids = {"supple": pane_pid("supple"), "termdown": pane_pid("termdown")}
        counting = sample(pids, window)
        tmux("send-keys", "-t", "supple", "space")
        time.sleep(2)
        assert "PAUSED" in tmux("capture-pane", "-p", "-t", "supple"), "Supple did not pause"
        paused = sample({"supple": pids["supple"]}, window)
    finally:
        subprocess.run(["tmux", "-L", "supple-bench", "kill-server"], capture_output=True)
    print(f"CPU over {window:.0f} s windows, 80x24 in tmux, {os.cpu_count()} cores (percent of one core)\n")
    print(f"  counting: supple {counting['supple']:6.3f} %   termdown {counting['termdown']:6.3f} %   "
          f"ratio {counting['supple'] / counting['termdown']:.2f}   (target <= 1.0)")
    print(f"  paused  : supple {paused['supple']:6.3f} %   (target <= 0.15 %)")


if __name__ == "__main__":
    main()
