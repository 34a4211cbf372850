"""The embedded engine's reads on SQLite FTS5, each bounded by the page shown.

Three statements answer a query; none hands every match to Python:

1. **Total and facets** (:func:`facet_counts`): the matches are joined with the narrow
   covering index ``search_indexentry_facets`` (migration 0007; the entry table's rows
   hold the whole text, so a lookup per match there cost more than the match itself) and
   counted per facet column with ``GROUP BY`` in SQL. No BM25 is computed for them.
2. **The best candidates** (:func:`top`): BM25 is the costly part (FTS5 reads each match's
   term positions and length). FTS5's score is a sum over the query's terms, and one
   term's share is below ``idf · (k1 + 1)`` whatever the document, so documents that
   contain none of the rarer terms cannot beat a candidate scoring more than the common
   terms' bound together (MaxScore). The candidates are the matches of the rarer terms,
   scored by the *whole* query's ``bm25``; if the last of the window scores at least
   the common terms' bound, the window is exact, otherwise every match is scored.
3. **Which terms each candidate contains** (:func:`term_hits`), for the re-ranking: one
   FTS lookup per term, restricted to the candidates.

Sorted by date, only the matches on or after the date of the page's last row are scored.
"""

from __future__ import annotations

import math

from django.db import connection

from .base import FACETS

FTS = "search_indexentry_fts"
# The covering index of migration 0007; without INDEXED BY SQLite prefers the rowid.
ENTRY = "search_indexentry e INDEXED BY search_indexentry_facets"
JOIN = f"{FTS} CROSS JOIN {ENTRY} ON e.id = {FTS}.rowid WHERE {FTS} MATCH %s"
SCORE = f"-bm25({FTS}, 10.0, 1.0)"
K1 = 1.2  # FTS5's bm25 constant: one term adds less than idf · (k1 + 1)
CANDIDATE_FACTOR = 3  # the rarer terms should match this many times the window


def phrase(term: str) -> str:
    """A term as an FTS5 string: quoted, so FTS5 syntax in user input is inert."""
    return '"{}"'.format(term.replace('"', '""'))


def any_of(terms: list[str]) -> str:
    return " OR ".join(phrase(t) for t in terms)


def facet_sql(source: str, extra_columns: str = "", extra_parts: tuple = ()) -> str:
    """Per-facet counts over the CTE ``m`` of the matches: rows (facet, value, label,
    count). Also used on PostgreSQL (with each term's match flag as extra columns)."""
    parts = list(extra_parts)
    for name in FACETS:
        value = "CAST(year AS TEXT)" if name == "year" else name
        label = "max(type_label)" if name == "type" else "CAST(NULL AS TEXT)"
        parts.append(f"SELECT '{name}', {value}, {label}, count(*) FROM m GROUP BY {name}")
    columns = "e.type AS type, e.type_label AS type_label, e.topic AS topic, "
    columns += "e.issuer AS issuer, e.year AS year, e.status AS status" + extra_columns
    return f"WITH m AS MATERIALIZED (SELECT {columns} FROM {source}) " + " UNION ALL ".join(parts)


def facet_counts(terms: list[str], filter_sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cur:
        cur.execute(facet_sql(f"{JOIN} AND {filter_sql}"), [any_of(terms), *params])
        return cur.fetchall()


def _idf(total: int, df: int) -> float:
    value = math.log((total - df + 0.5) / (df + 0.5))
    return value if value > 0 else 1e-6


def _frequencies(terms: list[str]) -> tuple[int, list[int]]:
    """Rows in the index and each term's document frequency, as FTS5's bm25 counts them."""
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM search_indexentry")
        total = cur.fetchone()[0]
        df = []
        for term in terms:
            cur.execute(f"SELECT count(*) FROM {FTS} WHERE {FTS} MATCH %s", [phrase(term)])
            df.append(cur.fetchone()[0])
    return total, df


def _ranked(match: str, where: str, params: list, limit: int) -> list[tuple[int, float]]:
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT e.id, {SCORE} AS s FROM {JOIN} AND {where} ORDER BY s DESC, e.id LIMIT %s",
            [match, *params, limit],
        )
        return cur.fetchall()


def top(terms: list[str], filter_sql: str, params: list, limit: int) -> list[tuple[int, float]]:
    """The best ``limit`` matches by BM25 (id, score), best first, ties by id: exactly
    what scoring every match would give."""
    match = any_of(terms)
    if len(terms) > 1:
        total, df = _frequencies(terms)
        order = sorted(range(len(terms)), key=lambda i: df[i])  # rarest first
        bound = [_idf(total, df[i]) * (K1 + 1) * 1.000001 for i in order]
        for size in range(1, len(order)):
            if sum(df[i] for i in order[:size]) >= CANDIDATE_FACTOR * limit:
                break
        rest = sum(bound[size:])
        rare = any_of([terms[i] for i in order[:size]])
        sub = f"+{FTS}.rowid IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"
        head = _ranked(match, f"{sub} AND {filter_sql}", [rare, *params], limit)
        if len(head) == limit and head[-1][1] >= rest:
            return head
    return _ranked(match, filter_sql, params, limit)


def by_date(terms: list[str], filter_sql: str, params: list, limit: int) -> list[tuple]:
    """The first ``limit`` matches newest first (undated last), ties by score then id:
    (id, score). Only the matches dated on or after the last row's date are scored."""
    match = any_of(terms)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT e.date FROM {JOIN} AND {filter_sql} "
            "ORDER BY e.date DESC NULLS LAST LIMIT 1 OFFSET %s",
            [match, *params, limit - 1],
        )
        row = cur.fetchone()
        where, extra = filter_sql, []
        if row is not None and row[0] is not None:
            where, extra = f"{filter_sql} AND e.date >= %s", [row[0]]
        cur.execute(
            f"SELECT e.id, {SCORE} AS s FROM {JOIN} AND {where} "
            "ORDER BY e.date DESC NULLS LAST, s DESC, e.id LIMIT %s",
            [match, *params, *extra, limit],
        )
        return cur.fetchall()


def term_hits(ids: list[int], terms: list[str]) -> dict[int, set[str]]:
    """Which of ``terms`` each of ``ids`` contains: one statement, each term's matches
    filtered by the ids (``+rowid``: the term's match list is read once, not once per id)."""
    found = {pk: set() for pk in ids}
    if not ids or not terms:
        return found
    marks = ",".join(["%s"] * len(ids))
    parts, params = [], []
    for i, term in enumerate(terms):
        parts.append(f"SELECT rowid, {i} FROM {FTS} WHERE {FTS} MATCH %s AND +rowid IN ({marks})")
        params += [phrase(term), *ids]
    with connection.cursor() as cur:
        cur.execute(" UNION ALL ".join(parts), params)
        for pk, i in cur.fetchall():
            found[pk].add(terms[i])
    return found
