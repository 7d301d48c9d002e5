"""User text reaches the screen through app/ui/text.py only: a source check of every UI module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).parent.parent.parent / "app" / "ui"
MODULES = sorted(p for p in UI.rglob("*.py") if p.name != "text.py")
# Calls whose text argument Textual would parse as markup if it were a str.
# (A bare `notify(...)` is app.ui.text's helper, which shows its text literally.)
SHOWING = {"Static", "Label", "Option", "Button", "Checkbox", "update", "from_markup", "Text", "Content"}


def _built_string(node: ast.AST) -> bool:
    """An expression that builds a str at run time: f-strings, +, %, .format, .join."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _built_string(node.left) or _built_string(node.right) or isinstance(node.left, ast.Constant)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join")


def _name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(UI)) for p in MODULES])
def test_no_built_string_reaches_a_widget(path):
    tree = ast.parse(path.read_text())
    bad = [
        f"{path.name}:{call.lineno}: {_name(call)}(...)"
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        and _name(call) in SHOWING
        and any(
            _built_string(arg)
            for arg in [
                *call.args,
                *(k.value for k in call.keywords if k.arg in ("label", "prompt", "message", "title")),
            ]
        )
    ]
    assert not bad, "build user text with app.ui.text.plain() instead:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(UI)) for p in MODULES])
def test_toasts_go_through_the_helper(path):
    calls = [
        n
        for n in ast.walk(ast.parse(path.read_text()))
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "notify"
    ]
    assert not calls, f"{path.name}:{calls[0].lineno}: use app.ui.text.notify(self, ...)" if calls else ""
