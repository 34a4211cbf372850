from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page and plain content pages (about the bureau, the "1+12" structure)."""

    name = "portal.home"
    label = "home"
    verbose_name = _("Home")
