"""The worker's memory of site-wide data (portal/core/sitememo.py, routing.py) never shows a
stale page: with the page cache off, every change an editor makes is visible on the next
request, although the site, menu, settings, banners, routes and view restrictions are
no longer read from the database on each request."""

import datetime as dt
import time

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def home(db):
    from demo.home import _home

    return _home()


@pytest.fixture
def regulations(home):
    from knowledge import factories

    index = factories.RegulationIndexPageFactory(parent=home, title="政策法规")
    law = factories.RegulationPageFactory(parent=index, title="安全生产法")
    return index, law


def _html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_new_menu_section_shows_on_the_next_view(client, home):
    from portal.home.models import StandardPage

    assert "机构概况" not in _html(client, "/")
    assert "机构概况" not in _html(client, "/")  # now from memory
    home.add_child(instance=StandardPage(title="机构概况", slug="about", show_in_menus=True))
    assert "机构概况" in _html(client, "/")


def test_bureau_settings_change_shows_on_the_next_view(client, home):
    from portal.core.models import BureauSettings

    _html(client, "/")
    settings = BureauSettings.objects.get()
    settings.bureau_name = "郑州市应急管理局（测试）"
    settings.save()
    assert "郑州市应急管理局（测试）" in _html(client, "/")


def test_unpublished_page_is_gone_on_the_next_view(client, regulations):
    _index, law = regulations
    assert "安全生产法" in _html(client, law.url)
    _html(client, law.url)  # the route is now remembered
    law.unpublish()
    _html(client, law.url, status=404)


def test_moved_page_answers_at_its_new_address(client, home, regulations):
    from knowledge import factories

    index, law = regulations
    old_url = law.url
    _html(client, old_url)
    other = factories.PlanIndexPageFactory(parent=home, title="应急预案")
    # Regulations may only live under the regulations list: move the list itself.
    index.move(other, pos="last-child")
    law.refresh_from_db()
    assert law.url != old_url
    # The old address no longer routes; Wagtail's automatic redirect of a move answers it.
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == law.url
    assert "安全生产法" in _html(client, law.url)


def test_remembered_routes_answer_as_wagtail_does(client, regulations):
    index, law = regulations
    for _ in range(2):  # first walked through the tree, then remembered
        assert "安全生产法" in _html(client, index.url)
        assert "安全生产法" in _html(client, law.url)
        assert client.get(index.url + "feed/")["Content-Type"].startswith("application/rss")
        _html(client, index.url + "no-such-page/", status=404)
        _html(client, law.url + "extra/", status=404)


def _page_reads(client, url):
    """The view's queries that read a regulation page's own row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if 'FROM "knowledge_regulationpage"' in q["sql"]]


def test_viewed_pages_are_kept_and_a_publish_shows_at_once(client, regulations):
    """A page viewed again comes from the worker's memory (no query for it); an edit
    published in between shows on the next view."""
    _index, law = regulations
    _html(client, "/")  # the first view of the site creates its settings (a new generation)
    _html(client, law.url)  # walked through the tree, and kept
    assert not _page_reads(client, law.url)
    assert not _page_reads(client, law.url)
    law.title = "安全生产法（2021年修正）"
    law.save_revision().publish()
    assert "安全生产法（2021年修正）" in _html(client, law.url)
    assert not _page_reads(client, law.url)


def test_kept_pages_are_bounded_least_recently_viewed_first(client, regulations, settings):
    from knowledge import factories

    index, law = regulations
    other = factories.RegulationPageFactory(parent=index, title="消防法")
    settings.ROUTE_PAGES_KEPT = 1
    _html(client, "/")  # the first view of the site creates its settings (a new generation)
    for page in (law, other):
        _html(client, page.url)  # walked and kept
    assert not _page_reads(client, other.url)  # the one kept
    assert _page_reads(client, law.url)  # gave way to the other; read and kept again
    assert not _page_reads(client, law.url)
    assert _page_reads(client, other.url)
    settings.ROUTE_PAGES_KEPT = 0
    _html(client, law.url)
    assert _page_reads(client, law.url) and _page_reads(client, law.url)


def test_a_request_changing_its_page_leaves_the_kept_page_alone(rf, regulations):
    from wagtail.models import Site

    from portal.core import routing

    index, law = regulations
    root = Site.objects.get(is_default_site=True).root_page.specific
    components = [part for part in law.url.split("/") if part]
    for attempt in range(3):
        request = rf.get(law.url)
        page = routing.route(root, request, components)[0]
        assert page.title == "安全生产法", attempt
        page.title = "changed by a request"


def test_view_restriction_added_after_views_applies_at_once(client, regulations):
    from wagtail.models import PageViewRestriction

    index, law = regulations
    _html(client, law.url)
    _html(client, law.url)
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    for url in (index.url, law.url):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    assert "安全生产法" not in _html(client, "/")  # not among the latest publications


def test_restricted_section_stays_closed_when_served_from_memory(client, regulations):
    from wagtail.models import PageViewRestriction

    index, law = regulations
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    for _ in range(3):
        assert client.get(law.url).status_code == 302


def test_banner_starts_on_time_without_any_save(client, home):
    from portal.core.models import AlertBanner

    AlertBanner.objects.create(
        level="blue",
        title="大风蓝色预警",
        message="注意防范",
        active_from=timezone.now() + dt.timedelta(seconds=1),
    )
    assert "大风蓝色预警" not in _html(client, "/")
    time.sleep(1.1)
    assert "大风蓝色预警" in _html(client, "/")


def test_memory_is_dropped_when_the_generation_changes(rf):
    from portal.core import pagecache, sitememo

    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert sitememo.remember("probe", compute) == 1
    assert sitememo.remember("probe", compute) == 1
    pagecache.invalidate_all()
    assert sitememo.remember("probe", compute) == 2
    request = rf.get("/")
    assert sitememo.remember("probe", compute, request) == 2
    pagecache.invalidate_all()  # read once per request: this request keeps its generation
    assert sitememo.remember("probe", compute, request) == 2
    assert sitememo.remember("probe", compute, rf.get("/")) == 3


@pytest.mark.parametrize(
    "current,last,expected",
    [
        (1, 1, [(1, "current")]),
        (1, 3, [(1, "current"), (2, "link"), (3, "link")]),
        (
            250,
            500,
            [
                (1, "link"),
                (2, "gap"),
                (248, "link"),
                (249, "link"),
                (250, "current"),
                (251, "link"),
                (252, "link"),
                (499, "gap"),
                (500, "link"),
            ],
        ),
        (500, 500, [(1, "link"), (2, "gap"), (498, "link"), (499, "link"), (500, "current")]),
    ],
)
def test_page_window_shows_ends_neighbours_and_gaps(current, last, expected):
    from django.core.paginator import Paginator

    from portal.core.templatetags.portal_tags import page_window

    page = Paginator(range(last * 20), 20).page(current)
    assert page_window(page) == expected
