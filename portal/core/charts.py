"""Server-rendered SVG charts, the project's only chart module: no JavaScript, no chart
library, nothing fetched. The PDF reports (WeasyPrint draws SVG natively), the public
campaign pages and the admin dashboards all draw with it.

Every function returns safe markup for ``{{ chart }}``. Labels are escaped; text uses the
CJK font so Chinese labels never print as boxes (PDF). Each chart is an ``role="img"``
whose ``<title>`` (alternative text, carried as /Alt in tagged PDFs) states the title and
the figures in words; pages print the same figures in a table next to it.

``bar_chart`` has two layouts: ``"side"`` (label left of its bar: reports, dashboard) and
``"above"`` (label above its bar, so long names such as 郑州航空港经济综合实验区 fit on a
phone). A row with a ``url`` becomes a link."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

FONT = "Noto Sans CJK SC, sans-serif"
PALETTE = ["#1f4e8c", "#c0392b", "#d4a017", "#2e8b57", "#7d3c98", "#5d6d7e", "#e67e22"]
COLOURS = {"red": "#c0392b", "yellow": "#d4a017", "blue": "#1f5fa8"}


@dataclass
class Bar:
    label: str
    value: float
    url: str | None = None
    colour: str | None = None


def bars(rows) -> list[Bar]:
    """Rows as :class:`Bar`: accepts (label, value) pairs, dicts and objects with
    ``label``/``value`` (and optional ``url``/``colour``)."""
    out = []
    for r in rows:
        if isinstance(r, Bar):
            out.append(r)
        elif isinstance(r, dict):
            out.append(Bar(r["label"], r["value"], r.get("url"), r.get("colour")))
        elif hasattr(r, "label"):
            out.append(Bar(r.label, r.value, getattr(r, "url", None), getattr(r, "colour", None)))
        else:
            out.append(Bar(r[0], r[1]))
    return out


def number(value) -> str:
    """A figure as Chinese reports print it: thousands separated (12,345), whole numbers
    without a decimal point."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def ticks_for(scale_max: float) -> int:
    """How many steps the value axis gets: 5 or 4, but never fractional steps of a count
    (a scale of 0-1 gets one step, not 0.25)."""
    ticks = 5 if scale_max % 5 == 0 else 4
    return max(1, min(ticks, int(scale_max))) if scale_max < ticks else ticks


def nice_max(value: float) -> float:
    """A round upper end for the scale (5 ticks of a round step)."""
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return step * 5
    return value * 1.1


def svg(width, height, body, title="", description="", *, responsive=False, css_class=""):
    """The ``<svg>`` element around ``body`` (a list of markup strings)."""
    alt = escape("：".join(str(p) for p in (title, description) if p))
    size = (
        f'width="100%" style="max-width:{width}px"'
        if responsive
        else f'width="{width}" height="{height}"'
    )
    css = f' class="{escape(css_class)}"' if css_class else ""
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg"{css} viewBox="0 0 {width} {height}" {size} '
        f'role="img" aria-label="{alt}" font-family="{FONT}" font-size="11">'
        f"<title>{alt}</title>" + "".join(body) + "</svg>"
    )


def _link(url, markup):
    return f'<a href="{escape(url)}">{markup}</a>' if url else markup


