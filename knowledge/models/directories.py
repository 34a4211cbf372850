"""Public directories: emergency shelters and demonstration communities and schools."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from portal.core.districts import District, district_order, normalise_query

from ..choices import DemonstrationKind
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
