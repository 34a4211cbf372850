"""Pages every government website carries in its footer: the 网站地图 (the public page
tree by section, built from the live tree, so it never goes stale) and the 隐私声明/网站声明
(what the site collects, copyright, links policy), written by the bureau.

Footer links: a page model with ``footer_link = True`` whose page sits directly under the
home page is linked from every page's footer (``portal.core.context_processors``, in the
same query as the main menu); the 政府信息公开 column of the knowledge app uses it too."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import BodyBlock


class SiteMapPage(Page):
    """网站地图: every public section with its pages, down to ``levels`` below the home page."""

    intro = models.CharField(
        _("introduction"),
        max_length=200,
        blank=True,
        help_text=_("One sentence above the map."),
    )
    levels = models.PositiveSmallIntegerField(
        _("levels"),
        default=3,
        help_text=_("How many levels below the home page the map shows (1 = sections only)."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("levels")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    footer_link = True
    template = "home/site_map_page.html"

    class Meta:
        verbose_name = _("site map")

    def tree(self):
        """[(section, [(child, [grandchild, …]), …]), …] of live, public pages in tree
        order, from one query. The map itself and hidden branches are left out."""
        home = self.get_parent()
        depth = home.depth + max(self.levels, 1)
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(home)
            .filter(depth__lte=depth)
            .exclude(pk=self.pk)
            .only("id", "title", "path", "depth", "url_path", "draft_title")
            .order_by("path")
        )
        nodes = {}
        roots = []
        for page in pages:
            node = (page, [])
            nodes[page.path] = node
            parent = nodes.get(page.path[: -Page.steplen])
            if parent is not None:
                parent[1].append(node)
            elif page.depth == home.depth + 1:
                roots.append(node)
        return roots

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = self.tree()
        return context


class StatementPage(Page):
    """隐私声明/网站声明: the bureau's statement on personal data, copyright and links."""

    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("Shown in lists and search results.")
    )
    updated_on = models.DateField(
        _("last revised"),
        default=timezone.localdate,
        help_text=_("The date the statement was last revised; printed under the title."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), help_text=_("The statement."))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("updated_on"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    api_fields = [APIField("summary"), APIField("updated_on"), APIField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    footer_link = True
    template = "home/statement_page.html"

    class Meta:
        verbose_name = _("site statement")
