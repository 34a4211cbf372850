"""Public hazard reports (安全生产举报线索): what a resident reported through the public form,
and how the district handles it (受理 → 核查 → 立案为隐患 / 不予立案 → 答复, see the table in
``services/workflow.py``). Deadlines are counted in working days (holiday calendar).

The reporter's contact data is personal data: it is shown only to the supervisors of the
handling district (``services.tipoffs.may_see_contact``) and kept out of the audit trail
(``AUDIT_REDACTED``). The receipt code the reporter keeps is stored only as a digest."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core import divisions
from portal.core.districts import District

from .base import LifecycleQuerySet, TrackedModel, actor_field
from .enterprise import Enterprise
from .hazard import Hazard
from .jurisdiction import Jurisdiction
from .workingdays import add_working_days

# Working days allowed for each step (ACCOUNTABILITY_TIPOFF_DAYS overrides them).
DEFAULT_DAYS = {"accept": 1, "verify": 5, "reply": 15}


def days(step: str) -> int:
    configured = getattr(settings, "ACCOUNTABILITY_TIPOFF_DAYS", {}) or {}
    return int(configured.get(step, DEFAULT_DAYS[step]))


def jurisdiction_for(district: str):
    """The jurisdiction that handles reports about ``district``: the place of that code
    below the city (``setup_site`` creates one per district), else the city itself."""

    below_city = Jurisdiction.objects.filter(
        parent__parent__isnull=True, parent__isnull=False, archived=False
    )
    place = below_city.filter(code=district).first()
    if place is None and district in divisions.BY_SLUG:
        place = below_city.filter(name=divisions.BY_SLUG[district].name).first()
    if place is None:
        place = Jurisdiction.objects.filter(parent__isnull=True, archived=False).first()
    return place


def compute_deadlines(tipoff):
    """Fill ``reply_due_on`` (once) and the deadline of the current step."""
    T = type(tipoff)
    received = tipoff.received_on or timezone.localdate()
    if tipoff.reply_due_on is None:
        tipoff.reply_due_on = add_working_days(received, days("reply"))
    if tipoff.status == T.RECEIVED:
        tipoff.deadline = add_working_days(received, days("accept"))
    elif tipoff.status == T.ACCEPTED:
        tipoff.deadline = add_working_days(tipoff.accepted_on or received, days("verify"))
    else:
        tipoff.deadline = tipoff.reply_due_on


class Tipoff(TrackedModel):
    """One report from the public, owned by the district it concerns."""

    SCOPE = ("jurisdiction",)
    # Audit entries record that these changed, never their values (see services.audit).
    AUDIT_REDACTED = ("contact_name", "contact_phone", "receipt_digest")

    RECEIVED, ACCEPTED, VERIFIED, REGISTERED, DISMISSED, REPLIED = (
        "received",
        "accepted",
        "verified",
        "registered",
        "dismissed",
        "replied",
    )
    STATUS_CHOICES = [
        (RECEIVED, _("Received, awaiting acceptance")),
        (ACCEPTED, _("Accepted, being verified")),
        (VERIFIED, _("Verified, awaiting decision")),
        (REGISTERED, _("Registered as a hazard")),
        (DISMISSED, _("Not registered")),
        (REPLIED, _("Replied")),
    ]
    DONE_STATUSES = (REPLIED,)

    description = models.TextField(
        _("what was reported"), help_text=_("The hazard as the reporter described it.")
    )
    address = models.CharField(
        _("address"), max_length=200, help_text=_("Where the hazard is, as the reporter gave it.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Optional coordinates of the place (WGS-84)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Optional coordinates of the place (WGS-84)."),
    )
    district = models.CharField(
        _("district/county"),
        max_length=20,
        choices=District.choices,
        help_text=_("The district the place lies in; it decides who handles the report."),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="tipoffs",
        editable=False,
        verbose_name=_("handling jurisdiction"),
        help_text=_("Set from the district: the jurisdiction whose supervisors handle it."),
    )
    enterprise_name = models.CharField(
        _("enterprise named by the reporter"),
        max_length=200,
        blank=True,
        help_text=_("The enterprise as the reporter named it, if known (unverified)."),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tipoffs",
        verbose_name=_("verified enterprise"),
        help_text=_("The enterprise concerned, as established by the verification."),
    )
    contact_name = models.CharField(
        _("reporter's name"),
        max_length=50,
        blank=True,
        help_text=_("Optional; empty for anonymous reports. Seen only by the handling district."),
    )
    contact_phone = models.CharField(
        _("reporter's phone"),
        max_length=20,
        blank=True,
        help_text=_("Optional; empty for anonymous reports. Seen only by the handling district."),
    )
    receipt_digest = models.CharField(
        _("receipt code digest"),
        max_length=64,
        unique=True,
        editable=False,
        help_text=_("SHA-256 of the receipt code; the code itself is shown once and not kept."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=STATUS_CHOICES,
        default=RECEIVED,
        editable=False,
        help_text=_("Changed only through the workflow buttons."),
    )
    received_on = models.DateField(
        _("received on"), default=timezone.localdate, editable=False, help_text=_("Filing date.")
    )
    accepted_on = models.DateField(
        _("accepted on"), null=True, blank=True, editable=False, help_text=_("Set on 受理.")
    )
    accepted_by = actor_field(_("accepted by"), _("Who accepted the report."))
    verified_on = models.DateField(
        _("verified on"), null=True, blank=True, editable=False, help_text=_("Set on 核查.")
    )
    verified_by = actor_field(_("verified by"), _("Who recorded the verification."))
    findings = models.TextField(
        _("verification findings"),
        blank=True,
        help_text=_("What the on-site verification found (internal, never published)."),
    )
    decided_on = models.DateField(
        _("decided on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the report is registered as a hazard or not registered."),
    )
    public_reply = models.TextField(
        _("public reply"),
        blank=True,
        help_text=_("The answer the reporter reads with the receipt code; no personal data."),
    )
    replied_on = models.DateField(
        _("replied on"), null=True, blank=True, editable=False, help_text=_("Set on 答复.")
    )
    reply_due_on = models.DateField(
        _("reply due on"),
        editable=False,
        help_text=_("Computed at filing: the reply deadline in working days."),
    )
    deadline = models.DateField(
        _("deadline of the current step"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Computed from the status and the deadlines in working days."),
    )
    hazard = models.OneToOneField(
        Hazard,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tipoff",
        editable=False,
        verbose_name=_("hazard record"),
        help_text=_("The hazard record the report became (立案为隐患)."),
    )

    objects = LifecycleQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("public tip-off")
        verbose_name_plural = _("public tip-offs")

    def __str__(self):
        return f"{self.reference} {self.description[:30]}"

    @property
    def reference(self) -> str:
        """The staff reference (举报编号): filing date and number, not the receipt code."""
        return f"JB{self.received_on:%Y%m%d}-{self.pk or 0:05d}"

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.deadline
            and self.status not in self.DONE_STATUSES
            and self.deadline < timezone.localdate()
        )

    @property
    def is_anonymous(self) -> bool:
        return not (self.contact_name or self.contact_phone)

    def clean(self):
        if self.district:
            self.jurisdiction = jurisdiction_for(self.district)

    def save(self, *args, **kwargs):
        compute_deadlines(self)
        super().save(*args, **kwargs)


Tipoff.is_overdue.fget.short_description = _("overdue")


class TipoffPhoto(models.Model):
    """A photo sent with a report: a document in the district's private evidence folder,
    never served to the public (see ``accountability.evidence``)."""

    SCOPE = ("tipoff__jurisdiction",)

    tipoff = models.ForeignKey(
        Tipoff,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("tip-off"),
        help_text=_("The report the photo came with."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("The photo, re-encoded without its metadata (no location, no device)."),
    )

    class Meta:
        verbose_name = _("tip-off photo")
        verbose_name_plural = _("tip-off photos")

    def __str__(self):
        return self.document.title
