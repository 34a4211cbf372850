from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import (
    STAFF_PERMISSION,
    STATS_PERMISSION,
    QueryStatisticsView,
    StaffSearchView,
)
from .models import Synonym


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("search-statistics/", QueryStatisticsView.as_view(), name="search_statistics"),
        path("internal-search/", StaffSearchView.as_view(), name="search_staff"),
    ]


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return PermissionMenuItem(
        _("Search statistics"),
        reverse("search_statistics"),
        icon_name="search",
        order=900,
        permission=STATS_PERMISSION,
    )


@hooks.register("register_admin_menu_item")
def register_staff_search_menu_item():
    return PermissionMenuItem(
        _("Internal search"),
        reverse("search_staff"),
        icon_name="search",
        order=850,
        permission=STAFF_PERMISSION,
    )


class SynonymViewSet(SnippetViewSet):
    """Editors keep the synonym groups that expand searches (山火 = 森林火灾)."""

    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["words", "note", "active"]
    list_filter = ["active"]
    search_fields = ["words", "note"]
    panels = [FieldPanel("words"), FieldPanel("note"), FieldPanel("active")]


register_snippet(SynonymViewSet)
