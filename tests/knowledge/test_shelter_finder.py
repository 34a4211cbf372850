"""Shelters: stored in GCJ-02, the finder's data, map-app links, overview map and PDF."""

import io
import json
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest
from pypdf import PdfReader

from knowledge.models import Landmark, ShelterPage
from portal.core import geo


@pytest.fixture
def shelters(sections):
    """The demo's 27 shelters and its landmarks, without the rest of the demo site."""
    from demo.knowledge import _places

    _places(sections["shelters"], sections["sites"], io.StringIO())
    return sections["shelters"]


@pytest.fixture
def shelters_url(shelters):
    return shelters.url


def test_demo_shelters_are_stored_in_gcj02(shelters):
    # The demo lists 人民公园 at WGS-84 (34.758100, 113.664300); the site stores GCJ-02.
    park = ShelterPage.objects.get(slug="renmin-park")
    gcj = geo.wgs84_to_gcj02(34.7581, 113.6643)
    assert float(park.latitude) == pytest.approx(gcj[0], abs=1e-6)
    assert float(park.longitude) == pytest.approx(gcj[1], abs=1e-6)
    assert geo.distance_m(*park.wgs84, 34.7581, 113.6643) < 0.2
    assert Landmark.objects.filter(name="郑州东站").exists()


def test_map_links_use_each_apps_datum(shelters):
    park = ShelterPage.objects.get(slug="renmin-park")
    links = {link["app"]: link["url"] for link in park.map_links}
    lat, lon = park.gcj02
    wlat, wlon = geo.gcj02_to_wgs84(lat, lon)
    assert links["geo"].startswith(f"geo:{wlat:.6f},{wlon:.6f}?q=")
    amap = parse_qs(urlparse(links["amap"]).query)
    assert amap["position"] == [f"{lon:.6f},{lat:.6f}"] and amap["coordinate"] == ["gaode"]
    baidu = parse_qs(urlparse(links["baidu"]).query)
    blat, blon = geo.gcj02_to_bd09(lat, lon)
    assert baidu["location"] == [f"{blat:.6f},{blon:.6f}"]
    assert baidu["coord_type"] == ["bd09ll"]
    tencent = parse_qs(urlparse(links["tencent"]).query)
    assert tencent["marker"][0].startswith(f"coord:{lat:.6f},{lon:.6f};title:人民公园")
    # The three datums really differ here: hundreds of metres apart.
    assert geo.distance_m(wlat, wlon, lat, lon) > 300
    assert geo.distance_m(blat, blon, lat, lon) > 500
    assert park.map_url == links["geo"]


def test_finder_data_is_wgs84_and_served_from_the_page_cache(client, shelters_url):
    first = client.get(shelters_url + "nearby/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    second = client.get(shelters_url + "nearby/")
    assert second["X-Page-Cache"] == "hit"
    data = json.loads(second.content)
    assert len(data["shelters"]) == 27
    park = next(s for s in data["shelters"] if s["name"] == "人民公园应急避难场所")
    assert (park["lat"], park["lon"]) == pytest.approx((34.7581, 113.6643), abs=2e-6)
    assert park["status_label"] == "开放中" and park["capacity"] == 12000
    assert {link["app"] for link in park["links"]} == {"geo", "amap", "baidu", "tencent"}
    assert data["directions"][1] == "东北"
    assert data["labels"]["described"] == "{direction}方向 {distance}"
    east = next(lm for lm in data["landmarks"] if lm["name"] == "郑州东站")
    gcj = Landmark.objects.get(name="郑州东站")
    assert geo.distance_m(east["lat"], east["lon"], float(gcj.latitude), float(gcj.longitude)) > 300
    assert {d["code"] for d in data["districts"]} >= {"jinshui", "zhongmu"}


def test_shelter_list_has_finder_map_and_text_alternative(client, shelters_url):
    html = client.get(shelters_url).content.decode()
    assert "data-finder" in html and 'data-src="' + shelters_url + 'nearby/"' in html
    assert html.count('<svg class="overview-svg"') == 2
    assert "示意图" in html
    assert 'aria-labelledby="overview-city-title"' in html
    # Text alternative: every district with shelters, with counts and a print link.
    assert "金水区" in html and "print/?district=jinshui" in html
    # 金水区: 2 shelters, both open, 20,000 places; 二七区: 3 shelters, one full.
    assert re.search(r">金水区</a></th><td>2</td><td>2</td><td>20,?000</td>", html)
    assert re.search(r">二七区</a></th><td>3</td><td>2</td>", html)
    # Without JavaScript the district choice still works: a plain GET form to the list.
    assert f'<form class="finder-district" method="get" action="{shelters_url}">' in html
    assert "<script>" not in html  # no inline script (CSP)


def test_shelter_page_shows_status_type_and_map_links(client, shelters):
    park = ShelterPage.objects.get(slug="erqi-stadium")
    html = client.get(park.url).content.decode()
    assert "已满员" in html and "室内外结合" in html
    assert "https://uri.amap.com/marker?" in html and "geo:" in html


def test_district_pdf_is_one_page_in_chinese(client, shelters_url):
    # A district named in Chinese is redirected to its code, like the list filter.
    response = client.get(shelters_url + "print/?district=金水区", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = "".join(reader.pages[0].extract_text().split())
    assert "金水区应急避难场所" in text and "共2处，可容纳20000人" in text
    assert "紫荆山公园应急避难场所" in text and "市民广场应急避难场所" in text
    assert "人民公园" not in text  # 二七区's
    assert "119" in text and "12350" in text


def test_district_pdf_refuses_an_unknown_district_in_chinese(client, shelters_url):
    response = client.get(shelters_url + "print/?district=nowhere")
    assert response.status_code == 400
    assert "请选择" in response.content.decode()


def test_coordinates_migrate_from_wgs84_to_gcj02(shelters):
    """Shelters stored before (WGS-84, as the old help text said) are converted once."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("knowledge.migrations.0006_shelter_finder")
    ShelterPage.objects.filter(slug="renmin-park").update(
        latitude=Decimal("34.758100"), longitude=Decimal("113.664300")
    )
    migration.to_gcj02(apps, None)
    park = ShelterPage.objects.get(slug="renmin-park")
    expected = geo.wgs84_to_gcj02(34.7581, 113.6643)
    assert (float(park.latitude), float(park.longitude)) == pytest.approx(expected, abs=1e-6)
    migration.to_wgs84(apps, None)
    park.refresh_from_db()
    assert (float(park.latitude), float(park.longitude)) == pytest.approx(
        (34.7581, 113.6643), abs=2e-6
    )
