"""Schematic district geometry for the overview map and the finder's district choice.

There is no openly licensed set of Zhengzhou's district boundaries the project can ship,
so the map draws **schematic areas of its own making** (示意图, not a boundary map):

- ``SEATS``: each district's government seat (for zones: the administrative committee),
  GCJ-02, rounded to about 100 m, read off public maps by the project. The finder uses a
  seat as the starting point when a visitor picks a district instead of sharing a location.
- ``CITY_OUTLINE``: a hand-simplified polygon around the city's extent (the Yellow River
  to the north, the Songshan hills to the south-west), about 20 vertices.
- Each district's area is the Voronoi cell of its seat (the points nearer to it than to any
  other seat) clipped to the outline. Cells therefore do not follow the real boundaries;
  the map says so in its caption.

Own work of the project, under the project's licence (docs/knowledge.md)."""

from __future__ import annotations

from portal.core.districts import District

# (lat, lon) GCJ-02
SEATS = {
    District.ZHONGYUAN: (34.7489, 113.6130),
    District.ERQI: (34.7245, 113.6402),
    District.GUANCHENG: (34.7547, 113.6792),
    District.JINSHUI: (34.7999, 113.6606),
    District.SHANGJIE: (34.8027, 113.3089),
    District.HUIJI: (34.8672, 113.6172),
    District.ZHENGDONG: (34.7660, 113.7300),
    District.ECONOMIC: (34.7240, 113.7630),
    District.HIGHTECH: (34.8100, 113.5560),
    District.AIRPORT: (34.5270, 113.8450),
    District.GONGYI: (34.7480, 113.0220),
    District.XINGYANG: (34.7880, 113.3830),
    District.XINMI: (34.5390, 113.3910),
    District.XINZHENG: (34.3960, 113.7410),
    District.DENGFENG: (34.4540, 113.0500),
    District.ZHONGMU: (34.7190, 113.9760),
}

# (lat, lon) GCJ-02, clockwise from the west.
CITY_OUTLINE = [
    (34.62, 112.72),
    (34.80, 112.85),
    (34.85, 113.05),
    (34.88, 113.25),
    (34.96, 113.45),
    (34.95, 113.65),
    (34.92, 113.85),
    (34.90, 114.05),
    (34.82, 114.22),
    (34.62, 114.20),
    (34.48, 114.05),
    (34.35, 113.95),
    (34.27, 113.80),
    (34.28, 113.60),
    (34.33, 113.45),
    (34.30, 113.30),
    (34.28, 113.10),
    (34.33, 112.90),
    (34.42, 112.75),
    (34.52, 112.70),
]


def _clip(polygon, a, b, c):
    """Sutherland-Hodgman: the part of ``polygon`` where a*x + b*y <= c."""

    def inside(p):
        return a * p[0] + b * p[1] <= c + 1e-12

    def cross(p, q):
        t = (c - a * p[0] - b * p[1]) / (a * (q[0] - p[0]) + b * (q[1] - p[1]))
        return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))

    out = []
    for i, current in enumerate(polygon):
        previous = polygon[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(cross(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(cross(previous, current))
    return out


def voronoi_cells(seats: dict, outline: list) -> dict:
    """{code: polygon} in the plane of the given (x, y) points: each seat's Voronoi cell
    clipped to ``outline`` (the half-plane clipping works because the outline is star-
    shaped around every seat and each cell is convex)."""
    cells = {}
    for code, (xi, yi) in seats.items():
        cell = list(outline)
        for other, (xj, yj) in seats.items():
            if other == code or not cell:
                continue
            # Points nearer to i than to j: (pj - pi) . p <= (|pj|^2 - |pi|^2) / 2
            cell = _clip(cell, xj - xi, yj - yi, (xj * xj + yj * yj - xi * xi - yi * yi) / 2)
        cells[code] = cell
    return cells
