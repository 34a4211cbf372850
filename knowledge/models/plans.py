"""Emergency plans (应急预案) and drills (应急演练)."""

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.core.blocks import BodyBlock

from ..choices import DrillType, PlanClass, PlanLevel, Status, Topic
from ..filters import Filter, ListSpec, distinct_values, years_of
from .base import AttachmentBase, ImportKeyMixin, KnowledgeIndexPage
from .regulations import DocumentMetadata

DEFAULT_REVIEW_MONTHS = 36


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


class PlanQuerySet(PageQuerySet):
    def review_overdue(self, today=None):
        """Plans whose next evaluation date has passed (shown to staff in the admin)."""
        today = today or timezone.localdate()
        return self.filter(next_review_on__lt=today).exclude(status=Status.REPEALED)


PlanManager = PageManager.from_queryset(PlanQuerySet)


class PlanIndexPage(KnowledgeIndexPage):
    """应急预案: lists plans by level, class, validity, year and topic."""

    item_template = "knowledge/includes/plan_item.html"
    subpage_types = ["knowledge.PlanPage", "knowledge.DrillIndexPage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("plans index")

    @property
    def item_model(self):
        return PlanPage

    def base_queryset(self):
        return super().base_queryset().select_related("parent_plan")

    list_spec = ListSpec(
        filters=[
            Filter("level", _("Plan level"), "level", PlanLevel.choices),
            Filter("class", _("Event class"), "plan_class", PlanClass.choices),
            Filter("issuer", _("Issuing authority"), "issuer", distinct_values("issuer")),
            Filter("year", _("Year"), "issued_on__year", years_of("issued_on"), int),
            Filter("status", _("Validity"), "status", Status.choices),
            Filter("topic", _("Topic"), "topic", Topic.choices),
        ],
        sorts={
            "newest": (_("Newest first"), ("-issued_on", "-pk")),
            "level": (_("Plan level"), ("level", "title", "pk")),
            "title": (_("Title"), ("title", "pk")),
        },
        default_sort="newest",
    )


class PlanPage(ImportKeyMixin, DocumentMetadata, Page):
    """One emergency plan. A special or department plan names the plan it connects to
    (专项 → 总体); the page shows that chain, the plans connected to it and the drills
    held on it. Plans are evaluated every ``review_interval_months``; when the next
    evaluation date passes, the plan appears in the admin report “Plans due for review”."""

    level = models.CharField(
        _("plan level"),
        max_length=20,
        choices=PlanLevel.choices,
        default=PlanLevel.SPECIAL,
        help_text=_("总体, 专项, 部门, 基层 or 企业 plan."),
    )
    plan_class = models.CharField(
        _("event class"),
        max_length=20,
        choices=PlanClass.choices,
        default=PlanClass.NATURAL,
        help_text=_("The class of emergency the plan covers."),
    )
    department = models.CharField(
        _("responsible department"),
        max_length=100,
        blank=True,
        help_text=_("The department that maintains and carries out the plan."),
    )
    parent_plan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sub_plans",
        verbose_name=_("connects to"),
        help_text=_("The higher-level plan this one connects to, e.g. the master plan."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=DEFAULT_REVIEW_MONTHS,
        help_text=_("How often the plan must be evaluated; 36 months is the usual rule."),
    )
    last_evaluated_on = models.DateField(
        _("last evaluated"),
        null=True,
        blank=True,
        help_text=_("Date of the last evaluation; empty means counted from the issue date."),
    )
    next_review_on = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Computed from the last evaluation (or issue date) and the interval."),
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name=_("full text"), help_text=_("The plan text.")
    )

    objects = PlanManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("level"), FieldPanel("plan_class")]),
                FieldPanel("department"),
                FieldPanel("parent_plan"),
                FieldRowPanel(
                    [FieldPanel("review_interval_months"), FieldPanel("last_evaluated_on")]
                ),
            ],
            heading=_("Plan"),
        ),
        DocumentMetadata.metadata_panel,
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments")),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("import_key")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("level"),
    ]
    api_fields = (
        [
            APIField("level"),
            APIField("plan_class"),
            APIField("department"),
            APIField("parent_plan"),
            APIField("review_interval_months"),
            APIField("last_evaluated_on"),
            APIField("next_review_on"),
        ]
        + DocumentMetadata.metadata_api_fields
        + [APIField("body"), APIField("attachments")]
    )
    parent_page_types = ["knowledge.PlanIndexPage"]
    subpage_types = []
    template = "knowledge/plan_page.html"
    # Listed under 最新发布 on the home page by this date (portal/home/latest.py).
    latest_date_field = "issued_on"

    class Meta:
        verbose_name = _("emergency plan")
        verbose_name_plural = _("emergency plans")

    def __str__(self):
        return self.title

    def compute_next_review(self):
        start = self.last_evaluated_on or self.issued_on
        self.next_review_on = add_months(start, self.review_interval_months) if start else None
        return self.next_review_on

    def save(self, *args, **kwargs):
        self.compute_next_review()
        return super().save(*args, **kwargs)

    @property
    def review_overdue(self):
        return bool(self.next_review_on and self.next_review_on < timezone.localdate())

    def plan_chain(self):
        """The plans above this one, top first (总体 → 专项 → …), guarding against loops."""
        chain, seen, current = [], {self.pk}, self.parent_plan
        while current is not None and current.pk not in seen:
            chain.insert(0, current)
            seen.add(current.pk)
            current = current.parent_plan
        return chain

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sub_plans"] = self.sub_plans.live().public().order_by("title")
        context["drills"] = self.drills.live().public().order_by("-drilled_on")
        return context


