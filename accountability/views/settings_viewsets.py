"""The "安全责任设置" menu: reference data and staff, as plain scoped lists."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from .. import models as m
from .base import ScopedViewSet


def _simple(model_, icon_, label, fields, display=None, search=None):
    """A scoped viewset for a small reference model: the form shows ``fields``."""
    return type(
        f"{model_.__name__}ViewSet",
        (ScopedViewSet,),
        {
            "model": model_,
            "icon": icon_,
            "menu_label": label,
            "form_fields": fields,
            "list_display": display or fields[:4],
            "search_fields": search or [],
        },
    )


class AccountabilitySettingsGroup(ViewSetGroup):
    menu_label = _("Accountability settings")
    menu_icon = "cogs"
    menu_order = 251
    items = [
        _simple(m.Jurisdiction, "folder-open-inverse", _("Jurisdictions"),
                ["name", "code", "kind", "parent", "industries", "archived"],
                ["name", "kind", "parent", "path"], ["name", "path"])("accountability_jurisdiction"),
        _simple(m.StaffProfile, "user", _("Staff profiles"),
                ["user", "jurisdiction", "title", "phone", "archived"], None,
                ["user__username", "title"])("accountability_staffprofile"),
        _simple(m.Industry, "tag", _("Industries"), ["name", "code"], None, ["name"])("accountability_industry"),
        _simple(m.CalendarDay, "date", _("Holiday calendar"),
                ["date", "is_workday", "name", "archived"], None, ["name"])("accountability_calendarday"),
        _simple(m.RatingCriterion, "list-ol", _("Rating criteria"),
                ["title", "colour", "description", "sort_order", "archived"], None,
                ["title"])("accountability_ratingcriterion"),
        _simple(m.InspectionFrequency, "time", _("Inspection frequency"),
                ["colour", "interval_days"])("accountability_inspectionfrequency"),
    ]  # fmt: skip
