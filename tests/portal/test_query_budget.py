"""Query budgets at demo size and at a larger synthetic size (issue #19): every public page
type, rendered uncached, and the tracker's admin lists for a supervisor, run at most a
fixed number of queries, and no more after the site has grown by synthetic documents,
campaign activities and enterprises (the bench's data path, at a few hundred items to stay
fast: a count that does not grow from demo size to this size does not grow with 10,000).
tests/portal/test_query_budgets.py checks each page type with 5 and 55 items of its own.

The home page, the filtered regulations list and a regulation have tighter budgets, for
the view right after a change (the worker's site-wide memory is empty, see
portal/core/sitememo.py) and for the views after it, checked at demo size and after
adding 2,000 synthetic documents (the bench's 10,000 takes minutes to generate; the counts
must be the same at both sizes, so they do not grow with 10,000 either)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

# Page type -> most queries for one uncached anonymous view.
PUBLIC_BUDGETS = {
    "home": 20,
    "regulations list with filters": 25,
    "regulation": 25,
    "articles list": 25,
    "shelter list": 25,
    "campaign list": 25,
    "campaign page": 25,
    "search page": 25,
}
ADMIN_BUDGET = 40
GROWTH = {"documents": 300, "enterprises": 200, "activities": 150}
# Knowledge pages: (most queries right after a change, most queries from memory).
KNOWLEDGE_BUDGETS = {
    "home": (18, 1),
    "regulations list with filters": (16, 3),
    "regulation": (16, 5),
}
DOCUMENTS_GROWTH = 2000


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False


def _public_urls():
    from campaigns.models import CampaignIndexPage, CampaignPage
    from knowledge.models import (
        ArticleIndexPage,
        RegulationIndexPage,
        RegulationPage,
        ShelterIndexPage,
    )

    def first(model, order="-first_published_at"):
        return model.objects.live().public().order_by(order).first().url

    regulations = first(RegulationIndexPage, "path")
    return {
        "home": "/",
        "regulations list with filters": regulations + "?sort=oldest&page=2",
        "regulation": first(RegulationPage),
        "articles list": first(ArticleIndexPage, "path"),
        "shelter list": first(ShelterIndexPage, "path"),
        "campaign list": first(CampaignIndexPage, "path"),
        "campaign page": first(CampaignPage),
        "search page": "/search/?q=防汛",
    }


def _count(client, url):
    client.get(url)  # warm Wagtail's per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


def _grow():
    call_command("generate_synthetic", **GROWTH, seed=7, stdout=io.StringIO())


def test_public_page_types_stay_within_budget_as_the_site_grows(client, demo):
    demo_counts = {kind: _count(client, url) for kind, url in _public_urls().items()}
    _grow()
    grown_counts = {kind: _count(client, url) for kind, url in _public_urls().items()}
    report = {kind: (demo_counts[kind], grown_counts[kind]) for kind in PUBLIC_BUDGETS}
    over = {k: v for k, v in report.items() if max(v) > PUBLIC_BUDGETS[k]}
    grew = {k: v for k, v in report.items() if v[1] > v[0]}
    assert not over, f"over budget (demo, grown): {over}"
    assert not grew, f"query count grows with the site (demo, grown): {grew}"


def test_tracker_admin_lists_stay_within_budget_as_the_site_grows(client, demo, settings):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    settings.PORTAL_2FA_REQUIRED = False
    client.force_login(get_user_model().objects.get(username="city_supervisor"))
    urls = {
        name: reverse(f"accountability_{name}:index") for name in ("enterprise", "hazard", "rating")
    }
    demo_counts = {name: _count(client, url) for name, url in urls.items()}
    _grow()
    grown_counts = {name: _count(client, url) for name, url in urls.items()}
    report = {name: (demo_counts[name], grown_counts[name]) for name in urls}
    over = {k: v for k, v in report.items() if max(v) > ADMIN_BUDGET}
    grew = {k: v for k, v in report.items() if v[1] > v[0]}
    assert not over, f"over budget (demo, grown): {over}"
    assert not grew, f"query count grows with the site (demo, grown): {grew}"


def _knowledge_urls():
    from knowledge.models import RegulationIndexPage, RegulationPage

    regulations = RegulationIndexPage.objects.live().public().order_by("path").first().url
    law = RegulationPage.objects.live().public().order_by("-first_published_at").first()
    return {
        "home": "/",
        "regulations list with filters": regulations + "?type=law&sort=oldest&page=2",
        "regulation": law.url,
    }


def _first_and_then(client, url):
    """Queries of the view right after a change, and of the next view."""
    from portal.core import pagecache

    client.get(url)
    pagecache.invalidate_all()
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as then:
        assert client.get(url).status_code == 200, url
    return len(first), len(then)


def test_knowledge_pages_have_the_same_small_query_count_at_two_sizes(client, demo):
    urls = _knowledge_urls()
    small = {kind: _first_and_then(client, url) for kind, url in urls.items()}
    call_command(
        "generate_synthetic",
        documents=DOCUMENTS_GROWTH,
        enterprises=0,
        activities=0,
        seed=11,
        stdout=io.StringIO(),
    )
    large = {kind: _first_and_then(client, url) for kind, url in urls.items()}
    report = {kind: (small[kind], large[kind]) for kind in KNOWLEDGE_BUDGETS}
    over = {
        kind: counts
        for kind, counts in report.items()
        if any(
            c[0] > KNOWLEDGE_BUDGETS[kind][0] or c[1] > KNOWLEDGE_BUDGETS[kind][1] for c in counts
        )
    }
    assert not over, f"over budget ((first, then) at demo size, grown): {over}"
    assert small == large, f"query counts change with the number of documents: {report}"
