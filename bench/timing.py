"""Time as a user sees it: each displayed second and the summary of a real `supple run` on a real screen.

Runs the console script in an 80x24 pty read through a terminal emulator (pyte) and notes when
each new elapsed time ("0:07 / 0:14") and the summary ("ROUTINE COMPLETE") first show on the
emulated screen. The session's start, which the screen does not show, is placed where the
earliest change puts it (a second shown early would be the clock's fault, so none may be); each
change is then measured against its planned moment, and the summary against the planned end.
Each round runs twice: smoothly, and with the whole process stopped (SIGSTOP) for 2.5 s in the
middle, as a laptop lid or a stalled machine would; the session must end on time all the same.
Usage: python bench/timing.py [rounds]   (default 3)
"""

from __future__ import annotations

import os
import re
import select
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _proc import quiet_settings, supple_command
from _pty import Terminal

ROUTINE = (
    'name = "Bench"\nprep = "1s"\ntransition = "1s"\n'
    '[[steps]]\nname = "A"\nduration = "4s"\n[[steps]]\nname = "B"\nduration = "4s"\n'
    '[[steps]]\nname = "C"\nduration = "3s"\n'
)
TOTAL = 14  # 1 + 4 + 1 + 4 + 1 + 3 s
STALL_AT, STALL_FOR = 5.5, 2.5
ELAPSED = re.compile(r"(\d+):(\d\d) / 0:14")


def watch(command: list[str], env: dict[str, str], stall: bool) -> tuple[dict[int, float], float]:
    """When each elapsed second first showed, and when the summary did (perf_counter seconds)."""
    terminal = Terminal(command, env)
    seen: dict[int, float] = {}
    stalled = not stall
    try:
        deadline = time.monotonic() + TOTAL + 30
        while time.monotonic() < deadline:
            if select.select([terminal.master], [], [], 0.5)[0]:
                chunk = os.read(terminal.master, 65536)
                read_at = time.perf_counter()
                terminal.stream.feed(chunk)
                text = terminal.text()
                if "ROUTINE COMPLETE" in text:
                    return seen, read_at
                shown = ELAPSED.search(text)
                if shown:
                    seen.setdefault(int(shown[1]) * 60 + int(shown[2]), read_at)
            if not stalled and 1 in seen and time.perf_counter() > seen[1] - 1 + STALL_AT:
                stalled = True
                os.kill(terminal.proc.pid, signal.SIGSTOP)
                time.sleep(STALL_FOR)
                os.kill(terminal.proc.pid, signal.SIGCONT)
        raise RuntimeError(f"the session never ended; the screen:\n{terminal.text()}")
    finally:
        terminal.close()


def measured(seen: dict[int, float], complete: float) -> tuple[list[float], float]:
    """Each displayed second's lateness against its planned moment, and the summary's error (s)."""
    seen = {second: at for second, at in seen.items() if second > 0}  # 0:00 shows from the first frame, before
    start = min(at - second for second, at in seen.items())  # the session starts (it waits for the sound)
    return [at - (start + second) for second, at in sorted(seen.items())], complete - (start + TOTAL)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    folder = Path(tempfile.mkdtemp(prefix="supple-timing-"))
    quiet_settings(folder)
    routine = folder / "bench.toml"
    routine.write_text(ROUTINE)
    supple = supple_command()
    env = os.environ | {"TERM": "xterm-256color", "SUPPLE_HOME": str(folder)}
    results: dict[str, list[tuple[list[float], float]]] = {"smooth": [], "stalled": []}
    for _ in range(rounds):
        for label in results:
            results[label].append(measured(*watch([*supple, "run", str(routine)], env, label == "stalled")))
    print(
        f"a real `supple run` of {TOTAL} s in an 80x24 pty, {rounds} rounds; the stalled run stops the process "
        f"for {STALL_FOR} s at {STALL_AT} s\n"
    )
    print(f"{'run':<9}{'round':>6}{'seconds shown':>15}{'lateness median':>17}{'max':>10}{'summary error':>15}")
    for label, runs in results.items():
        for number, (late, end) in enumerate(runs, 1):
            ms = [v * 1000 for v in late]
            print(
                f"{label:<9}{number:>6}{len(ms):>15}{statistics.median(ms):>14.1f} ms{max(ms):>7.1f} ms"
                f"{end * 1000:>12.1f} ms"
            )
    smooth = [v * 1000 for late, _ in results["smooth"] for v in late]
    ends = [abs(end) * 1000 for runs in results.values() for _, end in runs]
    stalled = [end * 1000 for _, end in results["stalled"]]
    print(
        f"\nsmooth runs: every displayed second on screen within {max(smooth):.1f} ms of its moment (target <= 20 ms)"
    )
    print(
        f"the summary on screen within {max(ends):.1f} ms of the planned end, drawing it included; stalled runs "
        f"{min(stalled):+.1f} to {max(stalled):+.1f} ms: a stall does not push the end back (target: as smooth)"
    )


if __name__ == "__main__":
    main()
