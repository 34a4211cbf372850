"""Admin menu: the security log for the audit administrator, lockouts for the security
administrator, and everyone's own two-factor page in the account menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("security/", include(admin_urls, namespace="security_admin"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def security_log_menu_item():
    return PermissionMenuItem(
        _("Security log"),
        reverse("security_admin:log"),
        name="security-log",
        icon_name="history",
        order=950,
        permission="security.view_securityevent",
    )


@hooks.register("register_admin_menu_item")
def lockouts_menu_item():
    return PermissionMenuItem(
        _("Login lockouts"),
        reverse("security_admin:lockouts"),
        name="security-lockouts",
        icon_name="lock",
        order=951,
        permission="security.manage_lockouts",
    )


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("security_2fa_manage"),
        "label": _("Two-factor authentication"),
        "help_text": _("Authenticator app and recovery codes."),
    }
