"""Model signals: rating history keeps the enterprise colour in step."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Rating
from .services.ratings import on_rating_saved


@receiver(post_save, sender=Rating)
def _rating_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    on_rating_saved(instance)
