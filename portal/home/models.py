"""The home page and plain content pages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core import routing, sitememo
from portal.core.blocks import BodyBlock
from portal.core.hazard_guidance import guidance_links
from portal.core.models import AlertBanner

from .latest import latest_publications


class QuickLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=20)
    description = blocks.CharBlock(label=_("Description"), max_length=40, required=False)

    class Meta:
        icon = "link"
        label = _("Quick link")


class HomePage(Page):
    """The portal's front page. Editors set the welcome text and the quick-service tiles;
    the "latest" list fills itself from the newest official publications (see
    :mod:`portal.home.latest`)."""

    intro = models.CharField(
        _("introduction"),
        max_length=200,
        blank=True,
        help_text=_("One sentence under the bureau name, e.g. the bureau's mission."),
    )
    quick_links = StreamField(
        [("link", QuickLinkBlock())],
        blank=True,
        verbose_name=_("quick service tiles"),
        help_text=_("Up to eight tiles for the most-used services (shelters, plans, hotline…)."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Optional text under the tiles."),
    )
    latest_count = models.PositiveSmallIntegerField(
        _("number of latest items"),
        default=8,
        help_text=_("How many recently published pages to list."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("quick_links"),
        FieldPanel("body"),
        FieldPanel("latest_count"),
    ]
    api_fields = [APIField("intro"), APIField("body")]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def latest_pages(self, request=None):
        """最新发布: official publications below the home page by their issue date;
        remembered by the worker for the day until the site changes (``sitememo``)."""
        today = timezone.localdate()
        return sitememo.remember(
            ("home_latest", self.pk, self.latest_count, today),
            lambda: latest_publications(self, self.latest_count, today),
            request,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_pages"] = self.latest_pages(request)
        context["sections"] = sitememo.remember(
            ("home_sections", self.pk),
            lambda: list(self.get_children().live().in_menu()),
            request,
        )
        context["shelters_page"] = sitememo.remember("shelters_page", shelters_page, request)
        alert = emergency_alert(request)
        if alert is not None:
            context["alert"] = alert
            context["guidance"] = guidance_links(alert.hazard)
        return context

    def route(self, request, path_components):
        """Wagtail's routing from the site root, remembered per path (``routing.py``)."""
        return routing.route(self, request, path_components)

    def get_template(self, request, *args, **kwargs):
        """While a red or orange alert is active the home page is the light emergency
        layout. The page cache keeps that in step: saving an alert starts a new cache
        generation, and cached pages expire when an alert's time window opens or closes."""
        if emergency_alert(request) is not None:
            return "home/home_emergency.html"
        return super().get_template(request, *args, **kwargs)


def emergency_alert(request=None):
    """The current alert if it is red or orange, else None."""
    alert = AlertBanner.objects.current_for(request)
    return alert if alert is not None and alert.is_emergency else None


def shelters_page():
    """The live shelter list (the knowledge app's), found by its page type's name so the
    site shell needs no import of the knowledge models; None when the site has none."""
    page = (
        Page.objects.live()
        .public()
        .filter(content_type__app_label="knowledge", content_type__model="shelterindexpage")
        .order_by("path")
        .first()
    )
    return page


class StandardPage(Page):
    """A plain page of text: about the bureau, its structure, contact information."""

    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("Shown in lists and search results.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), help_text=_("The page content."))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    api_fields = [APIField("summary"), APIField("body")]

    class Meta:
        verbose_name = _("standard page")


# Defined in their own module, registered with the app here.
from .site_pages import SiteMapPage, StatementPage  # noqa: E402

__all__ = ["HomePage", "QuickLinkBlock", "SiteMapPage", "StandardPage", "StatementPage"]
