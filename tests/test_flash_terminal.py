"""The flash across the room in a real terminal: tmux's own record of each cell's colours (`capture-pane -e`)
shows the middle of the screen taking the phase band's colour at each new part, briefly, and never more than
once a second, even when parts come twice a second."""

from __future__ import annotations

import os
import re
import time
from collections import Counter

import pytest

from tests.test_cli import console_script
from tests.test_terminal import Tmux, terminal_env

ROUTINE = """\
name = "Flash test"
prep = "{length}"
transition = "{length}"

[[steps]]
name = "Arm swings"
duration = "{length}"

[[steps]]
name = "Leg swings"
duration = "{length}"

[[steps]]
name = "Hip circles"
duration = "{length}"
"""
SGR = re.compile(r"\x1b\[([0-9;]*)m")
BAND_ROW, MIDDLE_ROW = 1, 10  # at 80x24: the phase band's first row, and a row of the big digits


def backgrounds(capture: str) -> list[list[str]]:
    """Each row's cells' background colours, from `capture-pane -e -p -N` (an attribute carries on until
    changed, across lines too)."""
    rows, background = [], "default"
    for line in capture.split("\n"):
        cells, at = [], 0
        for match in SGR.finditer(line):
            cells += [background] * (match.start() - at)
            at = match.end()
            params = [int(p) if p else 0 for p in match.group(1).split(";")]
            i = 0
            while i < len(params):
                code = params[i]
                if code in (0, 49):
                    background = "default"
                elif code in (38, 48):  # 38;5;N / 38;2;R;G;B and the same for the background
                    span = 3 if params[i + 1 : i + 2] == [5] else 5
                    if code == 48:
                        background = ";".join(map(str, params[i + 1 : i + span]))
                    i += span - 1
                elif 40 <= code <= 47 or 100 <= code <= 107:
                    background = str(code)
                i += 1
        rows.append(cells + [background] * (len(line) - at))
    return rows


def watch(session: Tmux, seconds: float) -> list[tuple[float, str, bool]]:
    """(when, the band's colour, whether the middle row has it too) for every change seen in `seconds`."""
    changes: list[tuple[float, str, bool]] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        rows = backgrounds(session.run("capture-pane", "-e", "-p", "-N"))
        if len(rows) > MIDDLE_ROW and rows[BAND_ROW] and rows[MIDDLE_ROW]:
            band = Counter(rows[BAND_ROW]).most_common(1)[0][0]
            flashing = Counter(rows[MIDDLE_ROW]).most_common(1)[0][0] == band
            if not changes or changes[-1][1:] != (band, flashing):
                changes.append((time.monotonic(), band, flashing))
        time.sleep(0.01)
    return changes


def flashes(changes: list[tuple[float, str, bool]]) -> list[tuple[float, float, str]]:
    """(start, length, colour) of each time the middle took the band's colour."""
    found = []
    for (start, colour, on), (end, _, _) in zip(changes, changes[1:]):
        if on:
            found.append((start, end - start, colour))
    return found


def start(tmp_path, supple_home, name: str, length: str, scale: str = "1") -> Tmux:
    supple_home.mkdir(parents=True, exist_ok=True)
    (supple_home / "config.toml").write_text('flash = "on"\ncheckin = false\n')
    routine = tmp_path / "flash-test.toml"
    routine.write_text(ROUTINE.format(length=length))
    command = f"{console_script()} run {routine} --scale {scale}; echo EXIT=$?; sleep 600"
    return Tmux(f"supple-{name}-{os.getpid()}", command, terminal_env(supple_home), size=(80, 24))


@pytest.mark.timeout(90)  # a real terminal, polled for about 14 s
def test_each_new_part_flashes_the_middle_in_its_colour_briefly(tmp_path, supple_home):
    session = start(tmp_path, supple_home, "flash", "2s")
    try:
        session.wait_for("GET READY")
        seen = flashes(watch(session, 13))  # 2 s each: get ready, then 3 x work with get-readies between
    finally:
        session.close()
    assert len(seen) >= 5, seen  # get ready, work, get ready, work, get ready, work
    colours = [colour for _, _, colour in seen]
    assert len(set(colours)) >= 2 and colours[0] != colours[1], colours  # get ready and work differ
    assert all(length < 0.9 for _, length, _ in seen), seen  # short: a flash, not a change of screen
    starts = [moment for moment, _, _ in seen]
    assert all(b - a >= 0.85 for a, b in zip(starts, starts[1:])), starts


@pytest.mark.timeout(90)
def test_parts_twice_a_second_flash_once_a_second_at_most(tmp_path, supple_home):
    """Parts of 1 s at half time: a new part every half second, seven in 3.5 s (a key's skip never flashes:
    the user is looking already)."""
    session = start(tmp_path, supple_home, "strobe", "1s", scale="0.5")
    try:
        session.wait_for("Flash test")
        seen = flashes(watch(session, 4))
    finally:
        session.close()
    starts = [moment for moment, _, _ in seen]
    assert 2 <= len(starts) <= 5, seen
    assert all(b - a >= 0.85 for a, b in zip(starts, starts[1:])), starts
