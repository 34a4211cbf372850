"""Factories for search tests and benchmarks: synthetic documents and real pages."""

import datetime as dt

import factory
from wagtail.models import Page
from wagtail.rich_text import RichText

from portal.home.models import StandardPage

from .sources import PUBLIC, SearchDocument


class SearchDocumentFactory(factory.Factory):
    """A synthetic :class:`SearchDocument` (no model behind it)."""

    class Meta:
        model = SearchDocument

    key = factory.Sequence(lambda n: f"test.doc:{n}")
    source = "test.doc"
    type = "article"
    type_label = "文章"
    title = factory.Sequence(lambda n: f"测试文档{n}")
    url = factory.LazyAttribute(lambda o: f"/test/{o.key.rpartition(':')[2]}/")
    body = "这是一篇用于测试的文档。"
    summary = ""
    date = dt.date(2024, 1, 1)
    topic = ""
    issuer = ""
    status = ""
    audience = PUBLIC
    jurisdiction = ""


def standard_page(title, text, parent=None, summary="", publish=True, slug=None):
    """A portal.home StandardPage under ``parent`` (default: the site's home page)."""
    if parent is None:
        parent = Page.objects.get(depth=2)
    page = StandardPage(
        title=title,
        slug=slug or f"p-{Page.objects.count() + 1}",
        summary=summary,
        body=[("paragraph", RichText(f"<p>{text}</p>"))],
        live=False,
    )
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
