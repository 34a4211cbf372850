"""Dates as people type them in Chinese spreadsheets and documents.

``2021-07-09``, ``2021/7/9``, ``2021.7.9`` and ``2021年7月9日`` all mean the same day; a
spreadsheet cell may also hold a real date or datetime. Importers share this one parser so
that every file accepts the same spellings."""

from __future__ import annotations

import datetime as dt
import re

# Full-width digits and separators that office software produces in Chinese documents.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
_PATTERN = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
# The same spellings found inside running text (for 成文日期 in a document).
IN_TEXT = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def parse_date(value) -> dt.date | None:
    """The date ``value`` names, or None when it names none (empty or unreadable).

    Callers decide whether None is an error; they only need to check for an empty value
    first. A datetime (e.g. an Excel cell) gives its date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).translate(_FULL_WIDTH)
    match = _PATTERN.match(text)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def chinese(day: dt.date) -> str:
    """``2026年5月12日``: how dates print in Chinese text."""
    return f"{day.year}年{day.month}月{day.day}日"
