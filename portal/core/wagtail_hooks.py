import django_filters
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.active_filters import (
    ActiveFilter,
    BaseFilterAdapter,
    register_filter_adapter_class,
)
from wagtail.models import Page
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AlertBanner


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alert banners")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["title", "level", "hazard", "enabled", "active_from", "active_to"]
    list_filter = ["level", "hazard", "enabled"]
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


@hooks.register("construct_page_chooser_queryset")
def pages_for_users_without_page_permissions(pages, request):
    """Staff who may not edit any page (the accountability roles) still choose pages, e.g. a
    duty's legal basis, but only among published pages open to everyone: titles of drafts
    and login- or password-restricted pages are not theirs to read. The same holds for the
    page whose children they browse (its title heads the chooser)."""
    user = request.user
    if page_permission_policy.user_has_any_permission(user, {"add", "change", "publish"}):
        return pages
    parent_id = (request.resolver_match.kwargs if request.resolver_match else {}).get(
        "parent_page_id"
    )
    browsing_hidden_parent = (
        parent_id is not None
        and int(parent_id) != Page.get_first_root_node().pk
        and not Page.objects.live().public().filter(pk=parent_id).exists()
    )
    if browsing_hidden_parent:
        raise Http404
    return pages.live().public()
