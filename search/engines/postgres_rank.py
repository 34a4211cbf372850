"""BM25 for the embedded engine on PostgreSQL: the formula of SQLite's FTS5 ``bm25``.

PostgreSQL has no BM25. ``ts_rank`` has no inverse document frequency (a common word
counts as much as a rare one) and no length normalisation relative to the average
document, so it ordered results differently from SQLite and OpenSearch. Ranking here
takes two steps:

1. **Every match, in SQL**: one statement counts the facets and, from a match flag per
   term, each term's document frequency among the matches; a second orders the matches
   by ``Σ idf · ts_rank`` (title 1.0, body 0.1) over the terms each contains and returns
   the best :data:`~search.engines.base.RERANK_WINDOW` with their match flags (the
   term-group coverage of the shared re-ranking). No match list reaches Python.
2. **The best** :data:`~search.engines.base.RERANK_WINDOW`: exact BM25 as FTS5 computes
   it, ``Σ idf · f·(k1+1) / (f + k1·(1 − b + b·D/avgD))`` with ``f = 10·tf(title) +
   tf(body)`` and ``D`` the document's tokens, from the indexed title (in Python) and the
   body's term positions in the ``tsvector`` (SQL). ``avgD`` is the candidates' average.
"""

from __future__ import annotations

import math

from django.db import connection

from .sqlite_fts import facet_sql

K1, B = 1.2, 0.75
TITLE_WEIGHT = 10.0
# ts_rank weights of the classes D, C, B, A: body words are D, title words A (1 : 10).
WEIGHTS = "{0.1, 0.1, 0.1, 1.0}"


def idf(total: int, df: int) -> float:
    """FTS5's IDF: ln((N − df + 0.5) / (df + 0.5)), never below a tiny positive value."""
    value = math.log((total - df + 0.5) / (df + 0.5))
    return value if value > 0 else 1e-6


def _tsquery(term: str) -> str:
    return f"'{term}'"


def _where(terms: list[str], filter_sql: str) -> tuple[str, list]:
    """FROM … WHERE: the entries matching any term, then the filters."""
    any_term = " | ".join(_tsquery(t) for t in terms)
    return (f"search_indexentry e WHERE e.fts @@ to_tsquery('simple', %s) AND {filter_sql}",
            [any_term])  # fmt: skip


def facet_counts(terms: list[str], filter_sql: str, params: list) -> tuple[list, list[float]]:
    """Facet rows (facet, value, label, count) of the matches and each term's IDF, in one
    statement: the document frequencies are counted on the matches (filters included),
    from a match flag per term."""
    source, source_params = _where(terms, filter_sql)
    flags = "".join(f", e.fts @@ to_tsquery('simple', %s) AS f{i}" for i in range(len(terms)))
    parts = [f"SELECT 'df', '{i}', NULL, count(*) FILTER (WHERE f{i}) FROM m"
             for i in range(len(terms))]  # fmt: skip
    sql = facet_sql(source, flags, parts)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM search_indexentry")
        total = cur.fetchone()[0]
        cur.execute(sql, [_tsquery(t) for t in terms] + source_params + params)
        rows = cur.fetchall()
    df = [0] * len(terms)
    for name, value, _label, count in rows:
        if name == "df":
            df[int(value)] = count
    return [r for r in rows if r[0] != "df"], [idf(total, n) for n in df]


def _score(terms: list[str], weights: list[float]) -> tuple[str, list]:
    """The first-pass score in SQL: Σ idf · ts_rank over the terms a document contains
    (the sum, in the terms' order, that the Python first pass computed before)."""
    parts, params = [], []
    for term, weight in zip(terms, weights, strict=True):
        parts.append(
            "CASE WHEN e.fts @@ to_tsquery('simple', %s) THEN "
            f"%s * ts_rank('{WEIGHTS}', e.fts, to_tsquery('simple', %s)) ELSE 0 END"
        )
        params += [_tsquery(term), weight, _tsquery(term)]
    return "(0.0 + " + " + ".join(parts) + ")", params


def _flags(terms: list[str]) -> tuple[str, list]:
    sql = ", ".join("e.fts @@ to_tsquery('simple', %s)" for _ in terms)
    return sql, [_tsquery(t) for t in terms]


def ranked(terms, weights, filter_sql, params, limit, by_date=False) -> tuple[list, dict]:
    """The first ``limit`` matches by the first-pass score (or newest first, ties by that
    score): rows (id, score) and the terms each contains."""
    source, source_params = _where(terms, filter_sql)
    score, score_params = _score(terms, weights)
    flags, flag_params = _flags(terms)
    order = "e.date DESC NULLS LAST, s DESC, e.id" if by_date else "s DESC, e.id"
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT e.id, {score} AS s, {flags} FROM {source} ORDER BY {order} LIMIT %s",
            score_params + flag_params + source_params + params + [limit],
        )
        rows = cur.fetchall()
    found = {r[0]: {t for t, flag in zip(terms, r[2:], strict=True) if flag} for r in rows}
    return [(r[0], float(r[1])) for r in rows], found


def bm25(terms: list[str], weights: list[float], titles: dict[int, str]) -> dict[int, float]:
    """Exact BM25 of the documents ``titles`` (id → indexed title) for ``terms``."""
    ids = list(titles)
    if not ids:
        return {}
    body_tf = {pk: {} for pk in ids}
    body_len = {}
    with connection.cursor() as cur:
        # Body tokens: the segmented body is words joined by single spaces.
        cur.execute(
            "SELECT e.id, CASE WHEN e.body_seg = '' THEN 0 ELSE "
            "length(e.body_seg) - length(replace(e.body_seg, ' ', '')) + 1 END, "
            "u.lexeme, cardinality(u.positions) FROM search_indexentry e "
            "LEFT JOIN LATERAL unnest(ts_filter(e.fts, '{d}')) u ON u.lexeme = ANY(%s) "
            "WHERE e.id = ANY(%s)",
            [terms, ids],
        )
        for pk, length, lexeme, count in cur.fetchall():
            body_len[pk] = length or 0
            if lexeme is not None:
                body_tf[pk][lexeme] = count
    words = {pk: (title or "").split() for pk, title in titles.items()}
    sizes = {pk: len(words[pk]) + body_len.get(pk, 0) for pk in ids}
    average = (sum(sizes.values()) / len(sizes)) or 1.0
    scores = {}
    for pk in ids:
        norm = K1 * (1 - B + B * sizes[pk] / average)
        score = 0.0
        for term, weight in zip(terms, weights, strict=True):
            f = TITLE_WEIGHT * words[pk].count(term) + body_tf[pk].get(term, 0)
            if f:
                score += weight * f * (K1 + 1) / (f + norm)
        scores[pk] = score
    return scores
