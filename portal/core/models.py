"""Site-wide settings and the emergency alert banner."""

import copy

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import sitememo


@register_setting(icon="site")
class BureauSettings(BaseSiteSetting):
    """Contact details printed in every page footer. Editors change them under
    Settings → Bureau; the footer updates on the next page view."""

    bureau_name = models.CharField(
        _("bureau name"),
        max_length=100,
        default="应急管理局",
        help_text=_("Full official name shown in the header and footer."),
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Postal address of the bureau.")
    )
    postcode = models.CharField(
        _("postcode"), max_length=10, blank=True, help_text=_("Six digits.")
    )
    hotline = models.CharField(
        _("hotline"),
        max_length=40,
        blank=True,
        help_text=_("Public service telephone, e.g. 0371-12345678."),
    )
    emergency_number = models.CharField(
        _("emergency number"),
        max_length=20,
        default="119",
        help_text=_("Number the public should call in an emergency, shown prominently."),
    )
    email = models.EmailField(_("email"), blank=True, help_text=_("Public contact e-mail address."))
    icp_number = models.CharField(
        _("ICP record number"),
        max_length=60,
        blank=True,
        help_text=_("ICP filing number (ICP备案号) shown in the footer, e.g. 豫ICP备12345678号."),
    )
    public_security_record = models.CharField(
        _("public security record"),
        max_length=60,
        blank=True,
        help_text=_("Public security filing number (公安备案号), if any."),
    )
    site_identifier = models.CharField(
        _("government site identifier"),
        max_length=40,
        blank=True,
        help_text=_("政府网站标识码 printed in the footer."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("bureau_name"), FieldPanel("address"), FieldPanel("postcode")],
            heading=_("Bureau"),
        ),
        MultiFieldPanel(
            [FieldPanel("hotline"), FieldPanel("emergency_number"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("public_security_record"),
                FieldPanel("site_identifier"),
            ],
            heading=_("Records"),
        ),
    ]

    class Meta:
        verbose_name = _("bureau settings")

    @classmethod
    def for_request(cls, request):
        """Wagtail's ``for_request``, from the worker's memory of the site (every page
        prints these settings; saving them starts a new site generation)."""
        attr = cls.get_cache_attr_name()
        found = getattr(request, attr, None)
        if found is not None:
            return found
        site = sitememo.site_for_request(request)
        if site is None:
            return super().for_request(request)
        # Created on first use as Wagtail does; a copy per request, since Wagtail marks it
        # with the request.
        shared = sitememo.remember(
            ("bureau_settings", site.pk), lambda: cls.for_site(site), request
        )
        found = copy.copy(shared)
        found._request = request
        setattr(request, attr, found)
        return found


class AlertLevel(models.TextChoices):
    """China's four-colour warning levels, most severe first."""

    RED = "red", _("Red (level I, particularly serious)")
    ORANGE = "orange", _("Orange (level II, serious)")
    YELLOW = "yellow", _("Yellow (level III, relatively serious)")
    BLUE = "blue", _("Blue (level IV, general)")


class HazardType(models.TextChoices):
    """What the alert is about; the emergency home page links the safety guidance for it."""

    RAINSTORM = "rainstorm", _("Rainstorm")
    FLOOD = "flood", _("Flood")
    EARTHQUAKE = "earthquake", _("Earthquake")
    FIRE = "fire", _("Fire")
    FOREST_FIRE = "forest_fire", _("Forest fire")
    GEOLOGICAL = "geological", _("Landslide or debris flow")
    HEAT = "heat", _("Heat wave")
    COLD = "cold", _("Cold wave")
    SNOW = "snow", _("Snowstorm")
    GALE = "gale", _("Gale")
    CHEMICAL = "chemical", _("Hazardous chemicals")
    OTHER = "other", _("Other")


# Alerts this severe switch the home page to its light emergency layout.
EMERGENCY_LEVELS = ("red", "orange")

LEVEL_SEVERITY = {AlertLevel.RED: 4, AlertLevel.ORANGE: 3, AlertLevel.YELLOW: 2, AlertLevel.BLUE: 1}


def _most_severe(banners):
    """The banner to show among active ones: the most severe, newest first."""
    if not banners:
        return None
    return max(banners, key=lambda b: (LEVEL_SEVERITY[b.level], b.active_from))


