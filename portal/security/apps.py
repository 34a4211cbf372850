from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Identification, authentication, the three administrator roles and the security
    event log (等保 2.0 level 3; see docs/security.md)."""

    name = "portal.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self):
        from . import signals

        signals.connect()