class PlanAttachment(AttachmentBase):
    page = ParentalKey(
        PlanPage,
        on_delete=models.CASCADE,
        related_name="attachments",
        help_text=_("The plan this file belongs to."),
    )


class DrillIndexPage(KnowledgeIndexPage):
    """应急演练: lists drills by type, year and plan."""

    item_template = "knowledge/includes/drill_item.html"
    subpage_types = ["knowledge.DrillPage"]
    parent_page_types = ["home.HomePage", "knowledge.PlanIndexPage"]

    class Meta:
        verbose_name = _("drills index")

    @property
    def item_model(self):
        return DrillPage

    def base_queryset(self):
        return super().base_queryset().select_related("plan")

    list_spec = ListSpec(
        filters=[
            Filter("type", _("Drill type"), "drill_type", DrillType.choices),
            Filter("year", _("Year"), "drilled_on__year", years_of("drilled_on"), int),
            Filter("issuer", _("Organiser"), "organiser", distinct_values("organiser")),
        ],
        sorts={
            "newest": (_("Newest first"), ("-drilled_on", "-pk")),
            "oldest": (_("Oldest first"), ("drilled_on", "pk")),
        },
        default_sort="newest",
    )


class DrillPage(Page):
    """One drill held on a plan: when, what kind, who took part, the scenario and what
    was learned. It is listed on its plan's page."""

    plan = models.ForeignKey(
        PlanPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drills",
        verbose_name=_("plan"),
        help_text=_("The emergency plan this drill exercised."),
    )
    drilled_on = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("Day of the drill.")
    )
    drill_type = models.CharField(
        _("drill type"),
        max_length=20,
        choices=DrillType.choices,
        default=DrillType.FULL_SCALE,
        help_text=_("Tabletop, functional, full-scale or combined."),
    )
    organiser = models.CharField(
        _("organiser"), max_length=100, help_text=_("The body that organised the drill.")
    )
    participants = models.CharField(
        _("participants"),
        max_length=300,
        blank=True,
        help_text=_("Participating units, e.g. 消防救援支队、应急救援支队、街道办."),
    )
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True, help_text=_("People taking part.")
    )
    location = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("Where it was held.")
    )
    scenario = models.TextField(_("scenario"), blank=True, help_text=_("The simulated emergency."))
    findings = RichTextField(
        _("findings"),
        blank=True,
        features=["bold", "ol", "ul"],
        help_text=_("What worked, what did not, and the follow-up measures."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("Shown in lists, feeds and search results."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("plan"),
        FieldRowPanel([FieldPanel("drilled_on"), FieldPanel("drill_type")]),
        FieldPanel("organiser"),
        FieldRowPanel([FieldPanel("participants"), FieldPanel("participant_count")]),
        FieldPanel("location"),
        FieldPanel("summary"),
        FieldPanel("scenario"),
        FieldPanel("findings"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("scenario"),
        index.SearchField("findings"),
    ]
    api_fields = [
        APIField("plan"),
        APIField("drilled_on"),
        APIField("drill_type"),
        APIField("organiser"),
        APIField("participants"),
        APIField("participant_count"),
        APIField("location"),
        APIField("scenario"),
        APIField("findings"),
    ]
    parent_page_types = ["knowledge.DrillIndexPage"]
    subpage_types = []
    template = "knowledge/drill_page.html"
    # Listed under 最新发布 on the home page by this date (portal/home/latest.py).
    latest_date_field = "drilled_on"

    class Meta:
        verbose_name = _("drill")
        verbose_name_plural = _("drills")

    @property
    def date(self):
        return self.drilled_on
