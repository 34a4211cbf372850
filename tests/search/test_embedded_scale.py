"""The embedded engine's SQL path at scale (issue #19): totals and facets counted in SQL,
a bounded candidate set for the ranking, only the page's rows read in full — with the
same answers as ranking every match. Runs on SQLite, and on PostgreSQL with DATABASE_URL.
The SQL path answers staff searches, PostgreSQL, and the public searches that
search.engines.memory_index declines; tests/search/test_memory_index.py holds the latter
to the same answers."""

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.db.backends import utils

from search.engines import SearchQuery
from search.engines import sqlite_fts as fts
from search.engines.base import RERANK_WINDOW
from search.engines.database import DatabaseEngine
from search.factories import SearchDocumentFactory as Doc
from search.sources import STAFF

SIZE = 800  # more matches than the re-rank window and its margin
TYPES = ["plan", "notice", "article", "drill"]
TOPICS = ["防汛", "地震", "消防", "危化品", ""]
EXTRA = ["应急预案", "避难场所", "森林火灾", "隐患排查"]


def documents():
    """Every document says 防汛 (1–4 times); a third also name a rarer subject, some in
    the title; types, topics, years and dates repeat, so facets and date ties are real."""
    docs = []
    for i in range(SIZE):
        extra = EXTRA[i % 4] if i % 3 == 0 else ""
        # Two independent words: a few documents have both (the "two or more terms" window).
        both = " ".join(w for w, on in (("地震", i % 5 == 1), ("演练", i % 7 == 2)) if on)
        title = f"第{i}号工作通知 {'防汛' if i % 5 == 0 else ''} {extra if i % 9 == 0 else ''}"
        title += f" {both}"
        body = " ".join(["防汛"] * (1 + i % 4) + ["部署", extra, "安排"] * (1 + i % 2) + [both])
        docs.append(
            Doc(
                key=f"s:{i}",
                title=title,
                body=body,
                type=TYPES[i % 4],
                type_label=f"类{i % 4}",
                topic=TOPICS[i % 5],
                date=dt.date(2018, 1, 1) + dt.timedelta(days=40 * (i % 37)),
            )
        )
    return docs


@pytest.fixture
def corpus(settings, db):
    settings.SEARCH_ENGINE = "database"
    settings.SEARCH_MEMORY_INDEX = False  # the SQL path (see the module's docstring)
    docs = documents()
    # Staff documents saying the same words: never counted in a public total or facet.
    staff = [Doc(key=f"st:{i}", title="防汛督办", body="防汛 应急预案", type="case", audience=STAFF)
             for i in range(40)]  # fmt: skip
    DatabaseEngine().upsert(docs + staff)
    return docs


def sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite FTS5 only")


def keys(results):
    return [h.key for h in results.hits]


def test_a_search_reads_a_bounded_number_of_rows(corpus, monkeypatch):
    """No statement hands every match to Python (it used to: 800 rows here)."""
    sizes = []
    original = utils.CursorWrapper.__getattr__

    def spy(self, attr):
        value = original(self, attr)
        if attr in ("fetchall", "fetchmany"):

            def fetch(*args, **kwargs):
                rows = value(*args, **kwargs)
                sizes.append(len(rows))
                return rows

            return fetch
        return value

    monkeypatch.setattr(utils.CursorWrapper, "__getattr__", spy)
    for text in ["防汛", "防汛应急预案", "避难场所 防汛"]:
        sizes.clear()
        results = DatabaseEngine().search(SearchQuery(text))
        assert results.total == SIZE and len(results.hits) == 10
        # Statements return the window (with a margin on SQLite; on PostgreSQL a row per
        # term found in each candidate for the exact BM25), never every match.
        assert sizes and max(sizes) < SIZE


def test_total_and_facets_are_exact(corpus):
    results = DatabaseEngine().search(SearchQuery("防汛"))
    assert results.total == SIZE and not results.facets_estimated
    got = {name: {f.value: f.count for f in values} for name, values in results.facets.items()}
    assert got["type"] == Counter(d.type for d in corpus)  # no "case": staff only
    assert got["topic"] == Counter(d.topic for d in corpus if d.topic)
    assert got["year"] == Counter(str(d.date.year) for d in corpus)
    labels = {f.value: f.label for f in results.facets["type"]}
    assert labels["plan"] == "类0"
    staff = DatabaseEngine().search(SearchQuery("防汛", audience=STAFF))
    assert staff.total == 40 and {f.value for f in staff.facets["type"]} == {"case"}
    filtered = DatabaseEngine().search(SearchQuery("防汛", filters={"type": "drill"}))
    assert filtered.total == SIZE // 4
    assert {f.value for f in filtered.facets["type"]} == {"drill"}


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_every_page_is_a_slice_of_the_whole_ranking(corpus, sort):
    """Pages inside and beyond the re-rank window, and the date order with its ties,
    agree with one ranking of every match."""
    engine = DatabaseEngine()
    whole = keys(engine.search(SearchQuery("防汛应急预案", sort=sort, per_page=SIZE)))
    assert len(whole) == SIZE == len(set(whole))
    for page in (1, 2, 6, 7, 8, 16):
        results = engine.search(SearchQuery("防汛应急预案", sort=sort, page=page, per_page=50))
        assert keys(results) == whole[(page - 1) * 50 : page * 50], page
    if sort == "date":
        dates = [
            h.date for h in engine.search(SearchQuery("防汛", sort="date", per_page=SIZE)).hits
        ]
        assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    "text", ["防汛应急预案", "避难场所 防汛", "防汛 森林火灾 隐患排查", "地震 演练"]
)
@pytest.mark.parametrize("limit", [5, 40, RERANK_WINDOW])
def test_bounded_candidates_rank_exactly_like_every_match(corpus, monkeypatch, text, limit):
    """SQLite: the window from the rarer terms' matches (MaxScore) is the window that
    scoring every match gives, scores included."""
    sqlite()
    query = SearchQuery(text)
    stats = fts.frequencies(query.terms)
    terms = [t for t in query.terms if stats[1][t]]
    where, params = "e.audience = %s", ["public"]
    everything = fts._ranked(fts.any_of(terms), where, params, limit)
    calls = []
    ranked = fts._ranked

    def spy(match, where, params, limit, sub=None):
        calls.append(sub)
        return ranked(match, where, params, limit, sub)

    monkeypatch.setattr(fts, "_ranked", spy)
    for selective in (True, False):
        assert fts.top(terms, stats, where, params, limit, selective) == everything
    if limit == 5 and text != "防汛 森林火灾 隐患排查":  # the rarer terms decided alone
        assert calls and all(sub is not None for sub in calls)
    if limit == 5 and text == "地震 演练":  # decided by the documents with both words
        assert len(calls) == 1 and " AND " in calls[0][1][0]


def test_facets_are_estimated_beyond_the_exact_limit(corpus, monkeypatch):
    """SQLite: past FACET_EXACT matches the facets come from an even sample, scaled and
    flagged; the total stays exact."""
    sqlite()
    monkeypatch.setattr(fts, "FACET_EXACT", 100)
    monkeypatch.setattr(fts, "FACET_SAMPLE", 200)
    results = DatabaseEngine().search(SearchQuery("防汛"))
    assert results.total == SIZE and results.facets_estimated
    assert results.as_json()["facets_estimated"] is True
    truth = Counter(d.type for d in corpus)
    for facet in results.facets["type"]:
        assert abs(facet.count - truth[facet.value]) <= 0.3 * truth[facet.value]
    assert abs(sum(f.count for f in results.facets["type"]) - SIZE) <= 4
