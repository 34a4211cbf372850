"""Keeping the indices in step with the content.

The embedded index is always written (it is the fallback and the source of truth for
consistency checks); the OpenSearch index too when ``SEARCH_ENGINE=opensearch``. A write
that OpenSearch misses is remembered in :class:`~search.models.PendingSync` and replayed
by :func:`catch_up`."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import lru_cache

from . import cache
from .engines import EngineUnavailable, embedded, get_engine, uses_opensearch
from .models import IndexEntry, PendingSync
from .sources import PUBLIC, STAFF, SearchDocument, SearchSource, discover_sources

logger = logging.getLogger("search")


@lru_cache(maxsize=1)
def sources() -> dict[str, SearchSource]:
    return discover_sources()


def sources_for(model) -> list[SearchSource]:
    return [s for s in sources().values() if s.model is not None and issubclass(model, s.model)]


def split_key(key: str) -> tuple[str, str]:
    name, _, pk = key.rpartition(":")
    return name, pk


def document_for_key(key: str) -> SearchDocument | None:
    """The current document for ``key``, or None if it should not be indexed."""
    name, pk = split_key(key)
    source = sources().get(name)
    if source is None or source.model is None:
        return None
    obj = source.queryset().filter(pk=pk).first()
    if obj is None or not source.should_index(obj):
        return None
    return source.to_document(obj)


def all_documents(errors: list | None = None) -> Iterator[SearchDocument]:
    """Every document of every source. A failing object is logged and skipped."""
    for source in sources().values():
        for obj in source.queryset().iterator(chunk_size=200):
            try:
                yield source.to_document(obj)
            except Exception as exc:  # one broken item must not stop a rebuild
                logger.exception("search: cannot index %s", source.key_for(obj))
                if errors is not None:
                    errors.append(f"{source.key_for(obj)}: {exc}")


def _remember(keys: list[str], exc: Exception) -> None:
    logger.warning(
        "search: OpenSearch missed %d change(s), queued for catch-up: %s", len(keys), exc
    )
    for key in keys:
        PendingSync.objects.get_or_create(key=key)


def _is_public_key(key: str) -> bool:
    source = sources().get(split_key(key)[0])
    return source is None or source.audience != STAFF


def _public_changed(keys) -> None:
    """Cached public searches are stale once a public document changed (staff-only
    changes leave them alone: staff searches are never cached)."""
    if any(_is_public_key(k) for k in keys):
        cache.index_changed()


def apply(keys: list[str]) -> dict[str, int]:
    """Re-render each key from its source and upsert or delete it on every active engine."""
    docs, gone = [], []
    for key in keys:
        doc = document_for_key(key)
        (docs.append(doc) if doc else gone.append(key))
    engines = [embedded()]
    if uses_opensearch():
        engines.append(get_engine())
    for engine in engines:
        try:
            if docs:
                engine.upsert(docs)
            if gone:
                engine.delete(gone)
        except EngineUnavailable as exc:
            _remember(keys, exc)
    _public_changed(keys)
    return {"indexed": len(docs), "deleted": len(gone)}


def catch_up() -> str:
    """Replay the changes OpenSearch missed. Safe to run at any time, and twice."""
    if not uses_opensearch():
        PendingSync.objects.all().delete()
        return "embedded engine only: nothing to catch up"
    engine = get_engine()
    if not engine.available():
        return "OpenSearch still unreachable"
    keys = list(PendingSync.objects.values_list("key", flat=True))
    docs = [d for d in (document_for_key(k) for k in keys) if d]
    live = {d.key for d in docs}
    try:
        engine.upsert(docs)
        engine.delete([k for k in keys if k not in live])
    except EngineUnavailable as exc:
        return f"catch-up failed: {exc}"
    PendingSync.objects.filter(key__in=keys).delete()
    _public_changed(keys)
    logger.info("search: caught up %d change(s) on OpenSearch", len(keys))
    return f"caught up {len(keys)} change(s)"


def rebuild(engine_names: list[str] | None = None, progress=None) -> dict[str, int]:
    """Rebuild the named engines (default: embedded, plus OpenSearch if active)."""
    names = engine_names or (["database", "opensearch"] if uses_opensearch() else ["database"])
    counts = {}
    for name in names:
        counts[name] = get_engine(name).rebuild(all_documents(), progress=progress)
        if name == "opensearch":
            PendingSync.objects.all().delete()
    cache.index_changed()
    return counts


def expected_keys() -> dict[str, set[str]]:
    """The keys that should be indexed now, by audience."""
    out = {PUBLIC: set(), STAFF: set()}
    for source in sources().values():
        keys = {f"{source.name}:{pk}" for pk in source.queryset().values_list("pk", flat=True)}
        out[STAFF if source.audience == STAFF else PUBLIC] |= keys
    return out


def check_consistency() -> str:
    """Compare the indices with the sources and repair the differences (nightly)."""
    expected = expected_keys()
    report = []
    engines = [embedded()] + ([get_engine()] if uses_opensearch() else [])
    for engine in engines:
        try:
            missing, extra = set(), set()
            for audience, keys in expected.items():
                have = engine.keys(audience)
                missing |= keys - have
                extra |= have - keys
            if engine.name == "opensearch":
                # Anything the embedded index changed later than OpenSearch saw is pending.
                missing |= set(PendingSync.objects.values_list("key", flat=True))
            docs = [d for d in (document_for_key(k) for k in missing) if d]
            if docs:
                engine.upsert(docs)
            if extra:
                engine.delete(sorted(extra))
            _public_changed([d.key for d in docs] + sorted(extra))
            report.append(f"{engine.name}: {len(docs)} added, {len(extra)} removed")
        except EngineUnavailable as exc:
            report.append(f"{engine.name}: unreachable ({exc})")
    summary = "; ".join(report)
    logger.info("search consistency: %s (%d entries)", summary, IndexEntry.objects.count())
    return summary
