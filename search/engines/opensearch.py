"""The OpenSearch engine: every OpenSearch-specific line of the project is in this module.

Index layout (one pair per ``OPENSEARCH_INDEX_PREFIX``): the aliases ``<prefix>-public``
and ``<prefix>-staff`` each point at one versioned index ``<alias>-<timestamp>``.
``rebuild`` fills fresh indices and moves both aliases in one atomic ``_aliases`` call,
so searches never see an empty or half-built index.

Fields and ranking are those of the embedded engine: ``title_seg`` (segmented title,
pinyin, single characters: :func:`search.analysis.title_terms`) weighted 10, ``body_seg``
(segmented body) weighted 1, both under a whitespace+lowercase analyzer, so both engines
match exactly the same terms; the best BM25 hits are re-ranked in Python by the shared
formula (:func:`search.engines.base.coverage_score` and ``phrase_bonus``)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from opensearchpy import Date, Document, Integer, Keyword, OpenSearch, Text, analyzer
from opensearchpy import exceptions as os_exc
from opensearchpy.helpers import bulk, scan
from urllib3 import Timeout

from ..analysis import title_terms
from ..segmenter import segment
from ..sources import PUBLIC, STAFF, SearchDocument
from .base import (
    FACETS,
    RERANK_WINDOW,
    Bonus,
    EngineUnavailable,
    FacetValue,
    SearchEngine,
    SearchQuery,
    SearchResults,
    document_text,
    make_hit,
)
from .breaker import BreakerOpen, CircuitBreaker

logging.getLogger("opensearch").setLevel(logging.WARNING)  # one line per request otherwise
SEGMENTED = analyzer("segmented", tokenizer="whitespace", filter=["lowercase"])
FACET_SIZE = 30
TITLE_BOOST = 10  # the title's weight against the body's 1, as on the embedded engine
# What a shown result needs (make_hit); never the segmented fields, which are large.
SHOWN_FIELDS = ["key", "title", "url", "type", "type_label", "date", "text"]
# The parts of a search response that are read (not each hit's _index, _id, _type ...).
SEARCH_RESPONSE_FIELDS = ",".join(
    ["took", "hits.total", "aggregations"]
    + [f"hits.hits.{f}" for f in ("_score", "sort", "fields", "matched_queries", "_source")]
)
WRITE_TIMEOUT = 120  # seconds for a write: a bulk request, an index creation


def parse_hosts(url: str) -> list[str]:
    """``OPENSEARCH_URL`` may list several nodes: ``https://os1:9200,https://os2:9200``
    (commas and/or spaces). Each node keeps its own scheme, credentials and port."""
    hosts = [h.strip() for h in url.replace(" ", ",").split(",") if h.strip()]
    if not hosts:
        raise ValueError("OPENSEARCH_URL is empty")
    return hosts


def FacetKeyword():  # noqa: N802 - a field type, like Keyword
    """A facet field: its global ordinals are built at refresh, not by the first search
    after each refresh (they are what a terms aggregation counts with)."""
    return Keyword(eager_global_ordinals=True)


class IndexedDocument(Document):
    key = Keyword()
    source = Keyword()
    type = FacetKeyword()
    type_label = FacetKeyword()
    title = Keyword(index=False)  # stored for results; searched through title_seg
    title_seg = Text(analyzer=SEGMENTED)
    body_seg = Text(analyzer=SEGMENTED)
    text = Text(index=False)  # stored for snippets
    url = Keyword(index=False)
    date = Date()
    year = Integer()
    topic = FacetKeyword()
    issuer = FacetKeyword()
    status = FacetKeyword()
    audience = Keyword()
    jurisdiction = Keyword()

    class Index:
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"}


def source_from_document(doc: SearchDocument) -> dict:
    return {
        "key": doc.key,
        "source": doc.source,
        "type": doc.type,
        "type_label": str(doc.type_label),
        "title": doc.title,
        "title_seg": title_terms(doc.title),
        "body_seg": segment(f"{doc.summary} {doc.body}"),
        "text": document_text(doc),
        "url": doc.url,
        "date": doc.date.isoformat() if doc.date else None,
        "year": doc.year,
        "topic": doc.topic or None,
        "issuer": doc.issuer or None,
        "status": doc.status or None,
        "audience": doc.audience,
        "jurisdiction": doc.jurisdiction or None,
    }


class OpenSearchEngine(SearchEngine):
    name = "opensearch"

    def __init__(self, url=None, prefix=None, timeout=None, connect_timeout=None):
        self.url = url or settings.OPENSEARCH_URL
        self.prefix = prefix or settings.OPENSEARCH_INDEX_PREFIX
        # Short timeouts: a search that waits longer is better answered by the embedded
        # index. Bulk writes get their own, longer timeout (WRITE_TIMEOUT).
        timeout = Timeout(
            connect=connect_timeout or settings.OPENSEARCH_CONNECT_TIMEOUT,
            read=timeout or settings.OPENSEARCH_TIMEOUT,
        )
        self._ensured = False
        self.breaker = CircuitBreaker(
            failures=settings.OPENSEARCH_BREAKER_FAILURES,
            cooldown=settings.OPENSEARCH_BREAKER_SECONDS,
        )
        hosts = parse_hosts(self.url)
        options = {"max_retries": 0, "retry_on_timeout": False}
        # Searches: short timeouts. Writes and index management (bulk loads, index
        # creation, refresh, scans by background jobs): a client that waits longer.
        self.client = OpenSearch(hosts=hosts, timeout=timeout, **options)
        self.writer = OpenSearch(hosts=hosts, timeout=WRITE_TIMEOUT, **options)

    def alias(self, audience: str) -> str:
        return f"{self.prefix}-{STAFF if audience == STAFF else PUBLIC}"

    def _call(self, func, *args, **kwargs):
        """Run ``func`` through the circuit breaker; *any* failure (connection, timeout,
        server error, a response we cannot read) becomes :class:`EngineUnavailable`, so
        the caller can always fall back to the embedded index."""
        try:
            return self.breaker.call(func, *args, **kwargs)
        except BreakerOpen as exc:
            raise EngineUnavailable(f"OpenSearch at {self.url} is skipped: {exc}") from exc
        except (os_exc.ConnectionError, os_exc.ConnectionTimeout) as exc:
            raise EngineUnavailable(f"OpenSearch at {self.url} is unreachable: {exc}") from exc
        except Exception as exc:
            raise EngineUnavailable(f"OpenSearch at {self.url} failed: {exc!r}") from exc

    def available(self) -> bool:
        if self.breaker.is_open:
            return False
        try:
            return bool(self.client.ping())
        except Exception:  # any failure means "not available"
            return False

    # --- index management ------------------------------------------------------------
    def _create_index(self, alias: str) -> str:
        name = f"{alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"
        IndexedDocument.init(index=name, using=self.writer)
        return name

    def _alias_targets(self, alias: str) -> list[str]:
        if not self.writer.indices.exists_alias(name=alias):
            return []
        return list(self.writer.indices.get_alias(name=alias))

    def ensure_indices(self) -> None:
        """Create the versioned indices and aliases on first use (once per process)."""
        if self._ensured:
            return

        def ensure():
            for audience in (PUBLIC, STAFF):
                alias = self.alias(audience)
                if not self._alias_targets(alias):
                    name = self._create_index(alias)
                    self.writer.indices.put_alias(index=name, name=alias)

        self._call(ensure)
        self._ensured = True

    # --- writing ---------------------------------------------------------------------
    def _actions(self, docs, index_for):
        for doc in docs:
            yield {
                "_index": index_for(doc.audience),
                "_id": doc.key,
                "_source": source_from_document(doc),
            }

    def upsert(self, docs: list[SearchDocument], refresh=True) -> None:
        self.ensure_indices()
        # A document whose audience changed must leave the other index.
        self._call(self._delete_from, [d.key for d in docs if d.audience == PUBLIC], STAFF)
        self._call(self._delete_from, [d.key for d in docs if d.audience == STAFF], PUBLIC)
        self._call(
            bulk,
            self.writer,
            self._actions(docs, self.alias),
            refresh=refresh,
        )

    def _delete_from(self, keys, audience, refresh=True):
        if keys:
            actions = (
                {"_op_type": "delete", "_index": self.alias(audience), "_id": k} for k in keys
            )
            bulk(
                self.writer,
                actions,
                refresh=refresh,
                raise_on_error=False,
            )

    def delete(self, keys: list[str]) -> None:
        self.ensure_indices()
        for audience in (PUBLIC, STAFF):
            self._call(self._delete_from, keys, audience)

    def keys(self, audience: str) -> set[str]:
        self.ensure_indices()
        return self._call(
            lambda: {
                hit["_id"]
                for hit in scan(self.writer, index=self.alias(audience), _source=False, size=1000)
            }
        )

    def rebuild(self, docs, progress=None) -> int:
        """Fill new indices, then swap both aliases atomically and drop the old indices."""

        def run():
            new = {a: self._create_index(self.alias(a)) for a in (PUBLIC, STAFF)}
            for name in new.values():
                self.writer.indices.put_settings(index=name, body={"refresh_interval": "-1"})
            count = 0
            batch = []

            def flush():
                bulk(
                    self.writer,
                    self._actions(batch, new.__getitem__),
                    chunk_size=500,
                )

            for doc in docs:
                batch.append(doc)
                if len(batch) >= 500:
                    flush()
                    count += len(batch)
                    batch.clear()
                    if progress:
                        progress(count)
            flush()
            count += len(batch)
            actions, old = [], []
            for audience, name in new.items():
                alias = self.alias(audience)
                self.writer.indices.put_settings(index=name, body={"refresh_interval": "1s"})
                # A bulk load leaves dozens of segments that the node would merge while
                # serving searches; merged to one before it goes live (and refreshed, so
                # searches see the merged one), every search reads one segment.
                self.writer.indices.forcemerge(index=name, max_num_segments=1)
                self.writer.indices.refresh(index=name)
                for target in self._alias_targets(alias):
                    actions.append({"remove": {"index": target, "alias": alias}})
                    old.append(target)
                actions.append({"add": {"index": name, "alias": alias}})
            self.writer.indices.update_aliases(body={"actions": actions})
            for name in old:
                self.writer.indices.delete(index=name, ignore_unavailable=True)
            if progress:
                progress(count)
            return count

        return self._call(run)

    def drop(self) -> None:
        """Delete every index of this prefix (tests and `rebuild_search --drop`)."""
        self._call(self.writer.indices.delete, index=f"{self.prefix}-*", ignore_unavailable=True)
        self._ensured = False

    # --- reading ---------------------------------------------------------------------
    def _query(self, query: SearchQuery) -> dict:
        """An OR of the query terms on the same fields and weights as the embedded engine.

        Each term is a ``dis_max`` of its title match (weight 10, named ``h<i>``) and its
        body match (named ``b<i>``): the same Lucene query, hence the same scores, as the
        ``multi_match`` over ``title_seg^10, body_seg`` used before, but the names tell per
        hit which terms it contains (``h`` or ``b``) and which its *title* contains (``h``),
        so the re-ranking needs no stored field of the 300 candidates."""
        should = [
            {
                "dis_max": {
                    "queries": [
                        {
                            "match": {
                                "title_seg": {"query": t, "boost": TITLE_BOOST, "_name": f"h{i}"}
                            }
                        },
                        {"match": {"body_seg": {"query": t, "_name": f"b{i}"}}},
                    ]
                }
            }
            for i, t in enumerate(query.terms)
        ]
        filters = [{"term": {"audience": query.audience}}]
        for name, value in query.filters.items():
            if name == "year":
                value = int(value) if value.isdigit() else 0
            filters.append({"term": {name: value}})
        if query.audience == STAFF and query.jurisdictions is not None:
            allowed = [{"term": {"jurisdiction": p}} for p in query.jurisdictions]
            allowed += [{"prefix": {"jurisdiction": f"{p}/"}} for p in query.jurisdictions]
            filters.append({"bool": {"should": allowed, "minimum_should_match": 1}})
        return {"bool": {"should": should, "minimum_should_match": 1, "filter": filters}}

    def _body(self, query: SearchQuery, rerank: bool) -> dict:
        """The one search request: matches, exact total, facet counts and either the
        re-ranking candidates or the page itself."""
        body = {"query": self._query(query), "track_total_hits": True, "aggs": FACET_AGGS}
        if query.sort == "date":
            body["sort"] = [{"date": {"order": "desc", "missing": "_last"}}, "_score", "key"]
        else:
            body["sort"] = ["_score", "key"]
        if rerank:
            # Candidates need only score, key (the sort value), matched names and title
            # (doc values). Loading _source - or even _id, a stored field - for 300 hits
            # decompresses a stored-fields block per hit, which was half the time taken.
            body.update(size=RERANK_WINDOW, stored_fields="_none_", docvalue_fields=["title"])
        else:
            body.update({"from": query.offset, "size": query.per_page, "_source": SHOWN_FIELDS})
        return body

    def search(self, query: SearchQuery) -> SearchResults:
        """Relevance: the best :data:`RERANK_WINDOW` hits by BM25 are re-ranked in Python by
        the same formula as the embedded engine (term-group coverage, title phrase, BM25
        normalised to the best hit), so both engines order results the same way. Two
        requests: the search, then the shown page's texts (``mget``)."""
        results = SearchResults(query=query, engine=self.name)
        if not query.terms or query.jurisdictions == []:
            return results
        rerank = query.sort != "date" and query.offset < RERANK_WINDOW
        response = self._call(self._execute, query.audience, self._body(query, rerank))
        if response is None:
            return results
        results.total = response["hits"]["total"]["value"]
        aggregations = response["aggregations"]
        for name in FACETS:
            results.facets[name] = [
                FacetValue(str(b["key"]), facet_label(name, b), b["doc_count"])
                for b in aggregations[name]["buckets"]
            ]
        hits = response["hits"].get("hits", [])  # filter_path drops an empty list
        if not rerank:
            results.hits = [
                make_hit(h["_source"], query.terms, h.get("_score") or 0.0) for h in hits
            ]
            return results
        ranked = self._rerank(query, hits)[query.offset : query.offset + query.per_page]
        rows = self._call(self._sources, query.audience, [key for key, _score in ranked])
        results.hits = [make_hit(rows[k], query.terms, score) for k, score in ranked if k in rows]
        return results

    def _execute(self, audience: str, body: dict) -> dict | None:
        try:
            return self.client.search(
                index=self.alias(audience), body=body, filter_path=SEARCH_RESPONSE_FIELDS
            )
        except os_exc.NotFoundError:  # nothing indexed yet
            return None

    def _rerank(self, query: SearchQuery, hits: list[dict]) -> list[tuple[str, float]]:
        top = max((h["_score"] or 0.0 for h in hits), default=0.0) or 1.0
        terms = query.terms
        bonus, by_names, scored = Bonus(query), {}, []  # hits share few name sets
        for hit in hits:
            names = frozenset(hit.get("matched_queries") or ())
            if names not in by_names:
                found = frozenset(terms[int(n[1:])] for n in names)
                # title_score reads the title's indexed words; the query terms among them
                # (the h names) are all it compares, so they stand in for title_seg.
                by_names[names] = (found, " ".join(terms[int(n[1:])] for n in names if n[0] == "h"))
            found, in_title = by_names[names]
            title = hit.get("fields", {}).get("title", [""])[0]
            score = bonus(title, found, in_title)
            scored.append((hit["sort"][1], score + (hit["_score"] or 0.0) / top))
        scored.sort(key=lambda x: -x[1])  # stable: ties keep OpenSearch's order
        return scored

    def _sources(self, audience: str, keys: list[str]) -> dict[str, dict]:
        if not keys:
            return {}
        # Not real-time: the hits come from the last refresh, and a real-time get of a
        # document changed since would force a refresh in the middle of a search.
        response = self.client.mget(
            index=self.alias(audience),
            body={"ids": keys},
            _source_includes=",".join(SHOWN_FIELDS),
            realtime="false",
        )
        return {d["_id"]: d["_source"] for d in response["docs"] if d.get("found")}


def facet_label(name: str, bucket: dict) -> str:
    """A bucket's label: a type's own type_label (sub-aggregation), else its value."""
    if name == "type" and bucket["label"]["buckets"]:
        return bucket["label"]["buckets"][0]["key"]
    return str(bucket["key"])


def _facet_aggregations() -> dict:
    aggs = {}
    for name in FACETS:
        agg = {"field": name, "size": FACET_SIZE}
        if name == "year":
            agg["order"] = {"_key": "desc"}
        aggs[name] = {"terms": agg}
    aggs["type"]["aggs"] = {"label": {"terms": {"field": "type_label", "size": 1}}}
    return aggs


FACET_AGGS = _facet_aggregations()
