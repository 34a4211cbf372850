"""Cached public search results, so a surge of identical searches runs the engine once.

What is cached: the results and editor's picks of a *public* query (no staff audience, no
jurisdiction scoping: :func:`cacheable` refuses those, so a staff search can never read or
write an anonymous entry), and the title suggestions of the search box. The views use the
cache for anonymous visitors only. The key is the normalised query (text after
:func:`~search.segmenter.clean_query`, filters, sort, page, page size, see
:func:`search.params.parse`), the active language and the site generation of the page
cache (:func:`portal.core.pagecache.current_generation`).

Never stale: the generation is replaced whenever public content changes (page publish,
unpublish, move, delete, snippets, documents; see ``portal/core/signals.py``), whenever the
search index changes (:func:`index_changed`, called by :mod:`search.indexing` after every
write that touches public documents, *after* the write is visible) and when editors change
promoted results (``SearchPromotion`` and ``Query`` are watched in ``apps.py``). Results
answered by the backup engine while OpenSearch is down are kept only
``FALLBACK_SECONDS``, so the notice goes away soon after OpenSearch is back.

Settings: ``SEARCH_CACHE_SECONDS`` (300; 0 turns this cache off); ``PAGE_CACHE_ENABLED``
= 0 turns it off too."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from portal.core import pagecache
from portal.core.signals import invalidate

from .engines import SearchQuery, SearchResults
from .segmenter import clean_query
from .sources import PUBLIC

FALLBACK_SECONDS = 30
KEY_FORMAT = 1


def lifetime() -> int:
    """Seconds an entry is kept; 0 when caching is off."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return 0
    return max(0, int(getattr(settings, "SEARCH_CACHE_SECONDS", 300)))


def cacheable(query: SearchQuery) -> bool:
    """Only the public audience, unscoped, may share entries between visitors."""
    return lifetime() > 0 and query.audience == PUBLIC and query.jurisdictions is None


def _key(kind: str, *parts) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    raw = repr((KEY_FORMAT, kind, language) + parts)
    digest = hashlib.sha1(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"search:{kind}:{pagecache.current_generation()}:{digest}"


def query_key(query: SearchQuery) -> str:
    """The entry key of a normalised public query under the current generation."""
    filters = tuple(sorted(query.filters.items()))
    return _key("results", query.text, filters, query.sort, query.page, query.per_page)


def search(query: SearchQuery, run) -> tuple[SearchResults, list[dict], bool]:
    """``(results, picks, hit)``: from the cache, or from ``run(query)`` (which returns
    ``(results, picks)``) and then stored. Callers check :func:`cacheable` first."""
    key = query_key(query)  # read the generation before searching, never after
    entry = cache.get(key)
    if entry is not None:
        return entry[0], entry[1], True
    results, picks = run(query)
    timeout = FALLBACK_SECONDS if results.notice else lifetime()
    cache.set(key, (results, picks), min(timeout, lifetime()))
    return results, picks, False


def suggestions(text: str, run) -> list[dict]:
    """Title suggestions for ``text`` from the cache, or from ``run(text)`` and stored."""
    if lifetime() == 0:
        return run(text)
    key = _key("suggest", clean_query(text))
    entry = cache.get(key)
    if entry is None:
        entry = run(text)
        cache.set(key, entry, lifetime())
    return entry


def index_changed() -> None:
    """The public index changed: every cached search (and page) is stale from now on."""
    invalidate()
