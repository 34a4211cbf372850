"""Cost of the public search page, uncached (issue #19), on each engine: a fixed number of
queries at demo size and the same number once the index holds hundreds more matching
documents, and a bounded number of filter links whatever the number of facet values."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.factories import SearchDocumentFactory as Doc
from search.views import FACET_VALUES_SHOWN

# Most queries of one uncached anonymous search page once the worker's site-wide memory is
# warm (portal/core/sitememo.py): the editor's picks, the statistics' write-through (three
# statements in tests, where the cache is not shared), and the embedded engine's fixed
# set: the corpus size and one match count per term and synonym (for the ranking), the
# public total, the facets, the two-term window's count, the rank window and its
# audience check, the titles, the term flags and the shown rows. None of them grows with
# the index; a query with four synonyms reaches 19. Answered from the worker's memory
# (SQLite, search/engines/memory_index.py) the engine reads the index token and the shown
# rows, plus the snapshot and a term's postings the first time they are needed.
BUDGET = 20
QUERIES = ["/search/?q=防汛", "/search/?q=地震&type=article&sort=date"]


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False


def _count(client, url):
    client.get(url)  # warm per-process caches (site root paths, settings, segmenter)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx), response.content.decode()


def test_search_page_queries_do_not_grow_with_the_index(client, demo_index, index_docs):
    before = {url: _count(client, url)[0] for url in QUERIES}
    index_docs(
        Doc.build_batch(
            300, body="防汛抗旱与地震应急预案的要点。", date=dt.date(2025, 6, 1), topic="防汛"
        )
    )
    after = {}
    for url in QUERIES:
        after[url], html = _count(client, url)
        assert "测试文档" in html  # the new documents were found and listed
    report = {url: (before[url], after[url]) for url in QUERIES}
    assert all(max(v) <= BUDGET for v in report.values()), f"over {BUDGET}: {report}"
    assert all(v[1] <= v[0] for v in report.values()), f"grows with the index: {report}"


def test_each_facet_lists_its_most_frequent_values_only(client, index_docs, engine_name):
    index_docs(
        [
            Doc(key=f"f:{i}", title=f"防汛通知{i}", issuer=f"发布单位{i:02d}", body="防汛")
            for i in range(FACET_VALUES_SHOWN + 5)
        ]
        + [
            Doc(key=f"g:{i}", title=f"防汛预案{i}", issuer="市应急管理局", body="防汛")
            for i in range(3)
        ]
    )
    html = client.get("/search/", {"q": "防汛"}).content.decode()
    issuer_links = re.findall(r'href="\?q=[^"]*&amp;issuer=[^"]*"', html)
    assert len(issuer_links) == FACET_VALUES_SHOWN
    assert "issuer=%E5%B8%82%E5%BA%94%E6%80%A5%E7%AE%A1%E7%90%86%E5%B1%80" in html  # the top one
    # A filter on a value past the shown ones still shows as an active filter, by its name.
    filtered = client.get("/search/", {"q": "防汛", "issuer": "发布单位14"}).content.decode()
    assert re.search(r'class="chip">[^<]*发布单位14', filtered)
    assert "通知14" in filtered and "预案0" not in filtered


def test_estimated_facet_counts_are_marked_as_such(
    client, index_docs, engine_name, monkeypatch, settings
):
    """Past the engine's exact limit a facet count is an estimate: the page says 约 and
    explains why, and an exact count is shown bare. (The SQL path estimates; answers from
    memory are always exact.)"""
    settings.SEARCH_MEMORY_INDEX = False
    from django.db import connection as db

    from search.engines import sqlite_fts

    if engine_name != "database" or db.vendor != "sqlite":
        pytest.skip("the embedded engine on SQLite estimates facets")
    index_docs([Doc(key=f"e:{i}", title=f"防汛通知{i}", body="防汛") for i in range(12)])
    exact = client.get("/search/", {"q": "防汛"}).content.decode()
    assert re.search(r'class="count">12<', exact) and "约" not in exact
    monkeypatch.setattr(sqlite_fts, "FACET_EXACT", 5)
    monkeypatch.setattr(sqlite_fts, "FACET_SAMPLE", 6)
    estimated = client.get("/search/", {"q": "防汛", "sort": "date"}).content.decode()
    assert re.search(r'class="count">约\d+<', estimated)
    assert "各项数量为抽样估算" in estimated
