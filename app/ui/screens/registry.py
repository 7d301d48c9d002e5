"""Every screen and dialog of the app, found in this package: sweeps and storms reach a new one unasked."""

from __future__ import annotations

import importlib
import pkgutil

from textual.screen import Screen

from app.ui.screens.base import SuppleModal, SuppleScreen


def every_screen() -> list[type[Screen]]:
    """Each screen class of the app that is shown (not a base that only shares code: `BASE = True`), by name."""
    import app.ui.screens as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    found: set[type[Screen]] = set()
    todo: list[type[Screen]] = [SuppleScreen, SuppleModal]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith(package.__name__) and not sub.__dict__.get("BASE", False):
                found.add(sub)
    return sorted(found, key=lambda cls: cls.__name__)


def every_modal() -> list[type[Screen]]:
    """The dialogs among them: the screens that open over another."""
    return [cls for cls in every_screen() if issubclass(cls, SuppleModal)]
