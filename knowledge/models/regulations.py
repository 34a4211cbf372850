"""Regulations and policy documents (政策法规) with government-portal metadata."""

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.core.blocks import BodyBlock

from ..choices import DocType, RelationKind, Status, Topic
from ..filters import Filter, ListSpec, distinct_values, years_of
from .base import AttachmentBase, ImportKeyMixin, KnowledgeIndexPage, has_related_rows


class DocumentMetadata(models.Model):
    """The metadata block Chinese government portals print above a document."""

    index_number = models.CharField(
        _("index number"),
        max_length=60,
        blank=True,
        help_text=_(
            "索引号 from the government information catalogue, e.g. 11410100MB0000000X/2024-00012."
        ),
    )
    doc_number = models.CharField(
        _("document number"),
        max_length=80,
        blank=True,
        help_text=_("文号, e.g. 郑政办〔2024〕12号."),
    )
    issuer = models.CharField(
        _("issuing authority"),
        max_length=100,
        blank=True,
        help_text=_("发布机构: the body that issued the document."),
    )
    topic = models.CharField(
        _("topic"),
        max_length=30,
        choices=Topic.choices,
        default=Topic.GENERAL,
        help_text=_("主题分类 used by the list filters and search facets."),
    )
    written_on = models.DateField(
        _("date written"),
        null=True,
        blank=True,
        help_text=_("成文日期: the date the document was signed."),
    )
    issued_on = models.DateField(
        _("date issued"), default=timezone.localdate, help_text=_("发布日期: the publication date.")
    )
    effective_on = models.DateField(
        _("effective date"), null=True, blank=True, help_text=_("施行日期: when it takes effect.")
    )
    status = models.CharField(
        _("validity"),
        max_length=20,
        choices=Status.choices,
        default=Status.CURRENT,
        help_text=_(
            "效力状态. Set automatically to amended or repealed when a newer document "
            "amends or replaces this one."
        ),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("Shown in lists, feeds and search results."),
    )

    metadata_panel = MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("index_number"), FieldPanel("doc_number")]),
            FieldRowPanel([FieldPanel("issuer"), FieldPanel("topic")]),
            FieldRowPanel(
                [FieldPanel("written_on"), FieldPanel("issued_on"), FieldPanel("effective_on")]
            ),
            FieldPanel("status"),
        ],
        heading=_("Document metadata"),
    )
    metadata_api_fields = [
        APIField("index_number"),
        APIField("doc_number"),
        APIField("issuer"),
        APIField("topic"),
        APIField("written_on"),
        APIField("issued_on"),
        APIField("effective_on"),
        APIField("status"),
        APIField("summary"),
    ]

    class Meta:
        abstract = True

    @property
    def date(self):
        return self.issued_on

    @cached_property
    def attachment_list(self):
        """The attachments (pages with an ``attachments`` relation) with their files, in
        one query: the page shows each file's address, type and size."""
        if not has_related_rows(self, "attachments", "page_id"):
            return []
        return list(self.attachments.select_related("document"))


class RegulationIndexPage(KnowledgeIndexPage):
    """政策法规: lists laws, regulations, rules, normative documents, standards and
    interpretations, filterable by type, topic, issuer, year and validity."""

    item_template = "knowledge/includes/regulation_item.html"
    subpage_types = ["knowledge.RegulationPage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("regulations index")

    @property
    def item_model(self):
        return RegulationPage

    list_spec = ListSpec(
        filters=[
            Filter("type", _("Type"), "doc_type", DocType.choices),
            Filter("topic", _("Topic"), "topic", Topic.choices),
            Filter("issuer", _("Issuing authority"), "issuer", distinct_values("issuer")),
            Filter("year", _("Year"), "issued_on__year", years_of("issued_on"), int),
            Filter("status", _("Validity"), "status", Status.choices),
        ],
        sorts={
            "newest": (_("Newest first"), ("-issued_on", "-pk")),
            "oldest": (_("Oldest first"), ("issued_on", "pk")),
            "title": (_("Title"), ("title", "pk")),
        },
        default_sort="newest",
    )


class RegulationPage(ImportKeyMixin, DocumentMetadata, Page):
    """One law, regulation or policy document. The metadata table, attachments and the
    documents it amends or replaces are shown on the page; publishing it updates the
    validity of the documents it amends (to 已修订) or replaces (to 已废止)."""

    doc_type = models.CharField(
        _("document type"),
        max_length=30,
        choices=DocType.choices,
        default=DocType.NORMATIVE,
        help_text=_("Law, regulation, rule, normative document, standard or interpretation."),
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name=_("full text"), help_text=_("The document text.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("doc_type"),
        DocumentMetadata.metadata_panel,
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments")),
        InlinePanel(
            "relations",
            label=_("Amends or replaces"),
            help_text=_(
                "Older documents this one amends or replaces; their validity updates on publish."
            ),
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("import_key")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("doc_number"),
        index.FilterField("status"),
        index.FilterField("topic"),
    ]
    api_fields = (
        [APIField("doc_type")]
        + DocumentMetadata.metadata_api_fields
        + [
            APIField("body"),
            APIField("attachments"),
        ]
    )
    parent_page_types = ["knowledge.RegulationIndexPage"]
    subpage_types = []
    template = "knowledge/regulation_page.html"
    # Listed under 最新发布 on the home page by this date (portal/home/latest.py).
    latest_date_field = "issued_on"

    class Meta:
        verbose_name = _("regulation or policy document")
        verbose_name_plural = _("regulations and policy documents")
        indexes = [models.Index(fields=["issued_on"]), models.Index(fields=["status"])]

    def __str__(self):
        return self.title

    @cached_property
    def amended_by(self):
        """The relations naming this document as the older one, with the newer documents
        read in the same query (the page links each of them)."""
        if not has_related_rows(self, "incoming_relations", "target_id"):
            return []
        return list(self.incoming_relations.select_related("page"))

    @cached_property
    def amends(self):
        """This document's own relations, with the older documents (same query)."""
        if not has_related_rows(self, "relations", "page_id"):
            return []
        return list(self.relations.select_related("target"))


class RegulationAttachment(AttachmentBase):
    page = ParentalKey(
        RegulationPage,
        on_delete=models.CASCADE,
        related_name="attachments",
        help_text=_("The document this file belongs to."),
    )


class DocumentRelation(Orderable):
    """“This document amends / replaces / repeals that one.” Both pages show the link."""

    page = ParentalKey(
        RegulationPage,
        on_delete=models.CASCADE,
        related_name="relations",
        help_text=_("The newer document that amends, replaces or repeals."),
    )
    kind = models.CharField(
        _("relation"),
        max_length=20,
        choices=RelationKind.choices,
        default=RelationKind.AMENDS,
        help_text=_(
            "Amends: the older one becomes 已修订. Replaces or repeals: it becomes 已废止."
        ),
    )
    target = models.ForeignKey(
        RegulationPage,
        on_delete=models.CASCADE,
        related_name="incoming_relations",
        verbose_name=_("older document"),
        help_text=_("The document that is amended, replaced or repealed."),
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("document relation")
        constraints = [
            models.UniqueConstraint(fields=["page", "target"], name="knowledge_relation_unique")
        ]
