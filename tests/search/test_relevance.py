"""The relevance sets on both engines, with the same thresholds.

relevance.py: the first 34 documents and 35 queries (recall@10 and MRR, as before).
relevance_more.py: 322 documents, 150+ queries in categories; keyword nDCG@10,
natural-language hit@3 (natural-language and question queries) and MRR over all queries,
reported per category."""

import math
from collections import defaultdict

from search.engines import SearchQuery, get_engine

from .relevance import MRR_THRESHOLD, QUERIES, RECALL_THRESHOLD, documents
from .relevance_more import ALL_QUERIES
from .relevance_more import documents as more_documents

KEYWORD_NDCG = 0.97
NATURAL_HIT3 = 0.95
ALL_MRR = 0.90


def test_relevance_set(engine_name, index_docs):
    index_docs(documents())
    engine = get_engine(engine_name)
    found = wanted = 0
    reciprocal_ranks, misses = [], []
    for text, expected in QUERIES:
        keys = [h.key for h in engine.search(SearchQuery(text, per_page=10)).hits]
        for key in expected:
            wanted += 1
            if f"rel:{key}" in keys:
                found += 1
            else:
                misses.append((text, key, keys[:5]))
        first = next((i for i, k in enumerate(keys) if k == f"rel:{expected[0]}"), None)
        reciprocal_ranks.append(0 if first is None else 1 / (first + 1))
    recall = found / wanted
    mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    print(f"{engine_name}: recall@10={recall:.3f} MRR={mrr:.3f} misses={misses}")
    assert recall >= RECALL_THRESHOLD, misses
    assert mrr >= MRR_THRESHOLD, (mrr, misses)


def ndcg_at_10(keys, relevant):
    dcg = sum(1 / math.log2(i + 2) for i, k in enumerate(keys[:10]) if k in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    return dcg / ideal


def measure(engine):
    """Per category: nDCG@10, hit@3, MRR (first relevant result), and the misses."""
    scores = defaultdict(lambda: defaultdict(list))
    misses = []
    for category, text, expected in ALL_QUERIES:
        relevant = {f"rel:{k}" for k in expected}
        keys = [h.key for h in engine.search(SearchQuery(text, per_page=10)).hits]
        first = next((i for i, k in enumerate(keys) if k in relevant), None)
        scores[category]["ndcg"].append(ndcg_at_10(keys, relevant))
        scores[category]["hit3"].append(1.0 if first is not None and first < 3 else 0.0)
        scores[category]["mrr"].append(0.0 if first is None else 1 / (first + 1))
        if first != 0:
            misses.append((category, text, first, keys[:3]))
    table = {
        c: {m: sum(v) / len(v) for m, v in metrics.items()} | {"n": len(metrics["mrr"])}
        for c, metrics in scores.items()
    }
    every = [x for metrics in scores.values() for x in metrics["mrr"]]
    nl = scores["natural"]["hit3"] + scores["questions"]["hit3"]
    summary = {
        "keyword_ndcg10": table["keyword"]["ndcg"],
        "natural_hit3": sum(nl) / len(nl),
        "mrr": sum(every) / len(every),
    }
    return summary, table, misses


def test_grown_relevance_set(engine_name, index_docs):
    """The targets, on each engine; the embedded engine on SQLite and PostgreSQL alike."""
    index_docs(more_documents())
    summary, table, misses = measure(get_engine(engine_name))
    print(f"\n{engine_name}: " + " ".join(f"{k}={v:.3f}" for k, v in summary.items()))
    for category, row in table.items():
        print(
            f"  {category:12} n={row['n']:3} nDCG@10={row['ndcg']:.3f} "
            f"hit@3={row['hit3']:.3f} MRR={row['mrr']:.3f}"
        )
    print("  not first:", misses)
    assert summary["keyword_ndcg10"] >= KEYWORD_NDCG, misses
    assert summary["natural_hit3"] >= NATURAL_HIT3, misses
    assert summary["mrr"] >= ALL_MRR, misses
