"""The 政府信息公开 column every government website carries: the column page, the
disclosure guide (信息公开指南) and the catalogue (信息公开目录) of public records, each
with an index number (索引号). Annual reports and replies to deputies' suggestions are
records too (see :mod:`.disclosure_reports`), so the catalogue lists them all."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import BodyBlock

from ..filters import Filter, ListSpec, years_of
from .base import KnowledgeIndexPage

# 统一社会信用代码 (18 characters), a slash, the year and a five-digit sequence number.
INDEX_NUMBER = re.compile(r"^[0-9A-Z]{18}/(\d{4})-(\d{5})$")


class DisclosureTopic(models.TextChoices):
    """主题分类 of the government information catalogue."""

    ORGANISATION = "organisation", _("Organisation and functions")
    POLICY = "policy", _("Policy documents")
    PLANNING = "planning", _("Plans and programmes")
    FINANCE = "finance", _("Budgets and final accounts")
    ENFORCEMENT = "enforcement", _("Licensing and enforcement")
    EMERGENCY = "emergency", _("Emergency response")
    PERSONNEL = "personnel", _("Personnel")
    REPORTS = "reports", _("Work reports")
    SUGGESTIONS = "suggestions", _("Replies to suggestions and proposals")


class DisclosureIndexPage(Page):
    """政府信息公开: the column page. It links its four parts (guide, catalogue, annual
    reports, replies) and holds the organisation code that every index number starts with."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown above the column's parts."),
    )
    organisation_code = models.CharField(
        _("organisation code"),
        max_length=18,
        blank=True,
        help_text=_(
            "The bureau's 18-character unified social credit code; index numbers are "
            "assigned once it is set."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("organisation_code")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "knowledge.DisclosureGuidePage",
        "knowledge.DisclosureCataloguePage",
        "knowledge.AnnualReportIndexPage",
        "knowledge.ReplyIndexPage",
    ]
    max_count = 1
    template = "knowledge/disclosure_index.html"
    # Linked from every page's footer (portal/home/site_pages.py).
    footer_link = True

    class Meta:
        verbose_name = _("government information disclosure column")

    def clean(self):
        super().clean()
        code = (self.organisation_code or "").strip().upper()
        if code and not re.fullmatch(r"[0-9A-Z]{18}", code):
            raise ValidationError(
                {"organisation_code": _("The code has 18 digits or capital letters.")}
            )
        self.organisation_code = code

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parts"] = self.get_children().live().public().specific()
        context["recent_records"] = (
            DisclosureRecordPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-issued_on", "-pk")[:6]
        )
        return context


class DisclosureGuidePage(Page):
    """信息公开指南: how and where the public obtains information from the bureau."""

    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("Shown in lists and search results.")
    )
    updated_on = models.DateField(
        _("last revised"),
        default=timezone.localdate,
        help_text=_("The date the guide was last revised; printed under the title."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), help_text=_("The guide's text."))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("updated_on"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    api_fields = [APIField("summary"), APIField("updated_on"), APIField("body")]
    parent_page_types = ["knowledge.DisclosureIndexPage"]
    subpage_types = []
    max_count = 1
    template = "knowledge/disclosure_guide.html"

    class Meta:
        verbose_name = _("disclosure guide")


class DisclosureRecordPage(Page):
    """One item of the government information catalogue: its index number, topic, issuer
    and date. Annual reports and replies extend it, so the catalogue is one query."""

    index_number = models.CharField(
        _("index number"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_(
            "索引号: organisation code/year-sequence, e.g. 11410100MB1B00000X/2021-00012. "
            "Leave empty to get the next number of the year automatically."
        ),
    )
    topic = models.CharField(
        _("topic"),
        max_length=30,
        choices=DisclosureTopic.choices,
        default=DisclosureTopic.POLICY,
        help_text=_("主题分类 of the catalogue; the list filters by it."),
    )
    issuer = models.CharField(
        _("issuing authority"),
        max_length=100,
        blank=True,
        help_text=_("发布机构: the body that issued the information."),
    )
    doc_number = models.CharField(
        _("document number"),
        max_length=80,
        blank=True,
        help_text=_("文号, if the information has one."),
    )
    issued_on = models.DateField(
        _("date issued"),
        default=timezone.localdate,
        help_text=_("发布日期: the date the information was made public."),
    )
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("Shown in lists and search results.")
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name=_("full text"), help_text=_("The text made public.")
    )

    record_panel = MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("index_number"), FieldPanel("topic")]),
            FieldRowPanel([FieldPanel("issuer"), FieldPanel("doc_number")]),
            FieldPanel("issued_on"),
        ],
        heading=_("Catalogue data"),
    )
    content_panels = Page.content_panels + [record_panel, FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("index_number"),
        index.FilterField("topic"),
    ]
    api_fields = [
        APIField("index_number"),
        APIField("topic"),
        APIField("issuer"),
        APIField("doc_number"),
        APIField("issued_on"),
        APIField("summary"),
        APIField("body"),
    ]
    parent_page_types = ["knowledge.DisclosureCataloguePage"]
    subpage_types = []
    template = "knowledge/disclosure_record.html"
    # The home page's 最新发布 lists pages of every model that names its publication date.
    latest_date_field = "issued_on"

    class Meta:
        verbose_name = _("public information record")
        verbose_name_plural = _("public information records")
        indexes = [models.Index(fields=["issued_on"])]

    def __str__(self):
        return self.title

    @property
    def date(self):
        return self.issued_on

    def clean(self):
        super().clean()
        self.index_number = (self.index_number or "").strip().upper()
        if self.index_number and not INDEX_NUMBER.match(self.index_number):
            raise ValidationError(
                {
                    "index_number": _(
                        "Write the index number as organisation code/year-sequence, "
                        "e.g. 11410100MB1B00000X/2021-00012."
                    )
                }
            )
        clash = DisclosureRecordPage.objects.filter(index_number=self.index_number)
        if self.index_number and clash.exclude(pk=self.pk).exists():
            raise ValidationError({"index_number": _("Another record has this index number.")})

    def column(self):
        return DisclosureIndexPage.objects.ancestor_of(self).first()

    def next_index_number(self) -> str:
        """The next free 索引号 of the record's year: code/year-sequence, or "" while the
        column has no organisation code."""
        column = self.column() if self.path else None
        code = column.organisation_code if column else ""
        if not code:
            return ""
        year = (self.issued_on or timezone.localdate()).year
        prefix = f"{code}/{year}-"
        taken = DisclosureRecordPage.objects.filter(index_number__startswith=prefix)
        numbers = [int(n[len(prefix) :]) for n in taken.values_list("index_number", flat=True)]
        return f"{prefix}{max(numbers, default=0) + 1:05d}"

    def save(self, *args, **kwargs):
        if not self.index_number:
            self.index_number = self.next_index_number()
        return super().save(*args, **kwargs)


class DisclosureCataloguePage(KnowledgeIndexPage):
    """信息公开目录: every public record of the column (catalogue items, annual reports,
    replies) by index number, filterable by topic and year."""

    item_template = "knowledge/includes/disclosure_item.html"
    subpage_types = ["knowledge.DisclosureRecordPage"]
    parent_page_types = ["knowledge.DisclosureIndexPage"]

    class Meta:
        verbose_name = _("information catalogue")

    @property
    def item_model(self):
        return DisclosureRecordPage

    def base_queryset(self):
        # The whole column, not only this page's children: reports and replies are records.
        column = self.get_parent()
        return DisclosureRecordPage.objects.live().public().descendant_of(column)

    list_spec = ListSpec(
        filters=[
            Filter("topic", _("Topic"), "topic", DisclosureTopic.choices),
            Filter("year", _("Year"), "issued_on__year", years_of("issued_on"), int),
        ],
        sorts={
            "newest": (_("Newest first"), ("-issued_on", "-index_number")),
            "oldest": (_("Oldest first"), ("issued_on", "index_number")),
            "index": (_("Index number"), ("index_number", "pk")),
        },
        default_sort="newest",
    )
