"""Enterprise spreadsheets: the downloadable template and the import (admin and
``manage.py import_enterprises``). Rows are validated first; nothing is saved while a
dry run or preview shows errors. Re-importing updates enterprises by credit code."""

from dataclasses import dataclass, field
from io import BytesIO

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from portal.core import districts
from portal.core.spreadsheets import SpreadsheetError, xlsx_rows

from .creditcode import credit_code_error, make_code, normalise
from .models import Enterprise, Industry, Jurisdiction
from .services.audit import as_user
from .services.ratings import record_rating
from .services.scoping import writable

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
    ("分级颜色", "colour", False),
]
RISK = {code: code for code, _label in Enterprise.RISK_LEVELS} | {
    str(label): code for code, label in Enterprise.RISK_LEVELS
} | {
    "重大风险": "major", "较大风险": "high", "一般风险": "medium", "低风险": "low",
}  # fmt: skip
# 红黄蓝 listing colour; a new colour is recorded as a rating (history kept), never set directly.
COLOURS = {"red": "red", "红色": "red", "红": "red", "红牌": "red",
           "yellow": "yellow", "黄色": "yellow", "黄": "yellow", "黄牌": "yellow",
           "blue": "blue", "蓝色": "blue", "蓝": "blue", "蓝牌": "blue"}  # fmt: skip
LEVELS = {"一级": "1", "二级": "2", "三级": "3", "1": "1", "2": "2", "3": "3", "": ""}


# The template's example row: it imports cleanly on a site set up with setup_site (a valid
# credit code, an industry and a district of the reference data), so a user who replaces
# it line by line never meets an error the template itself caused.
EXAMPLE_ROW = ["郑州示例化工有限公司", make_code("91410105MA00000A0"), "危险化学品", "金水区",
               "郑州市金水区示例路1号", "张三", "李四", "0371-00000000", "王五", "三级", "较大风险", "黄色"]  # fmt: skip


def template_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "企业"
    ws.append([c[0] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(EXAMPLE_ROW)
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


def _key(text: str) -> str:
    """Spaces and the case of Latin letters do not matter when matching names."""
    return "".join(str(text).split()).lower()


def _lookup(table: dict, text: str) -> str:
    """``text`` as the key of ``table`` it names (ignoring spaces and case), else as is."""
    wanted = _key(text)
    return next((name for name in table if _key(name) == wanted), text)


def _industry_names() -> dict:
    """{name or code: Industry}: an industry is named by 危险化学品 or by its code hazchem."""
    table = {}
    for industry in Industry.objects.all():
        table.setdefault(industry.code, industry)
        table[industry.name] = industry
    return table


def _place_names(areas) -> dict:
    """{name or code: Jurisdiction} for the areas a row may name."""
    table = {}
    for area in areas:
        table.setdefault(area.code, area)
        table[area.name] = area
    return table


def _place(places: dict, text: str) -> str:
    """The key of ``places`` that ``text`` names: the official name (郑州高新技术产业开发区),
    the code, or any name the site vocabulary knows (高新区, 金水区, jinshui)."""
    found = _lookup(places, text)
    if found in places or not text:
        return found
    code = districts.parse(text) or districts.parse(text.removeprefix("郑州"))
    if code and code in places and places[code].kind == Jurisdiction.DISTRICT:
        return code
    return text


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
    industries = _industry_names()
    areas = Jurisdiction.objects.filter(
        kind__in=(Jurisdiction.DISTRICT, Jurisdiction.TOWNSHIP), archived=False)  # fmt: skip
    if user is not None:  # the command line (user None) may import anywhere
        areas = writable(user, areas)
    places = _place_names(areas)
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
        # The names as the user typed them stay in ``values`` for the preview.
        industry = _lookup(industries, values["industry"])
        place = _place(places, values["jurisdiction"])
        risk = _lookup(RISK, values["risk_level"])
        colour = _lookup(COLOURS, values["colour"])
        if values["colour"] and colour not in COLOURS:
            result.errors.append(
                _("Unknown listing colour “%(v)s” (红色, 黄色 or 蓝色).") % {"v": values["colour"]}
            )
        if values["industry"] and industry not in industries:
            result.errors.append(_("Unknown industry “%(v)s”.") % {"v": values["industry"]})
        if values["jurisdiction"] and place not in places:
            result.errors.append(
                _("Unknown district/county “%(v)s” (or outside your jurisdiction).")
                % {"v": values["jurisdiction"]}
            )
        if values["risk_level"] and risk not in RISK:
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
                and not writable(user, Enterprise.objects.filter(pk=existing.pk)).exists()
            ):
                result.errors.append(
                    _("This credit code belongs to an enterprise outside your jurisdiction.")
                )
            result.action = "update" if existing else "create"
            values["industry"] = industries.get(industry)
            values["jurisdiction"] = places.get(place)
            values["risk_level"] = RISK.get(risk, "low")
            values["colour"] = COLOURS.get(colour, "")
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
            defaults = {k: v for k, v in r.values.items() if k not in ("credit_code", "colour")}
            obj, created = Enterprise.objects.update_or_create(
                credit_code=r.values["credit_code"], defaults=defaults
            )
            colour = r.values.get("colour")
            if colour and colour != obj.colour:
                record_rating(obj, colour, _("Listing colour from the Excel import."), user)
            counts["create" if created else "update"] += 1
    return counts
