"""Post safety-responsibility lists (岗位安全责任清单) with yearly fulfilment."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .base import TrackedModel
from .enterprise import Enterprise
from .jurisdiction import Jurisdiction


class ResponsibilityList(TrackedModel, ClusterableModel):
    """A department's or enterprise's list for one year. Copy last year's list to start a
    new year; the annual summary counts the duties whose quantified requirement is met."""

    SCOPE = ("enterprise", "jurisdiction")

    title = models.CharField(_("title"), max_length=200, help_text=_("List title."))
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
        from django.core.exceptions import ValidationError

        if bool(self.enterprise_id) == bool(self.jurisdiction_id):
            raise ValidationError(
                _("Choose either a department/district or an enterprise, not both.")
            )

    def __str__(self):
        return f"{self.year} {self.title}"

    @property
    def fulfilment(self):
        """(met, total) duties with a quantified requirement."""
        duties = [d for d in self.duties.all() if d.required_quantity]
        return sum(1 for d in duties if d.is_met), len(duties)

    @property
    def fulfilment_display(self) -> str:
        met, total = self.fulfilment
        return f"{met}/{total}"


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
    achieved_quantity = models.PositiveIntegerField(
        _("achieved"), default=0, help_text=_("Fulfilment recorded for the year.")
    )
    fulfilment_note = models.TextField(
        _("fulfilment record"), blank=True, help_text=_("How the duty was fulfilled.")
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self):
        return f"{self.post}: {self.duty[:30]}"

    @property
    def is_met(self) -> bool:
        return bool(self.required_quantity) and self.achieved_quantity >= self.required_quantity


ResponsibilityList.fulfilment_display.fget.short_description = _("duties met")
