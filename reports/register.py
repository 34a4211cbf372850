"""The document register: issuers and the official documents they issued.

An official document (a notice, the minutes of an interview) is numbered once, when it is
issued: the number comes from a sequence per issuer, per kind of document and per year
(郑应急约〔2026〕3号, 金应急督〔2026〕1号). The register keeps the issue date, the issuer,
the data the document was issued from and the rendered text, so a reprint is the same
document with the same number, date and content. A correction is issued explicitly as a
new, newly numbered document that supersedes the old one.

Issuers and their number prefixes are data (seeded by a migration, edited in the admin),
so a district bureau's documents carry its own name and prefix.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Issuer(models.Model):
    """A bureau that issues documents: the city bureau or a district/county bureau."""

    name = models.CharField(
        _("issuing body"),
        max_length=100,
        unique=True,
        help_text=_(
            "The full name printed in the heading and the signature, e.g. 金水区应急管理局."
        ),
    )
    prefix = models.CharField(
        _("number prefix"),
        max_length=20,
        help_text=_("The issuer's short form that starts every document number, e.g. 金应急."),
    )
    area = models.CharField(
        _("area"),
        max_length=100,
        blank=True,
        unique=True,
        help_text=_(
            "The district or county whose records this bureau issues documents for, as named "
            "in the jurisdictions (e.g. 金水区); empty for the city bureau."
        ),
    )

    class Meta:
        ordering = ["area", "name"]
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")

    def __str__(self):
        return self.name

    @classmethod
    def for_area(cls, area: str = "") -> "Issuer":
        """The bureau of ``area`` (a district name), else the city bureau; the city bureau
        is created from REPORTS_ISSUER/REPORTS_REFERENCE_PREFIX if the table is empty."""
        found = cls.objects.filter(area=area or "").first() if area else None
        if found is not None:
            return found
        city, _created = cls.objects.get_or_create(
            area="",
            defaults={
                "name": getattr(settings, "REPORTS_ISSUER", "郑州市应急管理局"),
                "prefix": getattr(settings, "REPORTS_REFERENCE_PREFIX", "郑应急"),
            },
        )
        return city


class IssuedDocument(models.Model):
    """One issued official document. Never edited after issue: a correction is a new
    document (``supersedes`` the old one, with its own number)."""

    issuer = models.ForeignKey(
        Issuer,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("issuing body"),
        help_text=_("Who issued the document; its prefix starts the number."),
    )
    kind = models.CharField(
        _("report kind"), max_length=60, help_text=_("The report kind that renders it.")
    )
    subject = models.CharField(
        _("subject"),
        max_length=200,
        help_text=_("What the document is about (kind and parameters), e.g. interview-notice:12."),
    )
    code = models.CharField(
        _("kind code"),
        max_length=4,
        help_text=_("The character of the kind in the number, e.g. 约."),
    )
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("Year of the number."))
    serial = models.PositiveIntegerField(
        _("serial number"), help_text=_("Position in the issuer's sequence for this kind and year.")
    )
    number = models.CharField(
        _("document number"),
        max_length=60,
        help_text=_("The full number, e.g. 郑应急约〔2026〕3号."),
    )
    issued_on = models.DateField(
        _("date of issue"),
        help_text=_("The date printed on the document: the date of the event it records."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("The document's title."))
    params = models.JSONField(
        _("parameters"), default=dict, help_text=_("The report parameters it was issued with.")
    )
    snapshot = models.JSONField(
        _("data snapshot"),
        default=dict,
        help_text=_("The record data as it stood when the document was issued."),
    )
    html = models.TextField(
        _("issued text"), help_text=_("The rendered document; reprints are made from it.")
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issued by"),
        help_text=_("Who requested the issue; empty from the command line."),
    )
    issued_at = models.DateTimeField(
        _("recorded at"), auto_now_add=True, help_text=_("When the issue was recorded.")
    )
    revision = models.PositiveSmallIntegerField(
        _("revision"),
        default=1,
        help_text=_("1 for the first issue of this subject, 2 for its first correction, …"),
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
        help_text=_("The earlier document this one corrects."),
    )
    correction = models.CharField(
        _("reason for re-issue"),
        max_length=255,
        blank=True,
        help_text=_("Why the earlier document was corrected."),
    )

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "code", "year", "serial"], name="reports_document_unique_number"
            ),
            # One first issue per subject, one correction per issue, even when two workers
            # issue the same document at the same moment.
            models.UniqueConstraint(
                fields=["kind", "subject", "revision"], name="reports_document_unique_revision"
            ),
        ]
        indexes = [models.Index(fields=["kind", "subject"])]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "superseded_by")
