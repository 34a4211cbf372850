"""The disaster-day home page: a red or orange alert switches the home page to the light
emergency layout, which stays under 50 KB compressed and is served from the page cache."""

import gzip
import io
import re

import pytest
from django.contrib.staticfiles import finders

from demo.home.alerts import RED_ALERT_TITLE
from portal.core.models import AlertBanner, AlertLevel, HazardType

BUDGET = 50 * 1024


@pytest.fixture
def site(db):
    from demo import home as demo
    from knowledge import factories as f
    from portal.home.models import HomePage

    demo.load(io.StringIO())
    home = HomePage.objects.get()
    shelters = f.ShelterIndexPageFactory(parent=home, title="避难场所", slug="shelters")
    f.ShelterPageFactory(parent=shelters, title="紫荆山公园应急避难场所")
    articles = f.ArticleIndexPageFactory(parent=home)
    f.ArticlePageFactory(parent=articles, title="暴雨来了怎么办", topic="flood")
    f.ArticlePageFactory(parent=articles, title="地震避险要点", topic="earthquake")
    # An official notice for the "latest" list (articles and shelters are not releases).
    regulations = f.RegulationIndexPageFactory(parent=home)
    f.RegulationPageFactory(parent=regulations, title="关于做好汛期安全防范工作的通知")
    demo.finish(io.StringIO())
    return home


def _switch_on(level=AlertLevel.RED, hazard=HazardType.RAINSTORM):
    alert = AlertBanner.objects.get(title=RED_ALERT_TITLE)
    alert.enabled, alert.level, alert.hazard = True, level, hazard
    alert.save()
    return alert


def test_demo_red_alert_is_off_until_switched_on(client, site):
    alert = AlertBanner.objects.get(title=RED_ALERT_TITLE)
    assert alert.level == AlertLevel.RED and alert.hazard == HazardType.RAINSTORM
    assert not alert.enabled
    html = client.get("/").content.decode()
    assert "home-emergency" not in html
    # The everyday home page offers the finder too.
    assert "data-finder" in html and "就近查找" in html


@pytest.mark.parametrize("level", [AlertLevel.RED, AlertLevel.ORANGE])
def test_red_or_orange_alert_switches_to_the_emergency_layout(client, site, level):
    _switch_on(level)
    html = client.get("/").content.decode()
    assert 'class="home home-emergency"' in html
    assert RED_ALERT_TITLE in html and "暴雨" in html
    # Hotlines: 119, 12350 and the bureau's duty phone, as tel: links.
    for number in ("119", "12350", "0371-12350"):
        assert f'href="tel:{number}"' in html
    # Guidance for the hazard type (rainstorm -> flood articles), not for earthquakes.
    guidance = re.search(r'aria-labelledby="guidance-title">.*?</section>', html, re.S).group()
    assert "暴雨防范指引" in guidance
    assert "暴雨来了怎么办" in guidance and "地震避险要点" not in guidance
    assert "最新权威发布" in html
    # The location button only appears with JavaScript; the district choice works without.
    assert re.search(r"<button[^>]*data-finder-locate[^>]*hidden", html)
    assert '<form class="finder-district" method="get" action="/shelters/">' in html
    assert "hero-search" not in html and "<script>" not in html
    assert html.count('role="alert"') == 1  # the alert once, not also as the banner


def test_yellow_alert_keeps_the_everyday_home_page(client, site):
    _switch_on(AlertLevel.YELLOW)
    html = client.get("/").content.decode()
    assert "home-emergency" not in html and RED_ALERT_TITLE in html  # banner only


def test_emergency_page_weighs_under_50_kb_compressed(client, site):
    _switch_on()
    html = client.get("/").content
    assets = re.findall(rb'(?:href|src)="/static/([^"?]+)"', html)
    assert {b"css/portal.css", b"css/finder.css", b"js/finder.js"} <= set(assets)
    total = len(gzip.compress(html, 9))
    for asset in set(assets):
        path = finders.find(asset.decode())
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read(), 9))
    print(f"emergency home page, HTML+CSS+JS gzip: {total} bytes")  # for the docs
    assert total < BUDGET, total
    # And there is no image or font beyond the small SVG icon.
    assert not re.search(rb"<img|\.woff|\.png|\.jpg", html)


def test_emergency_page_is_served_from_the_page_cache(client, site):
    _switch_on()
    first = client.get("/")
    second = client.get("/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert b"home-emergency" in second.content
    # Switching the alert off shows the everyday page at once (new cache generation).
    alert = AlertBanner.objects.get(title=RED_ALERT_TITLE)
    alert.enabled = False
    alert.save()
    third = client.get("/")
    assert third["X-Page-Cache"] == "miss" and b"home-emergency" not in third.content
    assert client.get("/")["X-Page-Cache"] == "hit"
