"""The embedded engine's reads on SQLite FTS5, each bounded by the page shown.

Three statements answer a query; none hands every match to Python:

1. **Total and facets** (:func:`facet_counts`): the matches are joined with the narrow
   covering index ``search_indexentry_facets`` (migration 0007; the entry table's rows
   hold the whole text, so a lookup per match there cost more than the match itself) and
   counted in SQL: the total always exactly (a public search without filters counts the
   FTS matches minus the staff documents', without a lookup per match), the facets per
   column with ``GROUP BY`` —
   exactly up to 5,000 matches, beyond that estimated from a sample of about 2,500
   (flagged ``facets_estimated``). No BM25 is computed for them.
2. **The best candidates** (:func:`top`): BM25 is the costly part (FTS5 reads each match's
   term positions and length). FTS5's score is a sum over the query's terms, and one
   term's share is below ``idf · (k1 + 1)`` whatever the document, so documents that
   contain none of the rarer terms cannot beat a candidate scoring more than the common
   terms' bound together (MaxScore). The candidates are the matches of the rarer terms,
   scored by the *whole* query's ``bm25``; if the last of the window scores at least
   the common terms' bound, the window is exact; if not, as many more terms join the
   candidates as that score needs (once), else every match is scored. Terms no document
   contains are left out of every statement (they change no match and no score).
3. **Which terms each candidate contains** (:func:`term_hits`), for the re-ranking: one
   statement, each term's matches restricted to the candidates, a row per candidate.

Sorted by date, only the matches on or after the date of the page's last row are scored.
"""

from __future__ import annotations

import math

from django.db import connection

from ..sources import STAFF
from .base import FACETS

FTS = "search_indexentry_fts"
# The covering index of migration 0007; without INDEXED BY SQLite prefers the rowid.
ENTRY = "search_indexentry e INDEXED BY search_indexentry_facets"
JOIN = f"{FTS} CROSS JOIN {ENTRY} ON e.id = {FTS}.rowid WHERE {FTS} MATCH %s"
SCORE = f"-bm25({FTS}, 10.0, 1.0)"
K1 = 1.2  # FTS5's bm25 constant: one term adds less than idf · (k1 + 1)
CANDIDATE_FACTOR = 3  # the rarer terms should match this many times the window
FACET_EXACT = 5000  # exact facet counts up to this many matches (the bureau's whole site)
FACET_SAMPLE = 2500  # beyond: facets counted on about this many matches, then scaled


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


def facet_counts(terms, filter_sql, params, selective=True) -> tuple[int, list, bool]:
    """(total, facet rows (facet, value, label, count), whether the counts are estimates).

    ``selective``: the filters are more than "the public partition" (see :func:`top`).
    The total is always exact. Facets are exact up to :data:`FACET_EXACT` matches; beyond,
    counting them cost 1.5 ms per 1,000 matches (a sort per facet), so they are counted on
    a sample of about :data:`FACET_SAMPLE` matches spread over the whole index and scaled
    to the total: estimates, flagged as such (a value rarer than one match in the sample's
    step may be missing)."""
    source, source_params = f"{JOIN} AND {filter_sql}", [any_of(terms), *params]
    with connection.cursor() as cur:
        if selective:
            cur.execute(f"SELECT count(*) FROM {source}", source_params)
        else:
            # The public partition unfiltered: the FTS matches minus those of staff
            # documents (few), without a lookup per match (4× faster at 40,000 matches).
            cur.execute(
                f"SELECT count(*) FROM {FTS} WHERE {FTS} MATCH %s AND +{FTS}.rowid NOT IN "
                "(SELECT id FROM search_indexentry WHERE audience = %s)",
                [source_params[0], STAFF],
            )
        total = cur.fetchone()[0]
        if not total:
            return 0, [], False
        if total <= FACET_EXACT:
            cur.execute(facet_sql(source), source_params)
            return total, cur.fetchall(), False
        # About one match in ``step``, chosen by a multiplicative hash of the id (its high
        # bits): every k-th id would alias with documents whose kinds repeat in id order.
        step = math.ceil(total / FACET_SAMPLE)
        pick = f"({FTS}.rowid * 2654435761) %% 4294967296 / 65536 %% {step} = 0"
        cur.execute(facet_sql(f"{source} AND {pick}"), source_params)
        rows = cur.fetchall()
    counted = sum(count for name, _v, _l, count in rows if name == "type") or 1
    scale = total / counted
    return total, [(n, v, lb, max(1, round(c * scale))) for n, v, lb, c in rows], True


def _idf(total: int, df: int) -> float:
    value = math.log((total - df + 0.5) / (df + 0.5))
    return value if value > 0 else 1e-6


def frequencies(terms: list[str]) -> tuple[int, dict[str, int]]:
    """Rows in the index and each term's document frequency, as FTS5's bm25 counts them
    (both partitions). A term no document contains changes neither the matches nor any
    score (its BM25 share is 0), so the caller drops it from every statement."""
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM search_indexentry")
        total = cur.fetchone()[0]
        df = {}
        for term in terms:
            cur.execute(f"SELECT count(*) FROM {FTS} WHERE {FTS} MATCH %s", [phrase(term)])
            df[term] = cur.fetchone()[0]
    return total, df


