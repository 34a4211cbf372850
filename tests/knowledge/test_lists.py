"""List pages: filters, sorting, pagination, noindex on filter pages, bounded queries."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge import factories as f
from knowledge.choices import Status

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'class="k-title" href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def library(sections):
    index = sections["regulations"]
    f.RegulationPageFactory(
        parent=index,
        title="甲法律",
        doc_type="law",
        issuer="全国人大常委会",
        issued_on=dt.date(2021, 6, 10),
        topic="safety_production",
    )
    f.RegulationPageFactory(
        parent=index,
        title="乙规章",
        doc_type="rule",
        issuer="郑州市人民政府",
        issued_on=dt.date(2019, 11, 28),
        status=Status.REPEALED,
        topic="general",
    )
    f.RegulationPageFactory(
        parent=index,
        title="丙通知",
        doc_type="normative",
        issuer="郑州市应急管理局",
        issued_on=dt.date(2021, 2, 25),
        status=Status.TRIAL,
        topic="rescue",
    )
    return index


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["甲法律", "丙通知", "乙规章"]),
        ("?type=law", ["甲法律"]),
        ("?status=repealed", ["乙规章"]),
        ("?year=2021", ["甲法律", "丙通知"]),
        ("?issuer=郑州市应急管理局", ["丙通知"]),
        ("?topic=rescue", ["丙通知"]),
        ("?year=2021&status=trial", ["丙通知"]),
        ("?q=规章", ["乙规章"]),
        ("?sort=oldest", ["乙规章", "丙通知", "甲法律"]),
        ("?type=standard", []),
    ],
)
def test_filters_and_sorting(client, library, query, expected):
    response = client.get(library.url + query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_filter_pages_are_noindex_and_the_plain_list_is_not(client, library):
    plain = client.get(library.url).content.decode()
    filtered = client.get(library.url + "?status=current").content.decode()
    assert 'name="robots"' not in plain
    assert '<meta name="robots" content="noindex">' in filtered


def test_an_invalid_filter_value_is_reported_and_ignored(client, library):
    response = client.get(library.url + "?status=bogus&year=abc")
    assert response.status_code == 200
    assert titles(response) == ["甲法律", "丙通知", "乙规章"]
    assert 'class="errorlist"' in response.content.decode()


def test_filter_form_offers_issuers_and_years_from_the_data(client, library):
    html = client.get(library.url).content.decode()
    assert '<option value="郑州市人民政府">' in html
    assert '<option value="2019">' in html


def test_pagination_keeps_the_filters_in_the_links(client, sections):
    for n in range(25):
        f.RegulationPageFactory(
            parent=sections["regulations"], title=f"文件{n:02d}", doc_type="rule"
        )
    url = sections["regulations"].url
    first = client.get(url + "?type=rule")
    assert len(titles(first)) == 20
    assert "?type=rule&amp;page=2" in first.content.decode()
    second = client.get(url + "?type=rule&page=2")
    assert len(titles(second)) == 5
    # Out-of-range and garbage page numbers answer 200 with a valid page.
    assert client.get(url + "?page=999").status_code == 200
    assert client.get(url + "?page=x").status_code == 200


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("kind", ["regulations", "plans", "shelters", "articles", "sites"])
def test_list_queries_do_not_grow_with_the_list(client, sections, kind, settings):
    settings.PAGE_CACHE_ENABLED = False  # count the queries of rendering the list
    factory = {
        "regulations": f.RegulationPageFactory,
        "plans": f.PlanPageFactory,
        "shelters": f.ShelterPageFactory,
        "articles": f.ArticlePageFactory,
        "sites": f.DemonstrationSitePageFactory,
    }[kind]
    index = sections[kind]
    parent_plan = f.PlanPageFactory(parent=sections["plans"]) if kind == "plans" else None
    extra = {"parent_plan": parent_plan} if kind == "plans" else {}
    _queries(client, index.url)  # first view ever: creates the bureau settings
    factory(parent=index, **extra)
    # The first view after a change fills the worker's site-wide memory (site, menu,
    # routes: portal/core/sitememo.py); the next ones read it. Both must stay flat.
    small_first = _queries(client, index.url)
    small = _queries(client, index.url)
    for _n in range(15):
        factory(parent=index, **extra)
    large_first = _queries(client, index.url)
    large = _queries(client, index.url)
    assert large == small
    assert large_first <= small_first
    assert max(large, large_first) <= 20


def test_shelters_filter_by_district_without_a_map(client, sections):
    f.ShelterPageFactory(parent=sections["shelters"], title="东区场所", district="zhengdong")
    f.ShelterPageFactory(parent=sections["shelters"], title="西区场所", district="zhongyuan")
    response = client.get(sections["shelters"].url + "?district=zhengdong")
    assert titles(response) == ["东区场所"]
    html = response.content.decode()
    assert "<script" not in html.split("<main")[1]


def test_articles_and_demonstration_sites_filter(client, sections):
    f.ArticlePageFactory(parent=sections["articles"], title="地震避险", topic="earthquake")
    f.ArticlePageFactory(parent=sections["articles"], title="防汛知识", topic="flood")
    assert titles(client.get(sections["articles"].url + "?topic=flood")) == ["防汛知识"]
    f.DemonstrationSitePageFactory(parent=sections["sites"], title="示范学校", kind="school")
    f.DemonstrationSitePageFactory(parent=sections["sites"], title="示范社区")
    assert titles(client.get(sections["sites"].url + "?type=school")) == ["示范学校"]
    assert titles(client.get(sections["sites"].url + "?year=2020&type=school")) == ["示范学校"]


def test_drafts_and_private_pages_are_not_listed(client, sections):
    f.RegulationPageFactory(parent=sections["regulations"], title="草稿", live=False)
    f.RegulationPageFactory(parent=sections["regulations"], title="已发布")
    assert titles(client.get(sections["regulations"].url)) == ["已发布"]


def test_a_page_made_private_leaves_the_list_at_once(client, library, settings):
    """The list's query is built once per site generation (workers remember it): a view
    restriction added later starts a new one."""
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_ENABLED = False
    client.get(library.url)
    assert len(titles(client.get(library.url))) == 3
    law = library.get_children().get(title="甲法律")
    PageViewRestriction.objects.create(page=law, restriction_type="login")
    assert titles(client.get(library.url)) == ["丙通知", "乙规章"]
    assert titles(client.get(library.url + "?year=2021")) == ["丙通知"]


def test_data_filter_choices_are_cached_until_content_is_published(client, library, settings):
    """Issuer and year choices scan the whole list, so they are cached; a publication
    replaces the site generation and the next view offers the new values."""
    settings.PAGE_CACHE_ENABLED = False  # render every view, as for a new filter combination
    url = library.url
    client.get(url)  # the first view also creates the site settings (a new generation)
    client.get(url)
    with CaptureQueriesContext(connection) as cached:
        body = client.get(url).content.decode()
    assert "郑州市人民政府" in body
    assert not [q for q in cached.captured_queries if "DISTINCT" in q["sql"]]

    page = f.RegulationPageFactory.build(
        title="丁决定", issuer="河南省应急管理厅", issued_on=dt.date(2025, 3, 1)
    )
    library.add_child(instance=page)
    page.save_revision().publish()
    body = client.get(url).content.decode()
    assert "河南省应急管理厅" in body and ">2025<" in body


def _row_reads(client, url):
    """The queries of one view that read list rows (a page of items)."""
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    reads = [q for q in ctx.captured_queries if "knowledge_regulationpage" in q["sql"]]
    return body, [q for q in reads if "LIMIT" in q["sql"]]


def test_rows_are_kept_per_filter_sort_and_page_until_the_site_changes(client, library, settings):
    """A page of rows is read once per filter combination, sort and page number, then
    taken from the worker's memory until a publication; ``LIST_PAGES_KEPT`` bounds it."""
    settings.PAGE_CACHE_ENABLED = False
    url = library.url
    client.get(url)  # the first view also creates the site settings (a new generation)
    for query in ("", "?sort=oldest", "?year=2021", "?year=2021&sort=oldest"):
        client.get(url + query)
        body, reads = _row_reads(client, url + query)
        assert not reads, query
    assert titles(client.get(url + "?sort=oldest")) == ["乙规章", "丙通知", "甲法律"]
    assert titles(client.get(url + "?year=2021&sort=oldest")) == ["丙通知", "甲法律"]

    law = library.get_children().get(title="甲法律").specific
    law.title = "甲法律（修正）"
    law.save_revision().publish()
    body, reads = _row_reads(client, url)
    assert reads and "甲法律（修正）" in body
    assert not _row_reads(client, url)[1]

    settings.LIST_PAGES_KEPT = 1
    for query in ("?sort=oldest", "", "?sort=oldest"):
        assert _row_reads(client, url + query)[1], query  # each gave way to the other
    settings.LIST_PAGES_KEPT = 0
    assert _row_reads(client, url)[1] and _row_reads(client, url)[1]


