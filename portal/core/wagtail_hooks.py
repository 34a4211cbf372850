from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AlertBanner


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alert banners")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["title", "level", "enabled", "active_from", "active_to"]
    list_filter = ["level", "enabled"]
    search_fields = ["title", "message"]


register_snippet(AlertBannerViewSet)