def bar_chart(
    rows,
    title="",
    *,
    description="",
    colours=None,
    layout="side",
    width=600,
    heading=False,
    responsive=False,
    css_class="",
):
    """Horizontal bars. ``colours`` maps a label to a fill (others get the first palette
    colour); without it each bar takes the next palette colour, unless the row has its
    own. ``heading`` draws the title above the bars (PDF); otherwise it is alt text only."""
    items = bars(rows)
    if not items:
        return ""
    top = nice_max(max(b.value for b in items)) if layout == "side" else max(b.value for b in items)
    top = top or 1
    head = 24 if heading and title else 6
    body = []
    if heading and title:
        body.append(f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>')
    for i, b in enumerate(items):
        fill = b.colour or (colours or {}).get(
            b.label, PALETTE[i % len(PALETTE)] if colours is None else PALETTE[0]
        )
        if layout == "above":  # label on its own line, bar below, value after the bar
            row, left, span = 44, 0, width - 90
            y = head + i * row
            w = max(2, round(span * b.value / top)) if b.value else 0
            markup = (
                f'<text x="0" y="{y + 16}" class="chart-label">{escape(str(b.label))}</text>'
                f'<rect x="0" y="{y + 22}" width="{w}" height="18" rx="3" fill="{fill}"/>'
                f'<text x="{w + 6}" y="{y + 36}" class="chart-value">{number(b.value)}</text>'
            )
        else:
            row, left = 26, 150
            span = width - left - 50
            y = head + i * row
            w = span * b.value / top
            markup = (
                f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" fill="currentColor">'
                f"{escape(str(b.label)[:14])}</text>"
                f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" rx="2" '
                f'fill="{fill}"/><text x="{left + w + 6:.1f}" y="{y + 16}" fill="currentColor">'
                f"{number(b.value)}</text>"
            )
        body.append(_link(b.url, markup))
    height = head + row * len(items) + 8
    words = "；".join(f"{b.label} {number(b.value)}" for b in items)
    return svg(
        width,
        height,
        body,
        title,
        description or words,
        responsive=responsive,
        css_class=css_class,
    )


def stacked_bar_chart(rows, keys, colours, title, urls, width=460, label_width=110):
    """One row per item (dicts with ``label`` and a number per key), one segment per key;
    ``urls(row, key)`` gives each segment's link."""
    bar_height = 22
    totals = [sum(r[k] for k in keys) for r in rows]
    scale = (width - label_width - 40) / max(totals + [1])
    body = []
    for i, (r, total) in enumerate(zip(rows, totals, strict=True)):
        y = 8 + i * (bar_height + 8)
        body.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7}" text-anchor="end" '
            f'font-size="13" fill="currentColor">{escape(r["label"])}</text>'
        )
        x = label_width
        for k in keys:
            w = round(r[k] * scale)
            if w:
                body.append(
                    _link(
                        urls(r, k),
                        f'<rect x="{x}" y="{y}" width="{w}" height="{bar_height}" '
                        f'fill="{colours[k]}"><title>{escape(r["label"])}：{number(r[k])}</title></rect>',
                    )
                )
            x += w
        body.append(
            f'<text x="{x + 6}" y="{y + bar_height * 0.7}" font-size="13" '
            f'fill="currentColor">{number(total)}</text>'
        )
    height = len(rows) * (bar_height + 8) + 8
    words = "；".join(f"{r['label']} {number(t)}" for r, t in zip(rows, totals, strict=True))
    return svg(width, height, body, title, words, responsive=True)


def line_chart(labels, series, title="", width=600, height=220):
    """Lines over shared x labels: ``series`` is a list of (name, [values...])."""
    labels = list(labels)
    if not labels or not series:
        return ""
    left, right, top, bottom = 40, 110, 28 if title else 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    scale_max = nice_max(max((max(v) if v else 0) for _, v in series))
    step = plot_w / max(len(labels) - 1, 1)
    body = []
    if title:
        body.append(f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>')
    ticks = ticks_for(scale_max)
    for k in range(ticks + 1):
        y = top + plot_h - plot_h * k / ticks
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="#ddd" stroke-width="0.6"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="9">'
            f"{number(scale_max * k / ticks)}</text>"
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
    return svg(width, height, body, title, description)


def phone_bar_chart(rows, title, description=""):
    """Public pages: labels above their bars, scaled to the screen (class ``bar-chart``)."""
    return bar_chart(
        rows,
        title,
        description=description,
        layout="above",
        width=400,
        responsive=True,
        css_class="bar-chart",
    )
