"""Zhengzhou's districts: the one vocabulary of places used by every part of the site.

Shelters and demonstration sites (knowledge) store a :class:`District`; campaign
activities store a :class:`DistrictOrCitywide`, the same places plus "citywide" (全市) for
events that are not tied to one district. Statistics, filters and reports therefore agree
on the codes, and a ``?district=`` link means the same place in every section.

Until 2026 the knowledge base used its own codes for four places; :data:`LEGACY_CODES`
maps them to the site codes. The knowledge data migration rewrites stored values with it,
and :func:`normalise_query` lets old shared links such as ``/shelters/?district=gaoxin``
keep working."""

from __future__ import annotations

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class District(models.TextChoices):
    """Zhengzhou's districts, functional zones, county-level cities and county."""

    ZHONGYUAN = "zhongyuan", _("Zhongyuan District")
    ERQI = "erqi", _("Erqi District")
    GUANCHENG = "guancheng", _("Guancheng Hui District")
    JINSHUI = "jinshui", _("Jinshui District")
    SHANGJIE = "shangjie", _("Shangjie District")
    HUIJI = "huiji", _("Huiji District")
    ZHENGDONG = "zhengdong", _("Zhengdong New Area")
    ECONOMIC = "economic", _("Economic and Technological Development Zone")
    HIGHTECH = "hightech", _("High-tech Industrial Development Zone")
    AIRPORT = "airport", _("Airport Economy Zone")
    GONGYI = "gongyi", _("Gongyi")
    XINGYANG = "xingyang", _("Xingyang")
    XINMI = "xinmi", _("Xinmi")
    XINZHENG = "xinzheng", _("Xinzheng")
    DENGFENG = "dengfeng", _("Dengfeng")
    ZHONGMU = "zhongmu", _("Zhongmu County")


CITYWIDE = "citywide"

# The same places as District, preceded by "citywide": for things that may concern the
# whole city (campaign activities), never for things that have one address.
DistrictOrCitywide = models.TextChoices(
    "DistrictOrCitywide",
    [("CITYWIDE", (CITYWIDE, _("Citywide")))]
    + [(member.name, (member.value, member.label)) for member in District],
)
DistrictOrCitywide.__doc__ = "A District, or the whole city (全市)."

# The names people use in speech and search for the three long zone names.
SHORT_NAMES = {
    District.ECONOMIC: _("Economic Development Zone"),
    District.HIGHTECH: _("High-tech Zone"),
    District.AIRPORT: _("Airport Zone"),
}

# Codes the knowledge base used before the vocabularies were merged -> site codes.
# knowledge/migrations/0003_site_districts.py imports this mapping, recode() and inverted():
# keep them as they are.
LEGACY_CODES = {
    "gaoxin": District.HIGHTECH.value,
    "jingkai": District.ECONOMIC.value,
    "hangkonggang": District.AIRPORT.value,
    "zhongmou": District.ZHONGMU.value,
}


def place_names(code: str) -> str:
    """The label of ``code`` followed by the short name people search with, if it has one
    (``高新技术产业开发区 高新区``): the district part of a search document's text."""
    labels = dict(DistrictOrCitywide.choices)
    if code not in labels:
        return code
    short = SHORT_NAMES.get(code)
    return f"{labels[code]} {short}" if short else str(labels[code])


def recode(value: str, mapping: dict[str, str] = LEGACY_CODES) -> str:
    """``value`` rewritten by ``mapping`` (old code -> site code by default); values the
    mapping does not name are returned unchanged. The data migrations use this in both
    directions (pass the inverted mapping to go back)."""
    return mapping.get(value, value)


def inverted(mapping: dict[str, str] = LEGACY_CODES) -> dict[str, str]:
    """The mapping from site codes back to the old ones, for reversing a migration."""
    return {new: old for old, new in mapping.items()}


def parse(text, choices=District) -> str | None:
    """The code ``text`` names in ``choices``, or None.

    Accepts the code (``hightech``), an old knowledge code (``gaoxin``), the label in
    Chinese or English (``金水区``, ``Jinshui District``) and the short names of the zones
    (``高新区``). Surrounding spaces and the case of English text do not matter."""
    text = str(text or "").strip()
    if not text:
        return None
    code = recode(text.lower())
    if code in choices.values:
        return code
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for member in choices:
                names = {str(member.label)}
                if member.value in SHORT_NAMES:
                    names.add(str(SHORT_NAMES[member.value]))
                if text in names or text.lower() in {n.lower() for n in names}:
                    return member.value
    return None


def normalise_query(data, param: str = "district", choices=District):
    """A copy of the query ``data`` (a QueryDict or dict) whose ``param`` is rewritten to
    the site code when it names a place in another way (old code, label, short name), so
    that old shared links filter as they always did. Anything else is left for the form
    to reject with its usual message; ``data`` itself is never modified."""
    if not data or param not in data:
        return data
    value = data.get(param)
    code = parse(value, choices)
    if code is None or code == value:
        return data
    data = data.copy()
    data[param] = code
    return data


def district_order(field: str = "district"):
    """An ``order_by`` expression listing places in the official order of :class:`District`
    ("citywide" first) instead of alphabetically by code."""
    order = [CITYWIDE, *District.values]
    return Case(
        *[When(**{field: code}, then=Value(i)) for i, code in enumerate(order)],
        default=Value(len(order)),
        output_field=IntegerField(),
    )
