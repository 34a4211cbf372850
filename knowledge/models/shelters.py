"""Emergency shelters (应急避难场所): the list page with the nearest-shelter finder, the
overview map and the printable district list, and the shelter pages themselves.

Coordinates are stored in GCJ-02, the datum of the public maps the bureau reads them from
(docs/knowledge.md explains the choice); :mod:`portal.core.geo` converts them for the
``geo:`` link (WGS-84), Baidu (BD-09) and the browser's position (WGS-84)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.models import Page
from wagtail.search import index

from portal.core import geo
from portal.core.districts import District, district_order, parse

from ..choices import ShelterCategory, ShelterStatus, ShelterType
from ..filters import Filter, ListSpec
from ..shelters.maplinks import map_links
from ..shelters.overview import overview_map
from ..shelters.payload import finder_payload
from ..shelters.printing import district_pdf
from .base import ImportKeyMixin, KnowledgeIndexPage
from .directories import DistrictLinksMixin
from .landmarks import Landmark


class ShelterIndexPage(DistrictLinksMixin, KnowledgeIndexPage):
    """避难场所: every emergency shelter as a plain list, filterable by district and
    class, with a nearest-shelter finder (the browser computes distances from
    ``nearby/`` (JSON); no position reaches the server), an overview map drawn by the site
    itself and a printable list per district (``print/?district=``)."""

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
            Filter("status", _("Opening status"), "status", ShelterStatus.choices),
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

    def get_template(self, request, *args, **kwargs):
        return "knowledge/shelter_index_page.html"

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = overview_map(self.base_queryset())
        return context

    @path("nearby/", name="nearby")
    def nearby_data(self, request):
        """Everything the finder needs, the same for every visitor (so the page cache
        serves it): shelters with WGS-84 coordinates and map links, district seats and
        the bureau's landmarks."""

        response = JsonResponse(
            finder_payload(self, Landmark.objects.order_by("name")),
            json_dumps_params={"ensure_ascii": False},
        )
        return response

    @path("print/", name="print")
    def print_district(self, request):
        """A one-page PDF of one district's shelters, for notice boards and print-outs."""
        district = parse(request.GET.get("district"))
        if district is None:
            return HttpResponseBadRequest(
                gettext("Choose a district to print, e.g. ?district=jinshui."),
                content_type="text/plain; charset=utf-8",
            )
        pdf = district_pdf(district, self.base_queryset())
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="shelters-{district}.pdf"'
        return response


class ShelterPage(ImportKeyMixin, Page):
    """An emergency shelter: where it is, how many people it holds, whether it is open and
    what it offers."""

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
    shelter_type = models.CharField(
        _("shelter type"),
        max_length=10,
        choices=ShelterType.choices,
        default=ShelterType.OUTDOOR,
        help_text=_("Open ground (parks, squares), buildings (schools, gyms) or both."),
    )
    status = models.CharField(
        _("opening status"),
        max_length=10,
        choices=ShelterStatus.choices,
        default=ShelterStatus.CLOSED,
        help_text=_("Set to “open” when the shelter takes people in; “full” when it cannot."),
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
        help_text=_("GCJ-02 latitude as Amap or Tencent maps show it, e.g. 34.745300."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("GCJ-02 longitude as Amap or Tencent maps show it, e.g. 113.631200."),
    )
    search_text = models.CharField(
        max_length=400,
        blank=True,
        editable=False,
        help_text=_("Name and address, for the list's text filter."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("district"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("shelter_type"), FieldPanel("status")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("area")]),
        FieldPanel("facilities"),
        FieldRowPanel([FieldPanel("managing_unit"), FieldPanel("phone")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Coordinates (GCJ-02)"),
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("import_key")]
    search_fields = Page.search_fields + [
        index.SearchField("address"),
        index.SearchField("facilities"),
        index.FilterField("district"),
    ]
    api_fields = [
        APIField("district"),
        APIField("address"),
        APIField("category"),
        APIField("shelter_type"),
        APIField("status"),
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
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def gcj02(self):
        return (float(self.latitude), float(self.longitude)) if self.has_coordinates else None

    @property
    def wgs84(self):
        return geo.gcj02_to_wgs84(*self.gcj02) if self.has_coordinates else None

    @property
    def map_links(self):
        """Links that open the shelter in the phone's map apps, each in its own datum."""

        if not self.has_coordinates:
            return []
        return map_links(*self.gcj02, name=self.title, address=self.address)

    @property
    def map_url(self):
        """The ``geo:`` URI (RFC 5870, WGS-84) that any map app on the phone opens."""
        links = self.map_links
        return links[0]["url"] if links else ""
