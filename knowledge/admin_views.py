"""Admin report: published plans past their review date (Reports → Plans due for review)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from portal.core.admin_display import display_value

from .services import plans_due_for_review


class DaysOverdueColumn(Column):
    def get_value(self, instance):
        return (timezone.localdate() - instance.next_review_on).days


class DateTextColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return display_value(value if isinstance(value, dt.date) else None)


class PlansDueForReviewView(ReportView):
    """Every published plan whose next evaluation date has passed, most overdue first,
    with a link to edit it. Editors record the evaluation by setting “last evaluated”;
    the plan then leaves this report. Exportable to Excel and CSV."""

    page_title = _("Plans due for review")
    header_icon = "warning"
    index_url_name = "knowledge_plans_due"
    index_results_url_name = "knowledge_plans_due_results"
    paginate_by = 50
    list_export = [
        "title",
        "get_level_display",
        "department",
        "last_evaluated_on",
        "next_review_on",
    ]
    export_headings = {
        "title": _("Plan"),
        "get_level_display": _("Plan level"),
        "department": _("Responsible department"),
        "last_evaluated_on": _("Last evaluated"),
        "next_review_on": _("Next review due"),
    }

    def get_filename(self):
        return f"plans-due-for-review-{timezone.localdate():%Y-%m-%d}"

    @property
    def columns(self):
        return [
            TitleColumn("title", label=_("Plan"), get_url=self.plan_url),
            Column("level", label=_("Plan level"), accessor="get_level_display"),
            Column("department", label=_("Responsible department")),
            DateTextColumn("last_evaluated_on", label=_("Last evaluated")),
            DateTextColumn("next_review_on", label=_("Next review due")),
            DaysOverdueColumn("overdue", label=_("Days overdue")),
        ]

    def plan_url(self, plan):
        """The editor for those who may edit the plan; the others (supervisors reading
        the report) get the page itself, not a link that answers "no permission"."""
        if plan.permissions_for_user(self.request.user).can_edit():
            return reverse("wagtailadmin_pages:edit", args=[plan.pk])
        return plan.url

    def get_queryset(self):
        return plans_due_for_review()
