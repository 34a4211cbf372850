"""Engine selection. ``SEARCH_ENGINE`` = "database" (embedded) or "opensearch"."""

from django.conf import settings

from .base import EngineUnavailable, SearchEngine, SearchQuery, SearchResults  # noqa: F401
from .database import DatabaseEngine

_engines: dict = {}


def embedded() -> DatabaseEngine:
    return DatabaseEngine()


def get_engine(name: str | None = None) -> SearchEngine:
    """The engine called ``name`` (default: the configured one)."""
    name = name or settings.SEARCH_ENGINE
    if name == "database":
        return DatabaseEngine()
    if name == "opensearch":
        # opensearch-py loads only where the OpenSearch engine is configured.
        from .opensearch import OpenSearchEngine

        key = (settings.OPENSEARCH_URL, settings.OPENSEARCH_INDEX_PREFIX)
        if key not in _engines:
            _engines[key] = OpenSearchEngine()
        return _engines[key]
    raise ValueError(f"Unknown SEARCH_ENGINE {name!r}: use 'database' or 'opensearch'")


def uses_opensearch() -> bool:
    return settings.SEARCH_ENGINE == "opensearch"
