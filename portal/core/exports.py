"""The rules every spreadsheet export follows (XLSX and CSV), in one place.

- People read labels, not codes: a choice prints its label (一般隐患, 整改中, 黄色), a yes/no
  value prints 是/否, a related record prints its name.
- Dates print as 2026年11月25日 by default, or as ISO 8601 (2026-11-25) when the user asks
  for it (``?dates=iso``); times are Beijing time.
- Nothing typed into a form can break a file or turn into a formula: control characters
  are removed (openpyxl refuses them), and a text starting with = + - @ or a tab/carriage
  return is prefixed with an apostrophe in CSV (formula injection); XLSX cells are always
  written as text, never as formulas.
- CSV starts with a UTF-8 byte-order mark, so Chinese Excel opens it as UTF-8.

:class:`ExportRulesMixin` applies these rules to a Wagtail ``SpreadsheetExportMixin``
view (every admin list with ``list_export``); :func:`cell_text` and :func:`csv_safe` serve
any other export.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets.button import Button

BOM = "\ufeff"
CHINESE, ISO = "cn", "iso"
DATE_STYLES = (CHINESE, ISO)
# The characters openpyxl refuses (IllegalCharacterError): C0 controls except tab, LF, CR.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def strip_control(text: str) -> str:
    return CONTROL.sub("", text)


def csv_safe(text: str) -> str:
    """A text a spreadsheet will show as text: formula-like values get a leading
    apostrophe (the convention spreadsheet programs use for "this is text")."""
    text = strip_control(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def format_date(value, style: str = CHINESE) -> str:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if style == ISO:
            return value.strftime("%Y-%m-%d %H:%M")
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    if style == ISO:
        return value.isoformat()
    return f"{value.year}年{value.month}月{value.day}日"


def cell_text(value, style: str = CHINESE):
    """The value a cell shows: text, or a number kept as a number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return format_date(value, style)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, list | tuple | set):
        return "；".join(force_str(cell_text(v, style)) for v in value)
    if isinstance(value, models.Manager):
        return "；".join(str(obj) for obj in value.all())
    return strip_control(force_str(value))


def labelled(item, path: str):
    """The value of ``path`` (dotted, as in ``list_export``) on ``item``, with a choice
    field's code replaced by its label."""
    obj = item
    *parents, name = path.split(".")
    for part in parents:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    field = None
    if isinstance(obj, models.Model):
        try:
            field = obj._meta.get_field(name)
        except Exception:  # a property or method, not a field
            field = None
    if field is not None and getattr(field, "choices", None):
        raw = getattr(obj, field.attname)
        return dict(field.flatchoices).get(raw, raw) if raw not in (None, "") else ""
    value = getattr(obj, name, None)
    return value() if callable(value) and not isinstance(value, models.Manager) else value


class ExportRulesMixin:
    """Mix into a view that has Wagtail's ``SpreadsheetExportMixin`` (before it)."""

    date_style_param = "dates"

    @property
    def date_style(self) -> str:
        style = self.request.GET.get(self.date_style_param, CHINESE)
        return style if style in DATE_STYLES else CHINESE

    def to_row_dict(self, item):
        return {field: labelled(item, field) for field in self.list_export}

    def preprocess_field_value(self, field, value, export_format):
        text = cell_text(value, self.date_style)
        if export_format == self.FORMAT_CSV and isinstance(text, str):
            return csv_safe(text)
        return text

    def get_heading(self, queryset, field):
        return strip_control(super().get_heading(queryset, field))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
            yield cell

    def stream_csv(self, queryset):
        rows = super().stream_csv(queryset)
        first = next(rows, None)
        if first is not None:
            yield (BOM.encode() + first) if isinstance(first, bytes) else BOM + first
            yield from rows

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.show_export_buttons:
            for fmt, label, priority in (
                ("xlsx", ISO_XLSX_LABEL, 95),
                ("csv", ISO_CSV_LABEL, 105),
            ):
                params = self.request.GET.copy()
                params["export"], params[self.date_style_param] = fmt, ISO
                url = f"{self.request.path}?{params.urlencode()}"
                buttons.append(Button(label, url=url, icon_name="download", priority=priority))
        return buttons


ISO_XLSX_LABEL = gettext_lazy("Download XLSX (ISO dates)")
ISO_CSV_LABEL = gettext_lazy("Download CSV (ISO dates)")
