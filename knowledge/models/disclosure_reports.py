"""年度报告 and 建议提案办理结果 of the 政府信息公开 column.

An annual report follows the national template (国办公开办发〔2021〕30号): narrative parts
in the body and three standard tables as structured blocks, whose totals are computed, not
typed. A reply to a deputy's suggestion or a CPPCC member's proposal carries the number,
proposer, session and the reply letter, published in full or as a summary."""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from ..filters import Filter, ListSpec, distinct_values, years_of
from .base import KnowledgeIndexPage
from .disclosure import DisclosureRecordPage


class ProactiveTableBlock(blocks.StructBlock):
    """二、主动公开政府信息情况."""

    rules_made = blocks.IntegerBlock(label=_("Rules issued this year"), min_value=0, default=0)
    rules_repealed = blocks.IntegerBlock(
        label=_("Rules repealed this year"), min_value=0, default=0
    )
    rules_current = blocks.IntegerBlock(label=_("Rules in force"), min_value=0, default=0)
    normative_made = blocks.IntegerBlock(
        label=_("Normative documents issued this year"), min_value=0, default=0
    )
    normative_repealed = blocks.IntegerBlock(
        label=_("Normative documents repealed this year"), min_value=0, default=0
    )
    normative_current = blocks.IntegerBlock(
        label=_("Normative documents in force"), min_value=0, default=0
    )
    licences = blocks.IntegerBlock(label=_("Licensing decisions"), min_value=0, default=0)
    penalties = blocks.IntegerBlock(label=_("Penalty decisions"), min_value=0, default=0)
    coercive = blocks.IntegerBlock(label=_("Coercive measures"), min_value=0, default=0)
    fees = blocks.DecimalBlock(
        label=_("Administrative fees (10,000 yuan)"), min_value=0, default=0, decimal_places=2
    )

    class Meta:
        label = _("Proactive disclosure table")
        template = "knowledge/blocks/proactive_table.html"


# (row key, label); the outcome rows add up to the 总计 row.
REQUEST_ROWS = [
    ("new", _("I. New requests this year")),
    ("carried_in", _("II. Requests carried over from last year")),
]
OUTCOME_ROWS = [
    ("disclosed", _("(1) Disclosed")),
    ("partly", _("(2) Partly disclosed")),
    ("refused", _("(3) Not disclosed")),
    ("unavailable", _("(4) Information not held")),
    ("not_processed", _("(5) Not processed")),
    ("other", _("(6) Handled otherwise")),
]
CARRIED_OUT = ("carried_out", _("IV. Carried over to next year"))
APPLICANTS = [("person", _("Natural persons")), ("organisation", _("Legal persons and others"))]


def _request_fields():
    rows = REQUEST_ROWS + OUTCOME_ROWS + [CARRIED_OUT]
    return [
        (
            f"{row}_{who}",
            blocks.IntegerBlock(
                label=format_lazy("{} · {}", label, who_label), min_value=0, default=0
            ),
        )
        for row, label in rows
        for who, who_label in APPLICANTS
    ]


