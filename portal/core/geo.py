"""Coordinates in China: WGS-84, GCJ-02 and BD-09, distances and directions.

- **WGS-84** is what GPS receivers and browsers (``navigator.geolocation``) report and
  what the ``geo:`` URI (RFC 5870) means.
- **GCJ-02** ("Mars coordinates") is the obfuscated datum that public maps published in
  China must use: Amap (高德) and Tencent (腾讯) maps work in it. The offset from WGS-84 is
  a smooth function of position, a few hundred metres in China; outside China the
  providers use WGS-84 unchanged.
- **BD-09** is Baidu's further transformation of GCJ-02.

The portal stores shelter and landmark coordinates in GCJ-02 (see docs/knowledge.md for
why) and converts at the edges: an import column says in which system the file's
coordinates are, and each map-app link gets the system that app expects.

The WGS-84 -> GCJ-02 formula is the widely published one (Krasovsky ellipsoid, the
polynomial-and-sine offset); its inverse has no closed form and is solved here by fixed-
point iteration, which converges to well under a millimetre in a few steps."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

# Krasovsky 1940 ellipsoid, as the GCJ-02 formula uses it.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0
EARTH_RADIUS_M = 6371008.8  # mean radius (IUGG), for great-circle distances

WGS84, GCJ02, BD09 = "wgs84", "gcj02", "bd09"
SYSTEMS = (WGS84, GCJ02, BD09)


def in_china(lat: float, lon: float) -> bool:
    """The rectangle map providers apply the offset in (outside it, GCJ-02 = WGS-84)."""
    return 72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271


def _offset_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _offset_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    if not in_china(lat, lon):
        return lat, lon
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lat + dlat, lon + dlon


def gcj02_to_wgs84(lat: float, lon: float, tolerance: float = 1e-10) -> tuple[float, float]:
    """The WGS-84 point whose GCJ-02 image is (lat, lon): start from the point itself and
    correct by the remaining difference until it is below ``tolerance`` degrees."""
    if not in_china(lat, lon):
        return lat, lon
    wlat, wlon = lat, lon
    for _step in range(30):
        glat, glon = wgs84_to_gcj02(wlat, wlon)
        dlat, dlon = glat - lat, glon - lon
        if abs(dlat) < tolerance and abs(dlon) < tolerance:
            break
        wlat, wlon = wlat - dlat, wlon - dlon
    return wlat, wlon


def gcj02_to_bd09(lat: float, lon: float) -> tuple[float, float]:
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def bd09_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    x, y = lon - 0.0065, lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * _X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _X_PI)
    return z * math.sin(theta), z * math.cos(theta)


def to_gcj02(lat: float, lon: float, system: str) -> tuple[float, float]:
    """(lat, lon) given in ``system`` (one of :data:`SYSTEMS`), in GCJ-02."""
    if system == GCJ02:
        return lat, lon
    if system == WGS84:
        return wgs84_to_gcj02(lat, lon)
    if system == BD09:
        return bd09_to_gcj02(lat, lon)
    raise ValueError(system)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in metres, on a sphere of the mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing from point 1 to point 2, degrees clockwise from north, [0, 360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(y, x)) + 360.0) % 360.0


def compass_names() -> list[str]:
    """The eight directions, clockwise from north (北, 东北, 东 …), in the active language."""
    return [
        _("north"),
        _("north-east"),
        _("east"),
        _("south-east"),
        _("south"),
        _("south-west"),
        _("west"),
        _("north-west"),
    ]


def compass(bearing: float) -> str:
    """The 8-way direction of ``bearing``: each sector is 45° wide, centred on its name."""
    return compass_names()[int(((bearing % 360) + 22.5) // 45) % 8]


def format_distance(metres: float) -> str:
    """850 米 below a kilometre (to 10 m), 1.2 公里 from there (to 100 m)."""
    if metres < 1000:
        return _("%(n)s m") % {"n": int(round(metres / 10.0) * 10)}
    return _("%(n)s km") % {"n": f"{metres / 1000:.1f}"}


def describe(from_lat, from_lon, to_lat, to_lon) -> str:
    """“东北方向 1.2 公里”: direction and distance from the first point to the second."""
    metres = distance_m(from_lat, from_lon, to_lat, to_lon)
    direction = compass(bearing_deg(from_lat, from_lon, to_lat, to_lon))
    return _("%(direction)s, %(distance)s") % {
        "direction": direction,
        "distance": format_distance(metres),
    }
