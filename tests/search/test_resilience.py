"""OpenSearch that hangs, errs or is misconfigured never costs more than one slow search:
short timeouts, a circuit breaker, multi-node URLs, and the embedded fallback on any error.
These need no OpenSearch node: the 'engine' is a real socket that accepts and never
answers, or a node list nobody listens on."""

import socket
import threading
import time

import pytest

from search import engines
from search.engines import SearchQuery
from search.engines.breaker import BreakerOpen, CircuitBreaker
from search.engines.opensearch import OpenSearchEngine, parse_hosts
from search.factories import SearchDocumentFactory as Doc
from search.services import run_search


@pytest.fixture
def hanging_server():
    """A TCP server that accepts every connection and never sends a byte."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture
def use_opensearch(settings, db):
    def configure(url):
        settings.SEARCH_ENGINE = "opensearch"
        settings.OPENSEARCH_URL = url
        settings.OPENSEARCH_TIMEOUT = 1
        settings.OPENSEARCH_CONNECT_TIMEOUT = 1
        settings.OPENSEARCH_BREAKER_FAILURES = 1
        settings.OPENSEARCH_BREAKER_SECONDS = 30
        engines._engines.clear()

    yield configure
    engines._engines.clear()


@pytest.fixture
def shelter(db):
    engines.embedded().upsert([Doc(key="t:shelter", title="应急避难场所名录", body="避难场所")])


def timed(text):
    start = time.monotonic()
    results = run_search(SearchQuery(text))
    return results, time.monotonic() - start


def test_a_hanging_engine_costs_one_slow_search(hanging_server, use_opensearch, shelter):
    use_opensearch(hanging_server)
    first, slow = timed("避难场所")
    assert first.engine == "database" and first.notice
    assert [h.key for h in first.hits] == ["t:shelter"]
    assert 0.9 < slow < 3  # the read timeout, not 5 s or more
    for _ in range(5):  # the breaker is open: no more waiting
        results, fast = timed("避难场所")
        assert results.engine == "database" and results.notice
        assert fast < 0.5


def test_breaker_lets_one_probe_through_after_the_cool_down():
    now = [0.0]
    breaker = CircuitBreaker(failures=2, cooldown=10, clock=lambda: now[0])

    def boom():
        raise OSError("down")

    for _ in range(2):
        with pytest.raises(OSError):
            breaker.call(boom)
    with pytest.raises(BreakerOpen):
        breaker.call(lambda: "skipped")
    now[0] = 11
    breaker.before()  # the probe
    with pytest.raises(BreakerOpen):  # a second caller while the probe runs
        breaker.before()
    breaker.success()
    assert breaker.call(lambda: "back") == "back"


def test_multi_node_url_is_parsed(use_opensearch, shelter):
    assert parse_hosts("https://os1:9200,https://os2:9200") == [
        "https://os1:9200",
        "https://os2:9200",
    ]
    assert parse_hosts(" http://a:9200 , http://b:9201 ") == ["http://a:9200", "http://b:9201"]
    engine = OpenSearchEngine(url="https://user:pw@os1:9200,https://os2:9201")
    nodes = [
        (c.hostname, c.port, c.use_ssl) for c in engine.client.transport.connection_pool.connections
    ]
    assert sorted(nodes) == [("os1", 9200, True), ("os2", 9201, True)]
    # Nobody listens at these ports: the search falls back instead of raising.
    use_opensearch("http://127.0.0.1:9,http://127.0.0.1:7")
    results, _ = timed("避难场所")
    assert results.engine == "database" and results.notice


def test_any_engine_error_falls_back(use_opensearch, shelter, monkeypatch):
    use_opensearch("http://127.0.0.1:9")

    def broken(self, query):
        raise ValueError("Port could not be cast to integer value")

    monkeypatch.setattr(OpenSearchEngine, "search", broken)
    results, _ = timed("避难场所")
    assert results.engine == "database" and results.notice
    assert [h.key for h in results.hits] == ["t:shelter"]
