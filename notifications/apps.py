from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-admin notifications with an e-mail copy, used by every app (``notify``)."""

    name = "notifications"
    verbose_name = _("Notifications")
