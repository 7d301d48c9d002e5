"""Undo and redo for the editor: a copy of the draft before each change; typing in one field is one change."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace

from app.routine.draft import RoutineDraft

LIMIT = 200  # changes kept; the oldest go first


def snapshot(draft: RoutineDraft) -> RoutineDraft:
    """A copy that later edits of `draft` do not touch (its steps are copied too)."""
    return replace(draft, steps=[replace(step) for step in draft.steps], _step_checks={})


class History:
    """What the draft was before each change, and the changes undone, to redo."""

    def __init__(self) -> None:
        self._undo: list[tuple[RoutineDraft, int, str]] = []
        self._redo: list[tuple[RoutineDraft, int, str]] = []
        self._group: Hashable | None = None

    def record(self, draft: RoutineDraft, current: int, what: str, group: Hashable | None = None) -> None:
        """Keep the draft as it is before a change named `what`; changes of one `group` in a row are one."""
        if group is not None and group == self._group:
            return
        self._undo.append((snapshot(draft), current, what))
        del self._undo[:-LIMIT]
        self._redo.clear()
        self._group = group

    def undo(self, draft: RoutineDraft, current: int) -> tuple[RoutineDraft, int, str] | None:
        """The draft before the last change (and the step that was highlighted), or None."""
        return self._move(self._undo, self._redo, draft, current)

    def redo(self, draft: RoutineDraft, current: int) -> tuple[RoutineDraft, int, str] | None:
        """The draft after the last change undone, or None."""
        return self._move(self._redo, self._undo, draft, current)

    def _move(self, source: list, target: list, draft: RoutineDraft, current: int):
        self._group = None
        if not source:
            return None
        earlier, index, what = source.pop()
        target.append((snapshot(draft), current, what))
        return earlier, index, what
