"""No import cycles between the project's modules at import time.

A cycle works only as long as nobody reorders an import, and hiding it inside a function
only moves the problem. This test reads every module's top-level imports (imports inside
functions and `if TYPE_CHECKING:` blocks are not executed at import time) and fails on any
cycle, naming its modules. Importing a module's own parent package is not a cycle: Python
has already started that package when it imports the module. Importing ``a.b.c`` runs
``a/b/__init__.py`` first, so it depends on ``a.b`` as well (``accountability.workingdays``
importing ``accountability.models.jurisdiction`` while ``accountability.models`` imports
``accountability.workingdays`` fails when the former is imported first)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "portal",
    "knowledge",
    "campaigns",
    "accountability",
    "search",
    "reports",
    "notifications",
    "demo",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            modules[module_name(path)] = path
    return modules


def top_level_imports(tree: ast.Module):
    """Import nodes executed when the module is imported."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if "TYPE_CHECKING" not in test:
                pending.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)
        elif isinstance(node, ast.With):
            pending.extend(node.body)


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in top_level_imports(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            candidates = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for candidate in candidates:
            # The longest project module that the import names (a.b.c -> a.b if c is a name).
            while candidate and candidate not in modules:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name and not name.startswith(candidate + "."):
                targets.add(candidate)
    # The packages a target lies in run first, except those the importer lies in itself.
    for target in list(targets):
        parent = target.rpartition(".")[0]
        while parent:
            if parent in modules and parent != name and not name.startswith(parent + "."):
                targets.add(parent)
            parent = parent.rpartition(".")[0]
    return targets


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_cycle_detection_finds_a_planted_cycle():
    graph = {"a.models": {"a.services"}, "a.services": {"a.models"}, "a.views": {"a.models"}}
    assert cycles(graph) == [["a.models", "a.services"]]


def test_relative_and_absolute_imports_resolve_to_project_modules(tmp_path):
    (tmp_path / "pkg").mkdir()
    init = tmp_path / "pkg" / "__init__.py"
    init.write_text("from . import sub\n")
    views = tmp_path / "pkg" / "views.py"
    views.write_text(
        "import os\nfrom .models import Thing\nfrom pkg.sub import helper\n"
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import admin\n"
        "def later():\n    from pkg import admin\n"
    )
    modules = {"pkg": init, "pkg.views": views, "pkg.models": None, "pkg.sub": None,
               "pkg.admin": None}  # fmt: skip
    assert imported_modules("pkg.views", views, modules) == {"pkg.models", "pkg.sub"}
    assert imported_modules("pkg", init, modules) == {"pkg.sub"}


def test_importing_a_submodule_depends_on_its_package(tmp_path):
    (tmp_path / "app").mkdir()
    rules = tmp_path / "app" / "rules.py"
    rules.write_text("from app.models.calendar import Day\n")
    models_init = tmp_path / "app" / "models" / "__init__.py"
    modules = {"app": None, "app.rules": rules, "app.models": models_init,
               "app.models.calendar": None}  # fmt: skip
    assert imported_modules("app.rules", rules, modules) == {"app.models", "app.models.calendar"}
    # app.models importing app.rules while app.rules imports a module of app.models: a cycle
    graph = {"app.rules": imported_modules("app.rules", rules, modules),
             "app.models": {"app.rules"}}  # fmt: skip
    assert cycles(graph) == [["app.models", "app.rules"]]


def test_no_import_cycles_between_project_modules():
    modules = project_modules()
    graph = {name: imported_modules(name, path, modules) for name, path in modules.items()}
    assert sum(len(targets) for targets in graph.values()) > 100  # the reader found imports
    found = cycles(graph)
    assert not found, "Import cycles at import time:\n" + "\n".join(
        " <-> ".join(component) for component in found
    )
