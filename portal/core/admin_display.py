"""How the admin prints values a person reads: 是/否 instead of True/False, a dash
instead of None, Beijing time instead of UTC.

Wagtail's inspect view pipes every value through ``|localize``, which turns an aware
datetime into text before the template could convert it to local time, and prints
booleans and None as Python spells them; its boolean list column puts True/False in the
icon's title. The tracker's and the desks' admin views use these helpers instead."""

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column

EMPTY = "—"


def display_value(value):
    """The text for ``value`` as a Chinese reader expects it (other values unchanged)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    return value


class YesNoColumn(Column):
    """A list column that prints 是/否 (and — for unknown) as text."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return display_value(value if value is None else bool(value))
