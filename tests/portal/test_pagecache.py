"""The full-page cache: hits and misses, validators and 304s, immediate invalidation,
the alert banner's time window, staff bypass, and front-end cache purges."""

import datetime as dt
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from wagtail.models import Page

from portal.core import pagecache
from portal.core.models import AlertBanner, AlertLevel, BureauSettings
from portal.home.models import StandardPage

pytestmark = pytest.mark.django_db

_calls = []


@pytest.fixture
def site(db):
    """The site shell of the demo (home, about pages, settings): enough for most tests and
    much faster than the whole site, which only the cookie crawl below needs."""
    import io

    from demo import home as demo

    demo.load(io.StringIO())
    demo.finish(io.StringIO())


@pagecache.public_page
def _listing(request):
    _calls.append(request.get_full_path())
    return HttpResponse(f"list {request.GET.urlencode()}")


def _uncached(request):
    _calls.append(request.get_full_path())
    return HttpResponse("fresh")


urlpatterns = [
    path("cached-list/", _listing),
    path("plain-view/", _uncached),
    path("", include("portal.urls")),
]


def _nonce(content: bytes) -> bytes:
    import re

    return re.search(rb'nonce="([^"]+)"', content).group(1)


def _about():
    return StandardPage.objects.get(slug="about")


def test_second_view_is_a_hit_served_without_queries(client, site, django_assert_num_queries):
    first = client.get("/about/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/about/")
    assert second["X-Page-Cache"] == "hit"
    # The same page, except for the CSP nonce each answer gets (see test_csp_nonce_*).
    assert _nonce(second.content) != _nonce(first.content)
    assert second.content.replace(_nonce(second.content), b"") == first.content.replace(
        _nonce(first.content), b""
    )
    assert second["Cache-Control"] == "public, max-age=60"
    assert second["ETag"] == first["ETag"] and second["ETag"].startswith('W/"')
    assert second["Last-Modified"] == first["Last-Modified"]
    assert "Cookie" in second["Vary"] and "Accept-Language" in second["Vary"]
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == "DENY"


