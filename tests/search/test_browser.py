"""The search page in a real Chromium at phone width: suggestions, results, facets."""

import datetime as dt

import pytest

from search.engines import embedded
from search.factories import SearchDocumentFactory as Doc

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def indexed(settings):
    settings.SEARCH_ENGINE = "database"
    embedded().upsert(
        [Doc(key=f"b:{i}", title=f"地震应急演练通知（第{i}期）", type="drill", type_label="应急演练",
             body="组织学校师生进行地震疏散演练，迅速撤离到操场和应急避难场所。" * 3,
             date=dt.date(2024, 1, 1) + dt.timedelta(days=i)) for i in range(14)]
        + [Doc(key="b:plan", title="郑州市地震应急预案", type="plan", type_label="应急预案",
               body="地震灾害发生后，市抗震救灾指挥部启动应急响应。", date=dt.date(2023, 5, 12),
               topic="地震", issuer="市政府")]
    )  # fmt: skip


def test_phone_search_with_suggestions(live_server, phone_page, screenshot_dir, indexed):
    page = phone_page
    page.goto(f"{live_server.url}/search/")
    page.fill("#q", "应急预")
    page.wait_for_selector("#search-suggestions li a")
    assert page.locator("#search-suggestions li").count() == 1
    assert "郑州市地震应急预案" in page.inner_text("#search-suggestions")
    page.screenshot(path=str(screenshot_dir / "search-phone-suggest.png"))

    page.fill("#q", "地震 预案")
    page.press("#q", "Enter")
    page.wait_for_selector(".search-results")
    assert page.locator(".search-results > li").count() == 10
    assert page.locator(".search-results mark").count() > 0
    assert "郑州市地震应急预案" in page.inner_text(".search-results > li:first-child h3")
    # No horizontal scrolling at phone width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "search-phone-results.png"), full_page=True)

    page.click(".search-facets summary")
    page.click(".search-facets a:has-text('应急预案')")
    page.wait_for_selector(".chip")
    assert page.locator(".search-results > li").count() == 1

    page.goto(f"{live_server.url}/search/?q=台风登陆")
    assert page.locator(".no-results").is_visible()
    page.screenshot(path=str(screenshot_dir / "search-phone-empty.png"), full_page=True)


def test_desktop_facets_open(live_server, desktop_page, screenshot_dir, indexed):
    desktop_page.goto(f"{live_server.url}/search/?q=地震")
    assert desktop_page.locator(".search-facets details[open]").count() == 1
    desktop_page.screenshot(path=str(screenshot_dir / "search-desktop.png"), full_page=True)


def test_phone_repeat_search_from_cache_then_fresh_after_publish(
    live_server, phone_page, screenshot_dir, indexed, settings, monkeypatch
):
    """A visitor's repeated search is answered by the page cache (the browser asks again
    and gets a 304); a page published in the meantime shows on the next search, and every
    search is counted."""
    from wagtail.models import Site

    from portal.core.models import BureauSettings
    from search import services, stats
    from search.factories import standard_page
    from search.models import QueryLog

    BureauSettings.for_site(Site.objects.get(is_default_site=True))  # see test_cache.py
    settings.SEARCH_STATS_SHARED_CACHE = True
    stats.reset()
    calls = []
    real = services.run_search
    monkeypatch.setattr(services, "run_search", lambda q: calls.append(q) or real(q))

    url = f"{live_server.url}/search/?q=避难场所"
    first = phone_page.goto(url)
    assert first.headers["x-page-cache"] == "miss"
    assert first.headers["cache-control"] == "public, max-age=0"
    phone_page.goto(url)
    assert len(calls) == 1  # the second answer came from the page cache
    assert "新建避难场所" not in phone_page.inner_text(".search-results")

    standard_page("新建避难场所名录", "本市新增三处应急避难场所。", slug="new-shelters")
    phone_page.goto(url)
    assert len(calls) == 2
    titles = phone_page.inner_text(".search-results").replace("\n", "")
    assert "新建避难场所名录" in titles
    phone_page.screenshot(path=str(screenshot_dir / "search-phone-fresh.png"), full_page=True)
    stats.flush()
    assert QueryLog.objects.get(query="避难场所").searches == 3


def test_statistics_page_shows_searches_counted_in_the_cache(
    live_server, phone_page, desktop_page, screenshot_dir, indexed, settings, admin_user
):
    """Visitors search (the second time from the page cache); an editor opening the
    statistics page sees every search at once, without waiting for the schedule."""
    from search import stats
    from tests.conftest import admin_login

    settings.SEARCH_STATS_SHARED_CACHE = True
    stats.reset()
    for text in ["地震", "地震", "泥石流预警"]:
        phone_page.goto(f"{live_server.url}/search/?q={text}")
    admin_user.set_password("pw")
    admin_user.save()
    admin_login(desktop_page, live_server.url, admin_user.username, "pw")
    desktop_page.goto(f"{live_server.url}/admin/search-statistics/?days=7")
    top = desktop_page.inner_text("section:first-of-type table")
    assert "地震\t2\t0" in top and "泥石流预警\t1\t1" in top
    assert "每分钟汇总" in desktop_page.inner_text("main")
    desktop_page.screenshot(path=str(screenshot_dir / "search-admin-statistics.png"))
