"""RSS and Atom feeds of every list, following the list's filters.

``/regulations/feed/?status=current`` lists the same documents as
``/regulations/?status=current``, newest first, at most :data:`FEED_SIZE` items."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from portal.core import baseurl
from portal.core.models import BureauSettings
from portal.core.textclean import clean_text

from .filters import ListFilterForm

FEED_SIZE = 30


def _public(url):
    """On the public address when PORTAL_BASE_URL is set; otherwise the syndication
    framework completes relative links with the request's host, as before."""
    return baseurl.absolute(url) if baseurl.base_url() else url


def _clean(value):
    if isinstance(value, (list, tuple)):
        return type(value)(_clean(v) for v in value)
    return clean_text(value)


class _CleanFeedMixin:
    """XML 1.0 forbids control characters and Django's feed writer raises on them: text
    saved before input was cleaned (or by a path that bypasses ``save()``) is cleaned here,
    so one bad title can never break the feed for everyone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*(_clean(a) for a in args), **{k: _clean(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        return super().add_item(
            *(_clean(a) for a in args), **{k: _clean(v) for k, v in kwargs.items()}
        )


class CleanRssFeed(_CleanFeedMixin, Rss201rev2Feed):
    pass


class CleanAtomFeed(_CleanFeedMixin, Atom1Feed):
    pass


class ListFeed(Feed):
    feed_type = CleanRssFeed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        spec = self.index_page.list_spec
        base = self.index_page.base_queryset()
        self.form = ListFilterForm(spec, base, data=request.GET)
        return self.index_page

    def title(self, obj):
        summary = self.form.active_summary()
        return f"{obj.title} {summary}" if summary else obj.title

    def link(self, obj):
        query = self.request.GET.urlencode()
        return _public(obj.get_url(self.request) + (f"?{query}" if query else ""))

    def feed_url(self, obj):
        return _public(self.request.get_full_path())

    def description(self, obj):
        return obj.intro or _("Latest items of %(section)s") % {"section": obj.title}

    def items(self, obj):
        return self.form.apply(obj.base_queryset())[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "") or ""

    def item_link(self, item):
        return _public(item.get_url(self.request))

    def item_pubdate(self, item):
        day = getattr(item, "date", None)
        if isinstance(day, dt.date):
            return timezone.make_aware(dt.datetime.combine(day, dt.time(8)))
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        topic = getattr(item, "get_topic_display", None)
        return [topic()] if topic else []


class AtomListFeed(ListFeed):
    feed_type = CleanAtomFeed

    def author_name(self, obj):
        """Atom requires an author for the feed: the bureau that publishes the list."""
        return BureauSettings.for_site(obj.get_site()).bureau_name

    def subtitle(self, obj):
        return self.description(obj)
