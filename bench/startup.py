"""Time to first frame and resident memory: Supple's picker and session against a bare Digits app.

Each program runs in a pseudo-terminal of 80x24 whose output feeds a terminal emulator (pyte);
the clock stops at the read that completes the first frame: when the emulated screen shows every
text a finished first screen has (for Supple: the title, the list or the countdown, and the key
bar), so a partial frame does not count. Memory is VmRSS one second after the first frame.
Usage: python bench/startup.py [runs]   (default 7 runs each; median and best reported)
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

from _proc import HERE, rss_mib
from _pty import Terminal

PY = sys.executable


def first_frame(command: list[str], markers: tuple[str, ...], env: dict[str, str]) -> tuple[float, float]:
    """(seconds until the screen shows all `markers`, MiB resident a second later)."""
    terminal = Terminal(command, env)
    try:
        elapsed = terminal.wait_for(*markers, timeout=10) - terminal.started
        terminal.drain(1.0)
        return elapsed, rss_mib(terminal.proc.pid)
    finally:
        terminal.close()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    # An installed Supple starts from compiled bytecode (pip compiles a wheel's modules; an
    # editable install writes __pycache__ on its first run unless PYTHONDONTWRITEBYTECODE is set,
    # as it is on the build machines). Compile once, so no run pays for compiling the sources.
    compileall.compile_dir(str(HERE.parent / "app"), quiet=1)
    home = tempfile.mkdtemp(prefix="supple-bench-")
    env = os.environ | {"TERM": "xterm-256color", "SUPPLE_HOME": home}
    # The command users type: the console script pip installed next to this Python.
    script = Path(PY).with_name("supple")
    supple = [str(script)] if script.exists() else [PY, "-m", "app"]
    programs = {  # the texts that show the first screen is whole: top, middle, bottom
        "bare Digits app": ([PY, str(HERE / "bare_digits.py")], ("╭─╮", "╰─╯")),
        "supple (picker)": (supple, ("pick a routine", "Quick warm-up", "Trunk rotation", "Quit")),
        "supple run": ([*supple, "run", "quick-warmup"], ("Step 1 of 7", "GET READY", "0:00 / 4:58", "Pause")),
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
    shuffler = random.Random(7)
    for _ in range(runs):  # interleaved, so machine noise falls on all alike
        order = list(programs)
        shuffler.shuffle(order)  # no program always goes first, when caches are coldest
        for name in order:
            command, marker = programs[name]
            results[name].append(first_frame(command, marker, env))
    base_time = statistics.median(t for t, _ in results["bare Digits app"])
    base_best = min(t for t, _ in results["bare Digits app"])
    base_mem = statistics.median(m for _, m in results["bare Digits app"])
    base_runs = [t for t, _ in results["bare Digits app"]]
    print(f"median and best of {runs} runs, 80x24 pty; 'paired' is the median of each run's ratio to the")
    print("bare app's run next to it, which cancels the machine's slow and fast spells\n")
    print(f"{'program':<18}{'first frame':>13}{'ratio':>8}{'best':>10}{'ratio':>8}{'paired':>9}"
          f"{'resident':>12}{'ratio':>8}")
    for name, samples in results.items():
        t = statistics.median(s for s, _ in samples)
        best = min(s for s, _ in samples)
        paired = statistics.median(s / b for (s, _), b in zip(samples, base_runs))
        m = statistics.median(s for _, s in samples)
        print(f"{name:<18}{t * 1000:>10.0f} ms{t / base_time:>8.2f}{best * 1000:>7.0f} ms{best / base_best:>8.2f}"
              f"{paired:>9.2f}{m:>8.1f} MiB{m / base_mem:>8.2f}")
    print("\ntargets: first frame <= 1.15x and resident memory <= 1.15x the bare app")


if __name__ == "__main__":
    main()
