"""Reading uploaded spreadsheets (XLSX, CSV) and line files within limits, for every importer.

A hostile file is small on disk and huge once read: a 99 KB .xlsx holding one 100 MB cell,
millions of empty rows, a "cell bomb" of one long shared string referenced by every cell.
Limits are enforced while streaming, before anything large is built, and reading stops at
the first one exceeded with :class:`LimitExceeded`, whose message (in the active language,
Chinese by default) says which limit and where:

- every part of an .xlsx (a zip) must unpack to at most ``xml_bytes`` (checked on the zip
  directory before openpyxl opens it; Python's zip reader never unpacks more than a part
  declares, so a part that lies about its size is cut short and fails as a broken file);
- at most ``rows`` non-empty rows and ``columns`` columns;
- at most ``blank_rows`` consecutive empty rows (Excel sheets formatted down to row
  1,048,576 otherwise cost minutes of reading nothing);
- at most ``cell_chars`` characters per cell (Excel's own limit is 32,767) and
  ``total_chars`` in the whole file (so repeating one long shared string cannot multiply);
- CSV and JSON Lines are read line by line, at most ``line_chars`` per line.

Values come out without control characters (``textclean.clean_text``).

Settings (from the environment): ``IMPORT_MAX_ROWS``, ``IMPORT_MAX_COLUMNS``,
``IMPORT_MAX_CELL_CHARS``, ``IMPORT_MAX_BLANK_ROWS``, ``IMPORT_MAX_TOTAL_CHARS``,
``IMPORT_MAX_XML_BYTES``, ``IMPORT_MAX_LINE_CHARS``."""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.worksheet._reader import WorkSheetParser

from .textclean import clean_text


class SpreadsheetError(Exception):
    """The file cannot be read at all (not a workbook, not UTF-8…)."""


class NotAWorkbook(SpreadsheetError):
    """The file is not an .xlsx workbook at all (not a zip, no workbook part…)."""


class LimitExceeded(SpreadsheetError):
    """The file is beyond a limit; reading stopped there."""


@dataclass(frozen=True)
class Limits:
    rows: int = 20_000
    columns: int = 50
    cell_chars: int = 32_767
    blank_rows: int = 1_000
    total_chars: int = 50_000_000
    xml_bytes: int = 64 * 1024 * 1024
    line_chars: int = 2_000_000

    @classmethod
    def from_settings(cls) -> Limits:
        names = {
            "rows": "IMPORT_MAX_ROWS",
            "columns": "IMPORT_MAX_COLUMNS",
            "cell_chars": "IMPORT_MAX_CELL_CHARS",
            "blank_rows": "IMPORT_MAX_BLANK_ROWS",
            "total_chars": "IMPORT_MAX_TOTAL_CHARS",
            "xml_bytes": "IMPORT_MAX_XML_BYTES",
            "line_chars": "IMPORT_MAX_LINE_CHARS",
        }
        defaults = cls()
        return cls(**{f: getattr(settings, s, getattr(defaults, f)) for f, s in names.items()})


def _is_blank(values) -> bool:
    return not any(v is not None and str(v).strip() != "" for v in values)