def test_conditional_requests_get_304(client, site):
    first = client.get("/about/")
    etag, modified = first["ETag"], first["Last-Modified"]
    by_etag = client.get("/about/", HTTP_IF_NONE_MATCH=etag)
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag["ETag"] == etag
    by_date = client.get("/about/", HTTP_IF_MODIFIED_SINCE=modified)
    assert by_date.status_code == 304
    stale = client.get("/about/", HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200 and len(stale.content) == len(first.content)


def test_head_is_answered_from_the_cache_without_a_body(client, site):
    first = client.get("/about/")
    head = client.head("/about/")
    assert head["X-Page-Cache"] == "hit" and head.content == b""
    assert head["Content-Length"] == str(len(first.content))


def test_publishing_and_unpublishing_invalidate_at_once(client, site):
    client.get("/")
    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    page = _about()
    page.title = "机构概况（新版）"
    page.save_revision().publish()
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "miss"
    assert "机构概况（新版）" in response.content.decode()
    assert "机构概况（新版）" in client.get("/").content.decode()  # menu on the home page
    _about().unpublish()
    assert client.get("/about/").status_code == 404


def test_draft_does_not_show_and_delete_invalidates(client, site):
    client.get("/about/")
    page = _about()
    page.title = "草稿标题"
    page.save_revision()
    assert "草稿标题" not in client.get("/about/").content.decode()
    _about().delete()
    assert client.get("/about/").status_code == 404


def test_banner_save_and_delete_show_at_once(client, site):
    assert 'role="alert"' not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    banner = AlertBanner.objects.create(
        level=AlertLevel.RED, title="暴雨红色预警", message="请立即转移到安全地带"
    )
    assert "暴雨红色预警" in client.get("/about/").content.decode()
    assert "暴雨红色预警" in client.get("/").content.decode()
    banner.enabled = False
    banner.save()
    assert "暴雨红色预警" not in client.get("/").content.decode()
    banner.enabled = True
    banner.save()
    assert "暴雨红色预警" in client.get("/").content.decode()
    banner.delete()
    assert "暴雨红色预警" not in client.get("/").content.decode()


def test_cached_page_expires_when_a_scheduled_banner_starts(client, site):
    start = timezone.now() + dt.timedelta(seconds=2)
    AlertBanner.objects.create(
        level=AlertLevel.ORANGE,
        title="大风橙色预警",
        message="请加固门窗",
        active_from=start,
        active_to=start + dt.timedelta(seconds=2),
    )
    before = client.get("/")
    assert "大风橙色预警" not in before.content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    max_age = int(before["Cache-Control"].rsplit("=", 1)[1])
    assert max_age <= 2  # browsers must not keep the page past the banner's start either
    time.sleep(max(0, (start - timezone.now()).total_seconds()) + 0.1)
    during = client.get("/")
    assert during["X-Page-Cache"] == "miss"
    assert "大风橙色预警" in during.content.decode()
    time.sleep(max(0, (start + dt.timedelta(seconds=2) - timezone.now()).total_seconds()) + 0.1)
    assert "大风橙色预警" not in client.get("/").content.decode()


def test_next_change_takes_registered_schedules_into_account(db, monkeypatch):
    at = timezone.now()
    soon = at + dt.timedelta(minutes=3)
    assert pagecache.next_change(at) is None
    providers = [*pagecache._next_change_providers, lambda when: soon]  # banners stay
    monkeypatch.setattr(pagecache, "_next_change_providers", providers)
    assert pagecache.next_change(at) == soon
    AlertBanner.objects.create(
        title="t", message="m", active_from=at + dt.timedelta(minutes=1), active_to=None
    )
    assert pagecache.next_change(at) == at + dt.timedelta(minutes=1)


def test_site_settings_change_shows_in_the_footer(client, site):
    client.get("/about/")
    settings_row = BureauSettings.objects.get()
    settings_row.hotline = "0371-99998888"
    settings_row.save()
    assert "0371-99998888" in client.get("/about/").content.decode()


def test_staff_bypass_the_cache_and_their_pages_are_never_stored(client, site, admin_user):
    client.force_login(admin_user)
    staff = client.get("/about/")
    assert staff["Cache-Control"] == "private, no-cache"
    assert "X-Page-Cache" not in staff
    assert client.get("/about/").get("X-Page-Cache") is None
    client.logout()
    client.cookies.clear()
    anonymous = client.get("/about/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in anonymous.content.decode()


def test_anonymous_public_pages_set_no_cookie_and_are_cacheable(client, demo):
    urls = ["/"] + [p.url for p in Page.objects.live().public().specific() if p.url]
    for url in sorted(set(urls)):
        client.cookies.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)
        assert response["X-Page-Cache"] == "miss", url
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_languages_are_cached_apart(client, site):
    chinese = client.get("/about/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/about/")
    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="zh-Hans">' in chinese
    assert client.get("/about/")["X-Page-Cache"] == "hit"


def test_post_errors_admin_and_session_requests_are_not_cached(client, site):
    client.get("/about/")
    assert "X-Page-Cache" not in client.post("/about/")
    assert client.get("/no-such-page/")["X-Page-Cache"] == "bypass"
    assert client.get("/no-such-page/")["X-Page-Cache"] == "bypass"
    assert "X-Page-Cache" not in client.get("/admin/login/")
    client.get("/about/")
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get("/about/")


def test_pages_can_opt_out(client, site, monkeypatch):
    monkeypatch.setattr(StandardPage, "page_cache", False, raising=False)
    assert client.get("/about/")["X-Page-Cache"] == "bypass"
    assert client.get("/about/")["X-Page-Cache"] == "bypass"


def test_opted_in_views_are_cached_by_normalised_query(client, site, settings):
    settings.ROOT_URLCONF = __name__
    _calls.clear()
    assert client.get("/cached-list/?b=2&a=1")["X-Page-Cache"] == "miss"
    hit = client.get("/cached-list/?a=1&b=2")
    assert hit["X-Page-Cache"] == "hit" and hit.content == b"list b=2&a=1"
    assert client.get("/cached-list/?a=2")["X-Page-Cache"] == "miss"
    client.get("/plain-view/")
    assert client.get("/plain-view/")["X-Page-Cache"] == "bypass"
    assert _calls == ["/cached-list/?b=2&a=1", "/cached-list/?a=2", "/plain-view/", "/plain-view/"]


def test_disabled_cache_serves_fresh_pages(client, site, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/about/")
    assert "X-Page-Cache" not in client.get("/about/")


def test_lost_generation_token_never_revives_old_entries(client, site):
    client.get("/about/")
    pagecache.page_cache().delete(pagecache.GENERATION_KEY)
    assert client.get("/about/")["X-Page-Cache"] == "miss"


class _PurgeRecorder(BaseHTTPRequestHandler):
    seen = []

    def do_PURGE(self):  # noqa: N802 (HTTP method name)
        self.seen.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    server = HTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _PurgeRecorder.seen = []
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield _PurgeRecorder.seen
    server.shutdown()


def test_front_end_cache_is_purged(client, site, purge_server, django_capture_on_commit_callbacks):
    response = client.get("/about/")
    assert "s-maxage=" in response["Cache-Control"]
    page = _about()
    page.title = "机构概况（修订）"
    page.save_revision().publish()
    assert "/about/" in purge_server and "/" in purge_server  # the page and its parents
    purge_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        AlertBanner.objects.create(title="地震预警", message="请就近避险")
    live = {p.url for p in Page.objects.live().public().specific() if p.url}
    assert live <= set(purge_server)


def test_a_transaction_of_many_saves_registers_one_commit_invalidation(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        for i in range(3):
            AlertBanner.objects.create(title=f"预警{i}", message="m", enabled=False)
    assert [cb for cb in callbacks if cb is pagecache.invalidate_all] == [pagecache.invalidate_all]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_banner_saved_in_the_admin_reaches_a_phone_at_once(
    live_server, site, phone_page, desktop_page, django_user_model, screenshot_dir
):
    from tests.conftest import admin_login

    first = phone_page.goto(live_server.url + "/about/")
    assert first.headers["x-page-cache"] == "miss"
    assert first.headers["cache-control"] == "public, max-age=60"
    # The browser keeps the page itself; a request outside its cache is a server hit.
    again = phone_page.request.get(live_server.url + "/about/")
    assert again.headers["x-page-cache"] == "hit"
    assert phone_page.locator("[role=alert]").count() == 0

    django_user_model.objects.create_superuser("duty-officer", "d@example.com", "pass-Word-42")
    admin_login(desktop_page, live_server.url, "duty-officer", "pass-Word-42")
    desktop_page.goto(live_server.url + "/admin/snippets/core/alertbanner/add/")
    desktop_page.select_option("select[name=level]", "red")
    desktop_page.fill("input[name=title]", "暴雨红色预警")
    desktop_page.fill("input[name=message]", "请立即停止户外活动，远离低洼地带")
    desktop_page.get_by_role("button", name="保存").first.click()
    desktop_page.wait_for_url("**/admin/snippets/core/alertbanner/")
    staff_view = desktop_page.goto(live_server.url + "/about/")
    assert staff_view.headers["cache-control"] == "private, no-cache"

    # Reloading asks the server again (If-None-Match); the new generation answers in full.
    reloaded = phone_page.reload()
    assert reloaded.status == 200 and reloaded.headers["x-page-cache"] == "miss"
    assert "暴雨红色预警" in phone_page.locator("[role=alert]").inner_text()
    phone_page.screenshot(path=str(screenshot_dir / "pagecache-banner-phone.png"), full_page=True)


def test_query_strings_are_keyed_in_order_remembered_or_not(rf):
    """The remembered ordering of short query strings and the fresh one of long strings
    give the same keys: parameter order never splits an entry, and a long string (never
    remembered) still finds the entry of the same parameters in another order."""
    long_value = "x" * (pagecache.MEMO_QUERY_CHARS + 10)

    def key(query):
        return pagecache.cache_key(rf.get(f"/search/?{query}"), "g", "zh-hans")

    assert key("q=%E9%98%B2%E6%B1%9B&page=2") == key("page=2&q=%E9%98%B2%E6%B1%9B")
    assert key("q=a&page=2") != key("q=a&page=3")
    assert key(f"b={long_value}&a=1") == key(f"a=1&b={long_value}")
    pagecache._sorted_query_memo.cache_clear()
    key(f"b={long_value}&a=1")
    key("b=1&a=1")
    assert pagecache._sorted_query_memo.cache_info().currsize == 1
