"""Reach statistics: every figure equals the sum of the activity records it covers."""

import datetime as dt
import random
import time

import pytest
from django.utils import timezone

from campaigns.factories import CampaignActivityFactory, CampaignPageFactory
from campaigns.models import CampaignActivity, CampaignPage, Channel, Mode
from campaigns.services import stats
from portal.core.districts import DistrictOrCitywide

pytestmark = pytest.mark.django_db

SOON = dt.timedelta(seconds=1.5)


def _random_activities(page, n, seed):
    rng = random.Random(seed)
    for _ in range(n):
        CampaignActivityFactory(
            page=page,
            channel=rng.choice(Channel.values),
            district=rng.choice(DistrictOrCitywide.values),
            mode=rng.choice(Mode.values),
            people_reached=rng.randint(0, 50000),
        )


def test_totals_and_breakdowns_equal_sums_of_records(campaign):
    _random_activities(campaign, 40, seed=7)
    page = CampaignPage.objects.get(pk=campaign.pk)
    records = list(CampaignActivity.objects.filter(page=page))
    totals = stats.reach(page).totals
    assert totals["reached"] == sum(a.people_reached for a in records)
    assert totals["activities"] == len(records) == 40
    assert totals["online"] == sum(a.people_reached for a in records if a.mode == Mode.ONLINE)
    for rows, field in (
        (stats.reach(page).by_channel, "channel"),
        (stats.reach(page).by_district, "district"),
        (stats.reach(page).by_mode, "mode"),
    ):
        assert sum(r.value for r in rows) == totals["reached"]
        assert sum(r.count for r in rows) == totals["activities"]
        for row in rows:
            subset = [a for a in records if getattr(a, field) == row.key]
            assert row.value == sum(a.people_reached for a in subset)
            assert row.count == len(subset)
        assert [r.value for r in rows] == sorted((r.value for r in rows), reverse=True)


def test_year_over_year_rows_are_per_campaign_sums(index, kind):
    pages = []
    for year, seed in ((2024, 1), (2025, 2), (2026, 3)):
        page = CampaignPageFactory(parent=index, kind=kind, year=year, slug=f"c-{year}")
        _random_activities(page, 10, seed)
        pages.append(page)
    rows = stats.year_over_year(CampaignPage.objects.live(), kind=kind)
    assert [r.label for r in rows] == ["2024 防灾减灾日", "2025 防灾减灾日", "2026 防灾减灾日"]
    for row, page in zip(rows, pages, strict=True):
        assert row.value == sum(
            a.people_reached for a in CampaignActivity.objects.filter(page=page)
        )
        assert row.count == 10


