"""Admin integration: the campaign-kind snippet and the 宣传统计 statistics view."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import CampaignKind


class CampaignKindViewSet(SnippetViewSet):
    model = CampaignKind
    icon = "tag"
    menu_label = _("Campaign kinds")
    list_display = ["name", "slug", "description", "sort_order"]
    search_fields = ["name", "description"]


register_snippet(CampaignKindViewSet)


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path("campaign-statistics/", admin_views.statistics, name="campaign_statistics"),
        path(
            "campaign-statistics/<int:page_id>/",
            admin_views.statistics,
            name="campaign_statistics_detail",
        ),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Campaign statistics"),
        reverse("campaign_statistics"),
        icon_name="table",
        order=260,
        name="campaign-statistics",
    )
