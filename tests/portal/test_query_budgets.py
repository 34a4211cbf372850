"""Query budgets: every public page type runs a bounded number of SQL queries, whatever the
size of its lists. Each test renders the page (page cache off) with a few items and again
with 50 more, under the same budget, and the count must not grow with the list."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

FEW, MORE = 5, 50


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def home(db):
    from demo.home import _home

    return _home()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


def assert_flat(client, url, add_items, budget, django_assert_max_num_queries):
    """Render ``url`` with FEW items, then with FEW + MORE items, each time first right
    after the change (the worker's site-wide memory is then empty: ``sitememo``) and
    again (from that memory): all within ``budget``, and the same number of queries
    with more items, both right after the change and from memory."""
    add_items(FEW)
    with django_assert_max_num_queries(budget):
        few_cold = _queries(client, url)
    with django_assert_max_num_queries(budget):
        few = _queries(client, url)
    add_items(MORE)
    with django_assert_max_num_queries(budget):
        many_cold = _queries(client, url)
    with django_assert_max_num_queries(budget):
        many = _queries(client, url)
    assert many <= few, f"{url}: {few} queries with {FEW} items, {many} with {FEW + MORE}"
    assert many_cold <= few_cold, (
        f"{url} after a change: {few_cold} queries with {FEW} items, {many_cold} with {FEW + MORE}"
    )


def test_home_page(client, home, django_assert_max_num_queries):
    from portal.home.models import StandardPage

    def add(n):
        for i in range(n):
            page = StandardPage(title=f"页面{i}", slug=f"p-{StandardPage.objects.count()}")
            home.add_child(instance=page)

    assert_flat(client, "/", add, 20, django_assert_max_num_queries)


def test_standard_page_with_children(client, home, django_assert_max_num_queries):
    from portal.home.models import StandardPage

    section = home.add_child(instance=StandardPage(title="机构概况", slug="about"))

    def add(n):
        for _ in range(n):
            count = StandardPage.objects.count()
            section.add_child(instance=StandardPage(title=f"子页面{count}", slug=f"c-{count}"))

    assert_flat(client, section.url, add, 20, django_assert_max_num_queries)


KNOWLEDGE_SECTIONS = [
    ("RegulationIndexPageFactory", "RegulationPageFactory", "?status=current&sort=title"),
    ("PlanIndexPageFactory", "PlanPageFactory", "?page=1"),
    ("ArticleIndexPageFactory", "ArticlePageFactory", ""),
    ("ShelterIndexPageFactory", "ShelterPageFactory", ""),
    ("DemonstrationIndexPageFactory", "DemonstrationSitePageFactory", ""),
]


@pytest.mark.parametrize("index_factory,item_factory,query", KNOWLEDGE_SECTIONS)
def test_knowledge_lists(
    client, home, index_factory, item_factory, query, django_assert_max_num_queries
):
    from knowledge import factories

    index = getattr(factories, index_factory)(parent=home)
    make = getattr(factories, item_factory)
    assert_flat(
        client,
        index.url + query,
        lambda n: make.create_batch(n, parent=index),
        25,
        django_assert_max_num_queries,
    )


@pytest.mark.parametrize("index_factory,item_factory,query", KNOWLEDGE_SECTIONS)
def test_knowledge_details_beside_many_siblings(
    client, home, index_factory, item_factory, query, django_assert_max_num_queries
):
    from knowledge import factories

    index = getattr(factories, index_factory)(parent=home)
    make = getattr(factories, item_factory)
    first = make(parent=index)
    assert_flat(
        client,
        first.url,
        lambda n: make.create_batch(n, parent=index),
        25,
        django_assert_max_num_queries,
    )


def test_campaign_list(client, home, django_assert_max_num_queries):
    from campaigns import factories

    index = factories.CampaignIndexPageFactory(parent=home)

    def add(n):
        for _ in range(n):
            factories.CampaignPageFactory(parent=index)

    assert_flat(client, index.url, add, 25, django_assert_max_num_queries)


def test_campaign_page_with_many_activities(client, home, django_assert_max_num_queries):
    from campaigns import factories

    index = factories.CampaignIndexPageFactory(parent=home)
    campaign = factories.CampaignPageFactory(parent=index)

    def add(n):
        for i in range(n):
            factories.CampaignActivityFactory(
                page=campaign, start=campaign_start(campaign) + dt.timedelta(hours=i)
            )

    assert_flat(client, campaign.url, add, 25, django_assert_max_num_queries)


def campaign_start(campaign):
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(campaign.start_date, dt.time(9)))


def test_search_results(client, home, settings, django_assert_max_num_queries):
    from search.engines import embedded
    from search.factories import SearchDocumentFactory

    settings.SEARCH_ENGINE = "database"

    def add(n):
        embedded().upsert(SearchDocumentFactory.build_batch(n, body="防汛抗旱应急预案的要点"))

    # 26: the site-wide ones of a cold worker, the picks, the statistics' write-through
    # and the embedded engine's fixed set (see tests/search/test_page_budget.py).
    assert_flat(client, "/search/?q=防汛", add, 26, django_assert_max_num_queries)
    assert "测试文档" in client.get("/search/?q=防汛").content.decode()  # results were listed
