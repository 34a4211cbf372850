"""Landmarks the bureau lists for the nearest-shelter finder: a visitor who cannot or will
not share a location picks a well-known place (a station, a hospital, a square) and sees
the shelters nearest to it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from portal.core.districts import District


class Landmark(models.Model):
    name = models.CharField(
        _("name"),
        max_length=60,
        unique=True,
        help_text=_("The name people use, e.g. 郑州东站 or 二七纪念塔."),
    )
    aliases = models.CharField(
        _("other names"),
        max_length=200,
        blank=True,
        help_text=_("Other names people type, separated by spaces, e.g. 高铁东站 东站."),
    )
    district = models.CharField(
        _("district"), max_length=20, choices=District.choices, help_text=_("District or county.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("GCJ-02 latitude as Amap or Tencent maps show it, e.g. 34.745300."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("GCJ-02 longitude as Amap or Tencent maps show it, e.g. 113.631200."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("aliases"),
        FieldPanel("district"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta:
        verbose_name = _("landmark")
        verbose_name_plural = _("landmarks")
        ordering = ["name"]

    def __str__(self):
        return self.name
