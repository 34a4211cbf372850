import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.active_filters import (
    ActiveFilter,
    BaseFilterAdapter,
    register_filter_adapter_class,
)
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


class YesNoFilterAdapter(BaseFilterAdapter):
    """Active yes/no filters read “已归档: 是” rather than Python's “True”."""

    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            _("Yes") if self.value else _("No"),
            self.get_url_without_filter_param(self.name),
        )


register_filter_adapter_class(django_filters.BooleanFilter, YesNoFilterAdapter)
