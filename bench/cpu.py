"""CPU of a real session at 80x24 in tmux, its sound helper counted with it, side by side with termdown.

Installs termdown and Supple into bench/.venv and, in each round, starts in one tmux server
Supple running the bundled quick-warmup (prep, work with halfway and 3-2-1 pips, sides to
switch, transitions: a cue and a new segment every few seconds, the helper playing each through
a working ALSA device) and termdown counting down, and samples both over the same window; then
pauses Supple and samples it beside a bare Textual app showing a `Digits` (bare_digits.py), idle:
the floor of any Textual app. CPU time comes from /proc/PID/task/*/schedstat (ns) of the
app and of every process below it (the sound helper), not from 10 ms ticks.
Usage: python bench/cpu.py [seconds] [rounds]   (default 30 s windows, 3 rounds)
SUPPLE_BENCH_BEFORE=REV python bench/cpu.py  also runs the code at git revision REV beside it, sampled alike
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _proc import alsa_home, before, bench_venv, cpu_ns, descendants
from _pty import spread

SOCKET = f"supple-bench-{os.getpid()}"  # a server of its own each round: a dying one refuses new sessions


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"tmux {' '.join(args[:3])}: {done.stderr.strip()}")
    return done.stdout


def pane_pid(session: str) -> int:
    return int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())


def tree_ns(pid: int) -> dict[int, int]:
    """CPU ns so far of `pid` and each process below it, by pid."""
    found = {}
    for each in descendants(pid):
        try:
            found[each] = cpu_ns(each)
        except OSError:
            pass  # ended meanwhile
    return found


def sample(pids: dict[str, int], seconds: float) -> dict[str, tuple[float, float]]:
    """Percent of one core used over the next `seconds` by each program: (itself, the processes below it)."""
    start = {name: tree_ns(pid) for name, pid in pids.items()}
    began = time.monotonic()
    time.sleep(seconds)
    wall = time.monotonic() - began
    used = {}
    for name, pid in pids.items():
        end = tree_ns(pid)
        spent = {each: ns - start[name].get(each, 0) for each, ns in end.items()}
        own = spent.pop(pid, 0)
        used[name] = (100 * own / 1e9 / wall, 100 * sum(spent.values()) / 1e9 / wall)
    return used


def one_round(
    bin_dir: Path, home: Path, window: float, earlier: tuple[str, dict[str, str]] | None
) -> tuple[dict, dict]:
    global SOCKET
    SOCKET = f"supple-bench-{os.getpid()}-{time.monotonic_ns()}"
    env = " ".join(
        f"{k}={v}" for k, v in ({"SUPPLE_HOME": str(home), "TERM": "xterm-256color"} | alsa_home(home / "home")).items()
    )
    try:
        tmux(
            "new-session",
            "-d",
            "-s",
            "supple",
            "-x",
            "80",
            "-y",
            "24",
            f"exec env {env} {bin_dir}/supple run quick-warmup",
        )
        tmux("new-session", "-d", "-s", "termdown", "-x", "80", "-y", "24", f"exec env {env} {bin_dir}/termdown 30m")
        tmux(
            "new-session",
            "-d",
            "-s",
            "bare",
            "-x",
            "80",
            "-y",
            "24",
            f"exec env {env} {bin_dir}/python {Path(__file__).with_name('bare_digits.py')}",
        )
        sessions = ["supple"]
        if earlier:  # its own home: the log and caches of one revision may not be the other's
            (home / "before").mkdir(exist_ok=True)
            (home / "before" / "config.toml").write_text("voice = false\n")  # as it was: no flash to turn on
            extra = " ".join(f"{k}={v}" for k, v in (earlier[1] | {"SUPPLE_HOME": str(home / "before")}).items())
            command = f"exec env {env} {extra} {bin_dir}/python -m app run quick-warmup"
            tmux("new-session", "-d", "-s", "before", "-x", "80", "-y", "24", command)
            sessions.append("before")
        time.sleep(4)  # all started, drawing, and the helper playing
        pids = {name: pane_pid(name) for name in (*sessions, "termdown", "bare")}
        counting = sample({name: pids[name] for name in (*sessions, "termdown")}, window)
        for name in sessions:
            tmux("send-keys", "-t", name, "space")
        time.sleep(2)
        for name in sessions:
            assert "PAUSED" in tmux("capture-pane", "-p", "-t", name), f"{name} did not pause"
        paused = sample({name: pids[name] for name in (*sessions, "bare")}, window)
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
    return counting, paused


def main() -> None:
    window = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    bin_dir = bench_venv("termdown==2.0.0")
    home = Path(tempfile.mkdtemp(prefix="supple-bench-"))
    # Tones only: termdown makes no sound at all. The flash on at every new part (its default turns it on
    # only without sound), and the keep-awake asked for as in any session: their cost is in the figures.
    (home / "config.toml").write_text('voice = false\nflash = "on"\n')
    earlier = before()
    runs = [one_round(bin_dir, home, window, earlier) for _ in range(rounds)]
    print(
        f"CPU over {window:.0f} s windows, {rounds} rounds, 80x24 in tmux, {os.cpu_count()} cores; percent of one "
        "core, median (min-max)\n"
    )
    termdown = [counting["termdown"][0] + counting["termdown"][1] for counting, _ in runs]
    bare = [p["bare"][0] for _, p in runs]
    print(f"  termdown 30m             {spread(termdown, 3)} %")
    print(f"  bare Digits app, idle    {spread(bare, 3)} %")
    for name in ("supple", "before") if earlier else ("supple",):
        app = [counting[name][0] for counting, _ in runs]
        helper = [counting[name][1] for counting, _ in runs]
        both = [a + h for a, h in zip(app, helper)]
        paused_app = [p[name][0] for _, p in runs]
        paused_helper = [p[name][1] for _, p in runs]
        paused = [a + h for a, h in zip(paused_app, paused_helper)]
        print(f"\n  {'this code' if name == 'supple' else '@' + earlier[0]}")
        print(
            f"  quick-warmup, counting   app {spread(app, 3)} %   helper {spread(helper, 3)} %   "
            f"both {spread(both, 3)} %"
        )
        ratios = [b / t for b, t in zip(both, termdown)]
        print(f"  ratio (app and helper to termdown)   {spread(ratios, 2)}   (target <= 1.0)")
        print(
            f"  paused                   app {spread(paused_app, 3)} %   helper {spread(paused_helper, 3)} %   "
            f"both {spread(paused, 3)} %   (target <= 0.15 %)"
        )
        print(f"  paused Supple to the idle bare app {spread([p / b for p, b in zip(paused, bare)], 2)}")


if __name__ == "__main__":
    main()
