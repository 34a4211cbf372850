"""Coordinate conversion against published reference points, distances and directions."""

import pytest
from django.utils import translation

from portal.core import geo

# WGS-84 -> GCJ-02 pairs published with the eviltransform libraries (Shanghai, Shenzhen,
# Beijing) and with an R package's tests, checked there against Amap's conversion API.
WGS_TO_GCJ = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),
    ((39.90734, 116.39089), (39.90874107, 116.39713094)),
]


@pytest.mark.parametrize(("wgs", "gcj"), WGS_TO_GCJ)
def test_forward_matches_published_points(wgs, gcj):
    lat, lon = geo.wgs84_to_gcj02(*wgs)
    assert lat == pytest.approx(gcj[0], abs=1e-7)
    assert lon == pytest.approx(gcj[1], abs=1e-7)
    # The offset is several hundred metres, not a rounding error.
    assert 300 < geo.distance_m(*wgs, lat, lon) < 800


@pytest.mark.parametrize(("wgs", "gcj"), WGS_TO_GCJ)
def test_inverse_recovers_the_wgs84_point(wgs, gcj):
    lat, lon = geo.gcj02_to_wgs84(*gcj)
    assert geo.distance_m(lat, lon, *wgs) < 0.05  # metres


def test_inverse_against_published_gcj_to_wgs_point():
    # gcoord's test: GCJ-02 (45, 123) is WGS-84 (44.99804071, 122.99395597).
    lat, lon = geo.gcj02_to_wgs84(45.0, 123.0)
    assert lat == pytest.approx(44.99804071, abs=1e-5)
    assert lon == pytest.approx(122.99395597, abs=1e-5)


def test_bd09_against_published_points():
    # gcoord's test: GCJ-02 (45, 123) is BD-09 (45.00636899, 123.00636499).
    lat, lon = geo.gcj02_to_bd09(45.0, 123.0)
    assert (lat, lon) == pytest.approx((45.00636899, 123.00636499), abs=1e-7)
    back = geo.bd09_to_gcj02(lat, lon)
    assert geo.distance_m(*back, 45.0, 123.0) < 1.0
    # Zhengzhou: Baidu's offset adds several hundred metres more to GCJ-02's.
    gcj = geo.wgs84_to_gcj02(34.7466, 113.6254)
    bd = geo.gcj02_to_bd09(*gcj)
    assert 500 < geo.distance_m(*gcj, *bd) < 1500
    assert geo.distance_m(*geo.to_gcj02(*bd, geo.BD09), *gcj) < 1.0


@pytest.mark.parametrize(
    "point", [(51.5007, -0.1246), (35.6586, 139.7454), (-33.8568, 151.2153), (40.6892, -74.0445)]
)
def test_points_outside_china_are_unchanged(point):
    assert geo.wgs84_to_gcj02(*point) == point
    assert geo.gcj02_to_wgs84(*point) == point
    assert geo.to_gcj02(*point, geo.WGS84) == point


def test_zhengzhou_offset_is_hundreds_of_metres():
    wgs = (34.7466, 113.6254)
    gcj = geo.wgs84_to_gcj02(*wgs)
    assert 300 < geo.distance_m(*wgs, *gcj) < 700
    assert geo.to_gcj02(*wgs, geo.WGS84) == gcj
    assert geo.to_gcj02(*gcj, geo.GCJ02) == gcj


def test_distance_against_known_values():
    # One degree of latitude on the mean sphere is 111.195 km.
    assert geo.distance_m(34.0, 113.0, 35.0, 113.0) == pytest.approx(111195, rel=1e-4)
    # Beijing to Shanghai city centres: about 1,067 km.
    assert geo.distance_m(39.9042, 116.4074, 31.2304, 121.4737) == pytest.approx(
        1_067_000, rel=0.01
    )
    assert geo.distance_m(34.7, 113.6, 34.7, 113.6) == 0


@pytest.mark.parametrize(
    ("dlat", "dlon", "name"),
    [
        (0.01, 0, "正北"),
        (0.01, 0.012, "东北"),
        (0, 0.01, "正东"),
        (-0.01, 0.012, "东南"),
        (-0.01, 0, "正南"),
        (-0.01, -0.012, "西南"),
        (0, -0.01, "正西"),
        (0.01, -0.012, "西北"),
        (0.01, 0.002, "正北"),
    ],
)
def test_eight_way_chinese_direction(dlat, dlon, name):
    with translation.override("zh-hans"):
        bearing = geo.bearing_deg(34.75, 113.65, 34.75 + dlat, 113.65 + dlon)
        assert geo.compass(bearing) == name


def test_description_reads_like_chinese_directions():
    with translation.override("zh-hans"):
        # About 850 m north-east and 1.2 km east.
        here = (34.7600, 113.6600)
        assert geo.describe(*here, 34.7654, 113.6666) == "东北方向 850 米"
        assert geo.describe(*here, 34.7600, 113.6731) == "正东方向 1.2 公里"
        assert geo.format_distance(12_345) == "12.3 公里"