class AlertBannerQuerySet(models.QuerySet):
    def active(self, at=None):
        """Banners switched on whose time window contains ``at`` (default: now)."""
        at = at or timezone.now()
        return self.filter(enabled=True, active_from__lte=at).filter(
            Q(active_to__isnull=True) | Q(active_to__gt=at)
        )

    def current(self, at=None):
        """The single banner to show: the most severe active one, newest first."""
        return _most_severe(list(self.active(at)))

    def current_for(self, request):
        """:meth:`current`, asked once per request: the page cache, the home page's
        layout choice and the banner on the page all need it."""
        if request is None:
            return self.current()
        if not hasattr(request, "_current_alert_banner"):
            request._current_alert_banner = self._current_remembered(request)
        return request._current_alert_banner

    def _current_remembered(self, request):
        """:meth:`current` from the banners that are on and not yet over, remembered until
        the site changes (saving a banner changes it, see ``sitememo``); which of them is
        active is decided now, so a banner still starts and ends on time."""

        def load():
            now = timezone.now()
            return list(
                self.filter(enabled=True).filter(Q(active_to__isnull=True) | Q(active_to__gt=now))
            )

        at = timezone.now()
        return _most_severe(
            [b for b in sitememo.remember("alert_banners", load, request) if b.is_active(at)]
        )

    def next_change(self, at=None):
        """When the set of active banners next changes (a start or an end), or None.
        Page caches use it so a banner appears and disappears on time."""
        at = at or timezone.now()
        starts = self.filter(enabled=True, active_from__gt=at).aggregate(
            m=models.Min("active_from")
        )
        ends = self.filter(enabled=True, active_to__gt=at).aggregate(m=models.Min("active_to"))
        moments = [m for m in (starts["m"], ends["m"]) if m]
        return min(moments) if moments else None


class AlertBanner(models.Model):
    """An emergency notice shown at the top of every public page while it is active.

    Staff switch one on in seconds from Snippets → Alert banners: choose a level, write the
    message, and save. It shows from ``active_from`` until ``active_to`` (or until switched
    off); when several are active, the most severe is shown."""

    level = models.CharField(
        _("warning level"),
        max_length=10,
        choices=AlertLevel.choices,
        default=AlertLevel.BLUE,
        help_text=_("Colour of the warning, following the national four-level system."),
    )
    hazard = models.CharField(
        _("hazard type"),
        max_length=20,
        choices=HazardType.choices,
        default=HazardType.OTHER,
        help_text=_("What the alert is about; the home page links the safety guidance for it."),
    )
    title = models.CharField(
        _("title"), max_length=60, help_text=_("Short heading, e.g. 暴雨红色预警.")
    )
    message = models.CharField(
        _("message"),
        max_length=300,
        help_text=_("What the public must know or do, in one or two sentences."),
    )
    link_url = models.URLField(
        _("link"), blank=True, help_text=_("Optional page with details or instructions.")
    )
    link_text = models.CharField(
        _("link text"), max_length=30, blank=True, help_text=_("Defaults to “Details”.")
    )
    enabled = models.BooleanField(
        _("switched on"), default=True, help_text=_("Untick to withdraw the banner immediately.")
    )
    active_from = models.DateTimeField(
        _("active from"), default=timezone.now, help_text=_("When the banner starts to show.")
    )
    active_to = models.DateTimeField(
        _("active until"),
        null=True,
        blank=True,
        help_text=_("When the banner stops showing; leave empty to show until switched off."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AlertBannerQuerySet.as_manager()

    panels = [
        FieldPanel("level"),
        FieldPanel("hazard"),
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("link_url"),
        FieldPanel("link_text"),
        FieldPanel("enabled"),
        FieldPanel("active_from"),
        FieldPanel("active_to"),
    ]

    class Meta:
        verbose_name = _("alert banner")
        verbose_name_plural = _("alert banners")
        ordering = ["-active_from"]

    def __str__(self):
        return f"[{self.get_level_display()}] {self.title}"

    def clean(self):
        if self.active_to and self.active_from and self.active_to <= self.active_from:
            raise ValidationError({"active_to": _("The end must be after the start.")})

    @property
    def is_emergency(self):
        """Red and orange alerts switch the home page to the emergency layout."""
        return self.level in EMERGENCY_LEVELS

    def is_active(self, at=None):
        at = at or timezone.now()
        return (
            self.enabled
            and self.active_from <= at
            and (self.active_to is None or self.active_to > at)
        )
