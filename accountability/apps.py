from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "accountability"
    verbose_name = _("Accountability")

    def ready(self):
        from . import (
            evidence,
            signals,  # noqa: F401
        )
        from .services import audit  # noqa: F401  (connects the audit trail receivers)

        evidence.connect()
