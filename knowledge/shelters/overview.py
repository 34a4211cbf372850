"""The overview map: schematic district areas and shelter points as inline SVG, drawn by
the site itself (no map tiles, nothing loaded from elsewhere), with a text alternative.

Two panels: the whole city, and the central districts enlarged (there nine districts
share a few kilometres and their labels would not fit in the city panel)."""

from __future__ import annotations

import math
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.core.districts import SHORT_NAMES, District

from ..choices import ShelterStatus
from .districts import CITY_OUTLINE, SEATS, voronoi_cells

WIDTH = 1000
# Central districts, shown enlarged in the second panel: (south, west, north, east).
CENTRE_BOX = (34.69, 113.53, 34.90, 113.80)
CENTRE = {
    District.ZHONGYUAN,
    District.ERQI,
    District.GUANCHENG,
    District.JINSHUI,
    District.HUIJI,
    District.ZHENGDONG,
    District.ECONOMIC,
    District.HIGHTECH,
}
# Labels drawn below their point instead of above, where two seats are close.
LABEL_BELOW = {District.XINGYANG, District.ERQI, District.ECONOMIC, District.HIGHTECH}
COS = math.cos(math.radians(34.6))
FILLS = ["#eef3f8", "#f6efe4", "#eaf4ec", "#f4eaf1"]


def _project(lat, lon):
    """Plane coordinates, north up: longitude shrunk by cos(latitude)."""
    return lon * COS, -lat


@lru_cache(maxsize=1)
def _cells():
    seats = {code: _project(*point) for code, point in SEATS.items()}
    return voronoi_cells(seats, [_project(*p) for p in CITY_OUTLINE])


class _Frame:
    """Maps plane coordinates into a viewBox WIDTH wide."""

    def __init__(self, south, west, north, east, margin=12):
        x0, y0 = _project(north, west)
        x1, y1 = _project(south, east)
        self.x0, self.y0, self.margin = x0, y0, margin
        self.scale = (WIDTH - 2 * margin) / (x1 - x0)
        self.height = round((y1 - y0) * self.scale + 2 * margin)

    def xy(self, point):
        return (
            round((point[0] - self.x0) * self.scale + self.margin, 1),
            round((point[1] - self.y0) * self.scale + self.margin, 1),
        )


def _panel(frame, shelters, codes, title_id, title, font):
    labels = {**dict(District.choices), **SHORT_NAMES}
    parts = [
        f'<svg class="overview-svg" viewBox="0 0 {WIDTH} {frame.height}" role="img" '
        f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        '<rect width="100%" height="100%" fill="#fbfcfd"/>',
    ]
    cells = _cells()
    for i, code in enumerate(District.values):
        points = " ".join("{},{}".format(*frame.xy(p)) for p in cells.get(code, []))
        if points:
            fill = FILLS[i % len(FILLS)]
            parts.append(f'<polygon points="{points}" fill="{fill}" stroke="#7d8a99" />')
    for shelter in shelters:
        x, y = frame.xy(_project(*shelter.gcj02))
        css = "pt-open" if shelter.status == ShelterStatus.OPEN else "pt-other"
        parts.append(
            f'<circle class="{css}" cx="{x}" cy="{y}" r="{font * 0.42:.0f}">'
            f"<title>{escape(shelter.title)}</title></circle>"
        )
    for code in codes:
        x, y = frame.xy(_project(*SEATS[code]))
        y = y + font * 1.2 if code in LABEL_BELOW else y - font * 0.5
        parts.append(
            f'<text x="{x}" y="{y:.1f}" text-anchor="middle" '
            f'font-size="{font}">{escape(str(labels[code]))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def overview_map(shelters_qs) -> dict:
    """{"city", "centre"}: the two SVG panels; {"rows"}: per district, the number of
    shelters, how many are open and the total capacity (the text alternative)."""
    everything = list(shelters_qs.order_by("pk"))
    shelters = [s for s in everything if s.has_coordinates]
    south = min(lat for lat, _lon in CITY_OUTLINE)
    north = max(lat for lat, _lon in CITY_OUTLINE)
    west = min(lon for _lat, lon in CITY_OUTLINE)
    east = max(lon for _lat, lon in CITY_OUTLINE)
    city = _panel(
        _Frame(south, west, north, east),
        shelters,
        [c for c in District.values if c not in CENTRE],
        "overview-city-title",
        _("Schematic map of the city's districts with every shelter"),
        40,
    )
    centre = _panel(
        _Frame(*CENTRE_BOX),
        [s for s in shelters if _inside(s.gcj02, CENTRE_BOX)],
        sorted(CENTRE),
        "overview-centre-title",
        _("Schematic map of the central districts, enlarged"),
        36,
    )
    # Counted here from the shelters already loaded: no extra query per list view.
    rows = []
    for code, label in District.choices:
        mine = [s for s in everything if s.district == code]
        if mine:
            rows.append(
                {
                    "code": code,
                    "name": label,
                    "count": len(mine),
                    "open": sum(1 for s in mine if s.status == ShelterStatus.OPEN),
                    "capacity": sum(s.capacity for s in mine),
                }
            )
    return {"city": mark_safe(city), "centre": mark_safe(centre), "rows": rows}


def _inside(point, box):
    south, west, north, east = box
    return south <= point[0] <= north and west <= point[1] <= east
