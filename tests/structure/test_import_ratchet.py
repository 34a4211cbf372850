"""A ratchet on imports inside functions (issue 18: 130 of them, most dodging import
cycles). The count may only go down: a new function-level import fails here, and the
number below is lowered whenever one is removed. Legitimate lazy imports (heavy optional
libraries, the ``apps`` registry in migrations helpers) are counted too; prefer a
top-level import or a structure without the cycle."""

import ast

from .test_import_cycles import project_modules

# Lower this when you remove function-level imports; never raise it.
LIMIT = 18


def function_level_imports():
    found = []
    for name, path in project_modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(func):
                    if isinstance(node, ast.Import | ast.ImportFrom):
                        found.append(f"{name}:{node.lineno}")
    return sorted(set(found))


def test_function_level_imports_do_not_grow():
    found = function_level_imports()
    assert len(found) <= LIMIT, (
        f"{len(found)} imports inside functions (limit {LIMIT}): import at the top of the "
        "module, or remove the cycle that makes the import necessary."
    )