def _ranked(match: str, where: str, params: list, limit: int, sub=None) -> list:
    """The best ``limit`` matches of ``where`` by the whole query's BM25: (id, score).
    ``sub``: (SQL condition on the FTS rowid, its params) restricting who is scored."""
    sub_sql, sub_params = sub or ("1", [])
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT e.id, {SCORE} AS s FROM {JOIN} AND {sub_sql} AND {where} "
            "ORDER BY s DESC, e.id LIMIT %s",
            [match, *sub_params, *params, limit],
        )
        return cur.fetchall()


def _ranked_then_filtered(match, where, params, limit, sub=None) -> list | None:
    """:func:`_ranked` for filters few matches fail (the public audience alone): rank the
    FTS matches without the join, a margin more than needed, then keep those that pass
    the filters (one lookup each, not one per match). Exact when ``limit`` pass or every
    match was ranked; None (rank with the join) otherwise."""
    sub_sql, sub_params = sub or ("1", [])
    wanted = limit + limit // 2 + 50
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT rowid, {SCORE} AS s FROM {FTS} WHERE {FTS} MATCH %s AND {sub_sql} "
            "ORDER BY s DESC, rowid LIMIT %s",
            [match, *sub_params, wanted],
        )
        ranked = cur.fetchall()
        if not ranked:
            return []
        marks = ",".join(["%s"] * len(ranked))
        cur.execute(
            f"SELECT e.id FROM {ENTRY} WHERE e.id IN ({marks}) AND {where}",
            [pk for pk, _s in ranked] + params,
        )
        keep = {pk for (pk,) in cur.fetchall()}
    passed = [row for row in ranked if row[0] in keep]
    if len(passed) >= limit or len(ranked) < wanted:
        return passed[:limit]
    return None


def top(terms, stats, filter_sql, params, limit, selective=True) -> list[tuple[int, float]]:
    """The best ``limit`` matches by BM25 (id, score), best first, ties by id: exactly
    what scoring every match would give. ``terms``: those some document contains;
    ``stats``: :func:`frequencies`. ``selective``: the filters exclude many matches
    (facet filters, the staff partition), so rank after the join."""
    match = any_of(terms)

    def ranked(sub=None):
        if not selective:
            rows = _ranked_then_filtered(match, filter_sql, params, limit, sub)
            if rows is not None:
                return rows
        return _ranked(match, filter_sql, params, limit, sub)

    total, df = stats
    order = sorted(terms, key=lambda t: df[t])  # rarest first
    bound = [_idf(total, df[t]) * (K1 + 1) * 1.000001 for t in order]
    sub = f"+{FTS}.rowid IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"
    # Documents with one term only score below that term's bound: if the window of the
    # documents with two or more terms ends above every term's bound, it is exact. Tried
    # first when they are clearly fewer than the rarest term's matches (independent
    # terms; compound parts such as 应急 预案 应急预案 always come together).
    if 2 <= len(order) <= 6:
        pairs = " OR ".join(
            f"({phrase(a)} AND {phrase(b)})" for i, a in enumerate(order) for b in order[i + 1 :]
        )
        with connection.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM {FTS} WHERE {FTS} MATCH %s", [pairs])
            together = cur.fetchone()[0]
        if limit <= together < df[order[0]] / 2:
            head = ranked((sub, [pairs]))
            if len(head) == limit and head[-1][1] >= max(bound):
                return head
    first = 1
    while first < len(order) - 1 and sum(df[t] for t in order[:first]) < CANDIDATE_FACTOR * limit:
        first += 1
    # Candidates: the matches of the rarer terms. If the window's last score is below what
    # the other terms could add, retry once with as many more terms as that score needs:
    # more candidates only raise the window's last score, so the retry is exact.
    size = first
    for _attempt in range(2):
        if size >= len(order):
            break
        head = ranked((sub, [any_of(order[:size])]))
        if len(head) < limit:
            break
        if head[-1][1] >= sum(bound[size:]):
            return head
        size = next(
            (n for n in range(size + 1, len(order)) if sum(bound[n:]) <= head[-1][1]),
            len(order),
        )
    return ranked()


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
    """Which of ``terms`` each of ``ids`` contains: one statement, one row per id with a
    bit per term; each term's matches are filtered by the ids (``+rowid``: the term's
    match list is read once, not searched once per id)."""
    found = {pk: set() for pk in ids}
    if not ids or not terms:
        return found
    marks = ",".join(["%s"] * len(ids))
    parts, params = [], []
    for i, term in enumerate(terms):
        parts.append(
            f"SELECT rowid AS id, {1 << i} AS bit FROM {FTS} "
            f"WHERE {FTS} MATCH %s AND +rowid IN ({marks})"
        )
        params += [phrase(term), *ids]
    with connection.cursor() as cur:
        cur.execute(f"SELECT id, sum(bit) FROM ({' UNION ALL '.join(parts)}) GROUP BY id", params)
        for pk, bits in cur.fetchall():
            found[pk] = {term for i, term in enumerate(terms) if bits >> i & 1}
    return found
