"""Wagtail's search backend for the admin's page search, every chooser and the
``/api/v2/…/?search=`` endpoints: Wagtail's database index (modelsearch), analysed by the
portal's segmenter.

Configured as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.wagtail_backend"``.
It subclasses whichever database backend modelsearch picks for the database (SQLite FTS5
or PostgreSQL) and changes two things:

- **Indexing**: every title, body and autocomplete value is stored as the portal's
  segmented text (:func:`search.segmenter.segment`), so the database's own tokenizer, which
  splits only at spaces, sees the same Chinese words as the public search.
- **Querying**: whatever the caller passes (a string, or the ``PlainText``/``Phrase``/
  ``And``/``Or`` tree of Wagtail's ``parse_query_string``) is reduced to the portal's query
  terms and synonyms (:func:`search.analysis.term_groups`: words only, so no quote, NUL or
  operator of the user ever reaches FTS5 or ``tsquery``), combined with OR like the public
  search, and ranked by the database's BM25. ``autocomplete`` searches the same full text: a prefix of
  a segmented Chinese word is rarely what an editor means, the word is.

Why not route these searches to the portal's engine: the admin and the choosers must find
drafts, private pages, documents and images, which the public index never holds (it holds
published, public documents only, and staff records in a partition of their own).
"""

from __future__ import annotations

from copy import copy as clone
from functools import cache

from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText

from .analysis import group_terms, term_groups, title_terms
from .indexing import sources_for
from .segmenter import segment


class _SegmentedObject:
    """An indexed object whose search fields yield segmented text.

    When a portal search source describes the object (``<app>/searchables.py``), its
    search document's summary and body (everything the public search indexes, including
    attachment text and StreamField blocks that the model's ``search_fields`` miss) replace
    the model's own text fields, so both indices hold the same text."""

    def __init__(self, obj):
        self._wrapped = obj
        self.pk = obj.pk

    def __getattr__(self, name):
        return getattr(self._wrapped, name)

    def get_search_fields(self):
        fields = [_SegmentedField.wrap(f) for f in self._wrapped.get_search_fields()]
        body = _source_body(self._wrapped)
        if body is None:
            return fields
        kept = [f for f in fields if not isinstance(f, SearchField) or f.field_name == "title"]
        portal = SearchField("portal_document")
        portal.get_value = lambda obj: segment(body)
        return kept + [portal]


def _source_body(obj) -> str | None:
    """The portal search document's summary and body for ``obj``, if a source has one."""
    specific = getattr(obj, "specific", obj)
    for source in sources_for(type(specific)):
        try:
            doc = source.to_document(specific)
        except Exception:  # a page the source cannot render (e.g. no URL yet): model fields
            return None
        return f"{doc.summary} {doc.body}"
    return None


class _SegmentedField:
    """Copies of a model's search fields whose values are segmented text."""

    @staticmethod
    def wrap(field):
        if isinstance(field, RelatedFields):
            copy = clone(field)
            copy.fields = [_SegmentedField.wrap(f) for f in field.fields]
            copy.get_value = lambda obj: field.get_value(getattr(obj, "_wrapped", obj))
            return copy
        if isinstance(field, (SearchField, AutocompleteField)):
            copy = clone(field)

            analyse = title_terms if field.field_name == "title" else segment

            def get_value(obj):
                value = field.get_value(getattr(obj, "_wrapped", obj))
                return analyse(_plain(value)) if value is not None else value

            copy.get_value = get_value
            return copy
        return field


def _plain(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return " ".join(_plain(v) for v in value.values())
    return str(value)


def segmented_query(query):
    """The portal's analysis of a Wagtail query: ``None`` when nothing searchable is left."""
    if isinstance(query, MatchAll):
        return query
    if isinstance(query, str):
        query = PlainText(query)
    if isinstance(query, (PlainText, Phrase)):
        terms = group_terms(term_groups(query.query_string))  # words and editors' synonyms
        return PlainText(" ".join(terms), operator="or") if terms else None
    if isinstance(query, Not):
        inner = segmented_query(query.subquery)
        return Not(inner) if inner is not None else None
    if isinstance(query, (And, Or)):
        parts = [p for p in (segmented_query(q) for q in query.subqueries) if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else type(query)(parts)
    # Anything else (a Boost, a Fuzzy): its text, analysed the same way.
    text = getattr(query, "query_string", None)
    return segmented_query(text) if text is not None else None


class SegmentedIndexMixin:
    def add_items(self, model, objs):
        return super().add_items(model, [_SegmentedObject(o) for o in objs])


class SegmentedBackendMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = segmented_query(query)
        if query is None:
            return EmptySearchResults()
        kwargs.pop("operator", None)
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        kwargs.pop("partial_match", None)
        return self.search(query, model_or_queryset, fields=fields, **kwargs)


@cache
def _segmented_class(base):
    index_class = type(
        f"Segmented{base.index_class.__name__}", (SegmentedIndexMixin, base.index_class), {}
    )
    return type(
        f"Segmented{base.__name__}",
        (SegmentedBackendMixin, base),
        {"index_class": index_class},
    )


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    return _segmented_class(type(database_backend(params)))(params)
