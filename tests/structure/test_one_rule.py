"""One rule in one place (issue 18): code that draws charts, turns StreamFields or
attached files into text, or names districts lives in one module each; a second copy
anywhere else fails here."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accountability", "campaigns", "knowledge", "reports", "search", "portal", "notices")

RULES = {
    # what a second copy would contain -> the only module allowed to contain it
    # Charts (bars, lines) are drawn in one module. The shelters' overview map is not a
    # chart: it projects district outlines and points, and shares no drawing code with them.
    r"<svg\b": {"portal/core/charts.py", "knowledge/shelters/overview.py"},
    r"get_searchable_content\(|def \w*stream\w*_text\(": {"search/text.py"},
    r"PdfReader\(|docx\.Document\(": {"search/text.py"},
}


def sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in rel:
                yield rel, path.read_text(encoding="utf-8")


def test_each_rule_is_written_once():
    found = {pattern: set() for pattern in RULES}
    for rel, text in sources():
        for pattern in RULES:
            if re.search(pattern, text):
                found[pattern].add(rel)
    extra = {p: sorted(found[p] - allowed) for p, allowed in RULES.items() if found[p] - allowed}
    assert not extra, extra


def test_translations_live_only_in_po_files():
    """Chinese text is kept in each app's django.po, nowhere else (issue 18: Python
    tables beside the .po files were a second copy that could drift)."""
    tables = [
        path.relative_to(ROOT).as_posix()
        for app in APPS
        if (ROOT / app).is_dir()
        for path in (ROOT / app).rglob("locale/**/*.py")
    ]
    assert not tables, tables


def test_production_code_does_not_import_the_demo_package():
    """Demo content and benchmark data live in ``demo/`` (issue 18); the apps must run
    without it (the wheel leaves it out), so no app module imports it."""
    import ast

    offenders = []
    for rel, text in sources():
        for node in ast.walk(ast.parse(text)):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            if any(n == "demo" or n.startswith("demo.") for n in names):
                offenders.append(f"{rel}:{node.lineno}")
    demo_modules = [
        p.relative_to(ROOT).as_posix()
        for app in APPS
        if (ROOT / app).is_dir()
        for p in (ROOT / app).rglob("demo*.py")
    ]
    assert not offenders and not demo_modules, (offenders, demo_modules)
