"""Routines at the format's limits and large libraries, side by side with a bundled routine in the same run.

Routines at the limits (written by this script into a scratch folder):
- "segments": 200 steps of 20 sets, both sides, 80-character names and 5 cues of 200 characters
  each (230 KB, under the 256 KiB limit): 16,199 segments in the three hours a routine may plan.
- "ticks": 20 paced steps of 500 reps at 1 s, the most tick cues three hours allow (9,900).
Measured, each against the bundled `quick-warmup` in the same rounds:
- `supple plan` and `supple plan --json`: wall time and peak memory (the child's ru_maxrss);
- the session's first frame (`supple run FILE` in an 80x24 pty read through pyte);
- an editor keystroke (`supple edit FILE`, a letter typed into the name field): time from the
  key's bytes to the screen showing it.
Large libraries: 1, 100 and 1000 routine files in the user folder:
- the picker's first frame (`supple`) against a bare Textual Digits app;
- `supple list` against the bundled routines alone.
Usage: python bench/scale.py [rounds]   (default 5; median and the spread min-max reported)
Needs pyte: pip install -e '.[bench]'
"""

from __future__ import annotations

import compileall
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _proc import HERE, ROOT, supple_command
from _pty import Terminal, spread

PY = sys.executable
CUE = (
    "Keep the spine long and the ribs down; breathe out slowly as you move, and stop if anything "
    "pinches or hurts sharply. Keep the spine long and the ribs down; breathe out slowly as you mov"
)


def write_limits(folder: Path) -> dict[str, Path]:
    """The two routines at the format's limits."""
    cues = ", ".join(f'"{CUE[:200]}"' for _ in range(5))
    steps = [
        f'[[steps]]\nname = "{f"Step {n:03d} of the longest routine there can be ".ljust(80, "x")}"\n'
        f"duration = 1\nsides = true\nsets = 20\ncues = [{cues}]\n"
        for n in range(1, 201)
    ]
    segments = folder / "limits-segments.toml"
    segments.write_text('name = "At the limits: segments"\nswitch = 0\n\n' + "\n".join(steps))
    ticks = folder / "limits-ticks.toml"
    ticks.write_text(
        'name = "At the limits: ticks"\n\n'
        + "\n".join(f'[[steps]]\nname = "Paced {n}"\nreps = 500\ntempo = 1\n' for n in range(1, 21))
    )
    return {"segments": segments, "ticks": ticks}


def write_library(folder: Path, count: int) -> None:
    """`count` ordinary routines, copies of the bundled ones under new names, last changed a day ago
    (as a user's library is: Supple does not trust its cache with a file changed in the last 2 s)."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "routines").glob("*.toml"))
    yesterday = time.time() - 86400
    for n in range(count):
        text = sources[n % len(sources)].read_text()
        name_line = next(line for line in text.splitlines() if line.startswith("name = "))
        path = folder / f"mine-{n:04d}.toml"
        path.write_text(text.replace(name_line, f'name = "Mine {n:04d}"', 1))
        os.utime(path, (yesterday, yesterday))


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak MiB) of a command run to its end, its output discarded."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{command} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def first_frame(command: list[str], markers: tuple[str, ...], env: dict[str, str]) -> float:
    terminal = Terminal(command, env)
    try:
        return terminal.wait_for(*markers) - terminal.started
    finally:
        terminal.close()


def keystrokes(
    command: list[str], ready: tuple[str, ...], name: str, env: dict[str, str], count: int = 8
) -> list[float]:
    """Seconds from typing each letter into the editor's name field to the screen showing it."""
    terminal = Terminal(command, env, size=(100, 30))
    try:
        terminal.wait_for(*ready)
        terminal.drain(0.5)
        terminal.send(b"\x1b[F")  # End: after the name, nothing selected
        terminal.drain(0.3)
        typed, times = name, []
        for letter in "abcdefghijklmnop"[:count]:
            typed += letter
            sent = terminal.send(letter.encode())
            times.append(terminal.wait_for(typed[-30:]) - sent)
            terminal.drain(0.2)
        return times
    finally:
        terminal.close()