class RequestsTableBlock(blocks.StructBlock):
    """三、收到和处理政府信息公开申请情况, by kind of applicant."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(local_blocks=_request_fields() + list(local_blocks or []), **kwargs)

    class Meta:
        label = _("Information requests table")
        template = "knowledge/blocks/requests_table.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["rows"] = requests_rows(value)
        context["applicants"] = [label for _key, label in APPLICANTS]
        return context


def _figures(value, row):
    counts = [value.get(f"{row}_{who}") or 0 for who, _label in APPLICANTS]
    return counts + [sum(counts)]


def requests_rows(value) -> list[tuple]:
    """(label, [person, organisation, total], is_heading) rows of the requests table."""
    rows = [(label, _figures(value, key), False) for key, label in REQUEST_ROWS]
    rows.append((_("III. Outcome this year"), None, True))
    outcomes = [_figures(value, key) for key, _label in OUTCOME_ROWS]
    rows += [
        (label, figures, False) for (_k, label), figures in zip(OUTCOME_ROWS, outcomes, strict=True)
    ]
    rows.append((_("(7) Total"), [sum(col) for col in zip(*outcomes, strict=True)], False))
    rows.append((CARRIED_OUT[1], _figures(value, CARRIED_OUT[0]), False))
    return rows


REVIEW_OUTCOMES = [
    ("upheld", _("Upheld")),
    ("corrected", _("Corrected")),
    ("other", _("Other outcome")),
    ("pending", _("Pending")),
]
REVIEW_GROUPS = [
    ("review", _("Administrative review")),
    ("direct", _("Lawsuit without prior review")),
    ("after", _("Lawsuit after review")),
]


class ReviewsTableBlock(blocks.StructBlock):
    """四、政府信息公开行政复议、行政诉讼情况."""

    def __init__(self, local_blocks=None, **kwargs):
        fields = [
            (
                f"{group}_{outcome}",
                blocks.IntegerBlock(
                    label=format_lazy("{} · {}", group_label, label), min_value=0, default=0
                ),
            )
            for group, group_label in REVIEW_GROUPS
            for outcome, label in REVIEW_OUTCOMES
        ]
        super().__init__(local_blocks=fields + list(local_blocks or []), **kwargs)

    class Meta:
        label = _("Review and litigation table")
        template = "knowledge/blocks/reviews_table.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        groups = []
        for group, label in REVIEW_GROUPS:
            counts = [value.get(f"{group}_{key}") or 0 for key, _l in REVIEW_OUTCOMES]
            groups.append((label, counts + [sum(counts)]))
        context["groups"] = groups
        context["outcomes"] = [label for _key, label in REVIEW_OUTCOMES]
        return context


class AnnualReportBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title")
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "ol", "ul", "link"]
    )
    proactive = ProactiveTableBlock()
    requests = RequestsTableBlock()
    reviews = ReviewsTableBlock()


class AnnualReportIndexPage(KnowledgeIndexPage):
    """年度报告: the yearly reports on government information disclosure."""

    item_template = "knowledge/includes/disclosure_item.html"
    subpage_types = ["knowledge.AnnualReportPage"]
    parent_page_types = ["knowledge.DisclosureIndexPage"]

    class Meta:
        verbose_name = _("annual reports index")

    @property
    def item_model(self):
        return AnnualReportPage

    list_spec = ListSpec(
        filters=[Filter("year", _("Year"), "report_year", distinct_values("report_year"), int)],
        sorts={
            "newest": (_("Newest first"), ("-report_year", "-pk")),
            "oldest": (_("Oldest first"), ("report_year", "pk")),
        },
        default_sort="newest",
    )


class AnnualReportPage(DisclosureRecordPage):
    """e.g. 郑州市应急管理局2025年政府信息公开工作年度报告: six parts, three standard tables."""

    report_year = models.PositiveSmallIntegerField(
        _("report year"), help_text=_("The year the report covers (published early next year).")
    )
    report = StreamField(
        AnnualReportBlock(),
        verbose_name=_("report"),
        help_text=_(
            "Headings and text of the six parts, with the three standard tables where "
            "the template puts them."
        ),
    )

    content_panels = DisclosureRecordPage.content_panels[:-1] + [
        FieldPanel("report_year"),
        FieldPanel("report"),
    ]
    search_fields = DisclosureRecordPage.search_fields + [index.SearchField("report")]
    api_fields = DisclosureRecordPage.api_fields + [APIField("report_year"), APIField("report")]
    parent_page_types = ["knowledge.AnnualReportIndexPage"]
    subpage_types = []
    template = "knowledge/annual_report_page.html"

    class Meta:
        verbose_name = _("annual disclosure report")


class ReplyKind(models.TextChoices):
    SUGGESTION = "suggestion", _("Deputy's suggestion")
    PROPOSAL = "proposal", _("CPPCC proposal")


class DisclosureMode(models.TextChoices):
    FULL = "full", _("Full text")
    SUMMARY = "summary", _("Summary only")


class ReplyIndexPage(KnowledgeIndexPage):
    """建议提案办理结果: replies to deputies' suggestions and CPPCC proposals, filterable
    by year, kind and session."""

    item_template = "knowledge/includes/reply_item.html"
    subpage_types = ["knowledge.ReplyPage"]
    parent_page_types = ["knowledge.DisclosureIndexPage"]

    class Meta:
        verbose_name = _("replies to suggestions index")

    @property
    def item_model(self):
        return ReplyPage

    list_spec = ListSpec(
        filters=[
            Filter("year", _("Year"), "issued_on__year", years_of("issued_on"), int),
            Filter("kind", _("Kind"), "kind", ReplyKind.choices),
            Filter("session", _("Session"), "session", distinct_values("session")),
        ],
        sorts={
            "newest": (_("Newest first"), ("-issued_on", "-pk")),
            "oldest": (_("Oldest first"), ("issued_on", "pk")),
            "number": (_("Number"), ("reply_number", "pk")),
        },
        default_sort="newest",
    )


class ReplyPage(DisclosureRecordPage):
    """The bureau's reply to one suggestion or proposal. The body is the reply letter, or
    its summary when the letter is disclosed as a summary only."""

    reply_number = models.CharField(
        _("number"),
        max_length=40,
        help_text=_("The suggestion's or proposal's number in the session, e.g. 第0318号."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ReplyKind.choices,
        default=ReplyKind.SUGGESTION,
        help_text=_("建议 of a people's congress deputy or 提案 of a CPPCC member."),
    )
    session = models.CharField(
        _("session"),
        max_length=60,
        help_text=_("The meeting it was raised at, e.g. 市十五届人大四次会议."),
    )
    proposer = models.CharField(
        _("proposer"), max_length=100, help_text=_("The deputy or member (or group) who raised it.")
    )
    disclosure_mode = models.CharField(
        _("disclosure"),
        max_length=20,
        choices=DisclosureMode.choices,
        default=DisclosureMode.FULL,
        help_text=_("全文公开 or 摘要公开: the body holds the letter or its summary."),
    )

    content_panels = DisclosureRecordPage.content_panels[:1] + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("reply_number"), FieldPanel("kind")]),
                FieldRowPanel([FieldPanel("session"), FieldPanel("proposer")]),
                FieldPanel("disclosure_mode"),
            ],
            heading=_("Suggestion or proposal"),
        ),
        DisclosureRecordPage.record_panel,
        FieldPanel("summary"),
        FieldPanel("body", heading=_("Reply letter")),
    ]
    search_fields = DisclosureRecordPage.search_fields + [
        index.SearchField("proposer"),
        index.FilterField("kind"),
    ]
    api_fields = DisclosureRecordPage.api_fields + [
        APIField("reply_number"),
        APIField("kind"),
        APIField("session"),
        APIField("proposer"),
        APIField("disclosure_mode"),
    ]
    parent_page_types = ["knowledge.ReplyIndexPage"]
    subpage_types = []
    template = "knowledge/reply_page.html"

    class Meta:
        verbose_name = _("reply to a suggestion or proposal")
        verbose_name_plural = _("replies to suggestions and proposals")
