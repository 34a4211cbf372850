"""Enterprises identified by their unified social credit code, and how often each
colour is inspected (the interval the enterprise's next inspection date is computed from)."""

import datetime as dt

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..creditcode import CreditCodeField, validate_credit_code
from .base import TrackedModel
from .jurisdiction import Industry, Jurisdiction

RED, YELLOW, BLUE = "red", "yellow", "blue"
COLOUR_CHOICES = [(RED, _("Red")), (YELLOW, _("Yellow")), (BLUE, _("Blue"))]
# From most to least severe: a downgrade moves towards red.
COLOUR_SEVERITY = {BLUE: 0, YELLOW: 1, RED: 2}


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
        table = cache.get(cls.CACHE_KEY)
        if table is None:
            table = dict(cls.objects.values_list("colour", "interval_days"))
            cache.set(cls.CACHE_KEY, table, 300)
        return table

    def clean(self):
        """A more severe colour is inspected more often (red before yellow before blue)."""
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
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)


class EnterpriseQuerySet(models.QuerySet):
    def inspection_overdue(self, today=None):
        """Rated enterprises whose next inspection date (see ``next_inspection_on``) has
        passed: the same rule as the property, as one query for lists and counts."""
        today = today or timezone.localdate()
        q = Q(pk__in=[])
        for colour, days in InspectionFrequency.table().items():
            limit = today - dt.timedelta(days=days)
            never = Q(last_inspected_on__isnull=True)
            q |= Q(colour=colour) & (
                Q(last_inspected_on__lt=limit)
                | (never & Q(colour_since__lt=limit))
                | (never & Q(colour_since__isnull=True, created_at__date__lt=limit))
            )
        return self.filter(q)


class Enterprise(TrackedModel):
    """A production or business unit under safety supervision.

    The colour (红黄蓝 listing) is not typed here: it follows the enterprise's rating
    history and changes only when a rating is recorded."""

    SCOPE = ("self",)
    STANDARD_LEVELS = [
        ("", _("None")),
        ("1", _("Level 1")),
        ("2", _("Level 2")),
        ("3", _("Level 3")),
    ]
    RISK_LEVELS = [
        ("major", _("Major risk")),
        ("high", _("High risk")),
        ("medium", _("Medium risk")),
        ("low", _("Low risk")),
    ]

    name = models.CharField(_("enterprise name"), max_length=200, help_text=_("Registered name."))
    credit_code = CreditCodeField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 characters (GB 32100-2015); the last one is a check character."),
    )
    industry = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        verbose_name=_("industry"),
        help_text=_("Industry sector; decides which department supervises it."),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="enterprises",
        verbose_name=_("district/county"),
        help_text=_("District or township where the enterprise is located."),
    )
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Registered address as on the business licence."),
    )
    legal_representative = models.CharField(
        _("legal representative"),
        max_length=50,
        blank=True,
        help_text=_("Person named on the business licence."),
    )
    principal = models.CharField(
        _("principal responsible person"),
        max_length=50,
        blank=True,
        help_text=_("主要负责人, accountable for safety."),
    )
    phone = models.CharField(
        _("contact phone"), max_length=40, blank=True, help_text=_("Contact phone number.")
    )
    safety_contact = models.CharField(
        _("safety manager"), max_length=50, blank=True, help_text=_("Safety manager's name.")
    )
    standardisation_level = models.CharField(
        _("safety standardisation level"),
        max_length=2,
        blank=True,
        choices=STANDARD_LEVELS,
        help_text=_("安全生产标准化 grade."),
    )
    risk_level = models.CharField(
        _("risk level"),
        max_length=10,
        choices=RISK_LEVELS,
        default="low",
        help_text=_("Assessed safety risk level."),
    )
    colour = models.CharField(
        _("listing colour"),
        max_length=6,
        choices=COLOUR_CHOICES,
        blank=True,
        editable=False,
        help_text=_("Current 红黄蓝 colour, set by the latest effective rating."),
    )
    colour_since = models.DateField(
        _("colour since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("First day of the rating that set the current colour."),
    )
    last_inspected_on = models.DateField(
        _("last inspection"),
        null=True,
        blank=True,
        help_text=_("Date of the last on-site inspection."),
    )

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self):
        return self.name

    @property
    def next_inspection_on(self) -> dt.date | None:
        """The last inspection plus the interval for the current colour (from data). An
        enterprise never inspected is due one interval after the rating that gave it its
        colour (or after it was registered), so it becomes overdue like any other."""
        if not self.colour:
            return None
        interval = InspectionFrequency.days_for(self.colour)
        if interval is None:
            return None
        base = self.last_inspected_on or self.colour_since
        if base is None:
            base = timezone.localdate(self.created_at) if self.created_at else None
        return base + dt.timedelta(days=interval) if base else None

    @property
    def inspection_overdue(self) -> bool:
        due = self.next_inspection_on
        return bool(due and due < timezone.localdate())


Enterprise.next_inspection_on.fget.short_description = _("next inspection")
Enterprise.inspection_overdue.fget.short_description = _("inspection overdue")
