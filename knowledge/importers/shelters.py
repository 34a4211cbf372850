"""Bulk import of emergency shelters (``manage.py import_shelters``), by the same rules as
the knowledge import: the whole file is read and checked first; if any row is bad nothing
is written (unless ``skip_bad_rows``) and every bad row is reported with its line number
and the reason in Chinese; then all rows are written in one transaction. A row whose
``key`` is already known updates that shelter, so importing the same file twice changes
nothing. Coordinates may be given in WGS-84, GCJ-02 or BD-09 (the ``坐标系`` column) and
are stored in GCJ-02."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.core import geo
from portal.core.districts import parse

from ..choices import CoordinateSystem, ShelterCategory, ShelterStatus, ShelterType
from ..models import ShelterIndexPage, ShelterPage
from . import ImportResult
from .readers import FileError, RowProblem, read_rows
from .rows import KEY_RE, _choice, _text

COLUMNS = {
    "标识": "key",
    "编号": "key",
    "名称": "title",
    "场所名称": "title",
    "区县": "district",
    "所在区县": "district",
    "地址": "address",
    "级别": "category",
    "场所级别": "category",
    "类型": "shelter_type",
    "场所类型": "shelter_type",
    "状态": "status",
    "开放状态": "status",
    "容纳人数": "capacity",
    "面积": "area",
    "面积（平方米）": "area",
    "设施": "facilities",
    "管理单位": "managing_unit",
    "电话": "phone",
    "联系电话": "phone",
    "纬度": "latitude",
    "经度": "longitude",
    "坐标系": "coordinates",
}
FIELDS = set(COLUMNS.values())
REQUIRED = ("key", "title", "district", "address", "capacity", "area")
MAX_LENGTHS = {"title": 255, "address": 200, "managing_unit": 100, "phone": 40}
# Chinese names in bureaus' spreadsheets (accepted with or without compiled catalogues).
NAMES = {
    ShelterCategory: {
        "Ⅰ类": "long", "I类": "long", "一类": "long", "长期": "long",
        "Ⅱ类": "medium", "II类": "medium", "二类": "medium", "中期": "medium",
        "Ⅲ类": "short", "III类": "short", "三类": "short", "短期": "short", "临时": "short",
    },
    ShelterType: {
        "室外": "outdoor", "室外场所": "outdoor", "室内": "indoor", "室内场所": "indoor",
        "室内外": "mixed", "室内外结合": "mixed",
    },
    ShelterStatus: {
        "开放中": "open", "开放": "open", "已开放": "open", "未开放": "closed",
        "关闭": "closed", "已满员": "full", "满员": "full", "暂停使用": "suspended",
        "停用": "suspended",
    },
    CoordinateSystem: {
        "WGS-84": "wgs84", "WGS84": "wgs84", "GPS": "wgs84", "GCJ-02": "gcj02",
        "GCJ02": "gcj02", "高德": "gcj02", "腾讯": "gcj02", "火星坐标": "gcj02",
        "BD-09": "bd09", "BD09": "bd09", "百度": "bd09",
    },
}  # fmt: skip
FACILITY_SEPARATORS = re.compile(r"[、，,；;\n]+")


@dataclass
class ShelterRow:
    line: int
    key: str
    values: dict = field(default_factory=dict)


def _named(value, choices_cls, label):
    compact = re.sub(r"\s+", "", _text(value)).upper().replace("Ｉ", "I")
    names = {name.upper(): code for name, code in NAMES[choices_cls].items()}
    if compact in names:
        return names[compact]
    try:
        return _choice(value, choices_cls, label)
    except ValueError:
        allowed = "、".join(dict.fromkeys(NAMES[choices_cls]))
        raise ValueError(
            _("unknown %(field)s “%(value)s” (allowed: %(allowed)s)")
            % {"field": label, "value": _text(value), "allowed": allowed}
        ) from None


def _whole(value, label):
    text = _text(value).replace(",", "")
    if not re.fullmatch(r"\d{1,9}", text) or int(text) == 0:
        raise ValueError(
            _("%(field)s “%(value)s” must be a whole number above 0")
            % {"field": label, "value": _text(value)}
        )
    return int(text)


def _degrees(value, label, limit):
    try:
        number = Decimal(_text(value))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) > limit:
        raise ValueError(
            _("%(field)s “%(value)s” is not a number from -%(limit)d to %(limit)d")
            % {"field": label, "value": _text(value), "limit": limit}
        )
    return float(number)


def _coordinates(raw, errors):
    lat_text, lon_text = _text(raw.get("latitude")), _text(raw.get("longitude"))
    system_text = _text(raw.get("coordinates"))
    if not lat_text and not lon_text:
        return {}
    if not lat_text or not lon_text:
        errors.append(_("give both latitude and longitude, or neither"))
        return {}
    try:
        if (
            abs(_degrees(lat_text, _("latitude"), 180))
            > 90
            >= abs(_degrees(lon_text, _("longitude"), 180))
        ):
            raise ValueError(
                _("the point %(lat)s, %(lon)s is not in China: are latitude and longitude swapped?")
                % {"lat": lat_text, "lon": lon_text}
            )
        lat = _degrees(lat_text, _("latitude"), 90)
        lon = _degrees(lon_text, _("longitude"), 180)
        if not system_text:
            raise ValueError(
                _(
                    "the coordinate system is missing (WGS-84, GCJ-02 or BD-09): map apps differ by hundreds of metres"
                )
            )
        system = _named(system_text, CoordinateSystem, _("coordinate system"))
    except ValueError as exc:
        errors.append(str(exc))
        return {}
    if not geo.in_china(lat, lon):
        errors.append(
            _("the point %(lat)s, %(lon)s is not in China: are latitude and longitude swapped?")
            % {"lat": lat_text, "lon": lon_text}
        )
        return {}
    glat, glon = geo.to_gcj02(lat, lon, system)
    return {"latitude": Decimal(f"{glat:.6f}"), "longitude": Decimal(f"{glon:.6f}")}


def validate(line: int, raw: dict) -> tuple[ShelterRow | None, list[str]]:
    raw = {COLUMNS.get(str(k).strip(), str(k).strip().lower()): v for k, v in raw.items()}
    errors = []
    unknown = sorted(set(raw) - FIELDS)
    if unknown:
        errors.append(_("unknown fields: %(fields)s") % {"fields": ", ".join(unknown)})
    labels = {
        "key": _("the key"),
        "title": _("the name"),
        "district": _("the district"),
        "address": _("the address"),
        "capacity": _("the capacity"),
        "area": _("the area"),
    }
    for name in REQUIRED:
        if not _text(raw.get(name)):
            errors.append(_("%(field)s is missing") % {"field": labels[name]})
    key = _text(raw.get("key"))
    if key and (len(key) > 100 or not KEY_RE.match(key)):
        errors.append(
            _("the key “%(key)s” may only contain letters, digits and . _ : / - (at most 100)")
            % {"key": key[:120]}
        )
    for name, limit in MAX_LENGTHS.items():
        if len(_text(raw.get(name))) > limit:
            errors.append(
                _("%(field)s is longer than %(limit)d characters") % {"field": name, "limit": limit}
            )
    values = {name: _text(raw.get(name)) for name in ("title", "address", "managing_unit", "phone")}
    district_text = _text(raw.get("district"))
    if district_text:
        values["district"] = parse(district_text)
        if values["district"] is None:
            errors.append(
                _("unknown district “%(value)s” (e.g. 金水区, 郑东新区, 高新区)")
                % {"value": district_text}
            )
    checks = [
        ("capacity", lambda v: _whole(v, _("capacity"))),
        ("area", lambda v: _whole(v, _("area"))),
        ("category", lambda v: _named(v, ShelterCategory, _("shelter class"))),
        ("shelter_type", lambda v: _named(v, ShelterType, _("shelter type"))),
        ("status", lambda v: _named(v, ShelterStatus, _("opening status"))),
    ]
    for name, check in checks:
        if not _text(raw.get(name)):
            continue
        try:
            values[name] = check(raw.get(name))
        except ValueError as exc:
            errors.append(str(exc))
    values.update(_coordinates(raw, errors))
    facilities = [f.strip() for f in FACILITY_SEPARATORS.split(_text(raw.get("facilities")))]
    values["facilities"] = "\n".join(f for f in facilities if f)
    if errors:
        return None, errors
    return ShelterRow(line, key, values), []


def check_rows(path):
    good, errors, total, seen = [], [], 0, {}
    for line, raw in read_rows(path):
        total += 1
        if isinstance(raw, RowProblem):
            errors.append((line, raw.reason))
            continue
        row, reasons = validate(line, raw)
        if row is not None and row.key in seen:
            row, reasons = (
                None,
                [
                    _("the key “%(key)s” already appears on line %(line)d")
                    % {"key": row.key, "line": seen[row.key]}
                ],
            )
        if row is None:
            errors.extend((line, reason) for reason in reasons)
        else:
            seen[row.key] = line
            good.append(row)
    return good, errors, total


def _slug(key, taken):
    base = slugify(key.replace("/", "-").replace(":", "-").replace(".", "-"))[:70] or "shelter"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def run_import(path, skip_bad_rows=False) -> ImportResult:
    """Import ``path`` (.csv, .xlsx or .jsonl). Raises :class:`FileError` when the file
    cannot be read or the site has no shelter list to put the shelters in."""

    rows, errors, total = check_rows(path)
    result = ImportResult(total=total, errors=sorted(errors))
    index = ShelterIndexPage.objects.order_by("path").first()
    if index is None:
        raise FileError(_("The site has no shelter list. Run manage.py setup_site first."))
    if errors and not skip_bad_rows:
        return result
    with transaction.atomic():
        existing = {
            page.import_key: page
            for page in ShelterPage.objects.filter(import_key__in=[r.key for r in rows])
        }
        taken = set(index.get_children().values_list("slug", flat=True))
        for row in rows:
            page = existing.get(row.key)
            if page is None:
                page = ShelterPage(import_key=row.key, slug=_slug(row.key, taken), **row.values)
                index.add_child(instance=page)
                result.created += 1
            else:
                changed = {n: v for n, v in row.values.items() if getattr(page, n) != v}
                if not changed:
                    continue  # the same row again: no new revision
                for name, value in changed.items():
                    setattr(page, name, value)
                result.updated += 1
            page.save_revision().publish()
    result.written = True
    return result
