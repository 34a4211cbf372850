"""The supervisor dashboard: counts by colour, overdue items, upcoming deadlines and open
cases by district. Every number links to the filtered list that produced it."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.core.charts import bar_chart, stacked_bar_chart

from ..models import BLUE, RED, YELLOW
from ..services import changes, queries, tipoffs
from ..services.roles import user_roles
from .base import record_url

COLOUR_HEX = {RED: "#c62828", YELLOW: "#f2b705", BLUE: "#1f5fbf", "": "#9e9e9e"}


def list_url(viewset, **params):
    url = reverse(f"accountability_{viewset}:index")
    return f"{url}?{urlencode(params)}" if params else url


def can_use(user) -> bool:
    return user.is_superuser or bool(user_roles(user))


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "accountability/admin/dashboard.html"
    page_title = gettext_lazy("Accountability dashboard")
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        if not can_use(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        colours = queries.colour_counts(user)
        labels = {RED: _("Red"), YELLOW: _("Yellow"), BLUE: _("Blue"), "": _("Not rated")}
        colour_rows = [
            {
                "label": labels[c],
                "value": colours[c],
                "colour": COLOUR_HEX[c],
                "url": list_url("enterprise", colour=c or "none"),
            }
            for c in (RED, YELLOW, BLUE, "")
        ]
        overdue = queries.overdue_counts(user)
        overdue_rows = [
            {"label": _("Hazards"), "value": overdue["hazards"], "url": list_url("hazard", overdue="true")},
            {"label": _("Major hazards"), "value": overdue["major_hazards"],
             "url": list_url("hazard", overdue="true", level="major")},
            {"label": _("Listed supervision"), "value": overdue["supervision"],
             "url": list_url("supervisioncase", overdue="true")},
            {"label": _("Interview reports"), "value": overdue["interviews"],
             "url": list_url("interview", overdue="true")},
            {"label": _("Broken commitments"), "value": overdue["commitments"],
             "url": list_url("interview", broken="true")},
            {"label": _("Inspections overdue"), "value": queries.inspection_overdue(user).count(),
             "url": list_url("enterprise", inspection_overdue="true")},
        ]  # fmt: skip
        if user.has_perm("accountability.view_tipoff"):  # departments do not handle tip-offs
            overdue_rows.append({"label": _("Public tip-offs"), "value": tipoffs.overdue(user).count(),
                                 "url": list_url("tipoff", overdue="true")})  # fmt: skip
        districts = queries.open_cases_by_district(user)
        for row in districts:
            d = row["district"]
            row["label"] = d.name
            row["urls"] = {
                "hazards": list_url("hazard", district=d.pk, open="true"),
                "supervision": list_url("supervisioncase", district=d.pk, open="true"),
                "interviews": list_url("interview", district=d.pk, open="true"),
            }
        keys = ("hazards", "supervision", "interviews")
        district_colours = {"hazards": "#e0702b", "supervision": "#8e3fb0", "interviews": "#2e6fb4"}
        upcoming = queries.upcoming_deadlines(user, 30)
        for row in upcoming:
            obj = row["obj"]
            target = obj.interview if row["kind"] == "commitment" else obj
            # Readers (the auditor, a department on another's case) get the read-only view.
            row["url"] = record_url(user, target)
        context.update(
            {
                "colour_rows": colour_rows,
                "colour_total": sum(colours.values()),
                "enterprise_url": list_url("enterprise"),
                "colour_chart": bar_chart(
                    colour_rows, _("Enterprises by colour"), width=460, responsive=True
                ),
                "overdue_rows": overdue_rows,
                "overdue_chart": bar_chart(
                    [{**r, "colour": "#c62828"} for r in overdue_rows], _("Overdue items"),
                    width=460, responsive=True,
                ),
                "districts": districts,
                "district_keys": keys,
                "district_colours": district_colours,
                "district_chart": stacked_bar_chart(
                    districts, keys, district_colours, _("Open cases by district"),
                    lambda r, k: r["urls"][k],
                ) if districts else "",
                "upcoming": upcoming[:40],
                "pending_proposals": queries.pending_proposals(user).count(),
                "pending_changes": changes.pending(user).count(),
                "pending_changes_url": list_url("changerequest", status="pending"),
                "awaiting_changes": changes.awaiting(user).count(),
                "awaiting_changes_url": list_url("changerequest", status="pending", mine="true"),
                "proposals_url": list_url("downgradeproposal", status="pending"),
            }
        )  # fmt: skip
        return context
