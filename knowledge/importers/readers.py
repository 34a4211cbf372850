"""Read JSON Lines, CSV and XLSX files into (line number, row) pairs.

Line numbers are what a person sees in an editor or spreadsheet: the file line for JSON
Lines, the spreadsheet row for CSV and XLSX (the header is row 1). Reading goes through
``portal.core.spreadsheets``, which stops a hostile file (huge cells, millions of rows)
early with a clear message, raised here as :class:`FileError`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.utils.translation import gettext as _

from portal.core.spreadsheets import (
    Limits,
    NotAWorkbook,
    SpreadsheetError,
    csv_rows,
    limited_lines,
    xlsx_rows,
)
from portal.core.textclean import clean_text

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
    return _limited({"jsonl": _jsonl, "csv": _csv, "xlsx": _xlsx}[kind](path))


def _limited(rows):
    """The shared reader's limit and format errors, as this importer's FileError."""
    try:
        yield from rows
    except NotAWorkbook as exc:
        raise FileError(_("Cannot open the spreadsheet: %(error)s") % {"error": exc}) from exc
    except SpreadsheetError as exc:
        raise FileError(str(exc)) from exc


def _jsonl(path: Path):
    limits = Limits.from_settings()
    try:
        handle = path.open(encoding="utf-8-sig")
        with handle:
            count = 0
            for number, line in enumerate(limited_lines(handle, limits), start=1):
                if not line.strip():
                    continue
                count += 1
                if count > limits.rows:
                    raise FileError(
                        _("The file has more than %(limit)d rows; split it.")
                        % {"limit": limits.rows}
                    )
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, RowProblem(_("not valid JSON (%(error)s)") % {"error": exc.msg})
                    continue
                if not isinstance(value, dict):
                    yield number, RowProblem(_("each line must be a JSON object"))
                    continue
                yield number, {clean_text(k): _clean_json(v) for k, v in value.items()}
    except UnicodeDecodeError as exc:
        raise FileError(_("The file is not UTF-8 text.")) from exc


def _clean_json(value):
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(k): _clean_json(v) for k, v in value.items()}
    return clean_text(value)


def _clean_header(header):
    return [str(h).strip().lower() if h is not None else "" for h in header]


def _csv(path: Path):
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv_rows(handle)
            _number, header = next(reader, (0, None))
            if not header:
                raise FileError(_("The file is empty: the first row must name the columns."))
            header = _clean_header(header)
            for number, values in reader:
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
    rows = xlsx_rows(path)
    number, header = next(rows, (0, None))
    if number != 1 or not header or not any(header):
        raise FileError(_("The file is empty: the first row must name the columns."))
    header = _clean_header(header)
    for number, values in rows:
        row = {}
        for name, value in zip(header, values, strict=False):
            if not name:
                continue
            if isinstance(value, dt.datetime):
                value = value.date()
            row[name] = value
        yield number, row
