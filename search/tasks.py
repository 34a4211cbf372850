"""django-q2 tasks. Each is safe to run twice (django-q2 retries failed tasks)."""

from __future__ import annotations

from wagtail.models import Page

from . import indexing, stats


def sync_keys(keys: list[str]) -> dict[str, int]:
    """Re-render these documents from their sources and update the indices."""
    return indexing.apply(keys)


def sync_subtree(page_id: int) -> dict[str, int]:
    """After a page move: its URL and its descendants' URLs changed."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return {"indexed": 0, "deleted": 0}
    keys = []
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific().iterator():
        keys += [s.key_for(descendant) for s in indexing.sources_for(type(descendant))]
    return indexing.apply(keys)


def catch_up() -> str:
    return indexing.catch_up()


def check_consistency() -> str:
    return indexing.check_consistency()


def flush_query_stats() -> dict[str, int]:
    """Add the searches counted in the cache to the query statistics (every minute)."""
    return stats.flush()
