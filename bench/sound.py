"""Sound timing: how late each cue starts after its moment, and how long playing one holds the loop.

Runs a real session (headless, real clock) through Supple's helper process, with ALSA's file
plugin as the device: the plugin starts a tiny shell for every sound opened, which writes the
wall-clock time of that moment. Each cue's moment is when the session asked for it. Done with
the helper using simpleaudio and using aplay, against a baseline of simpleaudio called directly
in-process (no helper) in the same run. Then a real `supple run` in a pty, three rounds: each cue
against its planned moment, the session's start placed where the later cues put it (their median
offset), so a first cue late or early shows as such.
Usage: python bench/sound.py
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.routine.model import Routine, Step  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.sound.player import SoundPlayer  # noqa: E402
from app.sound.synth import RATE, render  # noqa: E402
from app.ui.app import make_app  # noqa: E402

ROUTINE = Routine("Sound bench", (Step("Hold", duration=8), Step("Hold again", duration=8)), prep=5, transition=5)


def device(folder: Path) -> Path:
    """An ALSA default that stamps the time each sound is opened; returns the stamps file."""
    stamps = folder / "stamps"
    script = folder / "stamp.sh"  # a script, as ALSA reads "%" in the file name itself
    script.write_text(f"#!/bin/sh\ndate +%s.%N >> {stamps}\nexec cat > /dev/null\n")
    script.chmod(0o755)
    (folder / ".asoundrc").write_text(
        f'pcm.!default {{ type file; slave.pcm "null"; format "raw"; file "|{script}" }}\n'
    )
    os.environ["HOME"] = str(folder)
    os.environ["PULSE_SERVER"] = f"unix:{folder}/none"
    return stamps


def read_stamps(stamps: Path) -> list[float]:
    return [float(line) for line in stamps.read_text().split()] if stamps.exists() else []


class Timed:
    """Wraps a player: notes when each cue was asked for and how long the call took."""

    def __init__(self, player: SoundPlayer) -> None:
        self.player, self.asked, self.held = player, [], []
        self.original = player.cue
        player.cue = self.cue

    def cue(self, name: str, force: bool = False) -> None:
        began = time.perf_counter()
        self.asked.append(time.time())
        self.original(name, force)
        self.held.append(time.perf_counter() - began)


async def session(player: SoundPlayer) -> None:
    app = make_app(clock=time.monotonic, sound=player, start=ROUTINE, load_entries=lambda: [])
    async with app.run_test(size=(80, 24)):
        while not player.state.ready:
            await asyncio.sleep(0.05)
        await asyncio.sleep(ROUTINE_SECONDS + 1.0)


ROUTINE_SECONDS = 5 + 8 + 5 + 8


def matched(asked: list[float], opened: list[float]) -> list[float]:
    """Each cue's lateness: to the first sound opened at or after it was asked for (the player's probe
    and warming at start-up, and any open left from a player closing, pair with no cue)."""
    from bisect import bisect_left

    opened, late, used = sorted(opened), [], set()
    for moment in asked:
        at = bisect_left(opened, moment)
        while at in used:
            at += 1
        if at < len(opened):
            used.add(at)
            late.append(opened[at] - moment)
    return late


def measure_helper(name: str, skip: dict[str, str], stamps: Path) -> tuple[list[float], list[float], str]:
    stamps.unlink(missing_ok=True)
    player = SoundPlayer(Settings(voice=False), skip=skip)
    player.start()  # ready before the session, so every cue is measured in the steady state
    while not player.state.ready:
        time.sleep(0.05)
    timed = Timed(player)
    asyncio.run(session(player))
    used = player.state.player or "none"
    return matched(timed.asked, read_stamps(stamps)), timed.held, used


def measure_direct(stamps: Path) -> tuple[list[float], list[float]]:
    import simpleaudio

    stamps.unlink(missing_ok=True)
    asked, held = [], []
    pcm = render("pip")
    for _ in range(12):
        began = time.perf_counter()
        asked.append(time.time())
        simpleaudio.play_buffer(pcm, 1, 2, RATE)
        held.append(time.perf_counter() - began)
        time.sleep(0.5)
    return [o - a for a, o in zip(asked, read_stamps(stamps))], held


RUN_ROUTINE = 'name = "Timing"\nprep = "6s"\n[[steps]]\nname = "Hold"\nduration = "6s"\n'
RUN_PLAN = [0, 3, 4, 5, 6, 9, 10, 11, 12]  # ready, 3-2-1, go, 3-2-1, done


def real_run(folder: Path, stamps: Path, rounds: int = 3) -> list[list[float]]:
    """Each round's cue errors (first cue first) in a real `supple run` in an 80x24 pty."""
    from _proc import quiet_settings, supple_command
    from _pty import Terminal

    home = folder / "supple-home"
    quiet_settings(home)
    routine = folder / "timing.toml"
    routine.write_text(RUN_ROUTINE)
    supple = supple_command()
    env = os.environ | {"TERM": "xterm-256color", "SUPPLE_HOME": str(home)}
    errors = []
    for _ in range(rounds):
        stamps.unlink(missing_ok=True)
        terminal = Terminal([*supple, "run", str(routine)], env)
        try:
            terminal.wait_for("ROUTINE COMPLETE", timeout=60)
            terminal.drain(1.0)
        finally:
            terminal.close()
        opened = read_stamps(stamps)
        if len(opened) < len(RUN_PLAN) + 1:  # one for the player's warming, at least
            raise RuntimeError(f"{len(opened)} sounds opened for {len(RUN_PLAN)} cues: a cue was not played")
        opened = opened[-len(RUN_PLAN) :]  # before them: the player's probe and warming
        offsets = [o - p for o, p in zip(opened, RUN_PLAN)]
        start = statistics.median(offsets[1:])
        errors.append([o - start for o in offsets])
    return errors


