"""Server-rendered SVG bar charts (no JavaScript, no CDN). Every bar is a link."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def bar_chart(rows, title, width=460, bar_height=26, label_width=130):
    """``rows``: list of dicts with label, value, url, colour. Returns safe SVG markup."""
    top = max([r["value"] for r in rows] + [1])
    height = len(rows) * (bar_height + 8) + 8
    scale = (width - label_width - 50) / top
    parts = [
        format_html(
            '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
            'style="max-width:{}px" xmlns="http://www.w3.org/2000/svg">',
            title,
            width,
            height,
            width,
        ),
        format_html("<title>{}</title>", title),
    ]
    for i, r in enumerate(rows):
        y = 8 + i * (bar_height + 8)
        w = max(2, round(r["value"] * scale)) if r["value"] else 0
        parts.append(
            format_html(
                '<a href="{}"><text x="{}" y="{}" text-anchor="end" font-size="13" fill="currentColor">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="13" fill="currentColor">{}</text></a>',
                r["url"],
                label_width - 8,
                y + bar_height * 0.68,
                r["label"],
                label_width,
                y,
                w,
                bar_height,
                r.get("colour", "#2e6fb4"),
                label_width + w + 6,
                y + bar_height * 0.68,
                f"{r['value']:,}",
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))


def stacked_rows(rows, keys, colours, title, urls, width=460, bar_height=22, label_width=110):
    """Horizontal stacked bars: one row per item, one segment per key."""
    totals = [sum(r[k] for k in keys) for r in rows]
    top = max(totals + [1])
    scale = (width - label_width - 40) / top
    height = len(rows) * (bar_height + 8) + 8
    out = [
        f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i, (r, total) in enumerate(zip(rows, totals, strict=True)):
        y = 8 + i * (bar_height + 8)
        out.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7}" text-anchor="end" '
            f'font-size="13" fill="currentColor">{escape(r["label"])}</text>'
        )
        x = label_width
        for k in keys:
            w = round(r[k] * scale)
            if w:
                out.append(
                    f'<a href="{escape(urls(r, k))}"><rect x="{x}" y="{y}" width="{w}" '
                    f'height="{bar_height}" fill="{colours[k]}"><title>{escape(r["label"])}：{r[k]:,}</title></rect></a>'
                )
            x += w
        out.append(
            f'<text x="{x + 6}" y="{y + bar_height * 0.7}" font-size="13" fill="currentColor">{total:,}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))
