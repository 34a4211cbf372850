"""Enterprise spreadsheets: the downloadable template and the import (admin and
``manage.py import_enterprises``). Rows are validated first; nothing is saved while a
dry run or preview shows errors. Re-importing updates enterprises by credit code."""

from dataclasses import dataclass, field
from io import BytesIO

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from portal.core.spreadsheets import SpreadsheetError, xlsx_rows

from .creditcode import credit_code_error, normalise
from .models import Enterprise, Industry, Jurisdiction
from .services.audit import as_user
from .services.scoping import visible

# (heading, model field, required)
COLUMNS = [
    ("企业名称", "name", True),
    ("统一社会信用代码", "credit_code", True),
    ("行业", "industry", True),
    ("所属区县", "jurisdiction", True),
    ("地址", "address", False),
    ("法定代表人", "legal_representative", False),
    ("主要负责人", "principal", False),
    ("联系电话", "phone", False),
    ("安全管理人员", "safety_contact", False),
    ("标准化等级", "standardisation_level", False),
    ("风险等级", "risk_level", False),
]
RISK = {str(label): code for code, label in Enterprise.RISK_LEVELS} | {
    "重大风险": "major", "较大风险": "high", "一般风险": "medium", "低风险": "low",
}  # fmt: skip
LEVELS = {"一级": "1", "二级": "2", "三级": "3", "1": "1", "2": "2", "3": "3", "": ""}


def template_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "企业"
    ws.append([c[0] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(["（示例）郑州某某化工有限公司", "91410100MA00000000", "危险化学品", "金水区",
               "郑州市金水区某某路1号", "张三", "李四", "0371-00000000", "王五", "三级", "较大风险"])  # fmt: skip
    for i, _c in enumerate(COLUMNS):
        ws.column_dimensions[chr(65 + i)].width = 22
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class RowResult:
    number: int
    values: dict
    errors: list = field(default_factory=list)
    action: str = ""  # "create" / "update"

    @property
    def ok(self):
        return not self.errors


def parse(fileobj, user=None) -> tuple[list[RowResult], list[str]]:
    """Validate every row; returns (rows, file-level errors)."""
    # The shared reader stops a hostile file (huge cells, millions of rows) early.
    try:
        rows = list(xlsx_rows(fileobj))  # (row number, values), rows holding data only
    except SpreadsheetError as exc:
        return [], [str(exc)]
    if not rows:
        return [], [_("The workbook is empty.")]
    header = [str(h or "").strip() for h in rows[0][1]]
    missing = [c[0] for c in COLUMNS if c[2] and c[0] not in header]
    if missing:
        return [], [_("Missing columns: %(cols)s.") % {"cols": "、".join(missing)}]
    index = {h: i for i, h in enumerate(header)}
    industries = {i.name: i for i in Industry.objects.all()}
    areas = Jurisdiction.objects.filter(
        kind__in=(Jurisdiction.DISTRICT, Jurisdiction.TOWNSHIP), archived=False)  # fmt: skip
    if user is not None:  # the command line (user None) may import anywhere
        areas = visible(user, areas)
    places = {j.name: j for j in areas}
    results, seen = [], {}
    for number, raw in rows[1:]:
        values = {}
        for heading, name, _req in COLUMNS:
            i = index.get(heading)
            cell = raw[i] if i is not None and i < len(raw) else None
            values[name] = "" if cell is None else str(cell).strip()
        if not any(values.values()):
            continue
        result = RowResult(number, values)
        for heading, name, required in COLUMNS:
            if required and not values[name]:
                result.errors.append(_("%(col)s is required.") % {"col": heading})
        code = normalise(values["credit_code"])
        values["credit_code"] = code
        if code:
            error = credit_code_error(code)
            if error:
                result.errors.append(str(error))
            elif code in seen:
                result.errors.append(_("Same credit code as row %(n)d.") % {"n": seen[code]})
            seen.setdefault(code, number)
        if values["industry"] and values["industry"] not in industries:
            result.errors.append(_("Unknown industry “%(v)s”.") % {"v": values["industry"]})
        if values["jurisdiction"] and values["jurisdiction"] not in places:
            result.errors.append(
                _("Unknown district/county “%(v)s” (or outside your jurisdiction).")
                % {"v": values["jurisdiction"]}
            )
        if values["risk_level"] and values["risk_level"] not in RISK:
            result.errors.append(_("Unknown risk level “%(v)s”.") % {"v": values["risk_level"]})
        if values["standardisation_level"] not in LEVELS:
            result.errors.append(
                _("Unknown standardisation level “%(v)s”.") % {"v": values["standardisation_level"]}
            )
        if result.ok:
            existing = Enterprise.objects.filter(credit_code=code).first()
            if (
                existing is not None
                and user is not None
                and not visible(user, Enterprise.objects.filter(pk=existing.pk)).exists()
            ):
                result.errors.append(
                    _("This credit code belongs to an enterprise outside your jurisdiction.")
                )
            result.action = "update" if existing else "create"
            values["industry"] = industries.get(values["industry"])
            values["jurisdiction"] = places.get(values["jurisdiction"])
            values["risk_level"] = RISK.get(values["risk_level"], "low")
            values["standardisation_level"] = LEVELS[values["standardisation_level"]]
        results.append(result)
    return results, []


def save(rows: list[RowResult], user=None) -> dict:
    """Create or update enterprises from valid rows (all or nothing)."""
    counts = {"create": 0, "update": 0}
    if any(not r.ok for r in rows):
        raise ValueError(_("Fix the rows with errors before importing."))
    with transaction.atomic(), as_user(user, note="Excel import"):
        for r in rows:
            defaults = {k: v for k, v in r.values.items() if k != "credit_code"}
            _obj, created = Enterprise.objects.update_or_create(
                credit_code=r.values["credit_code"], defaults=defaults
            )
            counts["create" if created else "update"] += 1
    return counts
