"""Safety-education articles (安全知识) by topic, with images and video."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import BodyBlock

from ..choices import Topic
from ..filters import Filter, ListSpec, years_of
from .base import ImportKeyMixin, KnowledgeIndexPage


class ArticleIndexPage(KnowledgeIndexPage):
    """安全知识: safety know-how for the public, filterable by topic and year."""

    item_template = "knowledge/includes/article_item.html"
    subpage_types = ["knowledge.ArticlePage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("safety knowledge index")

    @property
    def item_model(self):
        return ArticlePage

    def base_queryset(self):
        return super().base_queryset().select_related("cover")

    list_spec = ListSpec(
        filters=[
            Filter("topic", _("Topic"), "topic", Topic.choices),
            Filter("year", _("Year"), "published_on__year", years_of("published_on"), int),
        ],
        sorts={
            "newest": (_("Newest first"), ("-published_on", "-pk")),
            "title": (_("Title"), ("title", "pk")),
        },
        default_sort="newest",
    )


class ArticlePage(ImportKeyMixin, Page):
    """A safety-education article: what to do in an earthquake, a flood, a fire…
    The body can hold headings, text, images, tip boxes and video links."""

    topic = models.CharField(
        _("topic"),
        max_length=30,
        choices=Topic.choices,
        default=Topic.SELF_RESCUE,
        help_text=_("Used by the list filter and search facets."),
    )
    published_on = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("Publication date shown to readers.")
    )
    source = models.CharField(
        _("source"), max_length=100, blank=True, help_text=_("来源, e.g. 市应急管理局宣传教育处.")
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("Shown in lists, feeds and search results."),
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
        help_text=_("Optional picture shown in the list and at the top of the article."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"), help_text=_("The article."))

    content_panels = Page.content_panels + [
        FieldPanel("topic"),
        FieldPanel("published_on"),
        FieldPanel("source"),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("import_key")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("topic"),
    ]
    api_fields = [
        APIField("topic"),
        APIField("published_on"),
        APIField("source"),
        APIField("summary"),
        APIField("cover", serializer=ImageRenditionField("width-800")),
        APIField("body"),
    ]
    parent_page_types = ["knowledge.ArticleIndexPage"]
    subpage_types = []
    template = "knowledge/article_page.html"

    class Meta:
        verbose_name = _("safety article")
        verbose_name_plural = _("safety articles")

    @property
    def date(self):
        return self.published_on