class _Counter:
    """Applies the row, blank-row, column and character limits to a stream of rows."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.rows = 0
        self.blank_run = 0
        self.chars = 0

    def blank(self, count: int, first: int) -> None:
        """``count`` empty rows starting at row ``first``."""
        self.blank_run += count
        if self.blank_run > self.limits.blank_rows:
            raise LimitExceeded(
                _(
                    "More than %(limit)d empty rows in a row from row %(row)d: delete the "
                    "empty (or only formatted) rows at the end of the sheet and try again."
                )
                % {"limit": self.limits.blank_rows, "row": first + count - self.blank_run}
            )

    def check(self, number: int, values) -> bool:
        """Check one row (``number`` as a person sees it); True if it holds data."""
        limits = self.limits
        if len(values) > limits.columns and not _is_blank(values[limits.columns :]):
            raise LimitExceeded(
                _("Row %(row)d has more than %(limit)d columns; at most %(limit)d are read.")
                % {"row": number, "limit": limits.columns}
            )
        if _is_blank(values):
            self.blank(1, number)
            return False
        self.blank_run = 0
        self.rows += 1
        if self.rows > limits.rows:
            raise LimitExceeded(
                _(
                    "The file has more than %(limit)d rows of data (stopped at row %(row)d): "
                    "split it into files of at most %(limit)d rows."
                )
                % {"limit": limits.rows, "row": number}
            )
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            size = len(value) if isinstance(value, str) else len(str(value))
            if size > limits.cell_chars:
                raise LimitExceeded(
                    _(
                        "The cell in row %(row)d, column %(col)d has %(size)d characters; "
                        "at most %(limit)d are allowed."
                    )
                    % {"row": number, "col": column, "size": size, "limit": limits.cell_chars}
                )
            self.chars += size
        if self.chars > limits.total_chars:
            raise LimitExceeded(
                _("The file holds more than %(limit)d characters (stopped at row %(row)d).")
                % {"limit": limits.total_chars, "row": number}
            )
        return True


def check_xlsx_parts(source, limits: Limits) -> None:
    """Refuse a workbook whose parts unpack beyond ``limits.xml_bytes`` before parsing it."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise NotAWorkbook(_("The file is not a readable Excel workbook (.xlsx).")) from exc
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    if len(infos) > 10_000:
        raise LimitExceeded(_("The workbook has too many parts (%(n)d).") % {"n": len(infos)})
    for info in infos:
        if info.file_size > limits.xml_bytes:
            raise LimitExceeded(
                _(
                    "The workbook unpacks to more than %(mb)d MB (part %(part)s): it is too "
                    "large or deliberately inflated."
                )
                % {"mb": limits.xml_bytes // (1024 * 1024), "part": info.filename}
            )


def _open_workbook(source):
    """openpyxl's reader up to, but not including, its worksheets: its read-only worksheet
    scans the whole sheet when opened if the sheet declares no dimension (minutes and
    gigabytes for millions of rows), before a single row can be checked."""
    reader = ExcelReader(source, read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)  # number formats: which cells are dates
        for _sheet, rel in reader.parser.find_sheets():
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
                return reader, rel.target
    except Exception:
        reader.archive.close()
        raise
    reader.archive.close()
    raise SpreadsheetError(_("The workbook is empty."))


def xlsx_rows(source, limits: Limits | None = None):
    """Yield ``(row_number, values)`` for every row of the first sheet that holds data, the
    header (row 1) included; ``values`` is a tuple of at most ``limits.columns`` cells.
    ``source``: a path or a binary file object."""
    limits = limits or Limits.from_settings()
    check_xlsx_parts(source, limits)
    try:
        reader, sheet_path = _open_workbook(source)
    except SpreadsheetError:
        raise
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise NotAWorkbook(
            _("The file is not a readable Excel workbook (.xlsx).") + f" ({exc})"
        ) from exc
    counter = _Counter(limits)
    workbook = reader.wb
    try:
        with reader.archive.open(sheet_path) as src:
            parser = WorkSheetParser(
                src,
                reader.shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            expected = 1
            for number, cells in parser.parse():
                if number > expected:  # rows absent from the file are empty rows
                    counter.blank(number - expected, expected)
                expected = max(expected, number + 1)
                width = max((c["column"] for c in cells), default=0)
                values = [None] * min(width, limits.columns + 1)
                for cell in cells:
                    column = cell["column"]
                    if column <= limits.columns:
                        values[column - 1] = cell["value"]
                    elif not _is_blank([cell["value"]]):
                        values[-1] = cell["value"]  # seen by the column check
                if counter.check(number, values):
                    yield number, tuple(clean_text(v) for v in values[: limits.columns])
    except (SpreadsheetError, GeneratorExit):
        raise
    except Exception as exc:  # broken XML or zip inside a workbook that opened
        raise SpreadsheetError(_("The workbook is damaged: %(error)s") % {"error": exc}) from exc
    finally:
        reader.archive.close()


def limited_lines(handle, limits: Limits):
    """Lines of a text file, each at most ``limits.line_chars`` long (read no further)."""
    number = 0
    while True:
        line = handle.readline(limits.line_chars + 1)
        if not line:
            return
        number += 1
        if len(line) > limits.line_chars and not line.endswith("\n"):
            raise LimitExceeded(
                _("Line %(line)d is longer than %(limit)d characters.")
                % {"line": number, "limit": limits.line_chars}
            )
        yield line


def csv_rows(handle, limits: Limits | None = None):
    """Yield ``(row_number, values)`` for every CSV record holding data (the header
    included), from a text file object opened with ``newline=""``. Row numbers count
    records as a spreadsheet shows them (a quoted cell may span several file lines)."""
    limits = limits or Limits.from_settings()
    counter = _Counter(limits)
    reader = csv.reader(limited_lines(handle, limits))
    try:
        for row_number, values in enumerate(reader, start=1):
            if counter.check(row_number, values):
                yield row_number, [clean_text(v) for v in values]
    except csv.Error as exc:
        raise LimitExceeded(
            _("Line %(line)d cannot be read as CSV (%(error)s).")
            % {"line": reader.line_num, "error": exc}
        ) from exc
