from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from django.db.models.signals import post_save

        from .models import CampaignIndexPage

        post_save.connect(_index_created, sender=CampaignIndexPage, dispatch_uid="campaigns-desk")

        from portal.core.pagecache import register_next_change

        register_next_change(_next_activity_change)


def _next_activity_change(at):
    """Cached campaign pages list "upcoming activities": they change when one ends."""
    from .models import CampaignActivity

    return (
        CampaignActivity.objects.published()
        .filter(end__gt=at)
        .order_by("end")
        .values_list("end", flat=True)
        .first()
    )


def _index_created(sender, instance, created, raw=False, **kwargs):
    """A new campaign index page gets the review workflow and the groups' permissions."""
    if created and not raw:
        from .services.desk import attach_desk

        attach_desk(instance)