def ms(values: list[float]) -> str:
    return spread([v * 1000 for v in values]) + " ms"


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    compileall.compile_dir(str(ROOT / "app"), quiet=1)
    scratch = Path(tempfile.mkdtemp(prefix="supple-scale-"))
    try:
        measure(rounds, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def measure(rounds: int, scratch: Path) -> None:
    supple = supple_command()
    limits = write_limits(scratch)
    env = os.environ | {"TERM": "xterm-256color", "SUPPLE_HOME": str(scratch / "empty-home")}
    routines = {"bundled": "quick-warmup", "segments": str(limits["segments"]), "ticks": str(limits["ticks"])}
    print(f"{rounds} rounds; median (min-max)\n")

    print("supple plan and plan --json            time                 peak memory")
    for name, ref in routines.items():
        for extra in ([], ["--json"]):
            runs = [run_measured([*supple, "plan", ref, *extra], env) for _ in range(rounds)]
            label = f"  {name} {' '.join(['plan', *extra])}"
            print(f"{label:<38}{ms([t for t, _ in runs]):<24}{spread([m for _, m in runs])} MiB")
    print("  targets: plan <= 1 s and <= 100 MB at the limits\n")

    frames: dict[str, list[float]] = {"bundled": [], "segments": [], "ticks": []}
    markers = {
        "bundled": ("Step 1 of 7", "GET READY", "Pause"),
        "segments": ("Step 1 of 200", "GET READY", "Pause"),
        "ticks": ("Step 1 of 20", "GET READY", "Pause"),
    }
    shuffler = random.Random(7)
    for _ in range(rounds):
        order = list(frames)
        shuffler.shuffle(order)
        for name in order:
            frames[name].append(first_frame([*supple, "run", routines[name]], markers[name], env))
    base = statistics.median(frames["bundled"])
    print("session first frame (supple run, 80x24)")
    for name, values in frames.items():
        print(f"  {name:<36}{ms(values):<24}ratio {statistics.median(values) / base:.2f}")
    print("  target: <= 1.5x the bundled routine's\n")

    print("editor keystroke (letter typed to letter shown, 100x30)")
    edits = {
        "bundled": ([*supple, "edit", "quick-warmup"], ("Quick warm-up (mine)",), "Quick warm-up (mine)"),
        "segments": ([*supple, "edit", routines["segments"]], ("At the limits: segments",), "At the limits: segments"),
    }
    keys = {
        name: [t for _ in range(max(1, rounds // 2)) for t in keystrokes(command, ready, typed, env)]
        for name, (command, ready, typed) in edits.items()
    }
    for name, values in keys.items():
        print(f"  {name:<36}{ms(values):<24}ratio {statistics.median(values) / statistics.median(keys['bundled']):.2f}")
    print("  target: <= 50 ms\n")

    library(rounds, scratch, supple)


def library(rounds: int, scratch: Path, supple: list[str]) -> None:
    """The picker's first frame and `supple list` with 1, 100 and 1000 routine files of the user's."""
    homes = {}
    for count in (0, 1, 100, 1000):
        home = scratch / f"home-{count}"
        write_library(home / "routines", count)
        homes[count] = os.environ | {"TERM": "xterm-256color", "SUPPLE_HOME": str(home)}
    bare = [PY, str(HERE / "bare_digits.py")]
    picker = ("pick a routine", "WARM-UPS", " 1. ", "Quit")  # the list, the preview, the key bar
    frames: dict[str, list[float]] = {"bare Digits app": []} | {
        f"picker, {n} file{'s' if n > 1 else ''}": [] for n in (1, 100, 1000)
    }
    for count in (1, 100, 1000):
        first_frame(supple, picker, homes[count])  # the routine cache is filled once, as after a user's first start
    shuffler = random.Random(11)
    for _ in range(rounds):
        order = list(frames)
        shuffler.shuffle(order)
        for name in order:
            if name == "bare Digits app":
                frames[name].append(first_frame(bare, ("╭─╮", "╰─╯"), homes[0]))
            else:
                frames[name].append(first_frame(supple, picker, homes[int(name.split()[1])]))
    base = statistics.median(frames["bare Digits app"])
    print("picker first frame with the user's routine files (80x24)")
    for name, values in frames.items():
        print(f"  {name:<36}{ms(values):<24}ratio {statistics.median(values) / base:.2f}")
    print("  target: <= 1.25x the bare app with 1000 files\n")

    lists = {count: [run_measured([*supple, "list"], homes[count])[0] for _ in range(rounds)] for count in homes}
    print("supple list")
    for count, values in lists.items():
        label = "bundled only" if count == 0 else f"{count} file{'s' if count > 1 else ''} of the user's"
        print(f"  {label:<36}{ms(values):<24}ratio {statistics.median(values) / statistics.median(lists[0]):.2f}")
    print("  target: <= 4x the bundled-only run with 1000 files")


if __name__ == "__main__":
    main()
