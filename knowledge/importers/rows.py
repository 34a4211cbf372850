"""Validate one import row. Every problem is reported in the reader's language."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from portal.core.dates import parse_date

from ..choices import DocType, PlanClass, PlanLevel, Status, Topic
from .html import body_blocks
from .vocabulary import CHINESE_NAMES, COLUMN_NAMES

TYPES = {"regulation": "regulation", "plan": "plan", "article": "article"}
TYPE_ALIASES = {
    "法规": "regulation",
    "政策法规": "regulation",
    "预案": "plan",
    "应急预案": "plan",
    "文章": "article",
    "安全知识": "article",
}
KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$")

COMMON = {
    "type",
    "key",
    "title",
    "body",
    "summary",
    "topic",
    "issued_on",
    "doc_number",
    "issuer",
    "effective_on",
    "written_on",
    "status",
    "index_number",
}
FIELDS = {
    "regulation": COMMON | {"doc_type"},
    "plan": COMMON
    | {
        "level",
        "plan_class",
        "department",
        "parent_key",
        "review_interval_months",
        "last_evaluated_on",
    },
    "article": {"type", "key", "title", "body", "summary", "topic", "issued_on", "source"},
}
ALL_FIELDS = set().union(*FIELDS.values())
MAX_LENGTHS = {
    "title": 255,
    "summary": 300,
    "doc_number": 80,
    "issuer": 100,
    "index_number": 60,
    "department": 100,
    "source": 100,
}


@dataclass
class ImportRow:
    line: int
    type: str
    key: str
    title: str
    body: list
    values: dict = field(default_factory=dict)
    parent_key: str = ""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _choice(value, choices_cls, label):
    """Accept the code (``current``), the Chinese name a bureau's spreadsheet uses
    (``现行有效``, also without the translation catalogues) or the label in either
    language."""
    text = _text(value)
    if not text:
        return None
    lowered = text.lower()
    names = CHINESE_NAMES.get(choices_cls, {})
    compact = re.sub(r"\s+", "", text)
    if compact in names:
        return names[compact]
    for choice in choices_cls:
        if lowered == choice.value or text == str(choice.label):
            return choice.value
    with translation.override("zh-hans"):
        for choice in choices_cls:
            if text == str(choice.label):
                return choice.value
    with translation.override("en"):
        for choice in choices_cls:
            if lowered == str(choice.label).lower():
                return choice.value
    allowed = "、".join(_allowed(choices_cls))
    raise ValueError(
        _("unknown %(field)s “%(value)s” (allowed: %(allowed)s)")
        % {"field": label, "value": text, "allowed": allowed}
    )


def _allowed(choices_cls):
    """The first Chinese name of every choice, for error messages."""
    first = {}
    for name, code in CHINESE_NAMES.get(choices_cls, {}).items():
        first.setdefault(code, name)
    return [first.get(c.value, c.value) for c in choices_cls]


def _date(value, label):
    if value in (None, ""):
        return None
    day = parse_date(value)
    if day is None:
        raise ValueError(
            _("%(field)s “%(value)s” is not a date (use 2021-07-09, 2021/7/9 or 2021年7月9日)")
            % {"field": label, "value": _text(value)}
        )
    return day


def validate(line: int, raw: dict) -> tuple[ImportRow | None, list[str]]:
    """Return the cleaned row, or None and the list of reasons it is bad."""
    errors = []
    raw = {COLUMN_NAMES.get(str(k).strip(), str(k).strip().lower()): v for k, v in raw.items()}
    kind_text = _text(raw.get("type")).lower()
    kind = TYPES.get(kind_text) or TYPE_ALIASES.get(_text(raw.get("type")))
    if not kind_text:
        errors.append(_("the type is missing (regulation, plan or article)"))
    elif kind is None:
        errors.append(
            _("unknown type “%(value)s” (use regulation, plan or article)") % {"value": kind_text}
        )
    key = _text(raw.get("key"))
    if not key:
        errors.append(_("the key is missing"))
    elif len(key) > 100 or not KEY_RE.match(key):
        errors.append(
            _("the key “%(key)s” may only contain letters, digits and . _ : / - (at most 100)")
            % {"key": key[:120]}
        )
    title = _text(raw.get("title"))
    if not title:
        errors.append(_("the title is missing"))
    body_text = raw.get("body")
    if not _text(body_text):
        errors.append(_("the body is missing"))
    unknown = sorted(set(raw) - ALL_FIELDS)
    if unknown:
        errors.append(_("unknown fields: %(fields)s") % {"fields": ", ".join(unknown)})
    if kind:
        foreign = sorted(n for n in set(raw) & ALL_FIELDS - FIELDS[kind] if _text(raw.get(n)))
        if foreign:
            errors.append(
                _("fields that do not apply to this type: %(fields)s")
                % {"fields": ", ".join(foreign)}
            )
    for name, limit in MAX_LENGTHS.items():
        if len(_text(raw.get(name))) > limit:
            errors.append(
                _("%(field)s is longer than %(limit)d characters") % {"field": name, "limit": limit}
            )
    values = {}
    checks = [
        ("topic", lambda v: _choice(v, Topic, _("topic"))),
        ("issued_on", lambda v: _date(v, _("issue date"))),
    ]
    if kind in ("regulation", "plan"):
        checks += [
            ("status", lambda v: _choice(v, Status, _("validity status"))),
            ("effective_on", lambda v: _date(v, _("effective date"))),
            ("written_on", lambda v: _date(v, _("date written"))),
        ]
    if kind == "regulation":
        checks.append(("doc_type", lambda v: _choice(v, DocType, _("document type"))))
    if kind == "plan":
        checks += [
            ("level", lambda v: _choice(v, PlanLevel, _("plan level"))),
            ("plan_class", lambda v: _choice(v, PlanClass, _("event class"))),
            ("last_evaluated_on", lambda v: _date(v, _("last evaluation date"))),
            ("review_interval_months", _interval),
        ]
    for name, check in checks:
        try:
            value = check(raw.get(name))
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if value is not None:
            values[name] = value
    issued, effective = values.get("issued_on"), values.get("effective_on")
    if issued and issued > dt.date.today() + dt.timedelta(days=366):
        errors.append(
            _("the issue date %(date)s is more than a year in the future") % {"date": issued}
        )
    if issued and effective and effective < issued - dt.timedelta(days=3650):
        errors.append(_("the effective date is ten years before the issue date"))
    for name in ("summary", "doc_number", "issuer", "index_number", "department", "source"):
        if kind and name in FIELDS[kind] and _text(raw.get(name)):
            values[name] = _text(raw.get(name))
    body = []
    if _text(body_text) and not errors:
        body = body_blocks(_text(body_text))
        if not body:
            errors.append(_("the body has no readable text after removing unsafe HTML"))
    if errors:
        return None, errors
    if kind == "article" and "issued_on" in values:
        values["published_on"] = values.pop("issued_on")
    return ImportRow(line, kind, key, title[:255], body, values, _text(raw.get("parent_key"))), []


def _interval(value):
    text = _text(value)
    if not text:
        return None
    try:
        months = int(text)
    except ValueError:
        months = None
    if months is None or not 1 <= months <= 120:
        raise ValueError(
            _("review_interval_months “%(value)s” must be a whole number from 1 to 120")
            % {"value": text}
        )
    return months
