from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site-wide pieces: site settings, the emergency alert banner, security headers,
    and the commands that set up a site (demo content, admin account)."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        from . import admin_display, signals, textclean

        signals.connect()
        textclean.connect()
        admin_display.full_width_header_titles()
        admin_display.history_links_only_for_editors()
