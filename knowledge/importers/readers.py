"""Read JSON Lines, CSV and XLSX files into (line number, row) pairs.

Line numbers are what a person sees in an editor or spreadsheet: the file line for JSON
Lines, the spreadsheet row for CSV and XLSX (the header is row 1)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from django.utils.translation import gettext as _

SUPPORTED = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".xlsx": "xlsx",
}


class FileError(Exception):
    """The whole file cannot be read (wrong type, unreadable, no header…)."""


class RowProblem:
    """A row that could not even be parsed (e.g. broken JSON)."""

    def __init__(self, reason: str):
        self.reason = reason


def read_rows(path: str | Path):
    """Yield ``(line_number, dict | RowProblem)`` for every non-empty row of ``path``."""
    path = Path(path)
    if not path.exists():
        raise FileError(_("File not found: %(path)s") % {"path": path})
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise FileError(
            _("Unsupported file type “%(ext)s”: use .jsonl, .csv or .xlsx.")
            % {"ext": path.suffix or path.name}
        )
    return {"jsonl": _jsonl, "csv": _csv, "xlsx": _xlsx}[kind](path)


def _jsonl(path: Path):
    try:
        handle = path.open(encoding="utf-8-sig")
        with handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, RowProblem(_("not valid JSON (%(error)s)") % {"error": exc.msg})
                    continue
                if not isinstance(value, dict):
                    yield number, RowProblem(_("each line must be a JSON object"))
                    continue
                yield number, value
    except UnicodeDecodeError as exc:
        raise FileError(_("The file is not UTF-8 text.")) from exc


def _clean_header(header):
    return [str(h).strip().lower() if h is not None else "" for h in header]


def _csv(path: Path):
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                raise FileError(_("The file is empty: the first row must name the columns."))
            header = _clean_header(header)
            # Spreadsheet rows, not file lines: a quoted cell may span several lines.
            for number, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue
                if len(values) > len(header):
                    yield (
                        number,
                        RowProblem(
                            _("%(found)d cells but only %(expected)d columns")
                            % {"found": len(values), "expected": len(header)}
                        ),
                    )
                    continue
                yield number, dict(zip(header, values, strict=False))
    except UnicodeDecodeError as exc:
        raise FileError(_("The file is not UTF-8 text (save the CSV as UTF-8).")) from exc


def _xlsx(path: Path):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise FileError(_("Cannot open the spreadsheet: %(error)s") % {"error": exc}) from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if not header or not any(header):
            raise FileError(_("The file is empty: the first row must name the columns."))
        header = _clean_header(header)
        for number, values in enumerate(rows, start=2):
            if not any(v not in (None, "") for v in values):
                continue
            row = {}
            for name, value in zip(header, values, strict=False):
                if not name:
                    continue
                if isinstance(value, dt.datetime):
                    value = value.date()
                row[name] = value
            yield number, row
    finally:
        workbook.close()
