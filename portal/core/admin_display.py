"""How the admin prints values a person reads: 是/否 instead of True/False, a dash
instead of None, Beijing time instead of UTC.

Wagtail's inspect view pipes every value through ``|localize``, which turns an aware
datetime into text before the template could convert it to local time, and prints
booleans and None as Python spells them; its boolean list column puts True/False in the
icon's title. The tracker's and the desks' admin views use these helpers instead."""

import datetime as dt

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import PagePermissionTester

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


class ReadableColumn(Column):
    """A list column that prints dates as 2026年5月12日, times in Beijing time and an
    empty value as a dash (Wagtail prints a date column's value as ISO text)."""

    def get_value(self, instance):
        return display_value(super().get_value(instance))


def header_title(title, subtitle) -> str:
    """``编辑：企业名称``: Wagtail joins a view's title and subtitle with an ASCII colon
    ("Editing: …"); in Chinese the colon is full-width."""
    if not subtitle:
        return title
    colon = "：" if (translation.get_language() or "").startswith("zh") else ": "
    return f"{title}{colon}{subtitle}"


def full_width_header_titles():
    """Every generic admin view (the tracker's, snippets, documents, users…) titles its
    page through ``WagtailAdminTemplateMixin.get_header_title``: route it through
    :func:`header_title` (Wagtail offers no setting or hook for the separator)."""

    def get_header_title(self):
        return header_title(self.get_page_title(), self.get_page_subtitle())

    WagtailAdminTemplateMixin.get_header_title = get_header_title


def history_links_only_for_editors():
    """Wagtail offers a page's history link to everyone (``can_view_revisions`` is true
    for any page but the root) while its history view refuses anyone who cannot edit the
    page: an editor of one section got a "no permission" link on the home page. Offer the
    link exactly to those the view lets in."""

    def can_view_revisions(self):
        return not self.page_is_root and self.can_edit()

    PagePermissionTester.can_view_revisions = can_view_revisions
