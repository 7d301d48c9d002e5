"""The training log at ten years of daily use: start-up, the history screen, export, and recording's cost.

Seeds a log of about 7,000 sessions and 300,000 segment rows, then measures, in several rounds
interleaved so that machine noise falls on all alike:
- the picker's first frame (a pty read through pyte, as in startup.py) with that log, with no log,
  and the bare Digits app (target: <= 1.15x the bare app);
- the history screen: from pressing h in the picker to the screen showing the streaks, the
  calendar and the last sessions (target: < 100 ms);
- `supple history --csv --segments` to the end of its output (target: < 1 s), beside
  `supple list` as a baseline of a command's own start-up;
- recording's cost to a running session: cue lateness and loop hold, as bench/sound.py measures
  them, with the log on and off (target: no measurable difference).
Usage: python bench/log.py [rounds]   (default 5)
"""

from __future__ import annotations

import compileall
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from _proc import HERE, supple_command
from _pty import Terminal, spread

sys.path.insert(0, str(HERE.parent))

from app.log.store import connect  # noqa: E402

PY = sys.executable
YEARS = 10
ROUTINES = [
    ("bundled:pre-lift-mobility", "Pre-lift mobility", "mobility"),
    ("bundled:post-lift-cooldown", "Post-lift cooldown", "cooldown"),
    ("bundled:quick-warmup", "Quick warm-up", "warmup"),
]


def seed(path: Path) -> tuple[int, int]:
    """Ten years of near-daily sessions, two on some days, 43 segment rows each; returns the counts."""
    conn = connect(path)
    rng = random.Random(1)
    today = date.today()
    sessions = segments = 0
    with conn:
        for back in range(YEARS * 365, -1, -1):
            day = today - timedelta(days=back)
            for number in range(rng.choice([1, 2, 2, 2, 2, 2, 2, 3])):  # about two a day
                ref, name, kind = rng.choice(ROUTINES)
                started = datetime.combine(day, datetime.min.time()).replace(hour=7 + 6 * number).astimezone()
                actual = rng.uniform(200, 600)
                outcome = rng.choice(["completed"] * 8 + ["stopped", "interrupted"])
                row = conn.execute(
                    "INSERT INTO sessions (routine_ref, routine_name, routine_kind, routine_digest, scale, started_at,"
                    " day, ended_at, planned_s, actual_s, paused_s, added_s, steps, steps_done, outcome)"
                    " VALUES (?,?,?,?,1.0,?,?,?,?,?,0,0,7,?,?)",
                    (
                        ref,
                        name,
                        kind,
                        "seed",
                        started.isoformat(timespec="seconds"),
                        day.isoformat(),
                        (started + timedelta(seconds=actual)).isoformat(timespec="seconds"),
                        420,
                        actual,
                        7 if outcome == "completed" else 5,
                        outcome,
                    ),
                )
                conn.executemany(
                    "INSERT INTO segments (session_id, segment_index, step, step_name, side, set_number, planned_s,"
                    " actual_s, reps, result) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [
                        (
                            row.lastrowid,
                            i,
                            i // 6 + 1,
                            f"Step {i // 6 + 1}",
                            ("left", "right", None)[i % 3],
                            i % 2 + 1,
                            30,
                            30,
                            None,
                            "completed",
                        )
                        for i in range(43)
                    ],
                )
                sessions, segments = sessions + 1, segments + 43
    conn.close()
    return sessions, segments


def first_frame(command: list[str], markers: tuple[str, ...], env: dict[str, str]) -> float:
    terminal = Terminal(command, env)
    try:
        elapsed = terminal.wait_for(*markers, timeout=15) - terminal.started
        # As startup.py: the sound helper starts after the first frame and probes its players (a child
        # Python); killed at once, its probing would run into the next program's start.
        terminal.drain(2.5)
        return elapsed
    finally:
        terminal.close()


def history_open(command: list[str], env: dict[str, str]) -> float:
    """Seconds from pressing h in the ready picker to the history screen drawn with its figures."""
    terminal = Terminal(command, env)
    try:
        terminal.wait_for("pick a routine", "Quick warm-up", "Quit", timeout=15)
        terminal.drain(1.5)  # the log is opened after the first frame: let the picker settle
        pressed = terminal.send(b"h")
        return terminal.wait_for("days in a row", "this week", "Pre-lift mobility", timeout=15) - pressed
    finally:
        terminal.close()


