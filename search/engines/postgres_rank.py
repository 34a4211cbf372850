"""BM25 for the embedded engine on PostgreSQL: the formula of SQLite's FTS5 ``bm25``.

PostgreSQL has no BM25. ``ts_rank`` has no inverse document frequency (a common word
counts as much as a rare one) and no length normalisation relative to the average
document, so it ordered results differently from SQLite and OpenSearch. Ranking here
takes two steps:

1. **Every match**: the one SQL pass returns, per query term, whether the document
   contains it and its ``ts_rank`` (title 1.0, body 0.1). Their sum weighted by the
   term's IDF orders the candidates; the match flags give each document's terms (the
   term-group coverage of the shared re-ranking) without a second query.
2. **The best** :data:`~search.engines.base.RERANK_WINDOW`: exact BM25 as FTS5 computes
   it, ``Σ idf · f·(k1+1) / (f + k1·(1 − b + b·D/avgD))`` with ``f = 10·tf(title) +
   tf(body)`` and ``D`` the document's tokens, from the indexed title (in Python) and the
   body's term positions in the ``tsvector`` (SQL). ``avgD`` is the candidates' average.
"""

from __future__ import annotations

import math

from django.db import connection

K1, B = 1.2, 0.75
TITLE_WEIGHT = 10.0
# ts_rank weights of the classes D, C, B, A: body words are D, title words A (1 : 10).
WEIGHTS = "{0.1, 0.1, 0.1, 1.0}"


def idf(total: int, df: int) -> float:
    """FTS5's IDF: ln((N − df + 0.5) / (df + 0.5)), never below a tiny positive value."""
    value = math.log((total - df + 0.5) / (df + 0.5))
    return value if value > 0 else 1e-6


def match_sql(terms: list[str]) -> tuple[str, list, str, list]:
    """(FROM … WHERE fragment, its params, per-term select columns, their params)."""
    columns, params = [], []
    for term in terms:
        columns.append(
            "e.fts @@ to_tsquery('simple', %s), "
            f"ts_rank('{WEIGHTS}', e.fts, to_tsquery('simple', %s))"
        )
        params += [f"'{term}'", f"'{term}'"]
    tsquery = " | ".join(f"'{t}'" for t in terms)
    return (
        "search_indexentry e WHERE e.fts @@ to_tsquery('simple', %s)",
        [tsquery],
        ", ".join(columns),
        params,
    )


def first_pass(terms: list[str], rows: list, width: int) -> tuple[list, dict, list[float]]:
    """``rows`` = ``(id, 0, …columns up to width…, flag, rank, flag, rank …)`` → rows
    ``(id, score, …columns…)``, the terms of each row, and each term's IDF (df counted on the rows:
    they hold every match of every term)."""
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM search_indexentry")
        total = cur.fetchone()[0]
    df = [0] * len(terms)
    for row in rows:
        for i in range(len(terms)):
            df[i] += bool(row[width + 2 * i])
    weights = [idf(total, n) for n in df]
    scored, found = [], {}
    for row in rows:
        score, have = 0.0, set()
        for i, term in enumerate(terms):
            if row[width + 2 * i]:
                have.add(term)
                score += weights[i] * float(row[width + 2 * i + 1])
        found[row[0]] = have
        scored.append((row[0], score, *row[2:width]))
    return scored, found, weights


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
