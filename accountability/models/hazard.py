"""Hazard investigation and rectification (隐患排查治理)."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import LifecycleQuerySet, LifecycleRecord
from .enterprise import Enterprise


class Hazard(LifecycleRecord):
    """A hazard found at an enterprise. The rectification deadline is computed from the
    notification date and the rectification period; overdue status is computed."""

    SCOPE = ("enterprise",)
    GENERAL, MAJOR = "general", "major"
    LEVEL_CHOICES = [(GENERAL, _("General hazard")), (MAJOR, _("Major hazard"))]
    FOUND, NOTIFIED, RECTIFYING, REVIEW, ACCEPTED, CLOSED = (
        "found",
        "notified",
        "rectifying",
        "review",
        "accepted",
        "closed",
    )
    STATUS_CHOICES = [
        (FOUND, _("Found")),
        (NOTIFIED, _("Notified")),
        (RECTIFYING, _("Rectifying")),
        (REVIEW, _("Review requested")),
        (ACCEPTED, _("Accepted")),
        (CLOSED, _("Closed")),
    ]
    DONE_STATUSES = (ACCEPTED, CLOSED)

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="hazards",
        verbose_name=_("enterprise"),
        help_text=_("Enterprise where it was found."),
    )
    title = models.CharField(_("hazard"), max_length=200, help_text=_("Short description."))
    description = models.TextField(_("description"), blank=True, help_text=_("Details."))
    level = models.CharField(
        _("level"), max_length=8, choices=LEVEL_CHOICES, default=GENERAL, help_text=_("Grade.")
    )
    found_on = models.DateField(_("found on"), help_text=_("Date of discovery."))
    found_by = models.CharField(
        _("found by"), max_length=100, blank=True, help_text=_("Inspector or unit.")
    )
    rectification_days = models.PositiveIntegerField(
        _("rectification period (days)"),
        default=30,
        help_text=_("Days granted from notification; the deadline is computed from it."),
    )
    notified_on = models.DateField(
        _("notified on"), null=True, blank=True, editable=False, help_text=_("Set on notice.")
    )
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Computed: notification date plus the rectification period."),
    )
    measures = models.TextField(
        _("rectification measures"), blank=True, help_text=_("What is being done.")
    )
    evidence_before = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("evidence before"),
        help_text=_("Photo or record of the hazard as found."),
    )
    evidence_after = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("evidence after"),
        help_text=_("Photo or record after rectification."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=STATUS_CHOICES,
        default=FOUND,
        editable=False,
        help_text=_("Changed only through the workflow buttons."),
    )
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, editable=False, help_text=_("Set on closure.")
    )

    objects = LifecycleQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on", "-pk"]
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")

    def __str__(self):
        return self.title

    def compute_deadline(self):
        if self.notified_on:
            return self.notified_on + dt.timedelta(days=self.rectification_days)
        return None


Hazard.is_overdue.fget.short_description = _("overdue")
