"""Annual safety assessment with the one-vote veto (一票否决)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .base import TrackedModel
from .enterprise import Enterprise
from .jurisdiction import Jurisdiction

# Score thresholds of the outcome (inclusive lower bounds), best first.
OUTCOME_THRESHOLDS = [(90, "excellent"), (80, "good"), (60, "pass")]


class Assessment(TrackedModel, ClusterableModel):
    """One unit's annual assessment: a department, a district or an enterprise. Any veto
    item makes the outcome "vetoed": the unit and its responsible leaders are ineligible
    for awards that year."""

    SCOPE = ("enterprise", "jurisdiction")
    OUTCOME_LABELS = {
        "excellent": _("Excellent"),
        "good": _("Good"),
        "pass": _("Pass"),
        "fail": _("Fail"),
        "vetoed": _("Vetoed"),
    }

    year = models.PositiveIntegerField(
        _("year"), help_text=_("Calendar year whose work is assessed.")
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("department/district"),
        help_text=_("The assessed department or district (leave empty for an enterprise)."),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("enterprise"),
        help_text=_("The assessed enterprise (leave empty for a department or district)."),
    )
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=1, help_text=_("Total score out of 100.")
    )
    responsible_leaders = models.CharField(
        _("responsible leaders"),
        max_length=255,
        blank=True,
        help_text=_("Leaders accountable for the unit's result."),
    )
    remarks = models.TextField(
        _("remarks"), blank=True, help_text=_("Reasons for the result, for the record.")
    )

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("annual assessment")
        verbose_name_plural = _("annual assessments")

    def clean(self):
        if bool(self.enterprise_id) == bool(self.jurisdiction_id):
            raise ValidationError(
                _("Choose either a department/district or an enterprise, not both.")
            )

    def __str__(self):
        return f"{self.year} {self.unit}"

    @property
    def unit(self):
        return self.enterprise or self.jurisdiction

    @property
    def vetoed(self) -> bool:
        return self.veto_items.exists() if self.pk else False

    @property
    def outcome(self) -> str:
        if self.vetoed:
            return "vetoed"
        for bound, code in OUTCOME_THRESHOLDS:
            if self.score is not None and self.score >= bound:
                return code
        return "fail"

    @property
    def outcome_label(self):
        return self.OUTCOME_LABELS[self.outcome]

    @property
    def award_eligible(self) -> bool:
        return not self.vetoed


class VetoItem(TrackedModel):
    """An event that triggers the one-vote veto (e.g. a major accident)."""

    SCOPE = ("assessment__enterprise", "assessment__jurisdiction")

    assessment = ParentalKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="veto_items",
        verbose_name=_("assessment"),
        help_text=_("Assessment vetoed."),
    )
    reason = models.CharField(_("veto reason"), max_length=255, help_text=_("What happened."))
    occurred_on = models.DateField(_("date"), help_text=_("Date of the event."))

    class Meta:
        ordering = ["occurred_on"]
        verbose_name = _("veto item")
        verbose_name_plural = _("veto items")

    def __str__(self):
        return self.reason


Assessment.unit.fget.short_description = _("unit")
Assessment.outcome_label.fget.short_description = _("outcome")
Assessment.award_eligible.fget.short_description = _("eligible for awards")
