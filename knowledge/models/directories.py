"""Public directories: emergency shelters and demonstration communities and schools."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from portal.core.districts import District, district_order, normalise_query

from ..choices import DemonstrationKind, ShelterCategory
from ..filters import Filter, ListSpec
from .base import KnowledgeIndexPage


class DistrictLinksMixin:
    """Old shared links keep working: a ``?district=`` that names a place by an older code
    (``gaoxin``), its label or short name (``高新区``) is answered with a permanent
    redirect to the same list, or feed, filtered by the site code (``hightech``)."""

    def serve(self, request, *args, **kwargs):
        query = normalise_query(request.GET)
        if query is not request.GET:
            return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")
        return super().serve(request, *args, **kwargs)


class ShelterIndexPage(DistrictLinksMixin, KnowledgeIndexPage):
    """避难场所: every emergency shelter as a plain list, filterable by district and
    class. The list needs no map and works on any phone."""

    item_template = "knowledge/includes/shelter_item.html"
    subpage_types = ["knowledge.ShelterPage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("shelters index")

    @property
    def item_model(self):
        return ShelterPage

    list_spec = ListSpec(
        filters=[
            Filter("district", _("District"), "district", District.choices),
            Filter("class", _("Shelter class"), "category", ShelterCategory.choices),
        ],
        sorts={
            "district": (_("District"), (district_order("district"), "title", "pk")),
            "capacity": (_("Capacity, largest first"), ("-capacity", "pk")),
            "title": (_("Name"), ("title", "pk")),
        },
        default_sort="district",
        search_lookup="search_text__icontains",
        page_size=30,
    )


class ShelterPage(Page):
    """An emergency shelter: where it is, how many people it holds and what it offers."""

    district = models.CharField(
        _("district"), max_length=20, choices=District.choices, help_text=_("District or county.")
    )
    address = models.CharField(
        _("address"),
        max_length=200,
        help_text=_("Street and number as shown on the page and used to find it on a map."),
    )
    category = models.CharField(
        _("shelter class"),
        max_length=10,
        choices=ShelterCategory.choices,
        default=ShelterCategory.SHORT,
        help_text=_("How long people can stay: class I long, II medium, III short term."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity (people)"), help_text=_("People it can hold.")
    )
    area = models.PositiveIntegerField(_("area (m²)"), help_text=_("Usable area in square metres."))
    facilities = models.TextField(
        _("facilities"),
        blank=True,
        help_text=_("One facility per line, e.g. 应急供水, 应急厕所, 应急照明, 医疗救护点."),
    )
    managing_unit = models.CharField(
        _("managing unit"), max_length=100, blank=True, help_text=_("Who runs the shelter.")
    )
    phone = models.CharField(
        _("telephone"), max_length=40, blank=True, help_text=_("Contact number.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("WGS-84 latitude, e.g. 34.746600."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("WGS-84 longitude, e.g. 113.625400."),
    )
    search_text = models.CharField(
        max_length=400,
        blank=True,
        editable=False,
        help_text=_("Name and address, for the list's text filter."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("district"), FieldPanel("category")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("area")]),
        FieldPanel("facilities"),
        FieldRowPanel([FieldPanel("managing_unit"), FieldPanel("phone")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Coordinates"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("address"),
        index.SearchField("facilities"),
        index.FilterField("district"),
    ]
    api_fields = [
        APIField("district"),
        APIField("address"),
        APIField("category"),
        APIField("capacity"),
        APIField("area"),
        APIField("facilities_list"),
        APIField("managing_unit"),
        APIField("phone"),
        APIField("latitude"),
        APIField("longitude"),
    ]
    parent_page_types = ["knowledge.ShelterIndexPage"]
    subpage_types = []
    template = "knowledge/shelter_page.html"

    class Meta:
        verbose_name = _("emergency shelter")
        verbose_name_plural = _("emergency shelters")

    def save(self, *args, **kwargs):
        self.search_text = f"{self.title} {self.address}"[:400]
        return super().save(*args, **kwargs)

    @property
    def facilities_list(self):
        return [line.strip() for line in self.facilities.splitlines() if line.strip()]

    @property
    def map_url(self):
        """A link that opens the coordinates in the visitor's own map app (geo: URI)."""
        if self.latitude is None or self.longitude is None:
            return ""
        return f"geo:{self.latitude},{self.longitude}"


def _award_years(qs):
    years = qs.order_by("-year_awarded").values_list("year_awarded", flat=True).distinct()
    return [(str(y), str(y)) for y in years if y]


class DemonstrationIndexPage(DistrictLinksMixin, KnowledgeIndexPage):
    """示范社区和学校: demonstration communities and schools, by kind and district."""

    item_template = "knowledge/includes/demonstration_item.html"
    subpage_types = ["knowledge.DemonstrationSitePage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("demonstration sites index")

    @property
    def item_model(self):
        return DemonstrationSitePage

    list_spec = ListSpec(
        filters=[
            Filter("type", _("Kind"), "kind", DemonstrationKind.choices),
            Filter("district", _("District"), "district", District.choices),
            Filter("year", _("Year awarded"), "year_awarded", _award_years, int),
        ],
        sorts={
            "district": (_("District"), (district_order("district"), "title", "pk")),
            "newest": (_("Newest first"), ("-year_awarded", "pk")),
        },
        default_sort="district",
        page_size=30,
    )


class DemonstrationSitePage(Page):
    """A demonstration community (综合减灾示范社区, 地震安全示范社区) or a
    防震减灾科普教育示范学校."""

    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=DemonstrationKind.choices,
        help_text=_("Which title it holds."),
    )
    district = models.CharField(
        _("district"), max_length=20, choices=District.choices, help_text=_("District or county.")
    )
    address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_("Street and number as shown on the page and used to find it on a map."),
    )
    year_awarded = models.PositiveSmallIntegerField(
        _("year awarded"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Year the title was awarded."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the community or school does well.")
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("district")]),
        FieldPanel("address"),
        FieldPanel("year_awarded"),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]
    api_fields = [
        APIField("kind"),
        APIField("district"),
        APIField("address"),
        APIField("year_awarded"),
        APIField("description"),
    ]
    parent_page_types = ["knowledge.DemonstrationIndexPage"]
    subpage_types = []
    template = "knowledge/demonstration_page.html"

    class Meta:
        verbose_name = _("demonstration community or school")
        verbose_name_plural = _("demonstration communities and schools")
