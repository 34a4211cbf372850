"""红黄蓝 classified listing: criteria as data, rating history, downgrade proposals."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .base import TrackedModel
from .enterprise import COLOUR_CHOICES, COLOUR_SEVERITY, Enterprise


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


class InspectionFrequency(TrackedModel):
    """How often enterprises of a colour are inspected."""

    colour = models.CharField(
        _("colour"),
        max_length=6,
        choices=COLOUR_CHOICES,
        unique=True,
        help_text=_("Each colour has one interval."),
    )
    interval_days = models.PositiveIntegerField(
        _("interval (days)"), help_text=_("Days between two inspections.")
    )

    class Meta:
        ordering = ["interval_days"]
        verbose_name = _("inspection frequency")
        verbose_name_plural = _("inspection frequencies")

    def __str__(self):
        return f"{self.get_colour_display()}：{self.interval_days}"

    CACHE_KEY = "accountability:inspection-intervals"

    @classmethod
    def days_for(cls, colour):
        """The interval for ``colour`` in days, or None when none is configured. The small
        table is cached (cleared whenever a row is saved) because lists and exports ask
        once per enterprise."""
        return cls.table().get(colour)

    @classmethod
    def table(cls) -> dict:
        """{colour: interval in days} of every configured colour."""
        from django.core.cache import cache

        table = cache.get(cls.CACHE_KEY)
        if table is None:
            table = dict(cls.objects.values_list("colour", "interval_days"))
            cache.set(cls.CACHE_KEY, table, 300)
        return table

    def clean(self):
        """A more severe colour is inspected more often (red before yellow before blue)."""
        from django.core.exceptions import ValidationError

        mine = COLOUR_SEVERITY.get(self.colour)
        if mine is None or self.interval_days is None:
            return
        for other in InspectionFrequency.objects.exclude(pk=self.pk):
            theirs = COLOUR_SEVERITY[other.colour]
            if (theirs < mine and other.interval_days <= self.interval_days) or (
                theirs > mine and other.interval_days >= self.interval_days
            ):
                raise ValidationError(
                    {
                        "interval_days": _(
                            "A more severe colour must be inspected more often: %(other)s "
                            "is every %(days)d days."
                        )
                        % {"other": other.get_colour_display(), "days": other.interval_days}
                    }
                )

    def save(self, *args, **kwargs):
        from django.core.cache import cache

        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)


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
            import uuid

            self.source_key = f"manual:{uuid.uuid4().hex}"
        if not self.pk and not self.current_colour and self.enterprise_id:
            self.current_colour = self.enterprise.colour
        super().save(*args, **kwargs)
