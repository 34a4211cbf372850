"""Warning interviews (警示约谈) with commitments and follow-up checks."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .base import LifecycleRecord, TrackedModel, actor_field
from .enterprise import Enterprise
from .workingdays import add_working_days


class InterviewQuerySet(models.QuerySet):
    def report_pending(self):
        """Interviews still waiting for the unit's written report (the one place this
        rule is written; :attr:`Interview.report_overdue` uses the same statuses)."""
        return self.filter(status__in=Interview.REPORT_PENDING)


class Interview(LifecycleRecord, ClusterableModel):
    """A warning interview. The written implementation report is due a configurable
    number of Chinese working days after the interview (ACCOUNTABILITY_REPORT_WORKING_DAYS,
    default 5); the due date and overdue status are computed, never typed."""

    SCOPE = ("enterprise",)
    NOTIFIED, HELD, REPORTED, CLOSED = "notified", "held", "reported", "closed"
    STATUS_CHOICES = [
        (NOTIFIED, _("Notice issued")),
        (HELD, _("Interview held")),
        (REPORTED, _("Report received")),
        (CLOSED, _("Closed")),
    ]
    DONE_STATUSES = (CLOSED,)
    # The written implementation report is awaited in these statuses.
    REPORT_PENDING = (NOTIFIED, HELD)

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name=_("enterprise"),
        help_text=_("Interviewed enterprise."),
    )
    reason = models.TextField(_("reason"), help_text=_("Why the interview is held."))
    interviewees = models.CharField(
        _("interviewees"),
        max_length=255,
        help_text=_("Who is interviewed, e.g. the principal responsible person."),
    )
    interviewers = models.CharField(
        _("interviewers"), max_length=255, help_text=_("Who conducts the interview.")
    )
    held_on = models.DateField(
        _("interview date"), help_text=_("Day the interview is or was held.")
    )
    held_at = models.TimeField(
        _("interview time"),
        null=True,
        blank=True,
        help_text=_("Time the interview starts (Beijing time); printed on the notice."),
    )
    location = models.CharField(_("location"), max_length=200, help_text=_("Where it is held."))
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("约谈纪要, sent back to the unit.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=STATUS_CHOICES,
        default=NOTIFIED,
        editable=False,
        help_text=_("Changed only through the workflow buttons."),
    )
    report_received_on = models.DateField(
        _("report received on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the written implementation report is recorded."),
    )
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("implementation report"),
        help_text=_("The unit's written implementation report."),
    )
    outcome = models.TextField(_("outcome"), blank=True, help_text=_("Result of the interview."))
    created_by = actor_field(_("recorded by"), _("Who recorded the interview."))

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("warning interview")
        verbose_name_plural = _("warning interviews")

    def __str__(self):
        return f"{self.enterprise} {date_format(self.held_on, 'DATE_FORMAT')}"

    @property
    def report_due_on(self):
        if not self.held_on:
            return None
        return add_working_days(self.held_on, settings.ACCOUNTABILITY_REPORT_WORKING_DAYS)

    @property
    def due_on(self):
        return self.report_due_on

    @property
    def is_overdue(self) -> bool:
        """Only the written report has a deadline; it stops counting once received."""
        return self.report_overdue

    @property
    def report_overdue(self) -> bool:
        due = self.report_due_on
        return self.status in self.REPORT_PENDING and due is not None and due < timezone.localdate()


class CommitmentQuerySet(models.QuerySet):
    """A commitment is pending while it is not verified as kept and its interview is
    neither closed nor archived; a pending commitment past its deadline is broken. This is
    the one place that rule is written (reminders, dashboard, filters and
    :attr:`Commitment.is_broken` use it)."""

    def pending(self):
        return self.filter(interview__archived=False, fulfilled_on__isnull=True).exclude(
            interview__status=Interview.CLOSED
        )

    def broken(self, today=None):
        return self.pending().filter(deadline__lt=today or timezone.localdate())


class Commitment(TrackedModel):
    """A commitment made in the interview, each with its own deadline."""

    SCOPE = ("interview__enterprise",)

    interview = ParentalKey(
        Interview,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("interview"),
        help_text=_("Interview in which it was made."),
    )
    content = models.TextField(_("commitment"), help_text=_("What the unit committed to."))
    deadline = models.DateField(_("deadline"), help_text=_("Date by which it must be kept."))
    fulfilled_on = models.DateField(
        _("fulfilled on"), null=True, blank=True, help_text=_("Date it was verified as kept.")
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["deadline"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.content[:40]

    @property
    def is_broken(self) -> bool:
        """Same rule as :meth:`CommitmentQuerySet.broken`, for one loaded commitment."""
        return (
            self.fulfilled_on is None
            and self.deadline < timezone.localdate()
            and not self.interview.archived
            and self.interview.status != Interview.CLOSED
        )


class FollowUpCheck(TrackedModel):
    """A follow-up check of what the unit promised."""

    SCOPE = ("interview__enterprise",)

    interview = ParentalKey(
        Interview,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("interview"),
        help_text=_("Interview followed up."),
    )
    checked_on = models.DateField(_("checked on"), help_text=_("Date of the check."))
    checked_by = models.CharField(_("checked by"), max_length=100, help_text=_("Inspectors."))
    findings = models.TextField(_("findings"), help_text=_("What was found."))
    satisfactory = models.BooleanField(
        _("satisfactory"), default=False, help_text=_("Whether the measures were in place.")
    )

    class Meta:
        ordering = ["checked_on"]
        verbose_name = _("follow-up check")
        verbose_name_plural = _("follow-up checks")

    def __str__(self):
        return date_format(self.checked_on, "DATE_FORMAT")


Interview.report_due_on.fget.short_description = _("report due")
Interview.report_overdue.fget.short_description = _("report overdue")
Commitment.is_broken.fget.short_description = _("broken")
