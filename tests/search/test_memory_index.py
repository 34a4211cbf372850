"""Public searches answered from what each worker keeps in memory (issue #19,
search/engines/memory_index.py): the same answers as the SQL path, bit for bit; never
stale after a write, a rolled-back write or a write in the middle of a reading; within
its memory limit; and declined when it cannot answer."""

from collections import Counter

import pytest
from django.db import connection, transaction
from django.db.backends import utils

from search.engines import SearchQuery
from search.engines import memory_index as memory
from search.engines import sqlite_fts as fts
from search.engines.database import DatabaseEngine
from search.factories import SearchDocumentFactory as Doc
from search.sources import STAFF

from .test_embedded_scale import SIZE, documents

QUERIES = ["防汛", "防汛应急预案", "避难场所 防汛", "防汛 森林火灾 隐患排查", "地震 演练", "部署"]


@pytest.fixture(autouse=True)
def _sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the in-memory reading is SQLite's")
    memory.forget()
    yield
    memory.forget()


@pytest.fixture
def corpus(settings, db):
    settings.SEARCH_ENGINE = "database"
    settings.SEARCH_MEMORY_INDEX = True
    docs = documents()
    staff = [Doc(key=f"st:{i}", title="防汛督办", body="防汛 应急预案", type="case", audience=STAFF)
             for i in range(40)]  # fmt: skip
    DatabaseEngine().upsert(docs + staff)
    return docs


@pytest.fixture
def answered(monkeypatch):
    """How each search was answered: "memory" or "sql"."""
    ways = []
    original = memory.matches

    def spy(query):
        found = original(query)
        ways.append("sql" if found is None else "memory")
        return found

    monkeypatch.setattr(memory, "matches", spy)
    return ways


def answer(results):
    return (
        results.total,
        results.facets_estimated,
        {name: [(f.value, f.label, f.count) for f in values] for name, values in results.facets.items()},
        [(h.key, h.score) for h in results.hits],
    )  # fmt: skip


def both(settings, query):
    settings.SEARCH_MEMORY_INDEX = False
    sql = answer(DatabaseEngine().search(query))
    settings.SEARCH_MEMORY_INDEX = True
    return sql, answer(DatabaseEngine().search(query))


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_memory_answers_exactly_as_sql(corpus, settings, answered, text, sort):
    """Totals, facets with labels, the hits of pages inside and beyond the re-rank window
    and their scores (FTS5's bm25 re-computed: equal to the last bit)."""
    for page, per_page in [(1, 10), (3, 50), (7, 50), (1, SIZE)]:
        query = SearchQuery(text, sort=sort, page=page, per_page=per_page)
        sql, kept = both(settings, query)
        assert kept == sql, (text, sort, page)
    filtered = SearchQuery(text, sort=sort, filters={"type": "drill", "year": "2019"})
    sql, kept = both(settings, filtered)
    assert kept == sql and sql[0] > 0
    assert set(answered) == {"memory"}


@pytest.mark.parametrize("text", ["如何防汛", "防汛须知", "防汛 须知 怎么办"])
def test_questions_and_phrases_rerank_exactly_as_sql(corpus, settings, answered, text):
    """The intent bonus (a question, guidance titles) and the phrase bonus (the whole query
    in a title, or as the whole title) re-rank the same on both paths."""
    DatabaseEngine().upsert(
        [Doc(key=f"q:{i}", title=["防汛须知", f"如何防汛 第{i}期", f"防汛须知 第{i}号"][i % 3],
             body="防汛 " * (i % 4 + 1)) for i in range(30)]
    )  # fmt: skip
    for per_page in (10, 400):
        sql, kept = both(settings, SearchQuery(text, per_page=per_page))
        assert kept == sql and sql[0] > SIZE
    assert sql[3][0][0].startswith("q:")  # a guidance or phrase title comes first
    assert set(answered) == {"memory"}


def test_totals_and_facets_are_exact_beyond_the_sql_estimate(corpus, monkeypatch, answered):
    monkeypatch.setattr(fts, "FACET_EXACT", 100)  # the SQL path would estimate here
    results = DatabaseEngine().search(SearchQuery("防汛"))
    assert answered == ["memory"]
    assert results.total == SIZE and not results.facets_estimated
    got = {f.value: f.count for f in results.facets["type"]}
    assert got == Counter(d.type for d in corpus)  # no "case": staff only
    assert DatabaseEngine().search(SearchQuery("防汛", filters={"type": "case"})).total == 0


