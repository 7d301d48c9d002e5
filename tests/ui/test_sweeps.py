"""Sweeps over every screen in the app's registry (app/ui/screens/registry.py): a screen added to the app is
in them without anyone adding it here."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Static

from app import paths
from app.routine.routine_file import dumps
from app.ui.screens.base import SuppleScreen
from app.ui.screens.registry import every_modal, every_screen
from tests.ui.helpers import build, click_actions, screen_lines, until
from tests.ui.screen_samples import has_sample, sample

SIZE = (100, 30)


def test_every_screen_of_the_app_has_a_sample():
    missing = [cls.__name__ for cls in every_screen() if not has_sample(cls)]
    assert not missing, f"add a way to open {missing} to tests/ui/screen_samples.py"
    assert len(every_modal()) >= 10 and len(every_screen()) > len(every_modal())


class Below(SuppleScreen[None]):
    """A screen under the dialog that notes every Enter or Esc it is given: a key typed while the dialog
    was open is the dialog's, and must never act on what is below it (a summary not yet seen)."""

    BINDINGS = [("enter", "hit('enter')"), ("escape", "hit('escape')")]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[str] = []

    def compose(self):
        yield Static("below")

    def action_hit(self, key: str) -> None:
        self.hits.append(key)


def burst(app, key: str, times: int = 2) -> None:
    """`key` typed `times` at once: every press queued before the first is handled, as a fast double press is."""
    character = {"enter": "\r", "escape": "\x1b"}.get(key)
    for _ in range(times):
        app.post_message(events.Key(key, character))


@pytest.mark.parametrize("key", ["enter", "escape"])
@pytest.mark.parametrize("cls", every_modal(), ids=lambda cls: cls.__name__)
async def test_a_key_doubled_in_any_dialog_answers_it_once_and_leaves_the_screen_below(clock, cls, key):
    app, _ = build(clock, entries=[])
    async with app.run_test(size=SIZE) as pilot:
        below = Below()
        await app.push_screen(below)
        answers: list[object] = []
        app.push_screen(sample(cls, app), answers.append)
        await until(pilot, lambda: isinstance(app.screen, cls))
        dialog = app.screen
        await pilot.pause(0.1)  # laid out, its focus set
        burst(app, key)
        await pilot.pause(0.2)
        await until(pilot, lambda: app.screen is below or app.screen is dialog)
        assert len(answers) <= 1 and below in app.screen_stack and app.is_running and below.hits == []
        if key == "escape":  # Esc closes every dialog, once
            assert app.screen is below and len(answers) == 1


# Markup that would run an action or style text, an escape sequence's text and HTML: shown as typed, never run.
HOSTILE = "[@click=app.bell]Ring[/] [b]bold[/b] <a href='x'>h</a> \\x1b[2J"
OWN_ACTIONS = ("screen.", "app.", "focused.")  # what a cell may run: a screen's own keys, never a file's words


@pytest.mark.parametrize("cls", every_screen(), ids=lambda cls: cls.__name__)
async def test_every_screen_shows_hostile_text_as_typed_and_runs_none_of_it(clock, cls):
    from app.ui.screens.picker import PickerScreen
    from tests.ui.screen_samples import routine

    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "hostile.toml").write_text(dumps(routine(HOSTILE)))
    app, _ = build(clock, library=True)
    rang: list[bool] = []
    app.bell = lambda: rang.append(True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        below = Below()
        await app.push_screen(below)
        app.push_screen(sample(cls, app, HOSTILE))
        await until(pilot, lambda: isinstance(app.screen, cls))
        await pilot.pause(0.2)
        app.notify(f"{HOSTILE}", markup=False)  # a toast over it, as a message naming the routine is
        await pilot.pause(0.1)
        screen = "\n".join(screen_lines(app))
        actions = click_actions(app)
        assert all(action.startswith(OWN_ACTIONS) and "bell" not in action for action in actions), actions
        assert "\x1b" not in screen
        if "Ring" in screen:  # where the text is shown, it is shown as typed
            assert "[@click=app.bell]Ring" in screen or "click=app.bell]…" in screen, screen
        if "bold" in screen:
            assert "[b]bold" in screen or "[b]…" in screen, screen
    assert rang == []


async def test_the_palette_with_a_search_typed_shows_hostile_names_as_typed(clock):
    from app.ui.screens.picker import PickerScreen
    from app.ui.screens.session import SessionScreen
    from tests.ui.screen_samples import routine

    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "hostile.toml").write_text(dumps(routine(HOSTILE)))
    app, _ = build(clock, library=True)
    rang: list[bool] = []
    app.bell = lambda: rang.append(True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("ctrl+p", *"ring")
        hits = lambda: [str(o.prompt) for c in app.screen.query("CommandList") for o in c.options]  # noqa: E731
        await until(pilot, lambda: any("Ring" in hit for hit in hits()))
        assert any(hit.startswith("Run: [@click=app.bell]Ring[/]") for hit in hits()), hits()
        screen = "\n".join(screen_lines(app))
        assert "[@click=app.bell]Ring" in screen or "click=app.bell]…" in screen, screen
        assert all(a.startswith(OWN_ACTIONS) and "bell" not in a for a in click_actions(app)), click_actions(app)
        await pilot.press("enter")  # the hostile routine runs as data
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
    assert rang == []
