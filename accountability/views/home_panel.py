"""The first thing a tracker user sees after logging in: their own work on the admin
home (what is overdue, what falls due this week, what awaits their decision), each figure
a link to the list behind it, and the way to the full dashboard."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from ..services import changes, queries
from ..services.roles import user_roles
from .dashboard import list_url

WEEK = 7


class MyWorkPanel(Component):
    name = "accountability_my_work"
    order = 10  # before Wagtail's own panels

    def __init__(self, user):
        self.user = user

    def rows(self):
        user = self.user
        overdue = queries.overdue_counts(user)
        rows = [
            (_("Overdue hazard rectifications"), overdue["hazards"],
             list_url("hazard", overdue="true")),
            (_("Overdue listed supervision"), overdue["supervision"],
             list_url("supervisioncase", overdue="true")),
            (_("Overdue interview reports"), overdue["interviews"],
             list_url("interview", overdue="true")),
            (_("Deadlines in the next 7 days"), len(queries.upcoming_deadlines(user, WEEK)),
             reverse("accountability_dashboard") + "#acc-upcoming"),
            (_("Change requests awaiting my decision"), changes.awaiting(user).count(),
             list_url("changerequest", status="pending", mine="true")),
        ]  # fmt: skip
        if user.has_perm("accountability.change_downgradeproposal"):
            rows.append(
                (_("Downgrade proposals to decide"), queries.pending_proposals(user).count(),
                 list_url("downgradeproposal", status="pending"))
            )  # fmt: skip
        return rows

    def render_html(self, parent_context=None):
        return render_to_string(
            "accountability/admin/home_panel.html",
            {"rows": self.rows(), "dashboard_url": reverse("accountability_dashboard")},
        )


def add_my_work_panel(request, panels):
    if user_roles(request.user):
        panels.append(MyWorkPanel(request.user))
