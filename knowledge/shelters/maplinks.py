"""Links that open a point in the map apps people in China use, each in the datum that
app expects:

- ``geo:`` (RFC 5870): WGS-84; Android offers every installed map app for it.
- Amap (高德) marker URI: GCJ-02, said explicitly with ``coordinate=gaode``.
- Baidu marker URI: BD-09, said explicitly with ``coord_type=bd09ll`` (Baidu would also
  convert GCJ-02 given ``coord_type=gcj02``; converting here keeps the link independent
  of that default).
- Tencent (腾讯) marker URI: GCJ-02, its native datum.

The https forms open the app when it is installed and a web map otherwise, so a link
never leads nowhere."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils.translation import gettext as _

from portal.core import geo


def _app_name():
    # Baidu and Tencent ask callers to name themselves (src / referer); any stable name.
    return getattr(settings, "MAP_LINK_APP_NAME", "webapp.yjglj.portal")


def _fmt(value: float) -> str:
    return f"{value:.6f}"


def geo_uri(lat: float, lon: float, name: str = "") -> str:
    """``geo:`` URI in WGS-84 with a labelled query, from GCJ-02 input."""
    wlat, wlon = geo.gcj02_to_wgs84(lat, lon)
    point = f"{_fmt(wlat)},{_fmt(wlon)}"
    label = f"({quote(name)})" if name else ""
    return f"geo:{point}?q={point}{label}"


def amap_url(lat: float, lon: float, name: str = "") -> str:
    query = {
        "position": f"{_fmt(lon)},{_fmt(lat)}",
        "name": name,
        "coordinate": "gaode",
        "callnative": 1,
        "src": _app_name(),
    }
    return "https://uri.amap.com/marker?" + urlencode(query)


def baidu_url(lat: float, lon: float, name: str = "", address: str = "") -> str:
    blat, blon = geo.gcj02_to_bd09(lat, lon)
    query = {
        "location": f"{_fmt(blat)},{_fmt(blon)}",
        "title": name,
        "content": address or name,
        "coord_type": "bd09ll",
        "output": "html",
        "src": _app_name(),
    }
    return "https://api.map.baidu.com/marker?" + urlencode(query)


def tencent_url(lat: float, lon: float, name: str = "", address: str = "") -> str:
    marker = f"coord:{_fmt(lat)},{_fmt(lon)};title:{name}"
    if address:
        marker += f";addr:{address}"
    return "https://apis.map.qq.com/uri/v1/marker?" + urlencode(
        {"marker": marker, "referer": _app_name()}
    )


def map_links(lat: float, lon: float, name: str = "", address: str = "") -> list[dict]:
    """[{"app", "label", "url"}] for a point given in GCJ-02; ``geo:`` first."""
    return [
        {"app": "geo", "label": _("Map app on this phone"), "url": geo_uri(lat, lon, name)},
        {"app": "amap", "label": _("Amap"), "url": amap_url(lat, lon, name)},
        {"app": "baidu", "label": _("Baidu Maps"), "url": baidu_url(lat, lon, name, address)},
        {"app": "tencent", "label": _("Tencent Maps"), "url": tencent_url(lat, lon, name, address)},
    ]
