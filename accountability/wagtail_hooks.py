"""Admin registration: the menu groups, the dashboard, the bulk actions of the lists and
the extra admin URLs."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import evidence
from . import models as m
from .services.scoping import user_scope
from .views import bulk, changes, excel, workflow
from .views.base import NoDeletePolicy, ReadOnlyPolicy
from .views.dashboard import DashboardView, can_use
from .views.home_panel import add_my_work_panel
from .views.settings_viewsets import AccountabilitySettingsGroup
from .views.tipoffs import TipoffPolicy
from .views.viewsets import AccountabilityGroup

for _model in (
    m.Enterprise, m.Rating, m.DowngradeProposal, m.Interview, m.Hazard, m.SupervisionCase,
    m.Assessment, m.Checklist, m.ResponsibilityList, m.Jurisdiction, m.StaffProfile,
    m.Industry, m.CalendarDay, m.RatingCriterion, m.InspectionFrequency,
    m.FulfilmentRecord,
):  # fmt: skip
    register_permission_policy(_model, NoDeletePolicy(_model))
register_permission_policy(m.AuditEntry, ReadOnlyPolicy(m.AuditEntry))
register_permission_policy(m.Tipoff, TipoffPolicy(m.Tipoff))
# Change requests are filed and decided through accountability.services.changes only.
register_permission_policy(m.ChangeRequest, ReadOnlyPolicy(m.ChangeRequest))


# Before Wagtail's own view-restriction check (order 0): evidence is served here or not
# at all (see accountability.evidence).
hooks.register("before_serve_document", evidence.serve_guard, order=-10)

for _action in bulk.ACTIONS:
    hooks.register("register_bulk_action", _action)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [AccountabilityGroup(), AccountabilitySettingsGroup()]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("accountability/", DashboardView.as_view(), name="accountability_dashboard"),
        path(
            "accountability/transition/<str:model>/<int:pk>/<str:action>/",
            workflow.transition,
            name="accountability_transition",
        ),
        path(
            "accountability/proposal/<int:pk>/decide/",
            workflow.decide_proposal,
            name="accountability_decide_proposal",
        ),
        path(
            "accountability/changes/new/<str:model>/<int:pk>/",
            changes.request_view,
            name="accountability_change_request",
        ),
        path(
            "accountability/changes/<int:pk>/decide/",
            changes.decide_view,
            name="accountability_change_decide",
        ),
        path("accountability/import/", excel.import_view, name="accountability_import"),
        path(
            "accountability/import/template.xlsx",
            excel.template_download,
            name="accountability_excel_template",
        ),
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use(request.user)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accountability.add_enterprise")


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return DashboardMenuItem(
        _("Accountability dashboard"),
        reverse("accountability_dashboard"),
        icon_name="clipboard-list",
        order=249,
    )


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Import enterprises"), reverse("accountability_import"), icon_name="upload", order=252
    )


@hooks.register("search_staff_jurisdictions")
def staff_search_scope(user):
    """Staff search shows a user the records of their own jurisdiction subtree. Department
    officers get only their department's own records: search cannot apply their industry
    filter, and a wider answer would show enterprises outside their remit."""
    scope = user_scope(user)
    if scope.everything:
        return None
    if scope.nothing:
        return []
    return [scope.path] if scope.department else [scope.enterprise_path]


@hooks.register("search_jurisdiction_names")
def jurisdiction_names(paths):
    """The names of the jurisdictions behind staff-search scope paths, in the given order."""
    names = dict(m.Jurisdiction.objects.filter(path__in=paths).values_list("path", "name"))
    return [names.get(p, p) for p in paths]


@hooks.register("construct_homepage_panels")
def my_work_panel(request, panels):
    add_my_work_panel(request, panels)
