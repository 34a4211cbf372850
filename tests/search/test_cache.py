"""Public search under a surge: anonymous answers come from the page cache and the result
cache without running the engine, are never stale after a content or index change, are
never shared with staff, and every search is still counted exactly."""

import re

import pytest
from django.urls import reverse

from search import cache as search_cache
from search import services, stats
from search.engines import SearchQuery, embedded
from search.factories import SearchDocumentFactory as Doc
from search.factories import standard_page
from search.sources import STAFF


@pytest.fixture(autouse=True)
def _site_settings(db):
    """The first page ever rendered creates the site settings row, which (rightly) makes
    every cached page stale; create it up front so the tests see a steady site."""
    from wagtail.models import Site

    from portal.core.models import BureauSettings

    BureauSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the queued index tasks) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def shared_stats(settings):
    """Count in the cache, as production does with a file or Redis cache."""
    settings.SEARCH_STATS_SHARED_CACHE = True
    settings.SEARCH_STATS_SPILL_SECONDS = 3600  # spilled explicitly by the tests
    stats.reset()
    yield
    stats.reset()


@pytest.fixture
def engine_calls(monkeypatch):
    """How many times the engine was asked (the views call services.run_search)."""
    calls = []
    real = services.run_search

    def counting(query):
        calls.append((query.text, query.audience, query.jurisdictions))
        return real(query)

    monkeypatch.setattr(services, "run_search", counting)
    return calls


@pytest.fixture
def docs(index_docs):
    return index_docs(
        [Doc(key=f"c:{i}", title=f"防汛演练第{i}期", body="防汛抢险", type="drill") for i in range(3)]
        + [Doc(key="c:staff", title="防汛 督办 内部", body="督办 防汛", audience=STAFF,
               jurisdiction="zz/jinshui")]
    )  # fmt: skip


def titles(client, text, **params):
    payload = client.get("/api/search/", {"q": text, **params}).json()
    return sorted(r["title"] for r in payload["results"])


def _without_nonce(response):
    return re.sub(rb'nonce="[^"]*"', b"", response.content)


def test_page_hit_runs_no_engine_and_no_query(
    client, docs, engine_name, engine_calls, shared_stats, django_assert_num_queries
):
    first = client.get("/search/", {"q": "防汛"})
    assert first["X-Page-Cache"] == "miss" and len(engine_calls) == 1
    with django_assert_num_queries(0):
        again = client.get("/search/", {"q": "防汛"})
    # the same page, but for the per-answer CSP nonce
    assert again["X-Page-Cache"] == "hit" and _without_nonce(again) == _without_nonce(first)
    # Browsers must ask again every time (fresh after a publish) and get a cheap 304.
    assert first["Cache-Control"] == again["Cache-Control"] == "public, max-age=0"
    etag = {"HTTP_IF_NONE_MATCH": first["ETag"]}
    assert client.get("/search/", {"q": "防汛"}, **etag).status_code == 304
    assert len(engine_calls) == 1
    # Another URL for the same normalised query (full-width letters, unknown parameter):
    # the page cache misses, the result cache answers.
    other = client.get("/search/", {"q": "防汛 ", "utm": "x"})
    assert other["X-Page-Cache"] == "miss" and len(engine_calls) == 1
    assert "演练第0期" in other.content.decode()


def test_api_and_suggestions_from_cache(
    client, docs, engine_name, engine_calls, shared_stats, django_assert_num_queries
):
    first = client.get("/api/search/", {"q": "防汛", "sort": "date"}).json()
    assert first["total"] == 3 and len(engine_calls) == 1
    suggest = client.get("/api/search/suggest/", {"q": "防汛"}).json()
    assert len(suggest["suggestions"]) == 3
    with django_assert_num_queries(0):
        again = client.get("/api/search/", {"sort": "date", "q": "  防汛"}).json()
        assert (
            client.get("/api/search/suggest/", {"q": "防汛 "}).json()["suggestions"]
            == (suggest["suggestions"])
        )
    assert again == first and len(engine_calls) == 1
    # A different page, sort or filter is a different entry.
    client.get("/api/search/", {"q": "防汛", "page": "2", "per_page": "2"})
    client.get("/api/search/", {"q": "防汛", "type": "drill"})
    assert len(engine_calls) == 3


def test_suggestions_cached_and_fresh_after_publish(client, db, commit):
    assert client.get("/api/search/suggest/", {"q": "地震"}).json()["suggestions"] == []
    with commit():
        standard_page("地震避险须知", "躲避到坚固的桌下。", slug="quake")
    suggestions = client.get("/api/search/suggest/", {"q": "地震"}).json()["suggestions"]
    assert [s["title"] for s in suggestions] == ["地震避险须知"]


