"""Time to first frame and memory: Supple's picker (with the bundled routines and with 1000 of the
user's) and session against a bare Digits app.

Each program runs in a pseudo-terminal of 80x24 whose output feeds a terminal emulator (pyte);
the clock stops at the read that completes the first frame: when the emulated screen shows every
text a finished first screen has (for Supple: the title, the list or the countdown, and the key
bar), so a partial frame does not count. Memory is the PSS of the program and every process it
started (Supple's sound helper), 2.5 s after the first frame, with a working ALSA device (the file
plugin into /dev/null), so the helper has found its player and loaded it, as on a user's laptop.
Usage: python bench/startup.py [runs]   (default 7 runs each; median (min-max), best and paired)
SUPPLE_BENCH_BEFORE=REV python bench/startup.py  also runs the code at git revision REV, interleaved
Needs pyte: pip install -e '.[bench]'
"""

from __future__ import annotations

import compileall
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

from _proc import HERE, alsa_home, before, descendants, pss_mib, supple_command
from _pty import Terminal, spread
from scale import write_library

PY = sys.executable


def first_frame(command: list[str], markers: tuple[str, ...], env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds until the screen shows all `markers`, MiB PSS of the program and of the processes it
    started (the sound helper) 2.5 s later)."""
    terminal = Terminal(command, env)
    try:
        elapsed = terminal.wait_for(*markers, timeout=15) - terminal.started
        terminal.drain(2.5)
        app, *helpers = descendants(terminal.proc.pid)
        return elapsed, pss_mib(app), sum(pss_mib(pid, missing=0.0) for pid in helpers)
    finally:
        terminal.close()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    # An installed Supple starts from compiled bytecode (pip compiles a wheel's modules; an
    # editable install writes __pycache__ on its first run unless PYTHONDONTWRITEBYTECODE is set,
    # as it is on the build machines). Compile once, so no run pays for compiling the sources.
    compileall.compile_dir(str(HERE.parent / "app"), quiet=1)
    home = Path(tempfile.mkdtemp(prefix="supple-bench-"))
    env = os.environ | {"TERM": "xterm-256color", "SUPPLE_HOME": str(home)} | alsa_home(home / "home")
    many = home / "many"
    write_library(many / "routines", 1000)
    env_many = env | {"SUPPLE_HOME": str(many)}
    # The command users type: the console script pip installed next to this Python.
    supple = supple_command()
    picker = ("pick a routine", "Quick warm-up", "Trunk rotation", "Quit")
    picker_many = ("pick a routine", "WARM-UPS", " 1. ", "Quit")
    programs = {  # the texts that show the first screen is whole: top, middle, bottom; the environment
        "bare Digits app": ([PY, str(HERE / "bare_digits.py")], ("╭─╮", "╰─╯"), env),
        "supple (picker)": (supple, picker, env),
        "picker, 1000 routines": (supple, picker_many, env_many),
        "supple run": ([*supple, "run", "quick-warmup"], ("Step 1 of 7", "GET READY", "0:00 / 4:58", "Pause"), env),
    }
    earlier = before()
    if earlier:  # the same programs at an earlier revision, interleaved with the current ones
        commit, extra = earlier
        old = [PY, "-m", "app"]
        # Homes of its own: a routine cache written by one revision may not be the other's.
        old_home = Path(tempfile.mkdtemp(prefix="supple-bench-before-"))
        write_library(old_home / "many" / "routines", 1000)
        env_old = env | extra | {"SUPPLE_HOME": str(old_home)}
        programs |= {
            f"picker @{commit}": (old, picker, env_old),
            f"1000 @{commit}": (old, picker_many, env_old | {"SUPPLE_HOME": str(old_home / "many")}),
            f"run @{commit}": ([*old, "run", "quick-warmup"], programs["supple run"][1], env_old),
        }
    for name in programs:
        command, markers, environment = programs[name]
        first_frame(command, markers, environment)  # the routine cache is filled once, as after a user's first start
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in programs}
    shuffler = random.Random(7)
    for _ in range(runs):  # interleaved, so machine noise falls on all alike
        order = list(programs)
        shuffler.shuffle(order)  # no program always goes first, when caches are coldest
        for name in order:
            command, marker, environment = programs[name]
            results[name].append(first_frame(command, marker, environment))
    base_runs = [t for t, _, _ in results["bare Digits app"]]
    base_time, base_best = statistics.median(base_runs), min(base_runs)
    base_mem = statistics.median(m for _, m, _ in results["bare Digits app"])
    print(f"{runs} runs each, 80x24 pty, median (min-max); 'paired' is the median of each run's ratio to the bare")
    print("app's run next to it, which cancels the machine's slow and fast spells. Memory: PSS 2.5 s after the")
    print("first frame, of the app and of its sound helper (beside it, with its player loaded)\n")
    print(
        f"{'program':<23}{'first frame, ms':>24}{'ratio':>6}{'best':>6}{'paired':>7}"
        f"{'app PSS, MiB':>19}{'ratio':>6}{'helper, MiB':>18}{'all':>6}"
    )
    for name, samples in results.items():
        times = [t * 1000 for t, _, _ in samples]
        app = [m for _, m, _ in samples]
        helper = [h for _, _, h in samples]
        paired = statistics.median(t / b for (t, _, _), b in zip(samples, base_runs))
        together = statistics.median(a + h for a, h in zip(app, helper))
        print(
            f"{name:<23}{spread(times):>24}{statistics.median(times) / 1000 / base_time:>6.2f}"
            f"{min(times) / 1000 / base_best:>6.2f}{paired:>7.2f}{spread(app):>19}"
            f"{statistics.median(app) / base_mem:>6.2f}{spread(helper):>18}{together / base_mem:>6.2f}"
        )
    print(
        "\ntargets (#36): first frame, paired, <= 1.10x the bare app (with 1000 routines <= 1.25x); the app's"
        " memory <= 1.15x; the helper <= 6 MiB"
    )


if __name__ == "__main__":
    main()
