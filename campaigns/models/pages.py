"""The campaign index (宣传活动) and one page per campaign (e.g. 2026年“5·12”防灾减灾日宣传周)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.core.blocks import BodyBlock


def public_campaigns_under(parent_path: str, depth: int):
    """Live, public campaign pages whose parent has ``parent_path``. Children are found by
    the range of their tree paths, which the path index answers; ``child_of()`` and
    ``sibling_of()`` filter with LIKE, which SQLite answers by reading every page."""
    children = (
        parent_path + Page.alphabet[0] * Page.steplen,
        parent_path + Page.alphabet[-1] * Page.steplen,
    )
    return (
        CampaignPage.objects.live()
        .public()
        .filter(depth=depth, path__range=children)
        .select_related("kind")
    )


class CampaignIndexPage(RoutablePageMixin, Page):
    """The 宣传活动 section. Lists current campaigns, the archive by year, all activities
    (with filters and an iCalendar feed of upcoming ones) and reach statistics. Campaign
    pages are created under it; they go through the 宣传内容审核 workflow before publishing."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences at the top of the section."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count = 1

    class Meta:
        verbose_name = _("campaign index page")

    def campaigns(self):
        """The live, public campaign pages of this section."""
        return public_campaigns_under(self.path, self.depth + 1)

    # The routes hand the request to ``campaigns.views`` when they run: Wagtail makes the
    # page model the controller, while the views sit above the models (they use the
    # services, which import the models; models never import services).
    @path("")
    def index_view(self, request):
        from campaigns import views

        return views.campaign_index(request, self)

    @path("year/<int:year>/")
    def year_view(self, request, year):
        from campaigns import views

        return views.campaign_index(request, self, year=year)

    @path("activities/")
    def activities_view(self, request):
        from campaigns import views

        return views.activity_list(request, self)


class MaterialBlock(blocks.StreamBlock):
    poster = blocks.StructBlock(
        [
            ("image", ImageChooserBlock(label=_("Image"))),
            ("title", blocks.CharBlock(label=_("Title"), max_length=80)),
            ("description", blocks.CharBlock(label=_("Description"), required=False)),
        ],
        label=_("Poster or picture"),
        icon="image",
    )
    document = blocks.StructBlock(
        [
            ("document", DocumentChooserBlock(label=_("Document"))),
            ("title", blocks.CharBlock(label=_("Title"), max_length=80)),
            ("description", blocks.CharBlock(label=_("Description"), required=False)),
        ],
        label=_("Leaflet or document"),
        icon="doc-full",
    )
    video = blocks.StructBlock(
        [
            ("url", blocks.URLBlock(label=_("Link to the video"))),
            ("title", blocks.CharBlock(label=_("Title"), max_length=80)),
            ("description", blocks.CharBlock(label=_("Description"), required=False)),
        ],
        label=_("Video"),
        icon="media",
    )


class CampaignPage(RoutablePageMixin, Page):
    """One campaign of one year, e.g. 2026年安全生产月. Editors fill the theme, dates,
    organisers and key messages, then add activities (tab “Activities”), materials and news
    (tab “Materials and news”) and optionally a quiz (tab “Quiz”). Reach statistics and
    charts on the page are the sums of the activities' “people reached” figures.

    Saving drafts never changes the public page: a change goes live only once a reviewer
    approves it (or at the scheduled go-live time set in the Status side panel)."""

    kind = models.ForeignKey(
        "campaigns.CampaignKind",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("kind"),
        help_text=_("The recurring campaign this page belongs to; staff can add kinds."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("The campaign year, used by the archive and the statistics.")
    )
    theme = models.CharField(
        _("theme"), max_length=120, help_text=_("The year's official theme slogan.")
    )
    start_date = models.DateField(_("start date"), help_text=_("First day of the campaign."))
    end_date = models.DateField(_("end date"), help_text=_("Last day of the campaign."))
    organisers = models.CharField(
        _("organisers"),
        max_length=300,
        help_text=_("Organising and co-organising bodies, separated by “、”."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("Shown in lists and search results."),
    )
    banner = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("banner"),
        help_text=_("Wide picture at the top of the page (about 3:1)."),
    )
    key_messages = StreamField(
        [("message", blocks.CharBlock(label=_("Key message"), max_length=120))],
        blank=True,
        verbose_name=_("key messages"),
        help_text=_("The few sentences every activity should get across."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Background and arrangements of the campaign."),
    )
    materials = StreamField(
        MaterialBlock(),
        blank=True,
        verbose_name=_("materials library"),
        help_text=_("Posters, leaflets, videos and documents the public can download."),
    )
    quiz_enabled = models.BooleanField(
        _("quiz open"),
        default=False,
        help_text=_("Open the safety quiz to the public (needs at least one question)."),
    )
    quiz_intro = models.CharField(
        _("quiz introduction"),
        max_length=300,
        blank=True,
        help_text=_("Shown above the questions, e.g. what the quiz covers."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind", widget=forms.Select), FieldPanel("year")]),
                FieldPanel("theme"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("organisers"),
                FieldPanel("summary"),
            ],
            heading=_("Campaign"),
        ),
        FieldPanel("banner"),
        FieldPanel("key_messages"),
        FieldPanel("body"),
    ]
    activity_panels = [InlinePanel("activities", label=_("Activity"))]
    materials_panels = [FieldPanel("materials"), InlinePanel("news", label=_("News update"))]
    quiz_panels = [
        FieldPanel("quiz_enabled"),
        FieldPanel("quiz_intro"),
        InlinePanel("quiz_questions", label=_("Question")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(activity_panels, heading=_("Activities")),
            ObjectList(materials_panels, heading=_("Materials and news")),
            ObjectList(quiz_panels, heading=_("Quiz")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("theme"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    # Listed under 最新发布 on the home page by this date (portal/home/latest.py).
    latest_date_field = "start_date"
    subpage_types = []

    class Meta:
        verbose_name = _("campaign page")

    def campaigns_beside(self):
        """The live, public campaigns of the same section, this one included."""
        return public_campaigns_under(self.path[: -self.steplen], self.depth)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start.")})

    # Views imported when a route runs, as on CampaignIndexPage.
    @path("")
    def campaign_view(self, request):
        from campaigns import views

        return views.campaign_detail(request, self)

    @path("quiz/")
    def quiz_view(self, request):
        from campaigns import quiz_views

        return quiz_views.quiz(request, self)


class CampaignNewsItem(Orderable):
    """A short news update on the campaign page (e.g. the launch ceremony was held)."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="news")
    date = models.DateField(_("date"), help_text=_("Date of the news."))
    title = models.CharField(_("title"), max_length=100, help_text=_("Headline of the update."))
    text = models.TextField(_("text"), blank=True, help_text=_("One short paragraph."))
    link = models.URLField(_("link"), blank=True, help_text=_("Optional link to the full article."))

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("text"), FieldPanel("link")]

    class Meta(Orderable.Meta):
        verbose_name = _("news update")
