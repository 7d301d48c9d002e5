"""End-of-routine error and lateness of each displayed second, real clock, headless app.

Runs Supple's session on a short routine twice (once with the event loop blocked for 2.5 s
in the middle) and a naive tick-counting timer app the same way, then prints the figures and
the ratios. Usage: python bench/timing.py
"""

from __future__ import annotations

import asyncio
import statistics
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits

from app.routine.model import Routine, Step
from app.sound.output import Recorder
from app.ui.app import make_app
from app.ui.widgets import big_clock

ROUTINE = Routine("Bench", (Step("A", duration=4), Step("B", duration=4), Step("C", duration=3)), prep=1, transition=1)
TOTAL = 1 + 4 + 1 + 4 + 1 + 3  # 14 s
BLOCK_AT, BLOCK_FOR = 5.5, 2.5


class DoneWatch(Recorder):
    """A stand-in for the sound player that notes when the "done" cue is asked for."""

    def __init__(self, done: list[float]) -> None:
        super().__init__()
        self.done = done

    def cue(self, name: str, force: bool = False) -> None:
        super().cue(name, force)
        if name == "done":
            self.done.append(time.monotonic())


async def run_supple(block: bool) -> tuple[float, list[float]]:
    """(end error in s, lateness of each displayed second in s)."""
    done: list[float] = []
    lateness: list[float] = []
    app = make_app(clock=time.monotonic, start=ROUTINE, sound=DoneWatch(done))
    original = big_clock.BigClock.update

    def watched(widget, text: str) -> None:
        if text != widget.value:
            engine = getattr(app.screen, "engine", None)
            if engine is not None and engine.deadline is not None:
                minutes, seconds = text.split(":")
                true_moment = engine.deadline - (int(minutes) * 60 + int(seconds))
                lateness.append(max(0.0, time.monotonic() - min(true_moment, time.monotonic())))
        original(widget, text)

    big_clock.BigClock.update = watched
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            started = app.screen.engine.started_at
            if block:
                app.set_timer(BLOCK_AT, lambda: time.sleep(BLOCK_FOR))
            while not done and time.monotonic() - started < TOTAL + 6:
                await asyncio.sleep(0.05)
    finally:
        big_clock.BigClock.update = original
    return (done[0] - (started + TOTAL) if done else float("nan")), lateness


class NaiveCounter(App[None]):
    """The naive way: count one tick per second and stop after TOTAL ticks."""

    def __init__(self, block: bool) -> None:
        super().__init__()
        self.block, self.left, self.ended = block, TOTAL, None
        self.lateness: list[float] = []

    def compose(self) -> ComposeResult:
        yield Digits(f"{self.left}")

    def on_mount(self) -> None:
        self.started = time.monotonic()
        self.set_interval(1.0, self.tick)
        if self.block:
            self.set_timer(BLOCK_AT, lambda: time.sleep(BLOCK_FOR))

    def tick(self) -> None:
        self.left -= 1
        self.query_one(Digits).update(f"{self.left}")
        self.lateness.append(abs(time.monotonic() - (self.started + TOTAL - self.left)))
        if self.left == 0:
            self.ended = time.monotonic()


async def run_naive(block: bool) -> tuple[float, list[float]]:
    app = NaiveCounter(block)
    async with app.run_test(size=(80, 24)):
        while app.ended is None and time.monotonic() - app.started < TOTAL + 6:
            await asyncio.sleep(0.05)
    return ((app.ended or float("nan")) - (app.started + TOTAL)), app.lateness


def ms(value: float) -> str:
    return f"{value * 1000:8.1f} ms"


async def main() -> None:
    print(f"routine of {TOTAL} s; blocked run: loop frozen {BLOCK_FOR} s at {BLOCK_AT} s\n")
    rows = []
    for block in (False, True):
        supple_end, supple_late = await run_supple(block)
        naive_end, naive_late = await run_naive(block)
        rows.append((block, supple_end, supple_late, naive_end, naive_late))
    print(f"{'run':<10}{'supple end error':>18}{'naive end error':>18}{'ratio':>8}   (target: supple <= 10 ms)")
    for block, s_end, _, n_end, _ in rows:
        ratio = abs(s_end) / abs(n_end) if n_end else float("inf")
        print(f"{'blocked' if block else 'smooth':<10}{ms(s_end):>18}{ms(n_end):>18}{ratio:8.3f}")
    s_late = rows[0][2]
    n_late = rows[0][4]
    print(f"\ndisplayed second lateness (smooth run, {len(s_late)} changes):")
    print(f"  supple: median {ms(statistics.median(s_late))}, max {ms(max(s_late))}   (target: max <= 20 ms)")
    print(f"  naive : median {ms(statistics.median(n_late))}, max {ms(max(n_late))}")
    print(f"  ratio of maxima supple/naive: {max(s_late) / max(n_late):.2f}")


if __name__ == "__main__":
    asyncio.run(main())
