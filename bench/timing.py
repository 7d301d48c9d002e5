"""Time as a user sees it: each displayed second and the summary of a real `supple run` on a real screen.

Runs the console script in an 80x24 pty read through a terminal emulator (pyte) and notes when
each new elapsed time ("0:07 / 0:14") and the summary ("ROUTINE COMPLETE") first show on the
emulated screen. The session's start, which the screen does not show, is placed where the
earliest change puts it (a second shown early would be the clock's fault, so none may be); each
change is then measured against its planned moment, and the summary against the planned end.
Each round runs twice: smoothly, and with the whole process stopped (SIGSTOP) for 2.5 s in the
middle, as a laptop lid or a stalled machine would. Time stopped is never counted as exercise: the
session must come back paused at the last second it showed, and once Space resumes it, count on
and end on time from there.
Usage: python bench/timing.py [rounds]   (default 3)
SUPPLE_BENCH_BEFORE=REV python bench/timing.py  also runs the code at git revision REV, round by round
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
from typing import NamedTuple

from _proc import before, quiet_settings, supple_command
from _pty import Terminal

ROUTINE = (
    'name = "Bench"\nprep = "1s"\ntransition = "1s"\n'
    '[[steps]]\nname = "A"\nduration = "4s"\n[[steps]]\nname = "B"\nduration = "4s"\n'
    '[[steps]]\nname = "C"\nduration = "3s"\n'
)
# The same with a move beside the clock (#40), run at 120x40, where the work leaves the figure its columns.
FIGURES = (
    ROUTINE.replace('name = "A"\n', 'name = "A"\ndemo = "arm-swings"\n')
    .replace('name = "B"\n', 'name = "B"\ndemo = "hip-circles"\n')
    .replace('name = "C"\n', 'name = "C"\ndemo = "side-bends"\n')
)
WIDE = (120, 40)
TOTAL = 14  # 1 + 4 + 1 + 4 + 1 + 3 s
STALL_AT, STALL_FOR = 5.5, 2.5
ELAPSED = re.compile(r"(\d+):(\d\d) / 0:14")


class Resume(NamedTuple):
    """A stalled run's way back: the last second shown before the stop, the seconds counted while stopped
    (shown when it came back paused; 0 if the stall was not counted as exercise), when Space was sent."""

    last: int
    counted: int
    at: float


def watch(
    command: list[str], env: dict[str, str], stall: bool, size: tuple[int, int] = (80, 24)
) -> tuple[dict[int, float], float, Resume | None]:
    """When each elapsed second first showed, when the summary did (perf_counter seconds), and for a stalled
    run how the session came back from the stall."""
    terminal = Terminal(command, env, size)
    seen: dict[int, float] = {}
    stalled = not stall
    resume: Resume | None = None
    try:
        deadline = time.monotonic() + TOTAL + STALL_FOR + 30
        while time.monotonic() < deadline:
            if select.select([terminal.master], [], [], 0.5)[0]:
                chunk = os.read(terminal.master, 65536)
                read_at = time.perf_counter()
                terminal.stream.feed(chunk)
                text = terminal.text()
                if "ROUTINE COMPLETE" in text:
                    return seen, read_at, resume
                shown = ELAPSED.search(text)
                if shown:
                    seen.setdefault(int(shown[1]) * 60 + int(shown[2]), read_at)
                if stall and stalled and resume is None and "PAUSED" in text and shown:
                    # Held where the stop began (time stopped is never exercise): Space goes on.
                    last = max(seen)
                    resume = Resume(last, int(shown[1]) * 60 + int(shown[2]) - last, time.perf_counter())
                    os.write(terminal.master, b" ")
            if not stalled and 1 in seen and time.perf_counter() > seen[1] - 1 + STALL_AT:
                stalled = True
                os.kill(terminal.proc.pid, signal.SIGSTOP)
                time.sleep(STALL_FOR)
                os.kill(terminal.proc.pid, signal.SIGCONT)
        raise RuntimeError(f"the session never ended; the screen:\n{terminal.text()}")
    finally:
        terminal.close()


def measured(seen: dict[int, float], complete: float, resume: Resume | None) -> tuple[list[float], float, int]:
    """Each displayed second's lateness against its planned moment, the summary's error (s), and the seconds
    counted while stopped. After a
    stall, the seconds still to come are planned from the Space that resumed, counting on from the last
    second shown before the stop."""
    seen = {second: at for second, at in seen.items() if second > 0}  # 0:00 shows from the first frame, before
    before = {second: at for second, at in seen.items() if resume is None or second <= resume.last}
    start = min(at - second for second, at in before.items())  # the session starts (it waits for the sound)

    def planned(second: float) -> float:
        if resume is None or second <= resume.last:
            return start + second
        return resume.at + second - resume.last

    late = [at - planned(second) for second, at in sorted(seen.items())]
    return late, complete - planned(TOTAL), resume.counted if resume else 0


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    folder = Path(tempfile.mkdtemp(prefix="supple-timing-"))
    quiet_settings(folder)
    routine = folder / "bench.toml"
    routine.write_text(ROUTINE)
    figures = folder / "figures.toml"
    figures.write_text(FIGURES)
    supple = supple_command()
    env = os.environ | {"TERM": "xterm-256color", "SUPPLE_HOME": str(folder)}
    commands = {"smooth": (supple, env), "stalled": (supple, env), "wide": (supple, env), "wide, figure": (supple, env)}
    earlier = before()
    if earlier:
        commit, extra = earlier
        old_home = Path(tempfile.mkdtemp(prefix="supple-timing-before-"))  # its own log, settings and caches
        quiet_settings(old_home)
        old_env = env | extra | {"SUPPLE_HOME": str(old_home)}
        for label in ("smooth", "stalled"):
            commands[f"{label} @{commit}"] = ([sys.executable, "-m", "app"], old_env)
    results: dict[str, list[tuple[list[float], float, int]]] = {label: [] for label in commands}
    for _ in range(rounds):
        for label, (command, environment) in commands.items():
            stalled = label.startswith("stalled")
            run = [*command, "run", str(figures if label.endswith("figure") else routine)]
            results[label].append(measured(*watch(run, environment, stalled, WIDE if "wide" in label else (80, 24))))
    print(
        f"a real `supple run` of {TOTAL} s in an 80x24 pty, {rounds} rounds; the stalled run stops the process "
        f"for {STALL_FOR} s at {STALL_AT} s and resumes with Space once it shows it paused; 'wide' runs at 120x40, "
        "and 'wide, figure' has each step's move beside the clock\n"
    )
    print(
        f"{'run':<17}{'round':>6}{'seconds shown':>15}{'lateness median':>17}{'max':>10}{'summary error':>15}"
        f"{'counted stopped':>17}"
    )
    for label, runs in results.items():
        for number, (late, end, counted) in enumerate(runs, 1):
            ms = [v * 1000 for v in late]
            print(
                f"{label:<17}{number:>6}{len(ms):>15}{statistics.median(ms):>14.1f} ms{max(ms):>7.1f} ms"
                f"{end * 1000:>12.1f} ms{counted:>15} s"
            )
    for suffix in ("", f" @{earlier[0]}") if earlier else ("",):
        smooth = [v * 1000 for late, _, _ in results["smooth" + suffix] for v in late]
        stalled = [v * 1000 for late, _, _ in results["stalled" + suffix] for v in late]
        ends = [abs(end) * 1000 for label in ("smooth", "stalled") for _, end, _ in results[label + suffix]]
        print(
            f"\n{suffix.strip() or 'this code'}: every second on screen within {max(smooth):.1f} ms of its moment "
            f"(target <= 20 ms), {max(stalled):.1f} ms after a stall (from the Space that resumed); the summary "
            f"within {max(ends):.1f} ms of the planned end, drawing it included"
        )


if __name__ == "__main__":
    main()