def wall(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds a command takes to the end of its output, and the lines it printed."""
    began = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, check=True)
    return time.perf_counter() - began, result.stdout.count(b"\n")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    compileall.compile_dir(str(HERE.parent / "app"), quiet=1)
    seeded = Path(tempfile.mkdtemp(prefix="supple-log-bench-"))
    empty = Path(tempfile.mkdtemp(prefix="supple-log-bench-empty-"))
    began = time.perf_counter()
    sessions, segments = seed(seeded / "data" / "supple.db")
    size = (seeded / "data" / "supple.db").stat().st_size / 2**20
    print(
        f"log: {sessions} sessions, {segments} segment rows, {size:.0f} MiB "
        f"(seeded in {time.perf_counter() - began:.0f} s)\n"
    )
    supple = supple_command()
    env_of = {home: os.environ | {"TERM": "xterm-256color", "SUPPLE_HOME": str(home)} for home in (seeded, empty)}
    picker = ("pick a routine", "Quick warm-up", "Trunk rotation", "Quit")
    cases = {
        "bare Digits app": lambda: first_frame([PY, str(HERE / "bare_digits.py")], ("╭─╮", "╰─╯"), env_of[empty]),
        "picker, no log": lambda: first_frame(supple, picker, env_of[empty]),
        "picker, 10-year log": lambda: first_frame(supple, picker, env_of[seeded]),
        "history screen opens": lambda: history_open(supple, env_of[seeded]),
        "supple list (baseline)": lambda: wall([*supple, "list"], env_of[seeded])[0],
        "history --csv --segments": lambda: wall([*supple, "history", "--csv", "--segments"], env_of[seeded])[0],
    }
    results: dict[str, list[float]] = {name: [] for name in cases}
    shuffler = random.Random(7)
    for _ in range(rounds):
        order = list(cases)
        shuffler.shuffle(order)
        for name in order:
            results[name].append(cases[name]() * 1000)
    _, rows = wall([*supple, "history", "--csv", "--segments"], env_of[seeded])
    print(f"{'':<28}{'median (min-max), ms':>26}")
    for name, values in results.items():
        print(f"{name:<28}{spread(values):>26}")
    med = {name: statistics.median(values) for name, values in results.items()}
    bare = results["bare Digits app"]

    def paired(name: str) -> float:  # each round's ratio to the bare app's run beside it, so slow spells cancel
        return statistics.median(v / b for v, b in zip(results[name], bare))

    print(
        f"\npicker with the log / bare Digits: {med['picker, 10-year log'] / med['bare Digits app']:.2f} "
        f"(paired {paired('picker, 10-year log'):.2f}; no log: {med['picker, no log'] / med['bare Digits app']:.2f},"
        f" paired {paired('picker, no log'):.2f}; target <= 1.15)"
    )
    print(f"picker with the log / picker with none: {med['picker, 10-year log'] / med['picker, no log']:.2f}")
    print(f"history screen: {med['history screen opens']:.0f} ms (target < 100 ms)")
    print(
        f"history --csv --segments: {med['history --csv --segments']:.0f} ms for {rows} lines "
        f"(target < 1000 ms; {med['history --csv --segments'] / med['supple list (baseline)']:.2f}x supple list)"
    )
    recording(seeded)


def recording(home: Path) -> None:
    """Cue lateness and loop hold of a real session with the log recording it, and without."""
    import asyncio

    import sound  # bench/sound.py: the same session, device and measures

    from app.log.writer import LogWriter
    from app.settings import Settings
    from app.sound.player import SoundPlayer
    from app.ui.app import make_app

    stamps = sound.device(Path(tempfile.mkdtemp(prefix="supple-log-sound-")))
    figures = {}
    for label in ("log off", "log on", "log off again", "log on again"):
        stamps.unlink(missing_ok=True)
        player = SoundPlayer(Settings(voice=False))
        player.start()
        while not player.state.ready:
            time.sleep(0.05)
        timed = sound.Timed(player)
        log = LogWriter(home / "data" / "supple.db") if "on" in label else None

        async def run(player=player, log=log) -> None:  # this pass's, bound now
            app = make_app(
                clock=time.monotonic,
                sound=player,
                start=sound.ROUTINE,
                start_ref="bench:log",
                log=log,
                load_entries=lambda: [],
            )
            async with app.run_test(size=(80, 24)):
                if log is not None:
                    log.start()
                await asyncio.sleep(sound.ROUTINE_SECONDS + 1.5)

        asyncio.run(run())
        if log is not None:
            log.close()
        player.close()
        figures[label] = (sound.matched(timed.asked, sound.read_stamps(stamps)), timed.held)
    print("\nrecording's cost to a session (a real session with the helper, as bench/sound.py)")
    print(f"{'':<34}{'median':>11}{'max':>12}")
    for label, (late, held) in figures.items():
        print(sound.line(f"  cue lateness, {label}", late))
        print(sound.line(f"  loop hold per cue, {label}", held))
    off = [v for k, (late, _) in figures.items() if "off" in k for v in late]
    on = [v for k, (late, _) in figures.items() if "on" in k for v in late]
    print(f"median lateness with the log / without: {statistics.median(on) / statistics.median(off):.2f}")
    with sqlite3.connect(home / "data" / "supple.db") as conn:
        recorded = conn.execute("SELECT count(*) FROM sessions WHERE routine_ref = 'bench:log'").fetchone()[0]
    print(f"sessions the log recorded during this: {recorded} (expected 2)")


if __name__ == "__main__":
    main()
