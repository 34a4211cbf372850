"""Django's admin (where it is enabled) shows the security log read only."""

from django.contrib import admin
from django_otp.plugins.otp_static import admin as _static_admin  # noqa: F401 (registers)
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as _totp_admin  # noqa: F401 (registers)
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import SecurityEvent

# Devices are enrolled and reset on the portal's own 2FA pages (and audited there). django-otp's
# Django-admin pages would be a second, unaudited way in, and their QR/config views answer
# 500 for an unknown id: they are not offered.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    list_display = ("at", "kind", "username", "actor", "ip_address", "detail")
    list_filter = ("kind",)
    search_fields = ("username", "actor", "detail")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
