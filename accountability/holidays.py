"""The holiday calendar as a whole: loading an official notice, knowing whether a year is
complete, warning when next year's is missing, and importing a notice from a spreadsheet
(``manage.py import_holidays``).

A year counts as entered when its calendar has the 春节 holidays (between 21 January and
28 February; 春节 always falls in that window) and the 国庆 holidays (1-7 October). A lone
元旦 row entered early, which the issue found for 2027, is therefore not a calendar."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from notifications.notify import notify
from portal.core.dates import parse_date

from . import holiday_data
from .models import CalendarDay

WARN_FROM = (11, 1)  # month, day: the State Council publishes the notice in autumn
FESTIVAL_WINDOWS = {
    "春节": ((1, 21), (2, 28)),
    "国庆节": ((10, 1), (10, 7)),
}


def load_notice(year: int) -> int:
    """Add the built-in notice of ``year`` (see :mod:`holiday_data`); returns the number of
    rows created. Existing rows, including archived ones, are left as they are: a row an
    editor corrected or archived stays corrected."""
    created = 0
    for day, workday, name in holiday_data.days(year):
        _row, new = CalendarDay.objects.get_or_create(
            date=day, defaults={"is_workday": workday, "name": name}
        )
        created += new
    return created


def missing_festivals(year: int) -> list[str]:
    """The festivals of ``year`` with no active holiday row (empty: the year is entered)."""
    holidays = CalendarDay.objects.filter(archived=False, is_workday=False, date__year=year)
    missing = []
    for name, (start, end) in FESTIVAL_WINDOWS.items():
        if not holidays.filter(
            date__gte=dt.date(year, *start), date__lte=dt.date(year, *end)
        ).exists():
            missing.append(name)
    return missing


def next_year_warning(today: dt.date | None = None) -> str | None:
    """A message from 1 November when next year's calendar is missing, else None."""
    today = today or timezone.localdate()
    if (today.month, today.day) < WARN_FROM:
        return None
    year = today.year + 1
    missing = missing_festivals(year)
    if not missing:
        return None
    return _(
        "The holiday calendar for %(year)d is not entered (missing: %(festivals)s): deadlines "
        "in working days that reach into %(year)d count holidays as working days. Enter the "
        "State Council's notice under 安全责任设置 → 节假日日历, or run manage.py import_holidays."
    ) % {"year": year, "festivals": "、".join(missing)}


def calendar_keepers():
    """Active users who may edit the holiday calendar: they receive the warning."""
    codename = "change_calendarday"
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename=codename)
            | Q(user_permissions__codename=codename)
        )
        .distinct()
    )


def check_next_year(today: dt.date | None = None) -> int:
    """The daily check: notify the calendar keepers once a week while next year's calendar
    is missing (the de-duplication key changes weekly). Returns the notifications sent."""
    today = today or timezone.localdate()
    message = next_year_warning(today)
    if message is None:
        return 0
    year, week = today.isocalendar()[:2]
    title = _("The holiday calendar for %(year)d is missing") % {"year": today.year + 1}
    sent = notify(
        calendar_keepers(),
        title,
        message,
        url=reverse("accountability_calendarday:index"),
        key=f"accountability:holidays:{today.year + 1}:{year}-{week}",
    )
    return len(sent)


# --- import of a notice from a spreadsheet -------------------------------------------------

COLUMNS = {
    "date": ("日期", "date"),
    "kind": ("类型", "type", "kind", "安排"),
    "name": ("名称", "节日", "name"),
}
HOLIDAY_WORDS = ("放假", "休息", "假日", "节假日", "holiday", "off")
WORKDAY_WORDS = ("调休", "上班", "调休上班", "补班", "工作日", "workday", "work")


@dataclass
class HolidayRow:
    number: int
    date: dt.date | None = None
    is_workday: bool | None = None
    name: str = ""
    errors: list = field(default_factory=list)


class HolidayFileError(Exception):
    """The file as a whole cannot be read."""


def _records(path: Path):
    """(spreadsheet row number, {header: value}); header = row 1, CSV rows by record."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.reader(handle))
        except UnicodeDecodeError as exc:
            raise HolidayFileError(
                _("The file is not UTF-8 text (save the CSV as UTF-8).")
            ) from exc
    elif suffix == ".xlsx":
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a broken file
            raise HolidayFileError(_("The file is not a readable Excel workbook (.xlsx).")) from exc
        rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
    else:
        raise HolidayFileError(_("Use a .csv or .xlsx file."))
    if not rows:
        raise HolidayFileError(_("The workbook is empty."))
    header = [str(h or "").strip().lower() for h in rows[0]]
    for number, values in enumerate(rows[1:], start=2):
        if any(v not in (None, "") for v in values):
            yield number, dict(zip(header, values, strict=False))


def _column(header: dict, names) -> str | None:
    return next((h for h in header if h in names), None)


def parse_file(path) -> tuple[list[HolidayRow], list[str]]:
    """Validate a holiday file: (rows, file-level errors). Columns: 日期, 类型 (放假 or 调休
    上班), 名称; dates as 2027-02-06, 2027/2/6 or 2027年2月6日."""
    path = Path(path)
    if not path.exists():
        return [], [_("File not found: %(path)s") % {"path": path}]
    try:
        records = list(_records(path))
    except HolidayFileError as exc:
        return [], [str(exc)]
    header = records[0][1] if records else {}
    cols = {key: _column(header, names) for key, names in COLUMNS.items()}
    missing = [COLUMNS[k][0] for k in ("date", "kind") if cols[k] is None]
    if records and missing:
        return [], [_("Missing columns: %(cols)s.") % {"cols": "、".join(missing)}]
    rows, seen = [], {}
    for number, record in records:
        row = HolidayRow(number)
        raw_date = record.get(cols["date"])
        row.date = parse_date(raw_date)
        if row.date is None:
            row.errors.append(
                _("date “%(value)s” is not a date (use 2027-02-06, 2027/2/6 or 2027年2月6日)")
                % {"value": "" if raw_date is None else raw_date}
            )
        elif row.date in seen:
            row.errors.append(_("the date already appears on row %(n)d") % {"n": seen[row.date]})
        else:
            seen[row.date] = number
        kind = str(record.get(cols["kind"]) or "").strip().lower()
        if kind in WORKDAY_WORDS or "上班" in kind:
            row.is_workday = True
        elif kind in HOLIDAY_WORDS or "放假" in kind:
            row.is_workday = False
        else:
            row.errors.append(_("type “%(value)s” must be 放假 or 调休上班") % {"value": kind})
        row.name = str(record.get(cols["name"]) or "").strip()[:50] if cols["name"] else ""
        rows.append(row)
    return rows, []


def save_rows(rows: list[HolidayRow]) -> dict:
    """Write valid rows (all or nothing): a row for a known date replaces it and makes it
    active again, since the imported notice is the official word."""
    if any(r.errors for r in rows):
        raise ValueError(_("Fix the rows with errors before importing."))
    counts = {"create": 0, "update": 0}
    with transaction.atomic():
        for r in rows:
            _obj, created = CalendarDay.objects.update_or_create(
                date=r.date,
                defaults={"is_workday": r.is_workday, "name": r.name, "archived": False},
            )
            counts["create" if created else "update"] += 1
    return counts
