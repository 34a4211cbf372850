"""Helpers shared by the accountability report kinds: scoping, parameters, labels."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    BLUE,
    RED,
    YELLOW,
    Jurisdiction,
)
from ..services.scoping import can_see, user_scope, visible

COLOURS = (RED, YELLOW, BLUE)
APPENDIX_CHUNK = 200


def scoped(user, queryset):
    """What ``user`` may see; everything from the command line or a schedule (None)."""
    return queryset if user is None else visible(user, queryset)


def deny_unless_visible(user, obj, message=None):
    """Refuse a record ``user`` may not see. Requests naming one record pass the message
    they give for a record that does not exist, so that the answer does not tell whether
    the record exists in another jurisdiction."""
    if user is not None and not can_see(user, obj):
        raise ValueError(message or _("You may not see the data of this report."))


def get_record(model, value, message):
    text = str(value or "").strip()
    obj = model.objects.filter(pk=int(text), archived=False).first() if text.isdigit() else None
    if obj is None:
        raise ValueError(message % {"value": text})
    return obj


def parse_year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValueError(_("Enter a year, e.g. 2026.")) from None
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise ValueError(_("The year %(year)s is out of range.") % {"year": year})
    return year


def get_district(name) -> Jurisdiction | None:
    name = str(name or "").strip()
    if not name:
        return None
    found = Jurisdiction.objects.filter(kind=Jurisdiction.DISTRICT, name=name, archived=False)
    district = found.first()
    if district is None:
        raise ValueError(_("There is no district or county named “%(name)s”.") % {"name": name})
    return district


def sees_whole_city(user) -> bool:
    scope = user_scope(user) if user is not None else None
    return scope is None or scope.everything or "/" not in (scope.enterprise_path or "/")


def district_choices(user):
    """Staff of one district choose among their own district(s); "the whole city" is
    offered only to users who may see the whole city."""
    districts = scoped(user, Jurisdiction.objects.filter(kind=Jurisdiction.DISTRICT))
    whole = [("", _("The whole city"))] if sees_whole_city(user) else []
    return whole + [(d.name, d.name) for d in districts]


def year_field():
    return forms.IntegerField(
        label=_("Year"), initial=timezone.localdate().year, min_value=2000, max_value=2100
    )


def colour_label(code) -> str:
    return {RED: _("Red"), YELLOW: _("Yellow"), BLUE: _("Blue")}.get(code, _("Not rated"))


def district_name(jurisdiction) -> str:
    """The district/county a jurisdiction belongs to (its name), "" for the city level:
    registers show the district, not the township, and district documents go out in the
    district bureau's name."""
    district = jurisdiction.district if jurisdiction is not None else None
    return district.name if district is not None else ""


def record_dict(obj, fields=None, exclude=()) -> dict:
    """The stored values of a record (computed, non-editable fields included), for the
    data snapshot kept with an issued document."""
    return {
        f.name: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if (fields is None or f.name in fields) and f.name not in exclude
    }
