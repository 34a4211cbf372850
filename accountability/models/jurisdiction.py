"""Jurisdictions (city → district/county → township/street, plus industry departments),
industries, staff profiles and the working-day calendar."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .base import TrackedModel


class Industry(models.Model):
    """An industry sector (危险化学品, 工贸, 建筑施工 …); editable reference data."""

    name = models.CharField(
        _("name"),
        max_length=50,
        unique=True,
        help_text=_("As printed in lists, filters and reports; unique."),
    )
    code = models.SlugField(
        _("code"), max_length=30, unique=True, help_text=_("Short identifier, e.g. hazchem.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    def __str__(self):
        return self.name


class Jurisdiction(TrackedModel):
    """A node of the jurisdiction tree. Staff see only their node and everything below it.

    Departments hang below the city or district they belong to and cover one or more
    industries: a department officer sees the enterprises of those industries in that
    area."""

    CITY, DISTRICT, TOWNSHIP, DEPARTMENT = "city", "district", "township", "department"
    KIND_CHOICES = [
        (CITY, _("City")),
        (DISTRICT, _("District/county")),
        (TOWNSHIP, _("Township/street")),
        (DEPARTMENT, _("Industry department")),
    ]
    SCOPE = ("self",)

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Full official name, as printed in reports (e.g. 某某区应急管理局)."),
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Short identifier, unique among siblings; forms the jurisdiction path."),
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=KIND_CHOICES, help_text=_("Level in the tree.")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
        help_text=_("The jurisdiction above this one; empty only for the city."),
    )
    path = models.CharField(
        _("path"),
        max_length=255,
        unique=True,
        editable=False,
        help_text=_("Computed from the codes of the ancestors, e.g. zz/jinshui."),
    )
    industries = models.ManyToManyField(
        Industry,
        blank=True,
        verbose_name=_("industries"),
        help_text=_("For departments: the industries the department supervises."),
    )

    class Meta:
        ordering = ["path"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id is None and self.kind != self.CITY:
            raise ValidationError({"parent": _("Only the city has no parent.")})
        node = self.parent
        while node is not None and self.pk:
            if node.pk == self.pk:
                raise ValidationError({"parent": _("A jurisdiction cannot be below itself.")})
            node = node.parent
        if self.code and (self.parent_id is None or self.parent is not None):
            path = self.compute_path()
            if Jurisdiction.objects.filter(path=path).exclude(pk=self.pk).exists():
                raise ValidationError({"code": _("This code is already used at this level.")})

    def compute_path(self):
        return f"{self.parent.path}/{self.code}" if self.parent_id else self.code

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = self.compute_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    @property
    def district(self):
        """The district this node belongs to (itself for a district), or None."""
        node = self
        while node is not None:
            if node.kind == self.DISTRICT:
                return node
            node = node.parent
        return None


class StaffProfile(TrackedModel):
    """Links a user to the jurisdiction (or department) whose data they may see."""

    SCOPE = ("jurisdiction",)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accountability_profile",
        verbose_name=_("user"),
        help_text=_("The staff member's login."),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("jurisdiction"),
        help_text=_("The user sees this jurisdiction and everything below it."),
    )
    title = models.CharField(
        _("position"), max_length=100, blank=True, help_text=_("Post held, e.g. 科长.")
    )
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("Office phone number.")
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return f"{self.user} ({self.jurisdiction})"


class CalendarDay(TrackedModel):
    """An exception to the Monday–Friday week: a public holiday on a weekday, or an
    adjusted working day (调休) on a weekend. Deadlines counted in working days use it."""

    date = models.DateField(_("date"), unique=True, help_text=_("The calendar date."))
    is_workday = models.BooleanField(
        _("working day"),
        help_text=_("Tick for an adjusted working weekend day; leave empty for a holiday."),
    )
    name = models.CharField(
        _("name"), max_length=50, blank=True, help_text=_("E.g. 春节 or 国庆节调休.")
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("holiday calendar")

    def __str__(self):
        return f"{date_format(self.date, 'DATE_FORMAT')} {self.name}"
