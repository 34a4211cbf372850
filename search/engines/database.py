"""The embedded engine: full-text search in the site's own database.

Matching is an OR of the query's segmented terms (SQLite FTS5 ``MATCH '"a" OR "b"'``,
PostgreSQL ``fts @@ to_tsquery('simple', 'a | b')``), ranked by BM25 with the title
weighted 10 and the body 1 (FTS5's ``bm25``; on PostgreSQL the same formula computed by
:mod:`.postgres_rank`). The total and the facet counts are counted in SQL; the best
:data:`RERANK_WINDOW` candidates come from SQL ordered by score (``ORDER BY … LIMIT``,
:mod:`.sqlite_fts` bounds the documents SQLite scores), so no match list reaches Python,
and only the page shown is read in full, highlighted and cut into snippets. The
candidates are then re-ranked by how many of the query terms they contain and whether
the title contains the whole query, so a natural-language question finds the documents
that answer most of it.

Rows are written with plain parameterised INSERTs (the ORM's bulk_create spent more time
compiling SQL than SQLite spent storing); the FTS5 table follows through triggers, the
PostgreSQL ``tsvector`` is a generated column (migration 0002).
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from ..analysis import title_terms
from ..models import IndexEntry
from ..segmenter import segment
from ..sources import STAFF, SearchDocument
from . import memory_index, postgres_rank, sqlite_fts
from .base import (
    FACETS,
    RERANK_WINDOW,
    Bonus,
    FacetValue,
    SearchEngine,
    SearchQuery,
    SearchResults,
    document_text,
    make_hit,
)

BATCH = 500
ROW_FIELDS = ["id", "key", "title", "url", "type", "type_label", "date", "text"]
COLUMNS = [
    "key", "source", "type", "type_label", "title", "url", "summary", "date", "year", "topic",
    "issuer", "status", "audience", "jurisdiction", "title_seg", "body_seg", "text", "updated_at",
]  # fmt: skip


def row_from_document(doc: SearchDocument, now) -> tuple:
    return (
        doc.key[:200],
        doc.source[:100],
        doc.type[:50],
        str(doc.type_label)[:100],
        doc.title[:500],
        doc.url[:500],
        doc.summary or "",
        connection.ops.adapt_datefield_value(doc.date),
        doc.year,
        (doc.topic or "")[:100],
        (doc.issuer or "")[:100],
        (doc.status or "")[:100],
        doc.audience,
        (doc.jurisdiction or "")[:100],
        title_terms(doc.title),
        segment(f"{doc.summary} {doc.body}"),
        document_text(doc),
        connection.ops.adapt_datetimefield_value(now),
    )


def _chunks(items, size=BATCH):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _insert(rows: list[tuple]) -> None:
    if not rows:
        return
    sql = "INSERT INTO search_indexentry ({}) VALUES ({})".format(
        ", ".join(COLUMNS), ", ".join(["%s"] * len(COLUMNS))
    )
    with connection.cursor() as cur:
        cur.executemany(sql, rows)


def _rows(ids: list[int]) -> dict[int, dict]:
    """The shown hits' rows, id → {field: value} (one statement, no model instances)."""
    marks = ",".join(["%s"] * len(ids))
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {', '.join(ROW_FIELDS)} FROM search_indexentry WHERE id IN ({marks})", ids
        )
        return {row[0]: dict(zip(ROW_FIELDS, row, strict=True)) for row in cur.fetchall()}


def _now():
    return timezone.now()


