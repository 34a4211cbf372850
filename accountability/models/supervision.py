"""Listed supervision (挂牌督办) of major hazards."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import LifecycleQuerySet, LifecycleRecord, actor_field
from .enterprise import Enterprise
from .hazard import Hazard


class SupervisionCase(LifecycleRecord):
    """A major hazard placed under listed supervision. The rectification plan must cover
    the "五落实" (responsibility, measures, funds, deadline, contingency plan) before work
    starts; after an acceptance check an approver closes the case (销号)."""

    SCOPE = ("enterprise",)
    LISTED, RECTIFYING, ACCEPTANCE, ACCEPTED, CLOSED = (
        "listed",
        "rectifying",
        "acceptance",
        "accepted",
        "closed",
    )
    STATUS_CHOICES = [
        (LISTED, _("Listed")),
        (RECTIFYING, _("Rectifying")),
        (ACCEPTANCE, _("Acceptance requested")),
        (ACCEPTED, _("Accepted")),
        (CLOSED, _("Closed (销号)")),
    ]
    DONE_STATUSES = (ACCEPTED, CLOSED)

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="supervision_cases",
        verbose_name=_("enterprise"),
        help_text=_("Enterprise responsible for the hazard."),
    )
    hazard = models.ForeignKey(
        Hazard,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_cases",
        verbose_name=_("hazard"),
        help_text=_("The major hazard record, if one exists."),
    )
    notice_number = models.CharField(
        _("notice number"), max_length=60, help_text=_("Number of the supervision notice.")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("What is supervised."))
    listed_on = models.DateField(_("listed on"), help_text=_("Date of the notice."))
    period_days = models.PositiveIntegerField(
        _("rectification period (days)"),
        default=90,
        help_text=_("Days granted from the notice; the deadline is computed from it."),
    )
    deadline = models.DateField(
        _("deadline"),
        editable=False,
        null=True,
        help_text=_("Computed: listing date plus the rectification period."),
    )
    responsible_person = models.CharField(
        _("responsibility"),
        max_length=100,
        blank=True,
        help_text=_("五落实: the person responsible for rectification."),
    )
    measures = models.TextField(
        _("measures"), blank=True, help_text=_("五落实: the rectification measures.")
    )
    funds = models.DecimalField(
        _("funds (10k yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("五落实: funds secured, in 万元."),
    )
    contingency_plan = models.TextField(
        _("contingency plan"),
        blank=True,
        help_text=_("五落实: interim safety and contingency measures."),
    )
    acceptance_note = models.TextField(
        _("acceptance check"), blank=True, help_text=_("Findings of the acceptance check.")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=STATUS_CHOICES,
        default=LISTED,
        editable=False,
        help_text=_("Changed only through the workflow buttons."),
    )
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, editable=False, help_text=_("Date of 销号.")
    )
    closed_by = actor_field(_("closed by"), _("Approver who closed the case."))
    acceptance_requested_by = actor_field(
        _("acceptance requested by"),
        _("Who requested the acceptance check; may not pass it or close the case."),
    )
    accepted_by = actor_field(_("acceptance passed by"), _("Who passed the acceptance check."))
    is_public = models.BooleanField(
        _("show on public list"),
        default=False,
        help_text=_("Show the case (name, title, dates, status) on the public list."),
    )

    objects = LifecycleQuerySet.as_manager()

    class Meta:
        ordering = ["-listed_on", "-pk"]
        verbose_name = _("listed supervision case")
        verbose_name_plural = _("listed supervision cases")

    def __str__(self):
        return f"{self.notice_number} {self.title}"

    def compute_deadline(self):
        if self.listed_on:
            return self.listed_on + dt.timedelta(days=self.period_days)
        return None

    @property
    def five_in_place(self) -> bool:
        """True when all of the 五落实 are filled in."""
        return bool(
            self.responsible_person
            and self.measures
            and self.funds is not None
            and self.deadline
            and self.contingency_plan
        )


SupervisionCase.is_overdue.fget.short_description = _("overdue")
SupervisionCase.five_in_place.fget.short_description = _("五落实 complete")
