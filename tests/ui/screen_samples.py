"""How to open each screen of the app's registry with `text` in every string it shows: the one list the
sweeps (hostile text, double presses, key storms) share. A screen added to the app without a way here fails
test_every_screen_of_the_app_has_a_sample, so no sweep can pass it by."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from app import paths
from app.log.build_up import BuildUp
from app.log.checkins import CheckIn, Warning
from app.log.resume import Unfinished
from app.routine.draft import RoutineDraft
from app.routine.library import load_entry
from app.routine.model import Routine, Step
from app.session.engine import Summary
from app.ui.app import SuppleApp


def routine(text: str) -> Routine:
    """A routine whose every string is `text`."""
    return Routine(
        text,
        (
            Step(text, duration=20, sides=True, cues=(text, text)),
            # A move to show: the sweeps (hostile text, double presses, key storms) reach the figure too.
            Step(f"{text} 2", reps=4, tempo=2, sets=2, rest=10, cues=(text,), demo="side-bends"),
            Step(f"{text} 3", manual=True),
        ),
        description=text,
        prep=3,
    )


def _summary(text: str) -> Summary:
    return Summary(90, 40, 5, 3, 1, 10, (text, f"{text} 3"), False, 1, (text,), 60, 20)


def _warning(text: str) -> Warning:
    checkin = CheckIn(1, "2026-11-25T18:30:00+01:00", None, 8, ("lower back",), True, text)
    return Warning((text,), (checkin,))


def _unfinished(text: str) -> Unfinished:
    return Unfinished(
        1, "user:x", text, "d", 1.0, "2026-11-25T18:30:00", 3, 2, 4.0, (42, 0, 0), frozenset(), frozenset()
    )


def _session_detail(app: SuppleApp, text: str) -> Screen:
    from app.log.history import Session
    from app.log.session_detail import Detail, Part
    from app.ui.screens.session_detail import SessionDetailScreen

    session = Session(
        1,
        "2026-11-25T18:30:00+01:00",
        None,
        "2026-11-25",
        "user:x",
        text,
        "warmup",
        0.8,
        90,
        60,
        5,
        10,
        3,
        1,
        "stopped",
    )
    parts = [
        Part(1, text, None, 1, 20.0, 20.0, None, None, "completed"),
        Part(2, text, "left", 1, None, 4.0, 8, 3, "skipped"),
    ]
    checkin = CheckIn(1, "2026-11-25T18:40:00+01:00", 1, 7, ("lower back",), True, text)
    return SessionDetailScreen(("session", 1), Detail(session, parts, checkin))


def _text_editor(app: SuppleApp, text: str) -> Screen:
    from app.ui.screens.text_editor import TextEditorScreen

    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sample.toml"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    path.write_text(f'name = "{escaped}"\n[[steps]]\nname = "{escaped}"\n"{escaped}" = 5\n')
    return TextEditorScreen.open(load_entry(path, "user"))


def _kept(app: SuppleApp, text: str) -> Screen:
    from app.routine.kept import Kept
    from app.ui.screens.kept import KeptScreen

    draft = RoutineDraft.from_routine(routine(text))
    return KeptScreen(Kept(paths.data_dir() / "kept" / "x.json", text, 1764700000.0, draft, None, None))


def _session(app: SuppleApp, text: str) -> Screen:
    from app.ui.screens.session import SessionScreen

    return SessionScreen(routine(text), clock=app.clock)


def _sample(name: str) -> Callable[[SuppleApp, str], Screen]:
    """The way to open the screen class `name`."""
    from app.ui.screens import (
        build_up,
        checkin,
        dialogs,
        editor,
        editor_dialogs,
        help,
        history,
        picker,
        resume,
        settings,
        summary,
        too_small,
    )

    ways: dict[str, Callable[[SuppleApp, str], Screen]] = {
        "AdviceScreen": lambda app, text: checkin.AdviceScreen(_warning(text)),
        "BuildUpScreen": lambda app, text: build_up.BuildUpScreen(
            text, BuildUp("user:x", 0.7, 0.05, 1.0, 0.8, False, "2026-11-25T18:30:00+01:00")
        ),
        "CheckInScreen": lambda app, text: checkin.CheckInScreen(after=f"after {text}"),
        "ConfirmScreen": lambda app, text: dialogs.ConfirmScreen(text, text, text, note=text),
        "ConflictScreen": lambda app, text: editor_dialogs.ConflictScreen(text, gone=False),
        "EditorScreen": lambda app, text: editor.EditorScreen(RoutineDraft.from_routine(routine(text)), note=text),
        "HelpScreen": lambda app, text: help.HelpScreen(),
        "HistoryScreen": lambda app, text: history.HistoryScreen(),
        "JumpScreen": lambda app, text: dialogs.JumpScreen([text, f"{text} 2", f"{text} 3"], 2),
        "KeptScreen": _kept,
        "PickerScreen": lambda app, text: picker.PickerScreen(),
        "PlanPreview": lambda app, text: editor_dialogs.PlanPreview(routine(text)),
        "ResumeScreen": lambda app, text: resume.ResumeScreen(_unfinished(text)),
        "SaveChanges": lambda app, text: editor_dialogs.SaveChanges(text, note=text),
        "SessionScreen": _session,
        "SessionDetailScreen": _session_detail,
        "SettingsScreen": lambda app, text: settings.SettingsScreen(),
        "StopSessionScreen": lambda app, text: dialogs.StopSessionScreen(),
        "SummaryScreen": lambda app, text: summary.SummaryScreen(text, _summary(text), recorded=text),
        "TextEditorScreen": _text_editor,
        "TooSmallScreen": lambda app, text: too_small.TooSmallScreen(),
    }
    return ways[name]


def has_sample(cls: type[Screen]) -> bool:
    try:
        _sample(cls.__name__)
    except KeyError:
        return False
    return True


def sample(cls: type[Screen], app: SuppleApp, text: str = "Sample") -> Screen:
    """An instance of the registry's screen class `cls`, showing `text` wherever it shows a string."""
    return _sample(cls.__name__)(app, text)
