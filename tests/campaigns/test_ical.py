"""The iCalendar feed of upcoming activities, parsed back with the icalendar library."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import ical
from campaigns.factories import CampaignActivityFactory, CampaignPageFactory
from portal.core.districts import DistrictOrCitywide

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _feed(client, **params):
    response = client.get(reverse("campaign_activities_ical"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def test_feed_is_valid_rfc5545_with_upcoming_activities_only(client, campaign, kind, index):
    start = timezone.now().astimezone(SHANGHAI).replace(microsecond=0) + dt.timedelta(days=2)
    long_title = "社区地震应急疏散演练，含“伏地、遮挡、手抓牢”练习；以及应急包展示\\说明" * 2
    upcoming = CampaignActivityFactory(
        page=campaign,
        title=long_title,
        start=start,
        end=start + dt.timedelta(hours=3),
        description="第一行\n第二行, 含逗号; 分号",
        venue="金水区经八路街道社区广场",
    )
    CampaignActivityFactory(
        page=campaign,
        title="已经结束的活动",
        start=timezone.now() - dt.timedelta(days=3),
        end=timezone.now() - dt.timedelta(days=3, hours=-2),
    )
    draft = CampaignPageFactory(parent=index, kind=kind, slug="draft", live=False)
    CampaignActivityFactory(page=draft, title="未发布活动的安排")

    raw = _feed(client)
    # Every line ends with CRLF and is at most 75 octets long.
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    for line in lines:  # folding never splits a UTF-8 character
        line.decode("utf-8")

    cal = icalendar.Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0"
    events = cal.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [long_title]
    event = events[0]
    assert event.decoded("DTSTART") == start
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.decoded("DTEND") == start + dt.timedelta(hours=3)
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert event.decoded("DTSTAMP").utcoffset() == dt.timedelta(0)
    assert b"DTSTAMP:" in raw and raw.split(b"DTSTAMP:")[1][15:16] == b"Z"
    assert "第一行\n第二行, 含逗号; 分号" in str(event["DESCRIPTION"])
    assert "金水区经八路街道社区广场" in str(event["LOCATION"])
    assert str(event["UID"]).startswith(f"campaign-activity-{upcoming.pk}@")
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Asia/Shanghai"


def test_feed_filters_like_the_listing(client, campaign):
    CampaignActivityFactory(page=campaign, title="金水区活动", district=DistrictOrCitywide.JINSHUI)
    CampaignActivityFactory(page=campaign, title="二七区活动", district=DistrictOrCitywide.ERQI)
    cal = icalendar.Calendar.from_ical(_feed(client, district="erqi"))
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["二七区活动"]


def test_calendar_escapes_text_and_names_the_time_zone():
    start = dt.datetime(2026, 5, 12, 9, 30, tzinfo=SHANGHAI)
    raw = ical.calendar(
        [
            {
                "uid": "a1",
                "summary": "防灾减灾日, 宣传; 咨询\\现场",
                "start": start.astimezone(dt.UTC),
                "end": start + dt.timedelta(hours=2),
                "categories": ["宣传周", "金水区"],
            }
        ],
        name="宣传活动",
        host="example.org",
        now=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
    )
    assert "SUMMARY:防灾减灾日\\, 宣传\\; 咨询\\\\现场\r\n" in raw
    assert "DTSTART;TZID=Asia/Shanghai:20260512T093000\r\n" in raw
    assert "DTSTAMP:20260501T000000Z\r\n" in raw
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai" in raw
    event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "防灾减灾日, 宣传; 咨询\\现场"
    assert event.decoded("DTSTART") == start


def test_listing_filters_by_district_and_rejects_bad_values(client, campaign, index):
    CampaignActivityFactory(page=campaign, title="金水区活动", district=DistrictOrCitywide.JINSHUI)
    CampaignActivityFactory(page=campaign, title="二七区活动", district=DistrictOrCitywide.ERQI)
    url = index.url + "activities/"
    html = client.get(url, {"district": "jinshui"}).content.decode()
    assert "金水区活动" in html and "二七区活动" not in html
    response = client.get(url, {"district": "nowhere", "year": "abc"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_no_feed_without_a_published_section(client, db):
    response = client.get(reverse("campaign_activities_ical"))
    assert response.status_code == 404


def test_cached_pages_expire_when_an_upcoming_activity_ends(campaign):
    from portal.core.pagecache import next_change

    soon = timezone.now() + dt.timedelta(hours=1)
    CampaignActivityFactory(page=campaign, start=soon - dt.timedelta(hours=2), end=soon)
    CampaignActivityFactory(page=campaign, end=soon + dt.timedelta(days=1))
    assert abs((next_change() - soon).total_seconds()) < 1


def test_feed_with_a_bad_filter_answers_400_json_in_chinese(client, campaign):
    response = client.get(reverse("campaign_activities_ical"), {"district": "atlantis"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "筛选条件无效。"
    assert "district" in body["fields"]
