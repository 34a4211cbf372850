"""Outreach activities of a campaign. They are the records reach statistics are summed from."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable

from portal.core.districts import DistrictOrCitywide

from .choices import Channel, Mode
from .pages import CampaignPage

# Code -> label (lazy, translated when printed). Lists read labels from these instead of
# get_FOO_display(), which hashes every choice of the field on each call.
CHANNEL_LABELS = dict(Channel.choices)
MODE_LABELS = dict(Mode.choices)
DISTRICT_LABELS = dict(DistrictOrCitywide.choices)


class ActivityQuerySet(models.QuerySet):
    def published(self):
        """Activities of live, public campaign pages: what the public may see and count."""
        live_pages = CampaignPage.objects.live().public().values("pk")
        return self.filter(page__in=live_pages)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())


class CampaignActivity(Orderable):
    """One activity: a lecture in a school, a drill in a community, a live stream… Added on
    the campaign page's “Activities” tab; published together with the page. The figure
    “people reached” (受宣人次) is what the campaign's statistics add up."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=120, help_text=_("What happens, briefly."))
    channel = models.CharField(
        _("channel"),
        max_length=20,
        choices=Channel.choices,
        help_text=_("Which of the “五进” channels the activity belongs to."),
    )
    mode = models.CharField(
        _("online or offline"),
        max_length=10,
        choices=Mode.choices,
        default=Mode.OFFLINE,
        help_text=_("Online activities (live streams, quizzes, short videos) or on site."),
    )
    district = models.CharField(
        _("district"),
        max_length=20,
        choices=DistrictOrCitywide.choices,
        help_text=_("Where it takes place; “Citywide” for online or city-level activities."),
    )
    venue = models.CharField(
        _("venue"),
        max_length=120,
        blank=True,
        help_text=_("Address or platform, e.g. 金水区某社区广场 or 官方视频号直播."),
    )
    start = models.DateTimeField(_("start"), help_text=_("Start time (Beijing time)."))
    end = models.DateTimeField(_("end"), help_text=_("End time (Beijing time)."))
    organiser = models.CharField(
        _("organiser"), max_length=120, help_text=_("The unit that runs the activity.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What participants do and learn.")
    )
    people_reached = models.PositiveIntegerField(
        _("people reached (受宣人次)"),
        default=0,
        help_text=_(
            "Number of person-times reached; for online activities the views or participants. "
            "Leave 0 until the activity has taken place."
        ),
    )
    photos = StreamField(
        [("photo", ImageBlock(label=_("Photo")))],
        blank=True,
        verbose_name=_("photos"),
        help_text=_("Photos of the activity, each with a description for screen readers."),
    )

    objects = ActivityQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("channel"), FieldPanel("mode"), FieldPanel("district")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("venue"),
        FieldPanel("organiser"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("people_reached"), FieldPanel("photos")], heading=_("Results")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["district"])]

    def __str__(self):
        return self.title

    @property
    def channel_label(self):
        return CHANNEL_LABELS.get(self.channel, self.channel)

    @property
    def mode_label(self):
        return MODE_LABELS.get(self.mode, self.mode)

    @property
    def district_label(self):
        return DISTRICT_LABELS.get(self.district, self.district)

    @property
    def local_date(self):
        """The day (Beijing time) the activity starts, for calendar grouping."""
        return timezone.localtime(self.start).date()

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})
