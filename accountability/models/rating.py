"""红黄蓝 classified listing: criteria as data, rating history, downgrade proposals."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .base import TrackedModel
from .enterprise import COLOUR_CHOICES, Enterprise


class RatingCriterion(TrackedModel):
    """One criterion that places an enterprise in a colour; editable by city supervisors."""

    colour = models.CharField(
        _("colour"), max_length=6, choices=COLOUR_CHOICES, help_text=_("Colour it leads to.")
    )
    title = models.CharField(_("criterion"), max_length=200, help_text=_("Short statement."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("How to apply the criterion.")
    )
    sort_order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Position in the list.")
    )

    class Meta:
        ordering = ["colour", "sort_order", "pk"]
        verbose_name = _("rating criterion")
        verbose_name_plural = _("rating criteria")

    def __str__(self):
        return f"[{self.get_colour_display()}] {self.title}"


class Rating(TrackedModel):
    """One entry of an enterprise's rating history. The newest effective entry sets the
    enterprise's colour."""

    SCOPE = ("enterprise",)

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="ratings",
        verbose_name=_("enterprise"),
        help_text=_("The rated enterprise."),
    )
    colour = models.CharField(
        _("colour"),
        max_length=6,
        choices=COLOUR_CHOICES,
        help_text=_("Red is inspected most often, blue least."),
    )
    criteria = models.ManyToManyField(
        RatingCriterion,
        blank=True,
        verbose_name=_("criteria met"),
        help_text=_("The criteria that justify the colour."),
    )
    reason = models.TextField(_("reason"), help_text=_("Why this colour was assigned."))
    evidence = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("evidence"),
        help_text=_("Supporting document."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
        help_text=_("Supervisor who decided; filled in automatically."),
    )
    effective_from = models.DateField(_("effective from"), help_text=_("First day in force."))
    effective_to = models.DateField(
        _("effective until"),
        null=True,
        blank=True,
        help_text=_("Last day in force; filled in when a newer rating takes over."),
    )

    class Meta:
        ordering = ["-effective_from", "-pk"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self):
        return f"{self.enterprise} {self.get_colour_display()} {date_format(self.effective_from, 'DATE_FORMAT')}"


class DowngradeProposal(TrackedModel):
    """Raised automatically by an event that should move an enterprise towards red;
    a supervisor confirms (a new rating is recorded) or rejects it."""

    SCOPE = ("enterprise",)
    FATAL_ACCIDENT, OVERDUE_MAJOR_HAZARD, BROKEN_COMMITMENT = (
        "fatal_accident",
        "overdue_major_hazard",
        "broken_commitment",
    )
    TRIGGER_CHOICES = [
        (FATAL_ACCIDENT, _("Fatal accident")),
        (OVERDUE_MAJOR_HAZARD, _("Overdue major hazard")),
        (BROKEN_COMMITMENT, _("Broken interview commitment")),
    ]
    PENDING, CONFIRMED, REJECTED = "pending", "confirmed", "rejected"
    STATUS_CHOICES = [
        (PENDING, _("Pending")),
        (CONFIRMED, _("Confirmed")),
        (REJECTED, _("Rejected")),
    ]

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="downgrade_proposals",
        verbose_name=_("enterprise"),
        help_text=_("Enterprise concerned."),
    )
    trigger = models.CharField(
        _("trigger"),
        max_length=24,
        choices=TRIGGER_CHOICES,
        help_text=_("Rule that raised the proposal."),
    )
    details = models.TextField(_("details"), blank=True, help_text=_("What happened."))
    current_colour = models.CharField(
        _("current colour"),
        max_length=6,
        choices=COLOUR_CHOICES,
        blank=True,
        help_text=_("Colour when the proposal was raised."),
    )
    proposed_colour = models.CharField(
        _("proposed colour"),
        max_length=6,
        choices=COLOUR_CHOICES,
        help_text=_("Colour the enterprise would move to."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=STATUS_CHOICES,
        default=PENDING,
        help_text=_("Pending until a supervisor approves or rejects it."),
    )
    source_key = models.CharField(
        _("source"),
        max_length=80,
        unique=True,
        help_text=_("Identifies the triggering event so it raises one proposal only."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
        help_text=_("Supervisor who confirmed or rejected."),
    )
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, help_text=_("When it was decided.")
    )
    decision_note = models.TextField(
        _("decision note"), blank=True, help_text=_("Reason for the decision.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("downgrade proposal")
        verbose_name_plural = _("downgrade proposals")

    def __str__(self):
        return f"{self.enterprise}：{self.get_trigger_display()}"

    def save(self, *args, **kwargs):
        if not self.source_key:  # raised by hand in the admin (e.g. a fatal accident)
            self.source_key = f"manual:{uuid.uuid4().hex}"
        if not self.pk and not self.current_colour and self.enterprise_id:
            self.current_colour = self.enterprise.colour
        super().save(*args, **kwargs)