def test_a_warm_search_reads_only_the_rows_it_shows(corpus, monkeypatch):
    """Once the snapshot and the terms' postings are kept, a search reads the index token
    and the page's rows: no statement returns more rows than the page shows."""
    DatabaseEngine().search(SearchQuery("防汛应急预案"))
    sizes = []
    original = utils.CursorWrapper.__getattr__

    def spy(self, attr):
        value = original(self, attr)
        if attr in ("fetchall", "fetchmany", "fetchone"):

            def fetch(*args, **kwargs):
                rows = value(*args, **kwargs)
                sizes.append(len(rows) if isinstance(rows, list) else 1)
                return rows

            return fetch
        return value

    monkeypatch.setattr(utils.CursorWrapper, "__getattr__", spy)
    results = DatabaseEngine().search(SearchQuery("防汛应急预案"))
    assert results.total == SIZE and len(results.hits) == 10
    assert sizes and max(sizes) <= 10 and len(sizes) <= 3, sizes


def test_writes_show_in_the_next_search(corpus, answered):
    engine = DatabaseEngine()
    assert engine.search(SearchQuery("台风")).total == 0
    engine.upsert([Doc(key="new:1", title="台风防御指南", body="台风 防汛")])
    found = engine.search(SearchQuery("台风"))
    assert [h.key for h in found.hits] == ["new:1"]
    assert engine.search(SearchQuery("防汛")).total == SIZE + 1
    engine.upsert([Doc(key="new:1", title="台风防御指南", body="台风", audience=STAFF)])
    assert engine.search(SearchQuery("台风")).total == 0
    assert engine.search(SearchQuery("防汛")).total == SIZE
    engine.delete(["s:0"])
    assert engine.search(SearchQuery("防汛")).total == SIZE - 1
    assert set(answered) == {"memory"}


def test_a_rolled_back_write_is_not_kept(corpus):
    """The token of a rolled-back write goes with it: the next search reads the content
    that is there, not what was kept during the transaction."""
    engine = DatabaseEngine()
    with pytest.raises(RuntimeError), transaction.atomic():
        engine.upsert([Doc(key="tmp:1", title="台风防御指南", body="台风")])
        assert engine.search(SearchQuery("台风")).total == 1
        raise RuntimeError("roll back")
    assert engine.search(SearchQuery("台风")).total == 0


def test_a_write_while_reading_is_never_kept(corpus, monkeypatch, answered):
    """A token that changes between reading the postings and checking them: the SQL path
    answers, and nothing read then is kept."""
    engine = DatabaseEngine()
    engine.search(SearchQuery("防汛"))  # the snapshot is kept
    tokens = iter(["", "changed"])
    original = memory._token

    def moving(cur):
        value = original(cur)
        return value + next(tokens, "")

    monkeypatch.setattr(memory, "_token", moving)
    results = engine.search(SearchQuery("森林火灾"))
    assert answered == ["memory", "sql"] and results.total > 0
    monkeypatch.setattr(memory, "_token", original)
    assert "森林火灾" not in memory._current._postings


def test_postings_kept_within_the_limit(corpus, settings):
    settings.SEARCH_MEMORY_POSTINGS = SIZE + 100  # 防汛 alone has SIZE postings
    engine = DatabaseEngine()
    for text in QUERIES:
        engine.search(SearchQuery(text))
        kept = memory._current
        assert kept._kept == sum(p.size for p in kept._postings.values())
        assert kept._kept <= SIZE + 100 or len(kept._postings) == 1
    assert "防汛" not in memory._current._postings  # the least recently searched went first


def test_declined_queries_go_to_sql(corpus, answered):
    staff = SearchQuery("防汛", audience=STAFF)
    assert not memory.usable(staff)
    assert DatabaseEngine().search(staff).total == 40
    odd = SearchQuery("防汛")
    odd.terms = ["covid-19"]  # FTS5 reads two tokens: a phrase, not a posting list
    assert not memory.usable(odd)
    assert memory.usable(SearchQuery("yingji 防汛 2024"))
    assert answered == []


@pytest.mark.parametrize(
    "remove, restore",
    [
        ("ALTER TABLE search_indexversion RENAME TO search_indexversion_gone",
         "ALTER TABLE search_indexversion_gone RENAME TO search_indexversion"),
        ("DROP TABLE search_indexentry_vocab",
         "CREATE VIRTUAL TABLE search_indexentry_vocab "
         "USING fts5vocab(search_indexentry_fts, instance)"),
    ],
    ids=["token table", "vocabulary table"],
)  # fmt: skip
def test_without_its_tables_sql_answers(corpus, answered, remove, restore):
    with connection.cursor() as cur:
        cur.execute(remove)
    try:
        assert DatabaseEngine().search(SearchQuery("防汛")).total == SIZE
    finally:
        with connection.cursor() as cur:
            cur.execute(restore)
    assert answered == ["sql"]
    assert DatabaseEngine().search(SearchQuery("防汛")).total == SIZE
    assert answered == ["sql", "memory"]
