"""Post safety-responsibility lists (岗位安全责任清单) with yearly fulfilment records.

The achieved figure of a duty is never typed: it is computed from its fulfilment records
(the rules are tabled in :mod:`accountability.services.fulfilment`)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .base import TrackedModel
from .enterprise import Enterprise
from .jurisdiction import Jurisdiction

# The rules the records need themselves (the date check on save, "met", the achieved
# figure and the rate they display) live here, beside the models, so that the models never
# import the services; ``services.fulfilment`` re-exports them with the summaries.


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def date_error(duty, performed_on: dt.date, today: dt.date | None = None) -> str | None:
    """Why ``performed_on`` cannot be recorded against ``duty`` (None when it can)."""
    today = today or timezone.localdate()
    lst = duty.responsibility_list
    if performed_on.year != lst.year:
        return gettext(
            "The date must lie in %(year)s: the list “%(list)s” covers that year. "
            "Record work of another year in that year's list."
        ) % {"year": lst.year, "list": lst.title}
    if performed_on > today:
        return gettext("The date cannot be in the future.")
    return None


def meets(required: int | None, achieved: int) -> bool:
    """The "met" rule: a quantified requirement, reached."""
    return bool(required) and achieved >= required


def achieved_expression():
    """Annotation for a Duty queryset: the achieved quantity in the list's year."""
    return Coalesce(
        Sum(
            "records__quantity",
            filter=Q(
                records__archived=False,
                records__performed_on__year=F("responsibility_list__year"),
            ),
        ),
        0,
    )


def with_achieved(duties):
    """``duties`` (a Duty queryset) with ``achieved`` computed in the same query."""
    return duties.annotate(achieved=achieved_expression())


def achieved_for(duty) -> int:
    """Achieved quantity of one duty (one query)."""
    start, end = year_bounds(duty.responsibility_list.year)
    total = FulfilmentRecord.objects.filter(
        duty=duty, archived=False, performed_on__range=(start, end)
    ).aggregate(total=Sum("quantity"))["total"]
    return total or 0


def active_duties(lst) -> list:
    duties = getattr(lst, "active_duties", None)
    if duties is None:
        duties = list(with_achieved(lst.duties.filter(archived=False)).order_by("pk"))
        lst.active_duties = duties
    return duties


def met_total(lst) -> tuple[int, int]:
    """(met, total) over the list's non-archived duties with a requirement."""
    quantified = [d for d in active_duties(lst) if d.required_quantity]
    return sum(1 for d in quantified if d.is_met), len(quantified)


def percentage(met: int, total: int) -> int | None:
    return round(100 * met / total) if total else None


def percent(met: int, total: int) -> str:
    value = percentage(met, total)
    return "—" if value is None else f"{value}%"


class ResponsibilityList(TrackedModel, ClusterableModel):
    """A department's or enterprise's list for one year. Copy last year's list to start a
    new year; the annual summary counts the duties whose quantified requirement is met."""

    SCOPE = ("enterprise", "jurisdiction")

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("Shown in the list of lists and on the printed list."),
    )
    year = models.PositiveIntegerField(_("year"), help_text=_("Year the fulfilment refers to."))
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsibility_lists",
        verbose_name=_("department"),
        help_text=_("Owning department (leave empty for an enterprise)."),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsibility_lists",
        verbose_name=_("enterprise"),
        help_text=_("Owning enterprise (leave empty for a department)."),
    )
    summary = models.TextField(
        _("annual summary"), blank=True, help_text=_("Narrative summary of the year.")
    )

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("responsibility list")
        verbose_name_plural = _("responsibility lists")

    def clean(self):
        if bool(self.enterprise_id) == bool(self.jurisdiction_id):
            raise ValidationError(
                _("Choose either a department/district or an enterprise, not both.")
            )

    def __str__(self):
        return f"{self.year} {self.title}"

    @property
    def fulfilment(self):
        """(met, total) of the non-archived duties with a quantified requirement."""
        return met_total(self)

    @property
    def fulfilment_display(self) -> str:
        met, total = self.fulfilment
        return f"{met}/{total}"

    @property
    def fulfilment_percent(self) -> str:
        return percent(*self.fulfilment)


class Duty(TrackedModel):
    """A post's duty with its legal basis and quantified requirement."""

    SCOPE = ("responsibility_list__enterprise", "responsibility_list__jurisdiction")

    responsibility_list = ParentalKey(
        ResponsibilityList,
        on_delete=models.CASCADE,
        related_name="duties",
        verbose_name=_("list"),
        help_text=_("List the duty belongs to."),
    )
    post = models.CharField(_("post"), max_length=100, help_text=_("Post, e.g. 主要负责人."))
    duty = models.TextField(_("duty"), help_text=_("What the post must do."))
    legal_basis = models.CharField(
        _("legal basis"), max_length=255, blank=True, help_text=_("Law and article.")
    )
    basis_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("knowledge item"),
        help_text=_("Link to the regulation in the knowledge base."),
    )
    required_quantity = models.PositiveIntegerField(
        _("required per year"),
        null=True,
        blank=True,
        help_text=_("Quantified requirement, e.g. 12 inspections per year."),
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("E.g. 次."))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self):
        return f"{self.post}：{self.duty[:30]}"

    @property
    def achieved_quantity(self) -> int:
        """Sum of the duty's non-archived records dated in the list's year (computed,
        never typed; lists fetched through ``fulfilment.with_achieved`` carry it
        pre-computed)."""
        if hasattr(self, "achieved"):
            return self.achieved or 0
        return achieved_for(self)

    @property
    def is_met(self) -> bool:
        return meets(self.required_quantity, self.achieved_quantity)


class FulfilmentRecord(TrackedModel):
    """One occasion on which a duty was performed (履职记录), e.g. one inspection or one
    safety meeting. The duty's achieved figure for the year is the sum of the quantities
    of its non-archived records dated in the list's year; the date must lie in that year
    and not in the future. The recording user is set automatically."""

    SCOPE = (
        "duty__responsibility_list__enterprise",
        "duty__responsibility_list__jurisdiction",
    )

    duty = models.ForeignKey(
        Duty,
        on_delete=models.PROTECT,
        related_name="records",
        limit_choices_to={"archived": False, "responsibility_list__archived": False},
        verbose_name=_("duty"),
        help_text=_("The duty that was performed."),
    )
    performed_on = models.DateField(
        _("performed on"), help_text=_("Date the duty was performed; within the list's year.")
    )
    quantity = models.PositiveIntegerField(
        _("quantity"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How much this record counts towards the requirement, e.g. 1 inspection."),
    )
    description = models.TextField(
        _("what was done"), help_text=_("What was done, where and with which result.")
    )
    evidence = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("evidence"),
        help_text=_("Minutes, inspection record or photo proving the work."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Set automatically to the user who entered the record."),
    )

    class Meta:
        ordering = ["-performed_on", "-pk"]
        verbose_name = _("fulfilment record")
        verbose_name_plural = _("fulfilment records")

    def __str__(self):
        return f"{date_format(self.performed_on, 'DATE_FORMAT')} {self.duty.post} ×{self.quantity}"

    def clean(self):
        if self.duty_id and self.performed_on:
            message = date_error(self.duty, self.performed_on)
            if message:
                raise ValidationError({"performed_on": message})


ResponsibilityList.fulfilment_display.fget.short_description = _("duties met")
ResponsibilityList.fulfilment_percent.fget.short_description = _("fulfilment rate")
