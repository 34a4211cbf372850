"""Bulk import of regulations, plans and articles (``manage.py import_knowledge``).

The whole file is read and checked first. If any row is bad, nothing is written (unless
``skip_bad_rows``), and every bad row is reported with its line number and the reason.
Then all rows are written in one transaction: a row whose ``key`` is already known updates
that page, a new key creates a page under the section's index page. Imported pages are
published (with a revision, an audit-log entry and Wagtail's ``page_published`` signal, so
search indexes them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .readers import FileError, RowProblem, read_rows
from .rows import validate
from .writer import Writer, bulk_indexing, find_existing, index_pages

__all__ = ["FileError", "ImportResult", "run_import"]


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    written: bool = False

    @property
    def bad_lines(self) -> int:
        return len({line for line, _reason in self.errors})


def check_rows(path):
    """Read and validate every row. Returns (good rows, errors, total)."""
    good, errors, total, seen = [], [], 0, {}
    for line, raw in read_rows(path):
        total += 1
        if isinstance(raw, RowProblem):
            errors.append((line, raw.reason))
            continue
        row, reasons = validate(line, raw)
        if row is not None and row.key in seen:
            reasons = [
                _("the key “%(key)s” already appears on line %(line)d")
                % {"key": row.key, "line": seen[row.key]}
            ]
            row = None
        if row is None:
            errors.extend((line, reason) for reason in reasons)
        else:
            seen[row.key] = line
            good.append(row)
    return good, errors, total


def cross_check(rows, errors):
    """Checks that need the database: key reuse across types, parent plans, sections."""
    existing = find_existing([r.key for r in rows])
    plan_keys = {r.key for r in rows if r.type == "plan"}
    plan_keys |= {k for k, (kind, _pk) in existing.items() if kind == "plan"}
    parents = [r.parent_key for r in rows if r.parent_key and r.parent_key not in plan_keys]
    plan_keys |= {k for k, (kind, _pk) in find_existing(parents).items() if kind == "plan"}
    good = []
    for row in rows:
        found = existing.get(row.key)
        if found and found[0] != row.type:
            errors.append(
                (
                    row.line,
                    _("the key “%(key)s” already belongs to a %(kind)s")
                    % {"key": row.key, "kind": found[0]},
                )
            )
        elif row.parent_key and row.parent_key not in plan_keys:
            errors.append(
                (row.line, _("parent_key “%(key)s” is not a known plan") % {"key": row.parent_key})
            )
        elif row.parent_key == row.key:
            errors.append((row.line, _("a plan cannot connect to itself")))
        else:
            good.append(row)
    return good, existing


def run_import(path, skip_bad_rows=False, progress=None) -> ImportResult:
    """Import ``path``. ``progress`` is an optional callable(iterable, total) returning an
    iterable (e.g. a tqdm bar). Raises :class:`FileError` for a file that cannot be read."""
    rows, errors, total = check_rows(path)
    result = ImportResult(total=total)
    rows, existing = cross_check(rows, errors)
    indexes = index_pages()
    missing = sorted({r.type for r in rows} - set(indexes))
    if missing:
        raise FileError(
            _(
                "The site has no section for: %(types)s. Load the demo or create the section pages first."
            )
            % {"types": ", ".join(missing)}
        )
    result.errors = sorted(errors)
    if errors and not skip_bad_rows:
        return result
    with transaction.atomic(), bulk_indexing():
        writer = Writer(indexes, existing)
        iterator = progress(rows, len(rows)) if progress else rows
        for row in iterator:
            writer.write(row)
        writer.finish()
    result.created, result.updated, result.written = writer.created, writer.updated, True
    return result
