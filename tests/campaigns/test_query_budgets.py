"""Query budgets of the public campaign pages (issue #19), rendered uncached for an anonymous
visitor: each page type runs at most a fixed number of queries at demo size, and exactly as
many after the site has grown by hundreds of activities (on the page itself and on new
synthetic campaigns beside it). The campaign page also lists a bounded number of activities,
so its rendering cost does not grow with them either.

The budgets are the counts measured, so that a new query anywhere on these pages is seen."""

import datetime as dt
import io
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import CampaignActivity, CampaignIndexPage, CampaignPage, Channel, Mode
from campaigns.views import CALENDAR_SIZE
from demo.campaigns import synthetic
from portal.core.districts import DistrictOrCitywide

pytestmark = pytest.mark.django_db

# Page type -> most queries for one uncached anonymous view. The site-wide ones (site,
# routing, view restrictions, settings, banner, menu) come from each worker's memory
# (portal/core/sitememo.py), as do the campaign kinds and the year-over-year figures.
BUDGETS = {
    # news and materials (+ the quiz); the page itself, its records' sums and calendar
    # order, and the listed activities come from the worker's memory
    "campaign page": 2,
    "campaign page with a quiz": 3,
    "quiz": 2,
    "campaign index": 5,
    "year archive": 5,
    "activity list": 5,
    "activity list of one campaign": 5,
    "iCalendar feed": 5,
}


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False


def _urls():
    index = CampaignIndexPage.objects.get()
    quiz = CampaignPage.objects.get(slug="2026-512")
    plain = CampaignPage.objects.get(slug="2025-safety-month")
    return {
        "campaign page": plain.url,
        "campaign page with a quiz": quiz.url,
        "quiz": quiz.url + "quiz/",
        "campaign index": index.url,
        "year archive": index.url + "year/2025/",
        "activity list": index.url + "activities/?district=jinshui&page=2",
        "activity list of one campaign": index.url + "activities/?campaign=2025-safety-month",
        "iCalendar feed": "/campaigns-api/activities.ics",
    }


def _render(client, url):
    client.get(url)  # warm Wagtail's per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx), response.content.decode()


def _add_activities(page, n, seed):
    """``n`` published activities on ``page``: half already held, half still to come."""
    rng = random.Random(seed)
    now = timezone.now()
    rows = []
    for i in range(n):
        start = now + dt.timedelta(hours=rng.randint(-2000, 2000))
        rows.append(
            CampaignActivity(
                page=page,
                sort_order=1000 + i,
                title=f"加测活动{i}",
                channel=rng.choice(Channel.values),
                mode=rng.choice(Mode.values),
                district=rng.choice(DistrictOrCitywide.values),
                venue="社区广场",
                start=start,
                end=start + dt.timedelta(hours=2),
                organiser="街道办事处",
                people_reached=rng.randint(0, 5000),
            )
        )
    CampaignActivity.objects.bulk_create(rows)


def _grow():
    for i, slug in enumerate(("2025-safety-month", "2026-512")):
        _add_activities(CampaignPage.objects.get(slug=slug), 300, seed=i)
    synthetic.generate({"activities": 400, "seed": 9}, io.StringIO())


def test_campaign_page_types_stay_within_budget_as_activities_grow(client, demo):
    before = {kind: _render(client, url)[0] for kind, url in _urls().items()}
    _grow()
    after = {kind: _render(client, url)[0] for kind, url in _urls().items()}
    report = {kind: (before[kind], after[kind]) for kind in BUDGETS}
    over = {k: v for k, v in report.items() if max(v) > BUDGETS[k]}
    grew = {k: v for k, v in report.items() if v[1] > v[0]}
    assert not over, f"over budget (demo, grown): {over}"
    assert not grew, f"query count grows with the activities (demo, grown): {grew}"


def test_campaign_page_lists_a_bounded_calendar_with_a_link_to_all(client, demo):
    page = CampaignPage.objects.get(slug="2025-safety-month")
    _add_activities(page, 300, seed=3)
    total = CampaignActivity.objects.filter(page=page).count()
    upcoming = CampaignActivity.objects.filter(page=page, end__gte=timezone.now())
    _queries, html = _render(client, page.url)
    calendar = html.split('id="calendar"')[1].split("</section>")[0]
    assert calendar.count('<li class="activity">') == CALENDAR_SIZE
    # The next activities first: the earliest one still to come is listed.
    assert upcoming.order_by("start", "pk").first().title in calendar
    assert f"还有 {upcoming.count()} 项活动即将举办" in calendar
    assert f"查看本次宣传的全部 {total} 项活动" in calendar
    assert "activities/?campaign=2025-safety-month" in calendar
    # The figures still cover every activity.
    reached = sum(
        CampaignActivity.objects.filter(page=page).values_list("people_reached", flat=True)
    )
    assert f"{reached:,}" in html


def test_activity_list_filters_by_campaign_and_rejects_unknown_ones(client, demo):
    index = CampaignIndexPage.objects.get()
    page = CampaignPage.objects.get(slug="2025-512")
    url = index.url + "activities/"
    html = client.get(url, {"campaign": page.slug}).content.decode()
    count = CampaignActivity.objects.filter(page=page).count()
    assert f"{count} 项活动" in html
    titles = set(CampaignActivity.objects.filter(page=page).values_list("title", flat=True))
    others = CampaignActivity.objects.published().exclude(page=page).exclude(title__in=titles)
    assert others.exists() and not any(a.title in html for a in others)
    assert f'<option value="{page.slug}" selected>{page.title}</option>' in html
    response = client.get(url, {"campaign": "no-such-campaign"})
    html = response.content.decode()
    assert response.status_code == 200 and "errorlist" in html
    assert 'aria-invalid="true" aria-describedby="id_campaign_error"' in html
    assert 'id="id_campaign_error"' in html


def test_feed_of_one_campaign_has_its_upcoming_activities_only(client, demo):
    upcoming = CampaignActivity.objects.published().upcoming()
    page = upcoming.first().page
    body = client.get("/campaigns-api/activities.ics", {"campaign": page.slug}).content.decode()
    assert body.count("BEGIN:VEVENT") == upcoming.filter(page=page).count() > 0
    unknown = client.get("/campaigns-api/activities.ics", {"campaign": "no-such-campaign"})
    assert unknown.status_code == 400 and "campaign" in unknown.json()["fields"]
