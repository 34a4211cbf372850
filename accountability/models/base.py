"""Shared bases: every record carries timestamps and an archive flag (soft delete).

Nothing is hard-deleted through the interface: editors archive a record instead, which
hides it from the default lists but keeps it (and its audit trail) for later proof."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackedModel(models.Model):
    """Abstract base with timestamps and the archive flag.

    ``SCOPE`` names the lookups that tie a record to a jurisdiction, used by
    :mod:`accountability.services.scoping`: ``"enterprise"`` (a foreign key to an
    enterprise), ``"jurisdiction"`` (a foreign key to a jurisdiction) or both."""

    SCOPE: tuple[str, ...] = ()

    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Archived records are hidden from the default lists but never deleted."),
    )
    created_at = models.DateTimeField(
        _("created at"), auto_now_add=True, help_text=_("When the record was created.")
    )
    updated_at = models.DateTimeField(
        _("updated at"), auto_now=True, help_text=_("When the record was last changed.")
    )

    class Meta:
        abstract = True
