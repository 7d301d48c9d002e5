"""The code's layers, read from its imports: front ends on top, the core below, arrows one way, no circles.
Imports under `if TYPE_CHECKING:` are for type checkers only and do not count."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).parent.parent / "app"


def modules() -> dict[str, Path]:
    found = {}
    for path in APP.rglob("*.py"):
        name = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, at its top or inside a function, outside TYPE_CHECKING blocks."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.add(child.module)
                found.update(f"{child.module}.{alias.name}" for alias in child.names)
            visit(child)

    visit(ast.parse(path.read_text()))
    return found


MODULES = modules()
GRAPH = {name: {m for m in imports_of(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def folder(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 else ""


@pytest.mark.parametrize("name", sorted(n for n in MODULES if folder(n) != "ui"))
def test_the_core_never_imports_textual_or_rich(name):
    outside = {m.split(".")[0] for m in imports_of(MODULES[name])}
    assert not outside & {"textual", "rich"}, name


def upward(graph: dict[str, set[str]], below: str, above: set[str]) -> dict[str, set[str]]:
    """The modules of folder `below` that import one of the folders `above`."""
    wrong = {}
    for name, deps in graph.items():
        found = {m for m in deps if folder(m) in above}
        if folder(name) == below and found:
            wrong[name] = found
    return wrong


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, around (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in list(graph):
        if v not in index:
            strong(v)
    return found


@pytest.mark.parametrize(
    ("below", "above"),
    [("routine", {"session", "log", "sound", "ui", "cli"}), ("sound", {"session", "log", "ui", "cli"})],
)
def test_lower_folders_import_nothing_above_them(below, above):
    assert not upward(GRAPH, below, above)


def test_no_circles_between_files():
    assert not circles(GRAPH)


def test_the_checks_see_an_arrow_back_up_and_a_circle():
    """The rules can fail: modules made up to break them are caught."""
    fake = {
        "app.routine.x": {"app.session.plan"},
        "app.a.b": {"app.a.c"},
        "app.a.c": {"app.a.d"},
        "app.a.d": {"app.a.b"},
    }
    assert upward(fake, "routine", {"session"}) == {"app.routine.x": {"app.session.plan"}}
    assert circles(fake) == [["app.a.b", "app.a.c", "app.a.d"]]


def test_every_screen_is_found_by_name_through_one_lazy_seam():
    """`screens.X` gives every screen of the app (a new one missing from HOMES fails here), imports its module
    only when asked, and refuses a name it does not know."""
    import subprocess
    import sys

    from app.ui import screens
    from app.ui.screens.registry import every_screen

    for cls in every_screen():
        assert getattr(screens, cls.__name__) is cls, f"{cls.__name__}: add it to HOMES in app/ui/screens/__init__.py"
    for name in screens.HOMES:
        assert getattr(screens, name).__name__ == name
    with pytest.raises(AttributeError, match="NoSuchScreen"):
        screens.NoSuchScreen  # noqa: B018 - the lookup is what is tested
    loaded = (
        "import sys; from app.ui import screens; before = 'app.ui.screens.help' in sys.modules; "
        "screens.HelpScreen; print(before, 'app.ui.screens.help' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", loaded], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "True"], done.stderr
