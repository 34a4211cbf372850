"""Signal receivers and page-cache schedule of the campaigns, connected by
``CampaignsConfig.ready()``."""

from django.db.models.signals import post_save

from portal.core.pagecache import register_next_change

from .models import CampaignActivity, CampaignIndexPage
from .services.desk import attach_desk


def _next_activity_change(at):
    """Cached campaign pages list "upcoming activities": they change when one ends."""
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
        attach_desk(instance)


def connect():
    post_save.connect(_index_created, sender=CampaignIndexPage, dispatch_uid="campaigns-desk")
    register_next_change(_next_activity_change)
