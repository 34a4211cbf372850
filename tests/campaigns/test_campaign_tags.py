"""The campaign template tags: activity times in Beijing time, remembered per language
and time zone."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from campaigns.templatetags.campaign_tags import activity_times

UTC = dt.UTC


def _activity(start, hours):
    return SimpleNamespace(start=start, end=start + dt.timedelta(hours=hours))


def test_times_print_in_the_active_language_and_time_zone_each_time():
    # 01:30 UTC is 09:30 in Beijing: the same day there.
    same_day = _activity(dt.datetime(2026, 5, 12, 1, 30, tzinfo=UTC), 2)
    with timezone.override("Asia/Shanghai"):
        with translation.override("zh-hans"):
            chinese = activity_times(same_day)
            assert activity_times(same_day) == chinese
        with translation.override("en"):
            english = activity_times(same_day)
        with translation.override("zh-hans"):
            assert activity_times(same_day) == chinese
    assert "2026年5月12日" in chinese and ">11:30</time>" in chinese
    assert 'datetime="2026-05-12T09:30:00+0800"' in chinese
    assert "2026年" not in english and "May" in english
    # The same instant in another zone is another text, not the one remembered.
    with timezone.override("UTC"), translation.override("zh-hans"):
        utc = activity_times(same_day)
    assert 'datetime="2026-05-12T01:30:00+0000"' in utc and ">03:30</time>" in utc


def test_an_activity_over_two_days_prints_the_end_date():
    overnight = _activity(dt.datetime(2026, 6, 1, 12, 0, tzinfo=UTC), 14)
    with timezone.override("Asia/Shanghai"), translation.override("zh-hans"):
        html = activity_times(overnight)
    assert html.count("2026年6月") == 2 and "6月2日" in html


def _activities(html):
    return "".join(re.findall(r'<li class="activity">.*?</li>', html, re.S))


@pytest.mark.django_db
def test_kept_activities_follow_the_language_and_where_they_are_listed(client, campaign, settings):
    """Workers keep each listed activity's HTML ({% kept_rows %}): per language, and with
    the campaign named on the activity list but not on the campaign's own page."""
    from campaigns.factories import CampaignActivityFactory

    settings.PAGE_CACHE_ENABLED = False
    start = timezone.now() + dt.timedelta(days=3)
    CampaignActivityFactory(page=campaign, title="应急演练进社区", mode="offline", start=start)
    client.get("/")  # the first view of the site creates its settings (a new generation)
    listing = campaign.get_parent().url + "activities/"
    for _ in range(2):
        chinese = _activities(
            client.get(campaign.url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        )
        english = _activities(client.get(campaign.url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
        listed = _activities(client.get(listing, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())
        assert "应急演练进社区" in chinese and "线下" in chinese and "Offline" not in chinese
        assert "Offline" in english and "线下" not in english
        assert "测试宣传周" in listed and "测试宣传周" not in chinese


@pytest.mark.django_db
def test_a_preview_of_a_draft_never_fills_what_visitors_see(client, campaign, settings):
    """A draft's activities keep the live ones' ids: its preview renders them without
    keeping anything, so visitors go on seeing the published text."""
    from campaigns.factories import CampaignActivityFactory

    settings.PAGE_CACHE_ENABLED = False
    start = timezone.now() + dt.timedelta(days=3)
    CampaignActivityFactory(page=campaign, title="已发布的活动", start=start)
    campaign.save_revision().publish()
    host = campaign.get_site().hostname
    client.get("/", HTTP_HOST=host)  # the first view of the site creates its settings
    draft = campaign.get_latest_revision_as_object()
    draft.activities.all()[0].title = "草稿里的活动"
    assert "草稿里的活动" in draft.make_preview_request().content.decode()
    for _ in range(2):
        public = _activities(client.get(campaign.url, HTTP_HOST=host).content.decode())
        assert "已发布的活动" in public and "草稿里的活动" not in public
