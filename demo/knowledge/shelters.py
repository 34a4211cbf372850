"""Demo data of the nearest-shelter finder: opening status and type of the demo shelters,
and the landmarks the bureau lists for visitors who do not share a location.

The shelter coordinates in :mod:`demo.knowledge.places` were written as WGS-84 (GPS)
positions; :func:`stored_point` converts them to the GCJ-02 the site stores. Landmark
positions below are GCJ-02 as public maps show them, rounded to about 100 m."""

from decimal import Decimal

from knowledge.models import Landmark
from portal.core import geo

# slug -> (opening status, shelter type); shelters not named are open outdoor sites.
STATUS_AND_TYPE = {
    "people-square": ("open", "outdoor"),
    "erqi-stadium": ("full", "mixed"),
    "gaoxin-sports": ("open", "indoor"),
    "hkg-sports": ("open", "indoor"),
    "shangjie-stadium": ("closed", "mixed"),
    "xinmi-square": ("suspended", "outdoor"),
}

# name, other names, district, lat, lon (GCJ-02)
LANDMARKS = [
    ("二七纪念塔", "二七塔 二七广场", "erqi", "34.7538", "113.6693"),
    ("郑州火车站", "郑州站 火车站", "erqi", "34.7478", "113.6623"),
    ("郑州东站", "高铁东站 东站", "zhengdong", "34.7598", "113.7785"),
    ("紫荆山公园", "紫荆山", "jinshui", "34.7622", "113.6884"),
    ("河南省人民医院", "省医 省人民医院", "jinshui", "34.7602", "113.6725"),
    ("河南博物院", "省博物院 博物院", "jinshui", "34.7895", "113.6753"),
    ("郑州大学（主校区）", "郑大 郑大新校区", "hightech", "34.8177", "113.5395"),
    ("会展中心", "郑州国际会展中心 大玉米", "zhengdong", "34.7775", "113.7315"),
    ("碧沙岗公园", "碧沙岗", "zhongyuan", "34.7553", "113.6432"),
    ("新郑国际机场", "机场 郑州机场", "airport", "34.5264", "113.8465"),
    ("金水区人民政府", "金水区政府", "jinshui", "34.8003", "113.6610"),
    ("惠济万达广场", "惠济万达", "huiji", "34.8630", "113.6300"),
]


def stored_point(lat: str, lon: str) -> tuple[Decimal, Decimal]:
    """A demo WGS-84 position as the GCJ-02 decimals the shelter fields store."""
    glat, glon = geo.wgs84_to_gcj02(float(lat), float(lon))
    return Decimal(f"{glat:.6f}"), Decimal(f"{glon:.6f}")


def shelter_fields(slug: str, lat: str, lon: str) -> dict:
    status, kind = STATUS_AND_TYPE.get(slug, ("open", "outdoor"))
    latitude, longitude = stored_point(lat, lon)
    return {
        "status": status,
        "shelter_type": kind,
        "latitude": latitude,
        "longitude": longitude,
    }


def load_landmarks(stdout):

    for name, aliases, district, lat, lon in LANDMARKS:
        Landmark.objects.update_or_create(
            name=name,
            defaults={
                "aliases": aliases,
                "district": district,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
            },
        )
    stdout.write(f"  {len(LANDMARKS)} landmarks for the nearest-shelter finder")