class DatabaseEngine(SearchEngine):
    name = "database"

    # --- writing ---------------------------------------------------------------------
    def upsert(self, docs: list[SearchDocument]) -> None:
        now = _now()
        rows = [row_from_document(d, now) for d in docs]
        with transaction.atomic():
            for chunk in _chunks(rows):
                IndexEntry.objects.filter(key__in=[r[0] for r in chunk]).delete()
                _insert(chunk)

    def delete(self, keys: list[str]) -> None:
        for chunk in _chunks(keys):
            IndexEntry.objects.filter(key__in=chunk).delete()

    def keys(self, audience: str) -> set[str]:
        return set(IndexEntry.objects.filter(audience=audience).values_list("key", flat=True))

    def rebuild(self, docs, progress=None) -> int:
        """Replace everything in one transaction: readers see the old index until commit."""
        count, now, batch = 0, _now(), []
        with transaction.atomic():
            IndexEntry.objects.all().delete()
            for doc in docs:
                batch.append(row_from_document(doc, now))
                if len(batch) >= BATCH:
                    _insert(batch)
                    count += len(batch)
                    batch = []
                    if progress:
                        progress(count)
            _insert(batch)
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
    def _filters(self, query: SearchQuery) -> tuple[str, list]:
        sql, params = ["e.audience = %s"], [query.audience]
        for name, value in query.filters.items():
            if name == "year":
                value = int(value) if value.isdigit() else 0
            sql.append(f"e.{name} = %s")
            params.append(value)
        if query.audience == STAFF and query.jurisdictions is not None:
            alternatives = []
            for path in query.jurisdictions:
                alternatives.append("e.jurisdiction = %s OR e.jurisdiction LIKE %s ESCAPE '\\'")
                escaped = path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                params += [path, f"{escaped}/%"]
            sql.append("(" + " OR ".join(alternatives) + ")")
        return " AND ".join(sql), params

    def search(self, query: SearchQuery) -> SearchResults:
        results = SearchResults(query=query, engine=self.name)
        if not query.terms or query.jurisdictions == []:
            return results
        ranked = None
        if memory_index.usable(query):
            ranked = self._ranked_in_memory(query, results)
        if ranked is None:
            ranked = self._ranked_in_sql(query, results)
        end = query.offset + query.per_page
        ranked = ranked[query.offset : end]
        if not ranked:
            return results
        rows = _rows([pk for pk, _score in ranked])
        results.hits = [make_hit(rows[pk], query.terms, s) for pk, s in ranked if pk in rows]
        return results

    def _ranked_in_memory(self, query: SearchQuery, results: SearchResults) -> list | None:
        """A public search from what the worker keeps (:mod:`.memory_index`): total and
        facets set on ``results``; the ranking, re-ranked. None: ask SQL instead."""
        matches = memory_index.matches(query)
        if matches is None:
            return None
        results.total = matches.total
        if not matches.total:
            return []
        self._facets(results, matches.facet_rows())
        end = query.offset + query.per_page
        if query.sort == "date":
            return matches.by_date(end)
        return matches.reranked(query, max(RERANK_WINDOW, end))

    def _ranked_in_sql(self, query: SearchQuery, results: SearchResults) -> list:
        """Total and facets set on ``results``; the ranking (id, score) up to the page's
        end (re-ranked by relevance, or by date)."""
        terms = query.terms
        where, params = self._filters(query)
        postgres = connection.vendor == "postgresql"
        # Filters beyond "the public partition" exclude many matches (see sqlite_fts.top).
        selective = bool(query.filters) or query.audience == STAFF
        # Total and facets: counted in SQL over every match (nothing else reads them all).
        if postgres:
            rows, weights = postgres_rank.facet_counts(terms, where, params)
            results.total = sum(count for name, _v, _l, count in rows if name == "type")
        else:
            stats = sqlite_fts.frequencies(terms)
            terms = [t for t in terms if stats[1][t]]
            if not terms:
                return []
            results.total, rows, results.facets_estimated = sqlite_fts.facet_counts(
                terms, where, params, selective
            )
        if not results.total:
            return []
        self._facets(results, rows)
        # Only as many ranked rows as the page needs: the re-rank window, or more for a
        # page beyond it (ranked by BM25 alone there, as before).
        end = query.offset + query.per_page
        found, titles = None, {}
        if query.sort == "date":
            if postgres:
                ranked, _found = postgres_rank.ranked(terms, weights, where, params, end, True)
            else:
                ranked = sqlite_fts.by_date(terms, where, params, end)
            return [(pk, float(score)) for pk, score in ranked]
        limit = max(RERANK_WINDOW, end)
        if postgres:
            matches, found = postgres_rank.ranked(terms, weights, where, params, limit)
        else:
            matches = sqlite_fts.top(terms, stats, where, params, limit, selective)
        titles = self._titles([m[0] for m in matches[:RERANK_WINDOW]])
        if postgres:
            matches = self._postgres_exact(terms, matches, weights, titles)
        return self._rerank(query, matches, titles, found, terms)

    def _titles(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        """id → (title, indexed title) of the re-rank window."""
        if not ids:
            return {}
        marks = ",".join(["%s"] * len(ids))
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT id, title, title_seg FROM search_indexentry WHERE id IN ({marks})", ids
            )
            return {pk: (title, seg) for pk, title, seg in cur.fetchall()}

    def _postgres_exact(self, terms, matches, weights, titles) -> list:
        """The best candidates by the first pass, re-scored with exact BM25."""
        head, tail = matches[:RERANK_WINDOW], matches[RERANK_WINDOW:]
        exact = postgres_rank.bm25(terms, weights, {m[0]: titles[m[0]][1] for m in head})
        head = [(m[0], exact[m[0]]) for m in head]
        head.sort(key=lambda m: (-m[1], m[0]))
        # The rest stay behind the window, scaled below its lowest exact score.
        floor = head[-1][1] if head else 0.0
        best = max((m[1] for m in tail), default=0.0) or 1.0
        return head + [(m[0], 0.999 * floor * m[1] / best) for m in tail]

    def _facets(self, results: SearchResults, rows) -> None:
        """``rows``: (facet, value, label, count), counted in SQL; the 30 most frequent
        values of each facet (years newest first)."""
        counts = {name: [] for name in FACETS}
        for name, value, label, count in rows:
            if value not in (None, "") and name in counts:
                counts[name].append((value, label, count))
        for name, values in counts.items():
            if name == "year":
                values.sort(key=lambda v: -int(v[0]))
            else:
                values.sort(key=lambda v: (-v[2], str(v[0])))
            results.facets[name] = [
                FacetValue(str(v), str(label or v) if name == "type" else str(v), n)
                for v, label, n in values[:30]
            ]

    def _rerank(self, query, matches, titles, found, terms) -> list[tuple[int, float]]:
        """``terms``: those that can match (on SQLite, the query's terms some document
        contains)."""
        head, tail = matches[:RERANK_WINDOW], matches[RERANK_WINDOW:]
        top = max((float(m[1]) for m in head), default=0.0) or 1.0
        if found is not None:
            pass  # PostgreSQL and memory: returned with the candidates
        elif len(terms) > 1:
            found = sqlite_fts.term_hits([m[0] for m in head], terms)
        else:
            found = {m[0]: set(terms) for m in head}
        bonus, scored = Bonus(query), []
        for m in head:
            title, title_seg = titles.get(m[0], ("", ""))
            score = bonus(title, frozenset(found.get(m[0], ())), title_seg)
            scored.append((m[0], score + float(m[1]) / top))
        scored.sort(key=lambda x: (-x[1], x[0]))
        return scored + [(m[0], float(m[1]) / top) for m in tail]
