"""Admin views: query statistics, and the staff-only search (accountability records)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services, stats
from .params import parse
from .sources import STAFF

logger = logging.getLogger("search")
STATS_PERMISSION = "search.view_querylog"
STAFF_PERMISSION = "search.search_staff"
STATS_DAYS = (7, 30, 90)


def staff_jurisdictions(user) -> list[str] | None:
    """The jurisdiction paths whose staff documents ``user`` may search.

    Apps register a ``search_staff_jurisdictions`` hook: a function ``(user)`` returning a
    list of paths (e.g. ["zz/jinshui"]) or None for "every jurisdiction". The first hook
    that does not return ``NotImplemented`` decides. Without one, superusers see every
    jurisdiction and other users none."""
    for fn in hooks.get_hooks("search_staff_jurisdictions"):
        answer = fn(user)
        if answer is not NotImplemented:
            return None if answer is None else list(answer)
    return None if user.is_superuser else []


def jurisdiction_names(paths) -> list[str]:
    """How to print jurisdiction paths to a person (郑州市, not zz): the first
    ``search_jurisdiction_names`` hook ``(paths) -> names`` that answers; else the paths."""
    for fn in hooks.get_hooks("search_jurisdiction_names"):
        answer = fn(paths)
        if answer is not NotImplemented:
            return list(answer)
    return list(paths)


class _Checked(WagtailAdminTemplateMixin, TemplateView):
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueryStatisticsView(_Checked):
    """Top queries and queries that found nothing, for editors improving content."""

    permission = STATS_PERMISSION
    template_name = "search/admin/statistics.html"
    page_title = _("Search statistics")
    header_icon = "search"
    breadcrumbs_items = []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            days = int(self.request.GET.get("days", 30))
        except ValueError:
            days = 30
        days = days if days in STATS_DAYS else 30
        try:
            stats.flush()  # show the searches still waiting in the cache too
        except Exception:  # the next scheduled flush adds them; show what is stored
            logger.exception("search statistics: flush before the report failed")
        context.update(services.query_statistics(days=days))
        context.update(days=days, day_choices=STATS_DAYS)
        return context


class StaffSearchView(_Checked):
    """Search the staff-only index, limited to the user's jurisdictions."""

    permission = STAFF_PERMISSION
    template_name = "search/admin/staff_search.html"
    page_title = _("Internal search")
    header_icon = "search"
    breadcrumbs_items = []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = parse(self.request.GET, audience=STAFF, per_page=20, strict=False)
        query.jurisdictions = staff_jurisdictions(self.request.user)
        results = services.run_search(query) if query.text else None
        names = jurisdiction_names(query.jurisdictions or [])
        context.update(query=query, results=results, jurisdiction_names=names)
        return context