def test_publish_unpublish_and_reindex_show_in_the_next_search(client, db, commit):
    assert "没有找到" in client.get("/search/", {"q": "台风"}).content.decode()
    assert titles(client, "台风") == []
    assert client.get("/search/", {"q": "台风"})["X-Page-Cache"] == "hit"

    with commit():
        page = standard_page("台风防御指南", "台风来临前加固门窗。", slug="typhoon")
    html = client.get("/search/", {"q": "台风"}).content.decode()
    assert "台风防御指南" in html.replace("<mark>", "").replace("</mark>", "")
    assert titles(client, "台风") == ["台风防御指南"]

    with commit():
        page.refresh_from_db()
        page.specific.unpublish()
    assert titles(client, "台风") == []
    assert "没有找到" in client.get("/search/", {"q": "台风"}).content.decode()

    # Changes whose index task did not run (a queue outage): the cached answer follows
    # the index, and the rebuild and the consistency check refresh it.
    page.refresh_from_db()
    page.save_revision().publish()  # no commit: the index task is not run
    assert titles(client, "台风") == []
    from search import indexing

    indexing.rebuild()
    assert titles(client, "台风") == ["台风防御指南"]
    page.refresh_from_db()
    page.specific.unpublish()  # again without its index task
    assert titles(client, "台风") == ["台风防御指南"]
    assert "1 removed" in indexing.check_consistency()
    assert titles(client, "台风") == []


def test_editors_pick_change_shows_at_once(client, docs, engine_name):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Page

    assert client.get("/api/search/", {"q": "防汛"}).json()["picks"] == []
    SearchPromotion.objects.create(
        query=Query.get("防汛"), page=Page.objects.get(depth=2), description="汛期必读"
    )
    assert client.get("/api/search/", {"q": "防汛"}).json()["picks"][0]["description"] == "汛期必读"
    assert "汛期必读" in client.get("/search/", {"q": "防汛"}).content.decode()


def test_staff_never_read_or_write_anonymous_entries(
    client, docs, engine_name, engine_calls, admin_user
):
    assert not search_cache.cacheable(SearchQuery("督办", audience=STAFF))
    scoped = SearchQuery("督办")
    scoped.jurisdictions = ["zz/jinshui"]
    assert not search_cache.cacheable(scoped)
    assert search_cache.cacheable(SearchQuery("督办"))

    anonymous = client.get("/api/search/", {"q": "督办"}).json()
    assert anonymous["total"] == 0  # the only match is a staff document
    client.force_login(admin_user)
    for _ in range(2):
        html = client.get(reverse("search_staff"), {"q": "督办"}).content.decode()
        assert "<mark>督办</mark>" in html and "内部" in html
    # Logged in on the public page and API: fresh every time, never stored for others.
    for _ in range(2):
        page = client.get("/search/", {"q": "督办"})
        assert "X-Page-Cache" not in page and "private" in page["Cache-Control"]
        assert client.get("/api/search/", {"q": "督办"}).json() == anonymous
    staff_calls = [c for c in engine_calls if c[1] == STAFF]
    assert len(staff_calls) == 2 and len(engine_calls) == 7
    client.logout()
    assert "内部" not in client.get("/search/", {"q": "督办"}).content.decode()


def test_backup_engine_answers_are_not_kept_by_the_page_cache(client, db, settings):
    from search import engines

    embedded().upsert([Doc(key="x:1", title="避难场所名录")])
    settings.SEARCH_ENGINE = "opensearch"
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    engines._engines.clear()
    try:
        response = client.get("/search/", {"q": "避难场所"})
        assert response.status_code == 200 and "名录" in response.content.decode()
        assert response["X-Page-Cache"] == "bypass" and "no-cache" in response["Cache-Control"]
        key = search_cache.query_key(SearchQuery("避难场所"))
        from django.core.cache import cache

        assert cache.get(key)[0].notice  # kept briefly by the result cache only
        assert search_cache.FALLBACK_SECONDS <= 60
    finally:
        engines._engines.clear()


def test_cache_off(client, docs, engine_name, engine_calls, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    client.get("/api/search/", {"q": "防汛"})
    client.get("/api/search/", {"q": "防汛"})
    assert len(engine_calls) == 2


def test_front_end_cache_does_not_keep_search_pages(client, docs, engine_name, settings):
    """With a CDN configured, pages get s-maxage; search pages must still reach the server
    on every view (fresh results, every search counted)."""
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    for _ in range(2):
        response = client.get("/search/", {"q": "防汛"})
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=0"
