"""The nearest-shelter finder in Chromium at 390 px: a visitor in 金水区 shares a location
and sees the nearest shelters in order with the right distances; a landmark works without
a location; the emergency home page offers the same button."""

import io
from pathlib import Path

import pytest
from django.utils import translation

from portal.core import geo
from tests.portal.test_accessibility import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A WGS-84 position in 金水区 (as a phone's GPS reports it), near 经三路 and 农业路.
HERE = (34.7810, 113.6820)
SHOTS = Path("/tmp/shots-disaster")


@pytest.fixture
def shelter_site(db):
    from demo import home as demo
    from demo.knowledge import _places
    from knowledge import factories as f
    from portal.home.models import HomePage

    demo.load(io.StringIO())
    home = HomePage.objects.get()
    shelters = f.ShelterIndexPageFactory(parent=home, title="避难场所", slug="shelters")
    sites = f.DemonstrationIndexPageFactory(parent=home)
    _places(shelters, sites, io.StringIO())
    demo.finish(io.StringIO())
    return shelters


def _expected(origin, count=5):
    from knowledge.models import ShelterPage

    with translation.override("zh-hans"):
        ranked = sorted(
            (geo.distance_m(*origin, *s.wgs84), s.title, geo.describe(*origin, *s.wgs84))
            for s in ShelterPage.objects.all()
        )
    return [(title, text) for _d, title, text in ranked[:count]]


def _phone(browser, **options):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="zh-CN",
        device_scale_factor=2,
        is_mobile=True,
        **options,
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_nearest_shelters_from_a_position_in_jinshui(live_server, shelter_site, browser):
    context, page = _phone(
        browser,
        geolocation={"latitude": HERE[0], "longitude": HERE[1]},
        permissions=["geolocation"],
    )
    requests, console = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text))
    page.goto(live_server.url + "/shelters/")
    page.click("[data-finder-locate]")
    try:
        page.wait_for_selector(".finder-item")
    except Exception:
        print(
            "CONSOLE",
            console,
            "REQ",
            requests,
            "STATUS",
            page.locator("[data-finder-status]").inner_text(),
        )
        raise
    assert page.locator("[data-finder-status]").inner_text() == "离您最近的避难场所"
    items = page.locator(".finder-item:visible")
    assert items.count() == 5
    expected = _expected(HERE)
    shown = [
        (item.locator(".finder-name").inner_text(), item.locator(".finder-where").inner_text())
        for item in items.all()
    ]
    assert shown == expected
    assert shown[0][0] == "市民广场应急避难场所"  # the nearest one, due north of here
    first = items.first
    assert "开放中" in first.inner_text() and "可容纳5,000人" in first.inner_text()
    hrefs = first.locator(".finder-links a").evaluate_all("els => els.map(e => e.href)")
    assert hrefs[0].startswith("geo:") and "uri.amap.com" in hrefs[1]
    # The position never reached the server: no request carries the coordinates.
    assert not [u for u in requests if "34.78" in u or "113.68" in u]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "shelters-finder-390.png")

    page.click("text=显示全部")
    assert page.locator(".finder-item:visible").count() == 27
    # WCAG 2.1 AA with the results and the overview map on the page.
    assert axe_violations(page) == []

    # 长者模式: larger text, same results, still no horizontal scrolling.
    page.click("[data-care-toggle]")
    page.reload()
    page.click("[data-finder-locate]")
    page.wait_for_selector(".finder-item")
    assert page.evaluate("document.documentElement.classList.contains('care')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "shelters-finder-390-care.png")
    context.close()


def test_landmark_without_sharing_a_location(live_server, shelter_site, browser):
    from knowledge.models import Landmark

    context, page = _phone(browser)  # no geolocation permission
    page.goto(live_server.url + "/shelters/")
    page.click("[data-finder-locate]")
    page.wait_for_selector("text=无法获取您的位置")
    page.fill("#finder-place-input", "高铁东站")  # an alias of 郑州东站
    page.click(".finder-place button")
    page.wait_for_selector(".finder-item")
    assert page.locator("[data-finder-status]").inner_text() == "离郑州东站最近的避难场所"
    station = Landmark.objects.get(name="郑州东站")
    origin = geo.gcj02_to_wgs84(float(station.latitude), float(station.longitude))
    first = page.locator(".finder-item").first
    assert (
        first.locator(".finder-name").inner_text(),
        first.locator(".finder-where").inner_text(),
    ) == _expected(origin, 1)[0]
    page.fill("#finder-place-input", "不存在的地方")
    page.click(".finder-place button")
    page.wait_for_selector("text=没有找到“不存在的地方”")
    # The overview map is readable at 390 px: labels at least 10 px high.
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.overview-svg text')).fontSize)"
        " * document.querySelector('.overview-svg').getBoundingClientRect().width / 1000"
    )
    assert size >= 10
    page.locator(".overview").screenshot(path=str(SHOTS / "shelters-overview-390.png"))
    context.close()


def test_emergency_home_page_at_390_px(live_server, shelter_site, browser):
    from demo.home.alerts import RED_ALERT_TITLE
    from portal.core.models import AlertBanner

    AlertBanner.objects.filter(title=RED_ALERT_TITLE).update(enabled=True)
    AlertBanner.objects.get(title=RED_ALERT_TITLE).save()  # a new cache generation
    context, page = _phone(
        browser,
        geolocation={"latitude": HERE[0], "longitude": HERE[1]},
        permissions=["geolocation"],
    )
    page.goto(live_server.url + "/")
    assert page.locator("body.home-emergency").count() == 1
    assert page.locator(".emergency-alert h1").inner_text() == RED_ALERT_TITLE
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "home-emergency-390.png")
    page.click("[data-finder-locate]")
    page.wait_for_selector(".finder-item")
    assert page.locator(".finder-item .finder-name").first.inner_text() == _expected(HERE, 1)[0][0]
    assert axe_violations(page) == []
    page.click("[data-care-toggle]")
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    _shot(page, "home-emergency-390-care.png")
    context.close()

    # Without JavaScript the page still shows the alert, hotlines and the district choice.
    context, page = _phone(browser, java_script_enabled=False)
    page.goto(live_server.url + "/")
    assert page.locator("a[href='tel:12350']").is_visible()
    assert not page.locator("[data-finder-locate]").is_visible()
    page.select_option("#finder-district", label="金水区")
    page.click(".finder-district button")
    page.wait_for_url("**/shelters/?district=jinshui")
    assert page.locator(".knowledge-items > li").count() == 2
    context.close()