def line(label: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"{label:<34}{statistics.median(ms):>8.1f} ms{max(ms):>9.1f} ms   (n={len(ms)})"


def main() -> None:
    stamps = device(Path(tempfile.mkdtemp(prefix="supple-sound-bench-")))
    base_late, base_held = measure_direct(stamps)
    helper_late, helper_held, used = measure_helper("simpleaudio", {}, stamps)
    aplay_late, aplay_held, used_aplay = measure_helper("aplay", {"simpleaudio": "bench", "paplay": "bench"}, stamps)
    print(f"{'':<34}{'median':>11}{'max':>12}\n")
    print("cue start after its moment (target: <= 20 ms)")
    print(line("  baseline: simpleaudio in-process", base_late))
    print(line(f"  supple, helper with {used}", helper_late))
    print(line(f"  supple, helper with {used_aplay}", aplay_late))
    print("\ntime the event loop is held per cue (target: <= 5 ms)")
    print(line("  baseline: simpleaudio in-process", base_held))
    print(line(f"  supple, helper with {used}", helper_held))
    print(line(f"  supple, helper with {used_aplay}", aplay_held))
    print(
        f"\nratios of max lateness to the baseline: {max(helper_late) / max(base_late):.2f} ({used}), "
        f"{max(aplay_late) / max(base_late):.2f} ({used_aplay})"
    )
    print(
        f"ratios of max loop hold to the baseline: {max(helper_held) / max(base_held):.2f} ({used}), "
        f"{max(aplay_held) / max(base_held):.2f} ({used_aplay})"
    )
    rounds = real_run(stamps.parent, stamps)
    print("\na real `supple run` (pty, 80x24, tones only): each cue from its planned moment, the start placed by the")
    print("later cues (target: every cue, the first included, within 20 ms)")
    for number, errors in enumerate(rounds, 1):
        ms = [e * 1000 for e in errors]
        print(
            f"  round {number}: first cue {ms[0]:+6.1f} ms   the others {min(ms[1:]):+6.1f} to {max(ms[1:]):+6.1f} ms"
        )


if __name__ == "__main__":
    main()
