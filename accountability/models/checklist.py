"""Checklists: the safe-development demonstration city and the township 六有 standard."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .base import TrackedModel
from .jurisdiction import Jurisdiction


class Checklist(TrackedModel, ClusterableModel):
    """A checklist of items owned by departments, with a completion rate."""

    SCOPE = ("jurisdiction",)
    DEMO_CITY, SIX_HAVE = "demo_city", "six_have"
    KIND_CHOICES = [
        (DEMO_CITY, _("Safe-development demonstration city")),
        (SIX_HAVE, _("Township 六有 standard")),
    ]

    title = models.CharField(
        _("title"), max_length=200, help_text=_("Name of the standard, as shown to reviewers.")
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=KIND_CHOICES, help_text=_("Which standard.")
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="checklists",
        verbose_name=_("jurisdiction"),
        help_text=_("City or township the checklist applies to."),
    )
    year = models.PositiveIntegerField(_("year"), help_text=_("Year of the checklist."))

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self):
        return self.title

    @property
    def completion(self):
        """(done, total, percent) over the checklist's items."""
        items = list(self.items.all())
        total = len(items)
        done = sum(1 for i in items if i.status == ChecklistItem.DONE)
        return done, total, round(100 * done / total) if total else 0

    @property
    def completion_display(self) -> str:
        done, total, percent = self.completion
        return f"{done}/{total} ({percent}%)"


class ChecklistItem(TrackedModel):
    """One item: which standard it belongs to, who owns it, its status and evidence."""

    SCOPE = ("checklist__jurisdiction",)
    NOT_STARTED, DOING, DONE = "not_started", "doing", "done"
    STATUS_CHOICES = [(NOT_STARTED, _("Not started")), (DOING, _("In progress")), (DONE, _("Done"))]

    checklist = ParentalKey(
        Checklist,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("checklist"),
        help_text=_("Checklist the item belongs to."),
    )
    standard = models.CharField(
        _("standard"), max_length=200, help_text=_("The standard this item breaks down.")
    )
    title = models.CharField(_("item"), max_length=255, help_text=_("What must be achieved."))
    owner = models.CharField(
        _("owner"), max_length=100, blank=True, help_text=_("Responsible department.")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=STATUS_CHOICES,
        default=NOT_STARTED,
        help_text=_("Progress."),
    )
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Where the proof of completion is.")
    )
    sort_order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Position in the list.")
    )

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return self.title


Checklist.completion_display.fget.short_description = _("completion")
