"""Templates print dates the way Chinese readers write them (2026年5月12日, via the
DATE_FORMAT and DATETIME_FORMAT of the active language); ISO dates are only for
machine-readable ``datetime`` attributes. The crawl of the demo site checks what pages
show; this check also covers pages the crawl cannot reach (admin, empty states)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accountability", "campaigns", "knowledge", "notifications", "portal", "reports", "search")
ISO_FILTER = re.compile(r"""\|date:["'](?:Y-m-d|Y/m/d|Y\.m\.d)[^"']*["']""")
ATTRIBUTE = re.compile(r'datetime="[^"]*$')


def iso_dates_outside_attributes(text):
    return [
        m.group()
        for m in ISO_FILTER.finditer(text)
        if not ATTRIBUTE.search(text[max(0, m.start() - 80) : m.start()])
    ]


def test_the_check_tells_attributes_from_text():
    assert iso_dates_outside_attributes('<td>{{ d|date:"Y-m-d" }}</td>') == ['|date:"Y-m-d"']
    assert iso_dates_outside_attributes("""<time datetime="{{ d|date:'Y-m-d' }}">""") == []


def test_templates_print_dates_in_the_language_format():
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("templates/**/*.html"):
            hits = iso_dates_outside_attributes(path.read_text(encoding="utf-8"))
            if hits:
                found[path.relative_to(ROOT).as_posix()] = hits
    assert not found, found
