from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        from portal.core.signals import watch

        from . import signals

        signals.connect()
        # Promoted results show on the (cached) search page: a change makes it stale.
        watch(Query, SearchPromotion)
