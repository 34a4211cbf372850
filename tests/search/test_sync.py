"""Index sync through django-q2 (run inline by the test settings), fallback, catch-up,
consistency check and the management commands, on both engines."""

import io
import json

import pytest
from django.core.management import call_command

from search import indexing
from search.engines import SearchQuery, embedded, get_engine
from search.factories import standard_page
from search.models import IndexEntry, PendingSync
from search.services import run_search


def found(text):
    return [h.url for h in run_search(SearchQuery(text)).hits]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the queued tasks) as a real transaction commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publish_unpublish_move_delete(engine_name, commit):
    with commit():
        page = standard_page("地震避险常识", "发生地震时要保护头部，迅速躲避。", slug="quake")
    assert found("地震") == ["/quake/"]
    assert IndexEntry.objects.get(key=f"home.standardpage:{page.pk}").url == "/quake/"

    with commit():
        section = standard_page("宣传教育", "栏目", slug="edu")
        page.move(section, pos="last-child")
    assert found("地震") == ["/edu/quake/"]

    with commit():
        page.refresh_from_db()
        page.specific.unpublish()
    assert found("地震") == []

    with commit():
        page.refresh_from_db()
        page.save_revision().publish()
    assert found("地震") == ["/edu/quake/"]

    with commit():
        page.refresh_from_db()
        page.delete()
    assert found("地震") == []
    assert not IndexEntry.objects.filter(title__contains="地震").exists()


def test_drafts_are_not_indexed(engine_name, commit):
    with commit():
        standard_page("防汛草稿", "尚未发布的防汛内容", publish=False)
    assert found("防汛") == []


def test_fallback_when_opensearch_is_down(opensearch, settings, commit, caplog):
    from search import engines

    with commit():
        standard_page("避难场所名录", "全市应急避难场所。", slug="shelters")
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    engines._engines.clear()
    with commit():
        standard_page("应急避难场所新增", "新建避难场所三处。", slug="new-shelters")
    assert PendingSync.objects.count() == 1  # OpenSearch missed the change
    with commit():
        results = run_search(SearchQuery("避难场所"))
    assert results.engine == "database"
    assert results.notice
    assert {h.url for h in results.hits} == {"/shelters/", "/new-shelters/"}
    assert "answering from the embedded index" in caplog.text

    settings.OPENSEARCH_URL = opensearch.url
    engines._engines.clear()
    assert "caught up 1" in indexing.catch_up()
    assert PendingSync.objects.count() == 0
    results = run_search(SearchQuery("避难场所"))
    assert results.engine == "opensearch" and not results.notice
    assert {h.url for h in results.hits} == {"/shelters/", "/new-shelters/"}


def test_consistency_check_repairs(engine_name, commit):
    with commit():
        page = standard_page("森林防火", "严禁野外用火。", slug="forest")
    engine = get_engine(engine_name)
    engine.delete([f"home.standardpage:{page.pk}"])
    embedded().upsert([indexing.document_for_key(f"home.standardpage:{page.pk}")])
    from search.factories import SearchDocumentFactory

    stray = SearchDocumentFactory(key="home.standardpage:999999", title="森林 已删除")
    engine.upsert([stray])
    if engine_name != "database":
        embedded().upsert([stray])
    summary = indexing.check_consistency()
    assert "1 added" in summary or engine_name == "database"
    assert "1 removed" in summary
    assert found("森林") == ["/forest/"]


def test_rebuild_command_and_search_content(engine_name, commit):
    with commit():
        standard_page("应急预案管理", "预案的编制和修订。", slug="plans")
    IndexEntry.objects.all().delete()
    if engine_name != "database":
        get_engine().delete(sorted(get_engine().keys("public")))
    out = io.StringIO()
    call_command("rebuild_search", "--no-progress", stdout=out)
    assert "database: 1 document(s)" in out.getvalue()
    out = io.StringIO()
    call_command("search_content", "应急预案", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["total"] == 1 and payload["engine"] == engine_name
    assert payload["results"][0]["url"] == "/plans/"
    assert "<mark>" in payload["results"][0]["snippet"] or payload["results"][0]["snippet"]
    out = io.StringIO()
    call_command("search_content", "预案", stdout=out)
    assert "应急预案管理" in out.getvalue()


def test_search_content_rejects_bad_options(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="page"):
        call_command("search_content", "地震", "--page", "abc")
    with pytest.raises(CommandError):
        call_command("search_content", "   ")
