"""Small charts as inline SVG for the PDF reports (WeasyPrint draws SVG natively).

Every function returns safe markup to place in a template with ``{{ chart }}``. Labels are
escaped; text uses the report's CJK font so Chinese labels never print as boxes.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe

FONT = "Noto Sans CJK SC, sans-serif"
PALETTE = ["#1f4e8c", "#c0392b", "#d4a017", "#2e8b57", "#7d3c98", "#5d6d7e", "#e67e22"]
COLOURS = {"red": "#c0392b", "yellow": "#d4a017", "blue": "#1f5fa8"}


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return step * 5
    return value * 1.1


def _figure(value) -> str:
    """A figure as Chinese reports print it: thousands separated (12,345), whole numbers
    without a decimal point."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _ticks(scale_max: float) -> int:
    """How many steps the value axis gets: 5 or 4, but never fractional steps of a count
    (a scale of 0-1 gets one step, not 0.25)."""
    ticks = 5 if scale_max % 5 == 0 else 4
    return max(1, min(ticks, int(scale_max))) if scale_max < ticks else ticks


def _svg(width: int, height: int, body: list[str], title: str, description: str = "") -> str:
    """``description`` (the figures in words) is the alternative text: an SVG <title>,
    which tagged PDFs (PDF/UA) carry as the figure's /Alt."""
    alt = "：".join(part for part in (title, description) if part) or description
    label = escape(alt)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}" '
        f'font-family="{FONT}" font-size="11"><title>{label}</title>' + "".join(body) + "</svg>"
    )


def bar_chart(items, title: str = "", width: int = 600, colours=None):
    """Horizontal bars: ``items`` is a list of (label, value); ``colours`` optionally maps a
    label to a fill colour."""
    items = list(items)
    if not items:
        return ""
    row, left, right = 24, 150, 50
    height = row * len(items) + (30 if title else 10)
    top = 24 if title else 6
    scale_max = _nice_max(max(v for _, v in items))
    span = width - left - right
    body = []
    if title:
        body.append(f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>')
    for i, (label, value) in enumerate(items):
        y = top + i * row
        w = span * value / scale_max if scale_max else 0
        fill = (colours or {}).get(
            label, PALETTE[i % len(PALETTE)] if colours is None else "#1f4e8c"
        )
        body.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(str(label)[:14])}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="{fill}"/>'
            f'<text x="{left + w + 6:.1f}" y="{y + 15}">{_figure(value)}</text>'
        )
    description = "；".join(f"{label} {value}" for label, value in items)
    return _svg(width, height, body, title, description)


def line_chart(labels, series, title: str = "", width: int = 600, height: int = 220):
    """Lines over shared x labels: ``series`` is a list of (name, [values...])."""
    labels = list(labels)
    if not labels or not series:
        return ""
    left, right, top, bottom = 40, 110, 28 if title else 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    scale_max = _nice_max(max((max(v) if v else 0) for _, v in series))
    step = plot_w / max(len(labels) - 1, 1)
    body = []
    if title:
        body.append(f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>')
    ticks = _ticks(scale_max)
    for k in range(ticks + 1):
        y = top + plot_h - plot_h * k / ticks
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="#ddd" stroke-width="0.6"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="9">'
            f"{_figure(scale_max * k / ticks)}</text>"
        )
    for i, label in enumerate(labels):
        x = left + step * i
        body.append(
            f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle" font-size="9">'
            f"{escape(str(label))}</text>"
        )
    for s, (name, values) in enumerate(series):
        colour = COLOURS.get(name, PALETTE[s % len(PALETTE)])
        points = " ".join(
            f"{left + step * i:.1f},{top + plot_h - plot_h * v / scale_max:.1f}"
            for i, v in enumerate(values)
        )
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
            f'<rect x="{left + plot_w + 12}" y="{top + s * 18}" width="10" height="10" '
            f'fill="{colour}"/><text x="{left + plot_w + 26}" y="{top + s * 18 + 9}">'
            f"{escape(str(name))}</text>"
        )
    description = "；".join(
        f"{name}：" + "，".join(f"{label} {v}" for label, v in zip(labels, values, strict=False))
        for name, values in series
    )
    return _svg(width, height, body, title, description)
