"""Server-rendered SVG bar charts: no JavaScript, no chart library, nothing fetched.

Each chart is a horizontal bar chart whose label sits above its bar, so long Chinese names
(郑州航空港经济综合实验区) fit on a phone. The SVG has role="img" with a title and a
description; templates put the same figures in a table right after it for screen readers
and for people who prefer numbers."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 400
ROW = 44
BAR = 18
PALETTE = ["#b3261e", "#0b57a4", "#2e7d32", "#a14e00", "#6a1b9a", "#00695c"]


def _number(value: int) -> str:
    return f"{value:,}"


def bar_chart(rows, title: str, description: str = "", chart_id: str = "chart"):
    """``rows`` are objects or tuples with ``label`` and ``value`` (non-negative ints)."""
    items = [(r.label, r.value) if hasattr(r, "label") else (r[0], r[1]) for r in rows]
    if not items:
        return ""
    top = max(value for _label, value in items) or 1
    height = ROW * len(items) + 8
    usable = WIDTH - 90  # room for the value to the right of the longest bar
    bars = []
    for i, (label, value) in enumerate(items):
        y = i * ROW
        width = max(2, round(usable * value / top)) if value else 0
        colour = PALETTE[i % len(PALETTE)]
        bars.append(
            format_html(
                '<g><text x="0" y="{}" class="chart-label">{}</text>'
                '<rect x="0" y="{}" width="{}" height="{}" rx="3" fill="{}"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text></g>',
                y + 16,
                label,
                y + 22,
                width,
                BAR,
                colour,
                width + 6,
                y + 36,
                _number(value),
            )
        )
    return format_html(
        '<svg class="bar-chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-t {}-d" xmlns="http://www.w3.org/2000/svg" '
        'font-family="Noto Sans CJK SC, sans-serif">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description or title,
        mark_safe("".join(bars)),  # each bar was built with format_html (escaped)
    )


def legend(items):
    return format_html_join("", '<span class="legend-item">{}</span>', ((i,) for i in items))
