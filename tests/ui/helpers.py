"""Building the app for tests: a fake clock, chosen routines, a recording cue sink."""

from __future__ import annotations

import time
from pathlib import Path

from app.paths import bundled_routines_dir
from app.routine.library import Entry, load_entry, load_library, scan
from app.routine.model import Routine, Step
from app.sound.output import Recorder
from app.ui.app import SuppleApp, make_app
from tests.conftest import FakeClock

SHORT = Routine(
    "Short test routine",
    (
        Step("Arm swings", duration=20, cues=("Stand tall", "Breathe")),
        Step("Leg swings", duration=10, sides=True, sets=2, rest=5, cues=("Hold on to something",)),
        Step("Lift", manual=True, cues=("Your main sets",)),
    ),
    kind="warmup",
)


def bundled() -> list[Entry]:
    return scan(bundled_routines_dir(), "bundled")


def build(
    clock: FakeClock,
    *,
    start: Routine | None = None,
    entries=None,
    scale: float = 1.0,
    library=False,
    edit=None,
    start_ref: str | None = None,
):
    """The app and the list its cues were played into; `library` reads the real folders."""
    sound = Recorder()
    app = make_app(
        load_entries=load_library if library else (lambda: entries) if entries is not None else bundled,
        edit=edit,
        clock=clock,
        sound=sound,
        start=start,
        start_ref=start_ref,
        scale=scale,
    )
    return app, sound.played


def text_of(app: SuppleApp, selector: str) -> str:
    """What a Static or Digits shows on the current screen, as read: a no-break space is a space."""
    widget = app.screen.query_one(selector)
    # Prose wraps its text itself; what it says is its text unwrapped.
    shown = getattr(widget, "source", None) or (widget.value if hasattr(widget, "value") else widget.content)
    return str(shown).replace("\u00a0", " ")


def top_line(app: SuppleApp) -> str:
    """The session's top line as the screen shows it."""
    return str(app.screen.query_one("#top").render())


def broken_entry(tmp_path: Path) -> Entry:
    path = tmp_path / "broken.toml"
    path.write_text('name = "Broken"\n[[steps]]\nname = "x"\nduraton = 5\n')
    return load_entry(path, "user")


def screen_lines(app: SuppleApp) -> list[str]:
    """The current screen as the terminal would show it, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def click_actions(app: SuppleApp) -> set[str]:
    """Every `@click` action anywhere on the current screen's cells."""
    actions = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            meta = segment.style.meta if segment.style else {}
            if "@click" in meta:
                actions.add(str(meta["@click"]))
    return actions


async def until(pilot, condition, seconds: float = 10.0) -> None:
    """Let the app run until `condition()` holds: the state a test asserts on, waited for, never a fixed
    time (a loaded machine lays out slower)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError(f"never happened in {seconds:g} s")
