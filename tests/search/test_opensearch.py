"""OpenSearch specifics, on the real node of OPENSEARCH_TEST_URL: what a search asks the
node for (issue #19: the search API's speed) and the index a rebuild creates."""

import io

import pytest
from django.core.management import call_command

from search.engines import SearchQuery, get_engine
from search.engines.opensearch import SHOWN_FIELDS, TITLE_BOOST
from search.factories import SearchDocumentFactory as Doc

FACET_FIELDS = ("type", "type_label", "topic", "issuer", "status")


@pytest.fixture
def sent(opensearch):
    """Every request the search client sends: (method, path, params, body)."""
    engine = get_engine("opensearch")
    requests = []
    perform = engine.client.transport.perform_request

    def spy(method, url, params=None, body=None, **kwargs):
        text = {k: v.decode() if isinstance(v, bytes) else v for k, v in (params or {}).items()}
        requests.append((method, url, text, body))
        return perform(method, url, params=params, body=body, **kwargs)

    engine.client.transport.perform_request = spy
    yield requests
    del engine.client.transport.perform_request


@pytest.fixture
def docs(opensearch):
    docs = [
        Doc(key="o:plan", title="郑州市地震应急预案", body="地震发生后启动应急响应。" * 20),
        Doc(key="o:drill", title="学校地震疏散演练", body="组织师生开展应急演练。" * 20),
        Doc(key="o:flood", title="防汛应急预案", body="汛期防汛值守。" * 20),
    ]
    opensearch.upsert(docs)
    return docs


def test_candidates_are_read_without_stored_fields(sent, docs):
    """The 300 re-ranking candidates are read from doc values and the names of the
    matching clauses only: loading their _source (or _id, a stored field) decompressed
    a block per hit and was half of the node's time at 100,000 documents. Only the shown
    page's fields are fetched, by one mget that forces no refresh."""
    results = get_engine("opensearch").search(SearchQuery("地震应急预案"))
    assert [h.key for h in results.hits][:1] == ["o:plan"]
    assert "<mark>" in str(results.hits[0].snippet) and results.hits[0].url
    (search, mget) = sent
    assert search[1].endswith("/_search")
    body = search[3]
    assert body["stored_fields"] == "_none_" and "_source" not in body
    assert body["docvalue_fields"] == ["title"]
    assert mget[1].endswith("/_mget") and mget[2]["realtime"] == "false"
    assert mget[2]["_source_includes"].split(",") == SHOWN_FIELDS
    assert set(mget[3]["ids"]) == {h.key for h in results.hits}


def test_named_clauses_score_exactly_like_the_multi_match(opensearch, docs):
    """Each term's dis_max of a title and a body match scores exactly as the former
    multi_match over title_seg^10, body_seg: same hits, same scores, same order."""
    engine = get_engine("opensearch")
    for text in ("地震应急预案", "应急演练", "防汛", "dizhen"):
        query = SearchQuery(text)
        former = {
            "bool": {
                "should": [
                    {
                        "multi_match": {
                            "query": t,
                            "fields": [f"title_seg^{TITLE_BOOST}", "body_seg"],
                        }
                    }
                    for t in query.terms
                ],
                "minimum_should_match": 1,
                "filter": [{"term": {"audience": "public"}}],
            }
        }

        def ranked(q):
            body = {"query": q, "size": 300, "sort": ["_score", "key"]}
            hits = engine.client.search(index=engine.alias("public"), body=body)["hits"]["hits"]
            return [(h["_id"], h["_score"]) for h in hits]

        assert ranked(former) == ranked(engine._query(query)) != []


def test_rebuild_creates_facet_fields_with_eager_global_ordinals(opensearch):
    """`manage.py rebuild_search` (the deploy step) builds indices whose facet fields have
    their global ordinals built at refresh, not by the first search after each refresh."""
    call_command("rebuild_search", "--engine", "opensearch", "--no-progress", stdout=io.StringIO())
    engine = get_engine("opensearch")
    for alias in (engine.alias("public"), engine.alias("staff")):
        (mapping,) = engine.client.indices.get_mapping(index=alias).values()
        fields = mapping["mappings"]["properties"]
        assert all(fields[f].get("eager_global_ordinals") for f in FACET_FIELDS), alias


def test_a_rebuild_goes_live_merged_into_one_segment(opensearch):
    """A long bulk load leaves several segments (the node writes one each time its indexing
    buffer fills). The rebuilt index is merged into one before the aliases move to it, so
    searches neither read many small segments nor compete with the node's merges."""
    engine = get_engine("opensearch")

    def documents():
        for i in range(1500):
            if i and i % 600 == 0:  # what a long load does, here every 600 documents
                engine.writer.indices.refresh(index=f"{engine.prefix}-*")
            yield Doc(key=f"seg:{i}", title=f"第{i}号应急预案", body="组织应急演练。" * 5)

    assert engine.rebuild(documents()) == 1500
    (index,) = engine.client.indices.segments(index=engine.alias("public"))["indices"].values()
    counts = [len(copy["segments"]) for copies in index["shards"].values() for copy in copies]
    assert counts == [1]
