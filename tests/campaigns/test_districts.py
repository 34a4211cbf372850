"""Campaign activities use the site-wide district vocabulary plus "citywide"."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.factories import CampaignActivityFactory
from campaigns.forms import ActivityFilterForm
from campaigns.models import CampaignActivity
from campaigns.services import stats
from knowledge.models import ShelterPage
from portal.core.districts import District, DistrictOrCitywide


def test_one_vocabulary_for_campaigns_and_the_knowledge_base():
    activity_choices = CampaignActivity._meta.get_field("district").choices
    shelter_choices = ShelterPage._meta.get_field("district").choices
    assert activity_choices == DistrictOrCitywide.choices
    assert activity_choices[0][0] == "citywide"
    assert activity_choices[1:] == shelter_choices == District.choices
    form_choices = ActivityFilterForm().fields["district"].choices
    assert [code for code, _label in form_choices] == ["", *DistrictOrCitywide.values]


@pytest.mark.django_db
def test_listing_accepts_old_codes_and_names(client, campaign, index):
    CampaignActivityFactory(page=campaign, title="高新区活动", district=District.HIGHTECH)
    CampaignActivityFactory(page=campaign, title="全市直播", district=DistrictOrCitywide.CITYWIDE)
    CampaignActivityFactory(page=campaign, title="中牟县活动", district=District.ZHONGMU)
    url = index.url + "activities/"
    for value, shown, hidden in [
        ("gaoxin", "高新区活动", "全市直播"),  # the knowledge base's old code
        ("高新区", "高新区活动", "中牟县活动"),  # the short name
        ("zhongmou", "中牟县活动", "高新区活动"),
        ("全市", "全市直播", "中牟县活动"),
    ]:
        html = client.get(url, {"district": value}).content.decode()
        assert shown in html and hidden not in html, value
        assert "errorlist" not in html


@pytest.mark.django_db
def test_ical_feed_accepts_old_codes(client, campaign):
    start = timezone.now() + dt.timedelta(days=1)
    end = start + dt.timedelta(hours=2)
    CampaignActivityFactory(
        page=campaign, title="经开区活动", district=District.ECONOMIC, start=start, end=end
    )
    CampaignActivityFactory(
        page=campaign, title="二七区活动", district=District.ERQI, start=start, end=end
    )
    response = client.get(reverse("campaign_activities_ical"), {"district": "jingkai"})
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["经开区活动"]
    assert "经济技术开发区" in str(events[0]["LOCATION"])


@pytest.mark.django_db
def test_statistics_label_districts_with_official_names(campaign):
    CampaignActivityFactory(page=campaign, district=District.AIRPORT, people_reached=300)
    CampaignActivityFactory(page=campaign, district=DistrictOrCitywide.CITYWIDE, people_reached=900)
    with translation.override("zh-hans"):
        rows = stats.reach(campaign).by_district
    assert [(r.key, r.label, r.value) for r in rows] == [
        ("citywide", "全市", 900),
        ("airport", "航空港经济综合实验区", 300),
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_district_labels_of_activities_on_a_phone(live_server, demo, phone_page, screenshot_dir):
    page = phone_page
    campaign = CampaignActivity.objects.filter(district="hightech").first().page
    page.goto(live_server.url + campaign.url)
    assert page.locator(".activity-list .tag").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "campaign-activities-phone.png"), full_page=True)
    # The campaign page lists its first activities; all of them are on the activity list.
    page.goto(f"{live_server.url}/campaigns/activities/?campaign={campaign.slug}")
    tags = page.locator(".activity-list .tag").all_inner_texts()
    assert "高新技术产业开发区" in tags and "全市" in tags
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(live_server.url + "/campaigns/activities/?district=hangkonggang")
    items = page.locator(".activity-list > li").all_inner_texts()
    assert items and all("航空港经济综合实验区" in text for text in items)
    assert page.locator("#id_district option:checked").text_content() == "航空港经济综合实验区"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "campaign-activities-zone-phone.png"), full_page=True)
