"""The relevance test set (relevance.py) on both engines, with thresholds."""

from search.engines import SearchQuery, get_engine

from .relevance import MRR_THRESHOLD, QUERIES, RECALL_THRESHOLD, documents


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
