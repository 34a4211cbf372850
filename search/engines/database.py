"""The embedded engine: full-text search in the site's own database.

Matching is an OR of the query's segmented terms (SQLite FTS5 ``MATCH '"a" OR "b"'``,
PostgreSQL ``fts @@ to_tsquery('simple', 'a | b')``), ranked by BM25 with the title
weighted 10 and the body 1 (FTS5's ``bm25``; on PostgreSQL the same formula computed by
:mod:`.postgres_rank`). One SQL pass returns every match with its score and facet
columns; counts and facets are computed from it. The best :data:`RERANK_WINDOW`
candidates are then re-ranked by how many of the query terms they contain and whether
the title contains the whole query, so a natural-language question finds the documents
that answer most of it.

Rows are written with plain parameterised INSERTs (the ORM's bulk_create spent more time
compiling SQL than SQLite spent storing); the FTS5 table follows through triggers, the
PostgreSQL ``tsvector`` is a generated column (migration 0002).
"""

from __future__ import annotations

from collections import Counter

from django.db import connection, transaction

from ..analysis import title_terms
from ..models import IndexEntry
from ..segmenter import segment
from ..sources import STAFF, SearchDocument
from . import postgres_rank
from .base import (
    FACETS,
    RERANK_WINDOW,
    FacetValue,
    SearchEngine,
    SearchQuery,
    SearchResults,
    coverage_score,
    document_text,
    intent_bonus,
    make_hit,
    phrase_bonus,
    title_score,
)

BATCH = 500
ROW_FIELDS = ["id", "key", "title", "url", "type", "type_label", "date", "text"]
COLUMNS = [
    "key", "source", "type", "type_label", "title", "url", "summary", "date", "year", "topic",
    "issuer", "status", "audience", "jurisdiction", "title_seg", "body_seg", "text", "updated_at",
]  # fmt: skip
FACET_COLUMNS = ["type", "type_label", "topic", "issuer", "year", "status", "date"]


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


def _now():
    from django.utils import timezone

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
    def _match(self, terms: list[str]):
        """(FROM … WHERE fragment, params, score columns, their params). SQLite: FTS5's
        ``bm25`` with the title weighted 10 and the body 1. PostgreSQL: the same BM25,
        computed by :mod:`.postgres_rank` (it has no BM25 of its own)."""
        if connection.vendor == "postgresql":
            return postgres_rank.match_sql(terms)
        match = " OR ".join('"{}"'.format(t.replace('"', '""')) for t in terms)
        return (
            "search_indexentry_fts CROSS JOIN search_indexentry e "
            "ON e.id = search_indexentry_fts.rowid WHERE search_indexentry_fts MATCH %s",
            [match],
            "-bm25(search_indexentry_fts, 10.0, 1.0)",
            [],
        )

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

    def _term_hits(self, ids: list[int], terms: list[str]) -> dict[int, set[str]]:
        """Which of ``terms`` each of ``ids`` contains (SQLite: one FTS lookup per term)."""
        found = {pk: set() for pk in ids}
        if not ids:
            return found
        with connection.cursor() as cur:
            for term in terms:
                cur.execute(
                    "SELECT rowid FROM search_indexentry_fts WHERE search_indexentry_fts MATCH %s",
                    ['"{}"'.format(term.replace('"', '""'))],
                )
                for (pk,) in cur.fetchall():
                    if pk in found:
                        found[pk].add(term)
        return found

    def search(self, query: SearchQuery) -> SearchResults:
        results = SearchResults(query=query, engine=self.name)
        terms = query.terms
        if not terms or query.jurisdictions == []:
            return results
        from_where, params, score_sql, score_params = self._match(terms)
        filter_sql, filter_params = self._filters(query)
        postgres = connection.vendor == "postgresql"
        # Only what every match needs (score, facets); titles are read for the re-rank
        # window alone. The date as text: no date parsing for thousands of rows.
        columns = ", ".join(
            ("CAST(e.date AS TEXT)" if c == "date" else f"e.{c}") for c in FACET_COLUMNS
        )
        select = f"e.id, 0, {columns}, {score_sql}" if postgres else f"e.id, {score_sql}, {columns}"
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT {select} FROM {from_where} AND {filter_sql}",
                score_params + params + filter_params,
            )
            matches = cur.fetchall()
        results.total = len(matches)
        if not matches:
            return results
        self._facets(results, matches)
        found, titles = None, {}
        if postgres:
            width = 2 + len(FACET_COLUMNS)
            matches, found, weights = postgres_rank.first_pass(terms, matches, width)
        if query.sort == "date":
            # Newest first, undated last; ties by relevance (both sorts are stable).
            matches.sort(key=lambda m: (-m[1], m[0]))
            matches.sort(key=lambda m: m[-1] or "", reverse=True)
            ranked = [(m[0], float(m[1])) for m in matches]
        else:
            matches.sort(key=lambda m: (-m[1], m[0]))
            titles = self._titles([m[0] for m in matches[:RERANK_WINDOW]])
            if postgres:
                matches = self._postgres_exact(terms, matches, weights, titles)
            ranked = self._rerank(query, matches, titles, found)
        ranked = ranked[query.offset : query.offset + query.per_page]
        ids = [pk for pk, _score in ranked]
        rows = {r["id"]: r for r in IndexEntry.objects.filter(id__in=ids).values(*ROW_FIELDS)}
        results.hits = [make_hit(rows[pk], terms, s) for pk, s in ranked if pk in rows]
        return results

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
        head = [(m[0], exact[m[0]], *m[2:]) for m in head]
        head.sort(key=lambda m: (-m[1], m[0]))
        # The rest stay behind the window, scaled below its lowest exact score.
        floor = head[-1][1] if head else 0.0
        best = max((m[1] for m in tail), default=0.0) or 1.0
        return head + [(m[0], 0.999 * floor * m[1] / best, *m[2:]) for m in tail]

    def _facets(self, results: SearchResults, matches) -> None:
        # One column per facet (id and score come first), counted in C by Counter.
        column = dict(zip(FACET_COLUMNS, list(zip(*matches, strict=True))[2:], strict=False))
        labels = {}
        for name in FACETS:
            counts = Counter(column[name])
            counts.pop(None, None)
            counts.pop("", None)
            if name == "type":
                labels = dict(zip(column["type"], column["type_label"], strict=True))
                order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            elif name == "year":
                order = sorted(counts.items(), key=lambda kv: -kv[0])
            else:
                order = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
            results.facets[name] = [
                FacetValue(str(v), str(labels.get(v) or v) if name == "type" else str(v), n)
                for v, n in order[:30]
            ]

    def _rerank(self, query: SearchQuery, matches, titles, found=None) -> list[tuple[int, float]]:
        head, tail = matches[:RERANK_WINDOW], matches[RERANK_WINDOW:]
        top = max((float(m[1]) for m in head), default=0.0) or 1.0
        if found is not None:
            pass  # PostgreSQL: known for every match already
        elif len(query.terms) > 1:
            found = self._term_hits([m[0] for m in head], query.terms)
        else:
            found = {m[0]: set(query.terms) for m in head}
        scored = []
        for m in head:
            title, title_seg = titles.get(m[0], ("", ""))
            score = coverage_score(query, found.get(m[0], set())) + phrase_bonus(query, title)
            score += title_score(query, title_seg) + intent_bonus(query, title)
            scored.append((m[0], score + float(m[1]) / top))
        scored.sort(key=lambda x: (-x[1], x[0]))
        return scored + [(m[0], float(m[1]) / top) for m in tail]
