"""Building blocks shared by the knowledge page types: list pages with filters and feeds,
stable import keys and file attachments."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from portal.core import sitememo

from ..feeds import AtomListFeed, ListFeed
from ..filters import run_list


def has_related_rows(page, relation: str, field: str) -> bool:
    """Whether any row of ``page``'s ``relation`` (attachments, document relations) points
    at it through ``field``. The ids of the pages that have such rows are remembered per
    site generation (``sitememo``: publishing saves these rows with the page), so the
    many pages without any are shown without querying for them. A preview holds its rows
    in memory: always True there."""
    if relation in getattr(page, "_cluster_related_objects", {}):
        return True
    model = getattr(page, relation).model
    ids = sitememo.remember(
        ("pages_with", model._meta.label, field),
        lambda: frozenset(model.objects.values_list(field, flat=True).distinct()),
    )
    return page.pk in ids


class ImportKeyMixin(models.Model):
    """A stable identifier from the system a page was migrated from (``key`` in
    ``manage.py import_knowledge``). Re-importing a row with the same key updates this page
    instead of creating another one."""

    import_key = models.CharField(
        _("import key"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable identifier used by bulk imports; leave empty for pages made here."),
    )

    class Meta:
        abstract = True


class KnowledgeIndexPage(RoutablePageMixin, Page):
    """A section list (e.g. 政策法规). It lists the published pages below it with filters,
    sorting and pagination, and offers RSS (``feed/``) and Atom (``atom/``) feeds that
    follow the same filters. Editors only write the introduction."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown above the list."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    item_template = ""
    max_count = 1
    # Fields of the items that the list rows do not show (not read, nor converted: the
    # page's bookkeeping dates, UUID and revision links cost most of building a row).
    list_deferred = (
        "body",
        "translation_key",
        "latest_revision",
        "live_revision",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "owner",
        "seo_title",
        "search_description",
        "alias_of",
    )

    class Meta:
        abstract = True

    # Subclasses set these.
    item_model: type[Page]
    list_spec = None

    def get_template(self, request, *args, **kwargs):
        return "knowledge/index_page.html"

    def base_queryset(self):
        """Published, public items of this section with what the list rows show."""
        # exclude(private_q()) is .public() without its query of the restrictions.
        return self.item_model.objects.live().exclude(sitememo.private_q()).descendant_of(self)

    def list_queryset(self):
        """:meth:`base_queryset` without the fields the rows never print."""
        names = {f.name for f in self.item_model._meta.get_fields()}
        return self.base_queryset().defer(*(n for n in self.list_deferred if n in names))

    def filtered(self, request):
        # Building the list's query (live, public, under this page) costs a third of a
        # millisecond: built once per site generation, each view filters its own copy.
        # The page names its list for the worker's memory of counts, choices and rows.
        queryset = sitememo.remember(("list_queryset", self.pk), self.list_queryset, request)
        return run_list(self.list_spec, queryset.all(), request, key=("list", self.pk))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, page_obj = self.filtered(request)
        context.update(
            filter_form=form,
            items=page_obj,
            noindex=form.is_filtered,
            item_template=self.item_template,
            query_string=request.GET.urlencode(),
        )
        return context

    @path("feed/", name="rss")
    def rss_feed(self, request):
        return ListFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return AtomListFeed(self)(request)


class AttachmentBase(Orderable):
    """A file attached to a document or plan (PDF, Word, Excel); the page shows its type
    and size, and search indexes the text of PDF and Word files."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("file"),
        help_text=_("Upload or choose a PDF, Word or Excel file."),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Shown as the link text; defaults to the document title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def label(self):
        return self.title or self.document.title

    @property
    def file_type(self):
        return (self.document.file_extension or "").upper()