def _rows_html(response):
    return response.content.decode().split('<ul class="knowledge-items">')[1].split("</ul>")[0]


def test_kept_rows_are_kept_per_language(client, library, settings):
    """Workers keep each row's HTML ({% kept_rows %}): Chinese and English rows
    are kept apart, and English rows still mark the Chinese titles as Chinese."""
    settings.PAGE_CACHE_ENABLED = False
    url = library.url
    client.get(url)
    for _ in range(2):
        chinese = _rows_html(client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans"))
        english = _rows_html(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
        assert "2021年6月10日" in chinese and "lang=" not in chinese
        assert "10 Jun 2021" in english and 'lang="zh-Hans"' in english
        assert "Repealed" in english and "Repealed" not in chinese


def _filter_panel(client, url):
    html = client.get(url).content.decode()
    return html.split('<details class="filter-panel"')[1].split("</details>")[0]


def test_kept_filter_panels_follow_the_query_string(client, library, settings):
    """Workers keep a list's filter panel per query string ({% kept %}): each shows its
    own selection, and an invalid value its message, on every view."""
    settings.PAGE_CACHE_ENABLED = False
    url = library.url
    client.get(url)
    for _ in range(2):
        law = _filter_panel(client, url + "?type=law")
        rule = _filter_panel(client, url + "?type=rule")
        bogus = _filter_panel(client, url + "?type=bogus")
        assert 'value="law" selected' in law and 'value="law" selected' not in rule
        assert 'value="rule" selected' in rule
        assert 'role="alert"' in bogus and 'role="alert"' not in law + rule


def test_a_preview_of_a_list_never_fills_what_visitors_see(client, library, settings):
    """A draft of a list page with a new address: its preview shows the new links, and
    the live list keeps its own (nothing the preview rendered is kept)."""
    settings.PAGE_CACHE_ENABLED = False
    host = library.get_site().hostname
    client.get(library.url, HTTP_HOST=host)  # the first view creates the site's settings
    old_url = library.url
    library.save_revision()
    draft = library.get_latest_revision_as_object()
    draft.slug = "laws-and-rules"
    draft.set_url_path(library.get_parent())
    assert 'action="/laws-and-rules/"' in draft.make_preview_request().content.decode()
    for _ in range(2):
        live = client.get(old_url, HTTP_HOST=host).content.decode()
        assert "laws-and-rules" not in live and f'action="{old_url}"' in live
