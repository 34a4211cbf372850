"""最新发布 on the home page (issue #15, finding 5): official publications by the date
they were issued, never directory entries, never the day the content was loaded."""

import datetime as dt
import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(db):
    from demo.home import _home

    return _home()


def _latest_titles(client):
    html = client.get("/").content.decode()
    section = html.split('id="latest-title"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="[^"]*">([^<]+)</a>', section), section


def test_lists_publications_by_issue_date_and_leaves_out_directories(client, home):
    from campaigns import factories as cf
    from knowledge import factories as kf

    regulations = kf.RegulationIndexPageFactory(parent=home)
    plans = kf.PlanIndexPageFactory(parent=home)
    sites = kf.DemonstrationIndexPageFactory(parent=home)
    shelters = kf.ShelterIndexPageFactory(parent=home)
    campaigns = cf.CampaignIndexPageFactory(parent=home)
    # Loaded today, but issued years ago: dated by the document, not by the load.
    kf.RegulationPageFactory(
        parent=regulations, title="旧的规范性文件", issued_on=dt.date(2019, 4, 1)
    )
    kf.PlanPageFactory(parent=plans, title="总体应急预案", issued_on=dt.date(2025, 9, 15))
    kf.DemonstrationSitePageFactory(parent=sites, title="某某防震减灾科普教育示范学校")
    kf.ShelterPageFactory(parent=shelters, title="某某公园应急避难场所")
    cf.CampaignPageFactory(
        parent=campaigns,
        title="2025年安全生产月",
        year=2025,
        start_date=dt.date(2025, 6, 1),
        end_date=dt.date(2025, 6, 30),
    )
    # Announced ahead: not "published" before the day it starts.
    future = dt.date.today() + dt.timedelta(days=400)
    cf.CampaignPageFactory(
        parent=campaigns,
        title="未来的活动",
        year=future.year,
        start_date=future,
        end_date=future + dt.timedelta(days=7),
    )

    titles, section = _latest_titles(client)
    assert titles == ["总体应急预案", "2025年安全生产月", "旧的规范性文件"]
    assert "2025年9月15日" in section and "2019年4月1日" in section
    today = dt.date.today()
    assert f"{today.year}年{today.month}月{today.day}日" not in section


def test_latest_count_limits_the_list(client, home):
    from knowledge import factories as kf

    regulations = kf.RegulationIndexPageFactory(parent=home)
    for day in range(1, 6):
        kf.RegulationPageFactory(
            parent=regulations, title=f"文件{day}", issued_on=dt.date(2024, 1, day)
        )
    home.latest_count = 3
    home.save_revision().publish()
    titles, _section = _latest_titles(client)
    assert titles == ["文件5", "文件4", "文件3"]


def test_demo_home_lists_official_publications_with_their_own_dates(client, demo):
    from wagtail.models import Page

    from portal.home.latest import publication_models

    titles, section = _latest_titles(client)
    assert len(titles) == 8
    allowed = {m._meta.label for m in publication_models()}
    for title in titles:
        page = Page.objects.live().filter(title=title).first().specific
        assert any(isinstance(page, m) for m in publication_models()), (title, allowed)
    assert "学校" not in section and "避难场所" not in " ".join(titles)
    dates = [
        dt.date(int(y), int(m), int(d))
        for y, m, d in re.findall(r'datetime="(\d{4})-(\d\d)-(\d\d)"', section)
    ]
    assert dates == sorted(dates, reverse=True)
    assert len(set(dates)) > 1  # not all the load day
