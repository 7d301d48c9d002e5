"""Screens of the app, by name: `from app.ui import screens` then `screens.HelpScreen`. A screen's module is
imported the first time it is asked for (as `textual.widgets` does), so start-up loads only the screens it
draws and parses only their stylesheets; everything else imports this package at the top of its file."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for editors and type checkers; at run time __getattr__ below finds them
    from app.ui.screens.build_up import BuildUpScreen as BuildUpScreen
    from app.ui.screens.checkin import AdviceScreen as AdviceScreen
    from app.ui.screens.checkin import CheckInScreen as CheckInScreen
    from app.ui.screens.dialogs import ConfirmScreen as ConfirmScreen
    from app.ui.screens.dialogs import JumpScreen as JumpScreen
    from app.ui.screens.dialogs import StopSessionScreen as StopSessionScreen
    from app.ui.screens.editor import EditorScreen as EditorScreen
    from app.ui.screens.editor_dialogs import ConflictScreen as ConflictScreen
    from app.ui.screens.editor_dialogs import PlanPreview as PlanPreview
    from app.ui.screens.editor_dialogs import SaveChanges as SaveChanges
    from app.ui.screens.help import HelpScreen as HelpScreen
    from app.ui.screens.history import HistoryScreen as HistoryScreen
    from app.ui.screens.kept import KeptScreen as KeptScreen
    from app.ui.screens.kept import offer_kept as offer_kept
    from app.ui.screens.picker import PickerScreen as PickerScreen
    from app.ui.screens.resume import ResumeScreen as ResumeScreen
    from app.ui.screens.resume import look_for_unfinished as look_for_unfinished
    from app.ui.screens.session import SessionScreen as SessionScreen
    from app.ui.screens.session_detail import SessionDetailScreen as SessionDetailScreen
    from app.ui.screens.settings import SettingsScreen as SettingsScreen
    from app.ui.screens.summary import SummaryScreen as SummaryScreen
    from app.ui.screens.text_editor import TextEditorScreen as TextEditorScreen
    from app.ui.screens.too_small import TooSmallScreen as TooSmallScreen

HOMES = {  # each name this package gives, and the module in it that holds it
    "AdviceScreen": "checkin",
    "BuildUpScreen": "build_up",
    "CheckInScreen": "checkin",
    "ConfirmScreen": "dialogs",
    "ConflictScreen": "editor_dialogs",
    "EditorScreen": "editor",
    "HelpScreen": "help",
    "HistoryScreen": "history",
    "JumpScreen": "dialogs",
    "KeptScreen": "kept",
    "PickerScreen": "picker",
    "PlanPreview": "editor_dialogs",
    "ResumeScreen": "resume",
    "SaveChanges": "editor_dialogs",
    "SessionScreen": "session",
    "SessionDetailScreen": "session_detail",
    "SettingsScreen": "settings",
    "StopSessionScreen": "dialogs",
    "SummaryScreen": "summary",
    "TextEditorScreen": "text_editor",
    "TooSmallScreen": "too_small",
    "look_for_unfinished": "resume",
    "offer_kept": "kept",
}


def __getattr__(name: str) -> object:
    """The screen (or its module's entry point) called `name`, its module imported now if it was not yet."""
    home = HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    found = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = found  # asked once: later uses find it without this call
    return found


def stylesheet(name: str) -> str:
    """The text of a `.tcss` file in this folder, for a screen's DEFAULT_CSS."""
    return Path(__file__).with_name(name).read_text(encoding="utf-8")
