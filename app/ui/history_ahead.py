"""The history screen's figures, read on the log's thread while the picker waits, so h opens it drawn."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from app.ui.care import history, on_log_thread

if TYPE_CHECKING:
    from app.log.history import Overview
    from app.ui.app import SuppleApp as App

ROWS = 30  # the last sessions shown: about ten fit at 80x24, the rest a scroll away; all in `supple history`


class Ahead(NamedTuple):
    """An overview and the day it was read as of."""

    today: date
    data: Overview


def read_on_log_thread(app: App, today: date, then: Callable[[Overview], None]) -> bool:
    """Read the overview on the log's thread, after the writes queued before it; `then(overview)` on the
    app's thread when it could be read. False when there is no log."""
    return history(app, today, ROWS, lambda data: data and then(data))


def read_ahead(app: App) -> bool:
    """Read the overview on the log's thread and keep it on the app; False when there is no log."""
    today = date.today()

    def keep(data: Overview | None) -> None:
        if data is not None:
            app.history_ahead = Ahead(today, data)

    # The screen's module loaded there too, off the loop, so h finds it ready. By name: this module uses
    # nothing of it (the screen uses this one), so it is a warm-up, not an arrow back up.
    on_log_thread(app, lambda conn: importlib.import_module("app.ui.screens.history"), lambda module: None)
    return history(app, today, ROWS, keep)


def taken(app: App, today: date) -> Overview | None:
    """The overview read ahead as of `today`, if there is one; the screen reads it again after showing it."""
    ahead = app.history_ahead
    return ahead.data if ahead is not None and ahead.today == today else None
