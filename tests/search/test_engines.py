"""The same search cases on both engines (embedded database and real OpenSearch)."""

import datetime as dt

import pytest

from search.engines import SearchQuery, get_engine
from search.factories import SearchDocumentFactory as Doc
from search.sources import STAFF

NASTY = [
    "x" * 5000,
    '"',
    '"""',
    "*",
    "应急*",
    "AND",
    "地震 AND 预案",
    "地震 OR",
    "NOT 地震",
    "NEAR(地震 预案)",
    "title:地震",
    "(((",
    ")",
    "-",
    "^2",
    "~",
    "\\",
    "'; DROP TABLE search_indexentry; --",
    "<script>alert(1)</script>地震",
    "%_%",
    '{"query": 1}',
    "ＡＮＤ　地震",  # full-width letters and ideographic space
    "地震\x00预案",
    "😀🔥 地震",
    "Earthquake 地震 plan",
    "١٢٣ عربى 地震",
    "   ",
    "的了吗",
    "/",
    "?",
    "[]",
    "a:b:c",
    "+地震 -预案",
]


@pytest.fixture
def corpus(index_docs):
    return index_docs(
        [
            Doc(
                key="t:quake",
                title="郑州市地震应急预案",
                body="地震发生后启动应急响应。",
                type="plan",
                type_label="预案",
                date=dt.date(2021, 3, 1),
                topic="地震",
                issuer="市政府",
            ),
            Doc(
                key="t:shelter",
                title="应急避难场所名录",
                body="发生地震时前往就近避难场所。",
                type="directory",
                type_label="名录",
                date=dt.date(2024, 5, 1),
                topic="避难场所",
            ),
            Doc(
                key="t:month",
                title="安全生产月活动",
                body="隐患排查，挂牌督办。",
                type="campaign",
                type_label="活动",
                date=dt.date(2023, 6, 1),
                status="进行中",
            ),
            Doc(
                key="t:staff",
                title="地震 隐患 督办 案件",
                body="挂牌督办 地震 整改",
                type="case",
                type_label="督办",
                audience=STAFF,
                jurisdiction="zz/jinshui",
            ),
            Doc(
                key="t:staff2",
                title="地震 约谈 记录",
                body="警示约谈 地震",
                type="case",
                type_label="督办",
                audience=STAFF,
                jurisdiction="zz/erqi",
            ),
        ]
    )


def keys(results):
    return [h.key for h in results.hits]


def test_finds_segmented_words_and_highlights(engine, corpus):
    results = engine.search(SearchQuery("地震"))
    assert set(keys(results)) == {"t:quake", "t:shelter"}
    assert results.total == 2
    assert keys(results)[0] == "t:quake"  # title match ranks first
    assert "<mark>地震</mark>" in results.hits[0].title_html
    assert "<mark>地震</mark>" in results.hits[0].snippet


def test_natural_language_query_finds_dictionary_word(engine, corpus):
    assert keys(engine.search(SearchQuery("哪里有避难场所？")))[0] == "t:shelter"
    assert keys(engine.search(SearchQuery("挂牌督办")))[0] == "t:month"


def test_facets_filters_and_sort(engine, corpus):
    results = engine.search(SearchQuery("地震"))
    facets = {
        name: {f.value: (f.label, f.count) for f in values}
        for name, values in results.facets.items()
    }
    assert facets["type"] == {"plan": ("预案", 1), "directory": ("名录", 1)}
    assert facets["year"] == {"2021": ("2021", 1), "2024": ("2024", 1)}
    assert facets["issuer"] == {"市政府": ("市政府", 1)}
    assert [f.value for f in results.facets["year"]] == ["2024", "2021"]
    filtered = engine.search(SearchQuery("地震", filters={"type": "directory"}))
    assert keys(filtered) == ["t:shelter"] and filtered.total == 1
    assert keys(engine.search(SearchQuery("地震", filters={"year": "2021"}))) == ["t:quake"]
    assert engine.search(SearchQuery("地震", filters={"year": "19x"})).total == 0
    assert keys(engine.search(SearchQuery("地震", sort="date"))) == ["t:shelter", "t:quake"]


def test_pagination(engine, index_docs):
    index_docs(
        [
            Doc(
                key=f"p:{i}",
                title=f"防汛通知第{i}号",
                date=dt.date(2020, 1, 1) + dt.timedelta(days=i),
            )
            for i in range(25)
        ]
    )
    seen = []
    for page in (1, 2, 3):
        results = engine.search(SearchQuery("防汛", page=page, per_page=10, sort="date"))
        assert results.total == 25
        seen += keys(results)
    assert len(seen) == 25 and len(set(seen)) == 25
    assert seen[0] == "p:24"
    assert engine.search(SearchQuery("防汛", page=9, per_page=10)).hits == []


