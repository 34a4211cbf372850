"""Controlled changes (变更申请): a written request to change a field that an audit looks
at (a deadline, a veto item, a score, a closed case), decided by a second person.

The rules (who may request, who must approve, what is applied) are the table in
:mod:`accountability.services.changes`; this model only stores the request and its
decision. The target record is one of the nullable foreign keys, matching ``kind``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .assessment import Assessment, VetoItem
from .base import actor_field
from .enterprise import Enterprise
from .hazard import Hazard
from .jurisdiction import Jurisdiction
from .supervision import SupervisionCase


class ChangeRequest(models.Model):
    """One request and its decision. Requests are never edited after the decision, nor
    archived: like the audit trail they are the proof of who decided what."""

    SCOPE = ("enterprise", "jurisdiction")  # see accountability.services.scoping
    HAZARD_EXTENSION, CASE_EXTENSION, REMOVE_VETO, CHANGE_SCORE, REOPEN_CASE = (
        "hazard_extension",
        "case_extension",
        "remove_veto",
        "change_score",
        "reopen_case",
    )
    KIND_CHOICES = [
        (HAZARD_EXTENSION, _("Hazard deadline extension")),
        (CASE_EXTENSION, _("Supervision deadline extension")),
        (REMOVE_VETO, _("Removal of a veto item")),
        (CHANGE_SCORE, _("Change of assessment score")),
        (REOPEN_CASE, _("Reopening of a supervision case")),
    ]
    PENDING, APPROVED, REJECTED, WITHDRAWN = "pending", "approved", "rejected", "withdrawn"
    STATUS_CHOICES = [
        (PENDING, _("Pending approval")),
        (APPROVED, _("Approved")),
        (REJECTED, _("Rejected")),
        (WITHDRAWN, _("Withdrawn")),
    ]

    kind = models.CharField(
        _("kind of change"), max_length=20, choices=KIND_CHOICES, help_text=_("What changes.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=STATUS_CHOICES,
        default=PENDING,
        editable=False,
        help_text=_("Changed only by the decision of the approver."),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_requests",
        editable=False,
        verbose_name=_("enterprise"),
        help_text=_("Enterprise of the record (decides who may see the request)."),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_requests",
        editable=False,
        verbose_name=_("department/district"),
        help_text=_("Assessed department or district (decides who may see the request)."),
    )
    hazard = models.ForeignKey(
        Hazard,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_requests",
        editable=False,
        verbose_name=_("hazard"),
        help_text=_("Hazard whose deadline is to be extended."),
    )
    supervision_case = models.ForeignKey(
        SupervisionCase,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_requests",
        editable=False,
        verbose_name=_("listed supervision case"),
        help_text=_("Case to be extended or reopened."),
    )
    assessment = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_requests",
        editable=False,
        verbose_name=_("annual assessment"),
        help_text=_("Assessment whose score or veto item changes."),
    )
    veto_item = models.ForeignKey(
        VetoItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("veto item"),
        help_text=_("Veto item to be removed (empty once removed; see the summary)."),
    )
    summary = models.CharField(
        _("change"),
        max_length=255,
        editable=False,
        help_text=_("The change in words, e.g. the old and the new deadline."),
    )
    old_value = models.CharField(
        _("old value"), max_length=60, blank=True, editable=False, help_text=_("Value before.")
    )
    new_value = models.CharField(
        _("new value"),
        max_length=60,
        blank=True,
        editable=False,
        help_text=_("Value requested (days of the period, or a score)."),
    )
    reason = models.TextField(_("reason"), help_text=_("Why the change is needed (required)."))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("requester"),
        help_text=_("Who asked for the change."),
    )
    requested_by_name = models.CharField(
        _("requester name"),
        max_length=150,
        blank=True,
        editable=False,
        help_text=_("Requester's name as text (kept if the account is deleted)."),
    )
    decided_by = actor_field(_("decided by"), _("Who approved or rejected it."))
    decided_by_name = models.CharField(
        _("approver name"),
        max_length=150,
        blank=True,
        editable=False,
        help_text=_("Approver's name as text (kept if the account is deleted)."),
    )
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, editable=False, help_text=_("When decided.")
    )
    decision_note = models.TextField(
        _("decision note"), blank=True, editable=False, help_text=_("Approver's reasons.")
    )
    created_at = models.DateTimeField(
        _("created at"), auto_now_add=True, help_text=_("When the record was created.")
    )
    updated_at = models.DateTimeField(
        _("updated at"), auto_now=True, help_text=_("When the record was last changed.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.target_repr}"

    @property
    def target(self):
        return self.hazard or self.supervision_case or self.assessment

    @property
    def target_repr(self) -> str:
        target = self.target
        if target is None:
            return ""
        if isinstance(target, Assessment):
            return str(target)  # "2026 金水区": the year and the unit
        return f"{target.enterprise}「{target}」"


ChangeRequest.target_repr.fget.short_description = _("record")
