"""Admin integration: the plans-due-for-review report, its menu item and a dashboard
panel that flags overdue plans to staff as soon as they log in."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import PlansDueForReviewView
from .models import Landmark
from .services import plans_due_for_review


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/plans-due-for-review/",
            PlansDueForReviewView.as_view(),
            name="knowledge_plans_due",
        ),
        path(
            "reports/plans-due-for-review/results/",
            PlansDueForReviewView.as_view(results_only=True),
            name="knowledge_plans_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("Plans due for review"),
        reverse("knowledge_plans_due"),
        icon_name="warning",
        order=900,
    )


def editable_plans_due(user):
    """The overdue plans ``user`` may edit: the panel links to the editor, so a supervisor
    without page permissions gets no panel of links that answer "no permission"."""
    return [p for p in plans_due_for_review() if p.permissions_for_user(user).can_edit()]


class PlansDuePanel(Component):
    name = "knowledge_plans_due"
    template_name = "knowledge/admin/plans_due_panel.html"
    order = 120

    def __init__(self, plans):
        self.all_plans = plans

    def get_context_data(self, parent_context=None):
        plans = self.all_plans[:5]
        count = len(self.all_plans)
        return {
            "plans": plans,
            "count": count,
            "summary": ngettext(
                "%(count)d emergency plan is past its review date.",
                "%(count)d emergency plans are past their review date.",
                count,
            )
            % {"count": count},
            "report_url": reverse("knowledge_plans_due"),
        }


@hooks.register("construct_homepage_panels")
def add_plans_due_panel(request, panels):
    plans = editable_plans_due(request.user)
    if plans:
        panels.append(PlansDuePanel(plans))


class LandmarkViewSet(SnippetViewSet):
    """Places the nearest-shelter finder offers to visitors who do not share a location."""

    model = Landmark
    icon = "site"
    menu_label = _("Landmarks")
    list_display = ["name", "district", "latitude", "longitude"]
    list_filter = ["district"]
    search_fields = ["name", "aliases"]


register_snippet(LandmarkViewSet)
