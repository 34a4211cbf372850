"""Admin menu entries for reports and notifications, and a home-page panel with unread
notifications."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from notifications.models import Notification
from notifications.notify import unread_count

from . import admin_urls
from .models import Issuer


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reports/", include(admin_urls, namespace="reports_admin"))]


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return MenuItem(
        _("PDF reports"),
        reverse("reports_admin:index"),
        name="pdf-reports",
        icon_name="doc-full",
        order=900,
    )


class NotificationMenuItem(MenuItem):
    """Shows the number of unread notifications beside the label."""

    def render_component(self, request):
        component = super().render_component(request)
        count = unread_count(request.user)
        if count:
            component.label = f"{self.label} ({count})"
        return component


@hooks.register("register_admin_menu_item")
def notifications_menu_item():
    return NotificationMenuItem(
        _("Notifications"),
        reverse("reports_admin:notifications"),
        name="notifications",
        icon_name="mail",
        order=901,
    )


class UnreadNotificationsPanel(Component):
    name = "unread_notifications"
    order = 50

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        items = list(Notification.objects.filter(user=self.user, read_at__isnull=True)[:5])
        if not items:
            return ""
        return render_to_string(
            "reports/admin/home_panel.html",
            {"items": items, "count": unread_count(self.user)},
        )


@hooks.register("construct_homepage_panels")
def add_notifications_panel(request, panels):
    panels.append(UnreadNotificationsPanel(request.user))


class IssuerViewSet(SnippetViewSet):
    """The issuing bodies and their number prefixes (data, edited here): 设置 → 发文机关."""

    model = Issuer
    icon = "doc-full-inverse"
    menu_label = _("Issuing bodies")
    add_to_settings_menu = True
    list_display = ["name", "prefix", "area"]
    search_fields = ["name", "area"]
    search_backend_name = None  # plain database filtering: a dozen rows


register_snippet(IssuerViewSet)
