"""One rule for how a session starts: a scale chosen for it, the routine's build-up, or 100 %."""

from __future__ import annotations

import pytest

from app.session.start import Start, session_start

BUILDING = (0.7, "building up: +5 % since last time")


@pytest.mark.parametrize(
    ("build_up", "chosen", "how", "start"),
    [
        (None, None, "", Start(1.0, "", False)),
        (BUILDING, None, "", Start(0.7, "building up: +5 % since last time", False)),
        (None, 0.9, "--scale 0.9", Start(0.9, "", True)),
        (BUILDING, 0.9, "--scale 0.9", Start(0.9, "--scale 0.9 for this session; the build-up stays at 70 %", True)),
        (BUILDING, 0.9, "", Start(0.9, "90 % chosen for this session; the build-up stays at 70 %", True)),
        (BUILDING, 1.0, "", Start(1.0, "100 % chosen for this session; the build-up stays at 70 %", True)),
        ((1.0, "at its target, 100 %"), None, "", Start(1.0, "at its target, 100 %", False)),
    ],
)
def test_every_combination_of_a_chosen_scale_and_a_build_up(build_up, chosen, how, start):
    assert session_start(build_up, chosen, how) == start
