"""The embedded engine: full-text search in the site's own database.

Matching is an OR of the query's segmented terms (SQLite FTS5 ``MATCH '"a" OR "b"'``,
PostgreSQL ``fts @@ to_tsquery('simple', 'a | b')``), ranked by BM25 / ts_rank with the
title weighted above the body. The best :data:`RERANK_WINDOW` candidates are then
re-ranked by how many of the query terms they contain and whether the title contains the
whole query, so a natural-language question finds the documents that answer most of it.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import Q

from ..models import IndexEntry
from ..segmenter import segment
from ..sources import STAFF, SearchDocument
from .base import (
    FACETS,
    RERANK_WINDOW,
    FacetValue,
    SearchEngine,
    SearchQuery,
    SearchResults,
    document_text,
    make_hit,
    phrase_bonus,
)

BATCH = 500
ROW_FIELDS = ["id", "key", "title", "url", "type", "type_label", "date", "text"]


def entry_from_document(doc: SearchDocument) -> IndexEntry:
    return IndexEntry(
        key=doc.key[:200],
        source=doc.source[:100],
        type=doc.type[:50],
        type_label=str(doc.type_label)[:100],
        title=doc.title[:500],
        url=doc.url[:500],
        summary=doc.summary,
        date=doc.date,
        year=doc.year,
        topic=(doc.topic or "")[:100],
        issuer=(doc.issuer or "")[:100],
        status=(doc.status or "")[:100],
        audience=doc.audience,
        jurisdiction=(doc.jurisdiction or "")[:100],
        title_seg=segment(doc.title),
        body_seg=segment(f"{doc.summary} {doc.body}"),
        text=document_text(doc),
    )


def _chunks(items, size=BATCH):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


class DatabaseEngine(SearchEngine):
    name = "database"

    # --- writing ---------------------------------------------------------------------
    def upsert(self, docs: list[SearchDocument]) -> None:
        entries = [entry_from_document(d) for d in docs]
        with transaction.atomic():
            for chunk in _chunks(entries):
                IndexEntry.objects.filter(key__in=[e.key for e in chunk]).delete()
                IndexEntry.objects.bulk_create(chunk)

    def delete(self, keys: list[str]) -> None:
        for chunk in _chunks(keys):
            IndexEntry.objects.filter(key__in=chunk).delete()

    def keys(self, audience: str) -> set[str]:
        return set(IndexEntry.objects.filter(audience=audience).values_list("key", flat=True))

    def rebuild(self, docs, progress=None) -> int:
        """Replace everything in one transaction: readers see the old index until commit."""
        count = 0
        with transaction.atomic():
            IndexEntry.objects.all().delete()
            batch = []
            for doc in docs:
                batch.append(entry_from_document(doc))
                if len(batch) >= BATCH:
                    IndexEntry.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
                    if progress:
                        progress(count)
            IndexEntry.objects.bulk_create(batch)
            count += len(batch)
        if connection.vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute(
                    "INSERT INTO search_indexentry_fts(search_indexentry_fts) VALUES('optimize')"
                )
        if progress:
            progress(count)
        return count

    # --- reading ---------------------------------------------------------------------
    def _filtered(self, query: SearchQuery):
        qs = IndexEntry.objects.filter(audience=query.audience)
        for name, value in query.filters.items():
            if name == "year":
                value = int(value) if value.isdigit() else 0
            qs = qs.filter(**{name: value})
        if query.audience == STAFF and query.jurisdictions is not None:
            allowed = Q(pk__in=[])
            for path in query.jurisdictions:
                allowed |= Q(jurisdiction=path) | Q(jurisdiction__startswith=f"{path}/")
            qs = qs.filter(allowed)
        return qs

    def _match(self, terms: list[str]):
        """(FROM … WHERE fragment, params, score expression) for an OR of ``terms``."""
        if connection.vendor == "postgresql":
            tsquery = " | ".join(f"'{t}'" for t in terms)
            return (
                "search_indexentry e WHERE e.fts @@ to_tsquery('simple', %s)",
                [tsquery],
                "ts_rank('{0.1, 0.2, 0.4, 1.0}', e.fts, to_tsquery('simple', %s))",
                [tsquery],
            )
        match = " OR ".join('"{}"'.format(t.replace('"', '""')) for t in terms)
        return (
            "search_indexentry_fts JOIN search_indexentry e ON e.id = search_indexentry_fts.rowid "
            "WHERE search_indexentry_fts MATCH %s",
            [match],
            "-bm25(search_indexentry_fts, 10.0, 1.0)",
            [],
        )

    def _sql(self, query: SearchQuery, terms: list[str]):
        from_where, params, score_sql, score_params = self._match(terms)
        sub_sql, sub_params = self._filtered(query).values("id").query.sql_with_params()
        base = f"FROM {from_where} AND e.id IN ({sub_sql})"
        return base, params + list(sub_params), score_sql, score_params

    def _term_hits(self, ids: list[int], terms: list[str]) -> dict[int, int]:
        """How many of ``terms`` each of ``ids`` contains."""
        counts = dict.fromkeys(ids, 0)
        if len(terms) < 2 or not ids:
            return {i: len(terms) for i in ids}
        placeholders = ",".join(["%s"] * len(ids))
        with connection.cursor() as cur:
            for term in terms:
                from_where, params, _s, _p = self._match([term])
                cur.execute(
                    f"SELECT e.id FROM {from_where} AND e.id IN ({placeholders})", params + ids
                )
                for (pk,) in cur.fetchall():
                    counts[pk] += 1
        return counts

    def search(self, query: SearchQuery) -> SearchResults:
        results = SearchResults(query=query, engine=self.name)
        terms = query.terms
        if not terms or query.jurisdictions == []:
            return results
        base, params, score_sql, score_params = self._sql(query, terms)
        with connection.cursor() as cur:
            cur.execute(f"SELECT COUNT(*) {base}", params)
            results.total = cur.fetchone()[0]
            if not results.total:
                return results
            for name in FACETS:
                label = "MAX(e.type_label)" if name == "type" else f"e.{name}"
                cur.execute(
                    f"SELECT e.{name}, {label}, COUNT(*) {base} AND e.{name} IS NOT NULL "
                    f"AND e.{name} <> '' GROUP BY e.{name} ORDER BY COUNT(*) DESC, e.{name}"
                    if name != "year"
                    else f"SELECT e.year, e.year, COUNT(*) {base} AND e.year IS NOT NULL "
                    f"GROUP BY e.year ORDER BY e.year DESC",
                    params,
                )
                results.facets[name] = [
                    FacetValue(str(v), str(lbl), n) for v, lbl, n in cur.fetchall()
                ]
            if query.sort == "date":
                cur.execute(
                    f"SELECT e.id, {score_sql} {base} ORDER BY e.date IS NULL, e.date DESC, e.id "
                    f"LIMIT %s OFFSET %s",
                    score_params + params + [query.per_page, query.offset],
                )
                ranked = cur.fetchall()
            else:
                window = max(RERANK_WINDOW, query.offset + query.per_page)
                cur.execute(
                    f"SELECT e.id, {score_sql} AS score, e.title {base} ORDER BY score DESC, e.id "
                    f"LIMIT %s",
                    score_params + params + [window],
                )
                ranked = self._rerank(query, cur.fetchall())
                ranked = ranked[query.offset : query.offset + query.per_page]
        rows = {
            r["id"]: r
            for r in IndexEntry.objects.filter(id__in=[i for i, _ in ranked]).values(*ROW_FIELDS)
        }
        results.hits = [make_hit(rows[i], terms, s) for i, s in ranked if i in rows]
        return results

    def _rerank(self, query: SearchQuery, rows) -> list[tuple[int, float]]:
        head, tail = rows[:RERANK_WINDOW], rows[RERANK_WINDOW:]
        top = max((float(r[1]) for r in head), default=0.0) or 1.0
        hits = self._term_hits([r[0] for r in head], query.terms)
        n = len(query.terms)
        scored = [
            (pk, 10.0 * hits[pk] / n + phrase_bonus(query, title) + float(score) / top)
            for pk, score, title in head
        ]
        scored.sort(key=lambda x: (-x[1], x[0]))
        return scored + [(pk, float(score) / top) for pk, score, _t in tail]
