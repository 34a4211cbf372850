"""Search fixtures. ``engine`` runs a test once per engine: the embedded database engine
and a real OpenSearch node (OPENSEARCH_TEST_URL, started by scripts/test.sh). When that
variable is set and the node does not answer, the OpenSearch tests fail; they are skipped
only when no node was configured at all."""

import io
import os
import uuid

import pytest
from django.core.management import call_command

OPENSEARCH_TEST_URL = os.environ.get("OPENSEARCH_TEST_URL", "")
ENGINES = ["database", "opensearch"]


PREFIX = f"test-{os.getpid()}-{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="session")
def _opensearch_node():
    """One index prefix per test session; its indices are deleted at the end."""
    if not OPENSEARCH_TEST_URL:
        pytest.skip("OPENSEARCH_TEST_URL is not set (scripts/test.sh starts a node and sets it)")
    from search.engines.opensearch import OpenSearchEngine

    node = OpenSearchEngine(url=OPENSEARCH_TEST_URL, prefix=PREFIX)
    assert node.available(), f"OpenSearch node at {OPENSEARCH_TEST_URL} does not answer"
    yield node
    node.drop()


def _empty(node):
    """Delete every document of the test prefix (much faster than new indices; the
    node has no reindex module, so no _delete_by_query)."""
    node.delete(sorted(node.keys("public") | node.keys("staff")))


def opensearch_settings(settings, node):
    from search import engines

    settings.SEARCH_ENGINE = "opensearch"
    settings.OPENSEARCH_URL = OPENSEARCH_TEST_URL
    settings.OPENSEARCH_INDEX_PREFIX = PREFIX
    engines._engines.clear()
    return node


@pytest.fixture(params=ENGINES)
def engine_name(request, settings, db):
    """The engine under test, configured as the active engine."""
    from search import engines

    if request.param == "opensearch":
        node = opensearch_settings(settings, request.getfixturevalue("_opensearch_node"))
        yield "opensearch"
        _empty(node)
        engines._engines.clear()
    else:
        settings.SEARCH_ENGINE = "database"
        yield "database"


@pytest.fixture
def engine(engine_name):
    from search.engines import get_engine

    return get_engine(engine_name)


@pytest.fixture
def opensearch(settings, db, _opensearch_node):
    """OpenSearch as the active engine (tests that only make sense there)."""
    from search import engines

    node = opensearch_settings(settings, _opensearch_node)
    yield node
    _empty(node)
    engines._engines.clear()


@pytest.fixture
def index_docs(engine_name):
    """Index documents on the active engine and the embedded one, like a sync does."""
    from search.engines import embedded, get_engine

    def index(docs):
        embedded().upsert(docs)
        if engine_name != "database":
            get_engine(engine_name).upsert(docs)
        return docs

    return index


@pytest.fixture
def demo_index(demo, engine_name):
    """The demo site indexed in the engine under test (no django-q2 cluster runs in tests,
    so the queued index updates of the demo load never ran)."""
    call_command(
        "rebuild_search", "--engine", engine_name, stdout=io.StringIO(), stderr=io.StringIO()
    )
    return engine_name