def test_staff_documents_never_public(engine, corpus):
    for text in ["督办", "地震", "约谈", "案件"]:
        assert not any(k.startswith("t:staff") for k in keys(engine.search(SearchQuery(text))))
    everything = engine.search(SearchQuery("地震", audience=STAFF, jurisdictions=None))
    assert set(keys(everything)) == {"t:staff", "t:staff2"}
    mine = engine.search(SearchQuery("地震", audience=STAFF, jurisdictions=["zz/jinshui"]))
    assert keys(mine) == ["t:staff"]
    assert engine.search(SearchQuery("地震", audience=STAFF, jurisdictions=["zz/jin"])).total == 0
    assert set(keys(engine.search(SearchQuery("地震", audience=STAFF, jurisdictions=["zz"])))) == {
        "t:staff",
        "t:staff2",
    }
    assert engine.search(SearchQuery("地震", audience=STAFF, jurisdictions=[])).total == 0


@pytest.mark.parametrize("text", NASTY)
def test_any_query_text_is_safe(engine, corpus, text):
    results = engine.search(SearchQuery(text))
    assert results.total >= 0
    assert len(results.query.text) <= 100
    if "地震" in text:
        assert results.total >= 1


def test_full_width_and_case_are_normalised(engine, index_docs):
    index_docs([Doc(key="t:gb", title="GB 30871 作业安全规范", body="ＧＢ标准")])
    assert keys(engine.search(SearchQuery("ｇｂ"))) == ["t:gb"]
    assert keys(engine.search(SearchQuery("gb"))) == ["t:gb"]


def test_upsert_replaces_and_delete_removes(engine, index_docs):
    index_docs([Doc(key="t:1", title="旧标题 防汛")])
    index_docs([Doc(key="t:1", title="新标题 地震")])
    assert engine.search(SearchQuery("防汛")).total == 0
    assert keys(engine.search(SearchQuery("地震"))) == ["t:1"]
    engine.delete(["t:1"])
    assert engine.search(SearchQuery("地震")).total == 0


def test_audience_change_moves_document(engine, index_docs):
    index_docs([Doc(key="t:1", title="地震记录")])
    index_docs([Doc(key="t:1", title="地震记录", audience=STAFF)])
    assert engine.search(SearchQuery("地震")).total == 0
    assert engine.keys("public") == set() and engine.keys(STAFF) == {"t:1"}


def test_rebuild_replaces_everything(engine, index_docs):
    index_docs([Doc(key="t:old", title="地震旧文")])
    count = engine.rebuild(
        iter([Doc(key="t:new", title="地震新文"), Doc(key="t:s", title="地震", audience=STAFF)])
    )
    assert count == 2
    assert keys(engine.search(SearchQuery("地震"))) == ["t:new"]
    assert engine.keys(STAFF) == {"t:s"}


def test_results_have_one_shape(engine, corpus):
    payload = engine.search(SearchQuery("地震")).as_json()
    assert set(payload) >= {"total", "results", "facets"}
    assert set(payload["results"][0]) >= {"title", "url", "type", "snippet", "date", "score"}
    assert set(payload["facets"]) == {"type", "topic", "issuer", "year", "status"}


def test_engines_agree(opensearch):
    """Both engines, given the same documents, find the same documents in the same order
    with the same totals (the relevance set, so a real spread of queries), on SQLite and
    on PostgreSQL."""
    from .relevance import QUERIES, documents

    docs = documents()
    get_engine("database").upsert(docs)
    opensearch.upsert(docs)
    differ, overlap = [], []
    for text in [q[0] for q in QUERIES]:
        db, os_ = (get_engine(n).search(SearchQuery(text)) for n in ("database", "opensearch"))
        assert db.engine == "database" and os_.engine == "opensearch"
        if db.total != os_.total or keys(db)[:1] != keys(os_)[:1]:
            differ.append((text, db.total, os_.total, keys(db)[:3], keys(os_)[:3]))
        top_db, top_os = set(keys(db)[:5]), set(keys(os_)[:5])
        overlap.append(len(top_db & top_os) / max(1, len(top_db | top_os)))
    assert not differ  # same totals, same first result
    assert sum(overlap) / len(overlap) >= 0.9  # nearly the same top five
