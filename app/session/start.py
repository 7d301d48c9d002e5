"""How a session starts: the scale it runs at and why, from a scale chosen for it and the routine's
build-up. One rule, used by the picker (Enter), the palette ("Run:") and `supple run`."""

from __future__ import annotations

from typing import NamedTuple

from app.session.plan import scale_label


class Start(NamedTuple):
    """What runs: at `scale`, and `why`, for the user ("" when there is nothing to say)."""

    scale: float
    why: str  # the build-up's state ("building up: +5 % since last time"), or why it is not the build-up's scale
    chosen: bool  # the scale was chosen for this session, over any build-up; the build-up stays where it is


def session_start(build_up: tuple[float, str] | None, chosen: float | None = None, how: str = "") -> Start:
    """The start of a session of a routine whose build-up is `build_up` ((scale, why), or None), with the
    scale `chosen` for it (None: the build-up's, else 100 %); `how` names the choice ("--scale 0.9")."""
    if chosen is not None:
        if build_up is None:
            return Start(chosen, "", True)
        said = how or f"{scale_label(chosen) or '100 %'} chosen"
        return Start(
            chosen, f"{said} for this session; the build-up stays at {scale_label(build_up[0]) or '100 %'}", True
        )
    if build_up is not None:
        return Start(build_up[0], build_up[1], False)
    return Start(1.0, "", False)
