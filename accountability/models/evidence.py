"""Where a jurisdiction's evidence files live: a private Wagtail collection, and the
group whose members (that jurisdiction's supervisors and officers) may upload and choose
documents in it."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection

from .jurisdiction import Jurisdiction


class EvidenceFolder(models.Model):
    """One per jurisdiction, created when first needed (see ``accountability.evidence``)."""

    jurisdiction = models.OneToOneField(
        Jurisdiction,
        on_delete=models.CASCADE,
        related_name="evidence_folder",
        verbose_name=_("jurisdiction"),
        help_text=_("The jurisdiction whose evidence the collection holds."),
    )
    collection = models.OneToOneField(
        Collection,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("collection"),
        help_text=_("Private document collection (under 安全责任证据) of this jurisdiction."),
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaders"),
        help_text=_("Staff of this jurisdiction who may upload and choose its evidence."),
    )

    class Meta:
        verbose_name = _("evidence folder")
        verbose_name_plural = _("evidence folders")

    def __str__(self):
        return str(self.jurisdiction)
