import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and jobs")

    def ready(self):
        # WeasyPrint logs every layout step at INFO; keep job logs readable.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