def test_public_page_shows_the_summed_figures_and_accessible_charts(client, campaign):
    CampaignActivityFactory(page=campaign, people_reached=1200, district=DistrictOrCitywide.ERQI)
    CampaignActivityFactory(
        page=campaign, people_reached=800000, district=DistrictOrCitywide.CITYWIDE, mode=Mode.ONLINE
    )
    response = client.get(campaign.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "801,200" in html
    assert html.count('role="img"') >= 2  # channel and district charts
    assert "<table>" in html and "二七区" in html  # the table alternative
    assert "<script" not in html.split("<main")[1]  # charts are plain SVG, no JS


def test_unpublished_draft_figures_stay_out_of_public_statistics(client, campaign):
    CampaignActivityFactory(page=campaign, people_reached=500)
    page = CampaignPage.objects.get(pk=campaign.pk)
    page.activities.add(
        CampaignActivity(**{**_fields(page.activities.first()), "people_reached": 9_999_999})
    )
    page.save_revision()  # a draft: not approved yet
    assert "9,999,999" not in client.get(campaign.url).content.decode()
    assert stats.reach(CampaignPage.objects.get(pk=campaign.pk)).totals["reached"] == 500


def _fields(activity):
    names = ["title", "channel", "mode", "district", "venue", "start", "end", "organiser"]
    return {n: getattr(activity, n) for n in names}


def test_svg_chart_escapes_labels():
    from portal.core.charts import phone_bar_chart as bar_chart

    svg = str(bar_chart([("<b>x</b>", 5), ("金水区", 0)], "标题 & <说明>"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert "&amp;" in svg
    assert svg.startswith("<svg") and svg.endswith("</svg>")


def test_list_totals_in_one_query_equal_the_per_campaign_sums(index, kind):
    for year, seed in ((2025, 4), (2026, 5)):
        page = CampaignPageFactory(parent=index, kind=kind, year=year, slug=f"l-{year}")
        _random_activities(page, 12, seed)
    CampaignPageFactory(parent=index, kind=kind, year=2024, slug="empty")
    listed = stats.with_totals(CampaignPage.objects.live())
    assert len(listed) == 3
    for campaign in listed:
        assert campaign.totals == stats.reach(CampaignPage.objects.get(pk=campaign.pk)).totals


def test_preview_figures_are_summed_from_the_drafts_records_like_the_database_does(campaign):
    _random_activities(campaign, 30, seed=11)
    live = CampaignPage.objects.get(pk=campaign.pk)
    live.save_revision()  # a draft holding the same 30 records
    draft = live.get_latest_revision_as_object()
    in_memory, in_sql = stats.reach(draft), stats.reach(live)
    assert not isinstance(stats.activities_for(draft), type(stats.activities_for(live)))
    assert in_memory == in_sql
    draft.activities.add(
        CampaignActivity(**{**_fields(live.activities.first()), "people_reached": 7})
    )
    assert stats.reach(draft).totals["reached"] == in_sql.totals["reached"] + 7
    assert stats.reach(draft).totals["activities"] == 31


def test_year_over_year_and_kind_follow_publishing_although_workers_remember_them(
    client, index, kind, settings
):
    """The campaign page reads the year-over-year rows and its kind from the worker's
    memory (campaigns.services.stats): a new campaign of the kind, or a renamed kind,
    shows on the next view."""
    settings.PAGE_CACHE_ENABLED = False
    for year, seed in ((2024, 1), (2025, 2)):
        page = CampaignPageFactory(parent=index, kind=kind, year=year, slug=f"c-{year}")
        _random_activities(page, 3, seed)
    html = client.get(page.url).content.decode()
    assert "2024 防灾减灾日" in html and "2026 防灾减灾日" not in html
    newer = CampaignPageFactory(parent=index, kind=kind, year=2026, slug="c-2026")
    _random_activities(newer, 3, seed=3)
    assert "2026 防灾减灾日" in client.get(page.url).content.decode()
    kind.name = "防灾减灾宣传周"
    kind.save()
    html = client.get(page.url).content.decode()
    assert "防灾减灾宣传周 · 2025" in html and "2026 防灾减灾宣传周" in html


def test_what_is_still_to_come_follows_the_clock_although_workers_remember_the_records(
    client, index, kind, settings
):
    """The campaign page reads its records' sums and calendar order from the worker's
    memory (stats.public_records); what is still to come is worked out on every view, so
    an activity that ends drops out of the calendar without any save."""
    settings.PAGE_CACHE_ENABLED = False
    page = CampaignPageFactory(parent=index, kind=kind, year=2026, slug="c-clock")
    now = timezone.now()
    CampaignActivityFactory(page=page, title="正在举办的活动", start=now, end=now + SOON)
    CampaignActivityFactory(page=page, title="明天的活动", start=now + dt.timedelta(days=1))
    past = now - dt.timedelta(days=7)
    CampaignActivityFactory(page=page, title="上周的活动", start=past)
    client.get("/")  # the first view of the site creates its settings (a new generation)

    def calendar():
        html = client.get(page.url).content.decode()
        return html.split('id="calendar"')[1].split("</section>")[0]

    for _ in range(2):  # read, then remembered
        shown = calendar()
        assert "还有 2 项活动即将举办" in shown
        assert "正在举办的活动" in shown and "上周的活动" not in shown
    time.sleep((now + SOON - timezone.now()).total_seconds() + 0.1)
    shown = calendar()
    assert "还有 1 项活动即将举办" in shown
    assert "正在举办的活动" not in shown and "明天的活动" in shown
    assert stats.public_records(page).upcoming(timezone.now()) == 1
