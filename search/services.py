"""Searching, as the views and the command line use it: the active engine, the fallback
to the embedded engine, suggestions, editor's picks and the query statistics report (the
counting itself is in :mod:`search.stats`)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from portal.core import sitememo

from .engines import SearchQuery, SearchResults, embedded, get_engine
from .models import IndexEntry, QueryLog
from .segmenter import clean_query
from .signals import queue
from .sources import PUBLIC

logger = logging.getLogger("search")

FALLBACK_NOTICE = _(
    "The main search service is temporarily unavailable; these results come from the "
    "backup index and may miss the newest changes."
)


def run_search(query: SearchQuery) -> SearchResults:
    """Search on the configured engine; if it is unreachable, answer from the embedded
    engine with a notice, log it and queue a catch-up."""
    try:
        return get_engine().search(query)
    except Exception as exc:  # noqa: BLE001 - any engine failure: the embedded index answers
        if settings.SEARCH_ENGINE == "database":
            raise  # the embedded engine is the fallback; its errors are bugs
        logger.warning("search: %s; answering from the embedded index", exc)
        results = embedded().search(query)
        results.notice = FALLBACK_NOTICE
        if cache.add("search:catch-up-queued", 1, timeout=300):
            queue("search.tasks.catch_up")
        return results


def suggest(text: str, limit: int = 8) -> list[dict]:
    """Titles of public documents containing what was typed so far (newest first)."""
    text = clean_query(text)
    if len(text) < 1:
        return []
    rows = (
        IndexEntry.objects.filter(audience=PUBLIC, title__icontains=text)
        .order_by(F("date").desc(nulls_last=True), "-id")
        .values("title", "url", "type_label")[:limit]
    )
    return [dict(r) for r in rows]


def editors_picks(text: str) -> list[dict]:
    """Wagtail search promotions for exactly this query (editors set them in the admin),
    as ``{"title", "url", "description"}``; unpublished pages are left out."""
    if not text:
        return []
    picks = sitememo.remember("search:picks", _all_picks).get(normalise_query_string(text))
    return [dict(pick) for pick in picks or ()]


def _all_picks() -> dict[str, list[dict]]:
    """Every promoted query's picks, kept per worker until the site changes (a promotion,
    a query or a page saved replaces the site generation: ``search/apps.py`` and
    ``portal/core/signals.py``); editors promote a few dozen queries, not thousands."""
    picks: dict[str, list[dict]] = {}
    promotions = SearchPromotion.objects.select_related("query", "page")
    for pick in promotions.order_by("query_id", "sort_order", "pk"):
        if pick.page_id:
            if not pick.page.live:
                continue
            url = pick.page.get_url()
        else:
            url = pick.external_link_url
        if url:
            picks.setdefault(pick.query.query_string, []).append(
                {"title": pick.title, "url": url, "description": pick.description}
            )
    return picks


def query_statistics(days: int = 30, limit: int = 50) -> dict[str, list[dict]]:
    """Top queries and queries that found nothing over the last ``days`` days."""
    since = timezone.localdate() - dt.timedelta(days=days - 1)
    rows = QueryLog.objects.filter(day__gte=since).values("query")
    top = rows.annotate(n=Sum("searches"), zero=Sum("zero_results")).order_by("-n", "query")
    zero = (
        rows.annotate(n=Sum("zero_results"), total=Sum("searches"))
        .filter(n__gt=0)
        .order_by("-n", "query")
    )
    return {"top": list(top[:limit]), "zero": list(zero[:limit])}
