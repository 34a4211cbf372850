"""The public page types are valid HTML by the W3C Nu Html Checker (issue #15).

The checker is the validator behind validator.w3.org/nu, fetched from Maven Central and
run by scripts/nuchecker.sh. Every public page type of the demo site is rendered by the
test client, written to a file and checked in one run; any error fails the test with the
checker's message and the page it was found on.
"""

import json
import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Page

pytestmark = pytest.mark.django_db

NU_CHECKER = Path(settings.BASE_DIR) / "scripts" / "nuchecker.sh"
PAGES_PER_TYPE = 2
# Pages that are not Wagtail pages, or states of a page worth checking on their own.
EXTRA_URLS = [
    "/search/?q=地震",
    "/search/?q=应急避难场所&type=knowledge.ShelterPage",
    "/search/?q=",
    "/search/?q=没有这样的结果xyz",
    "/no-such-page/",
    "/supervision-cases/",
    "/jubao/",
    "/jubao/chaxun/",
]


def nu_errors(paths):
    """The checker's error messages for the given HTML files (its JSON output, parsed)."""
    run = subprocess.run(
        ["bash", str(NU_CHECKER), "--format", "json", "--errors-only", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # The checker prints its JSON report on stderr; exit 1 means it found errors.
    assert run.returncode in (0, 1), run.stderr[-2000:]
    report = json.loads(run.stderr or run.stdout)
    return [m for m in report["messages"] if m["type"] == "error"]


def public_urls():
    by_type = defaultdict(list)
    for page in Page.objects.live().public().specific().order_by("path"):
        if page.url and len(by_type[type(page)]) < PAGES_PER_TYPE:
            by_type[type(page)].append(page.url)
    return [url for urls in by_type.values() for url in urls] + EXTRA_URLS


def render(client, urls, folder):
    paths = {}
    for number, url in enumerate(urls):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        path = folder / f"page{number}.html"
        path.write_bytes(response.content)
        paths[path.as_uri()] = url
    return paths


HEADING = re.compile(r"<h([1-6])[\s>]")


def heading_jumps(html):
    """Headings that skip a level going down (h1 then h3): a screen reader's outline of the
    page has a hole there (GB/T 37668 and WCAG 1.3.1)."""
    levels = [int(level) for level in HEADING.findall(html)]
    return [(a, b) for a, b in zip([1, *levels], levels, strict=False) if b > a + 1]


def describe(errors, paths):
    return "\n".join(
        f"{paths.get(e['url'], e['url'])} line {e.get('lastLine')}: {e['message']}"
        f" [{e.get('extract', '').strip()}]"
        for e in errors
    )


def test_the_checker_reports_errors(tmp_path):
    # The checker really checks: the two errors the issue found are reported.
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="zh-Hans"><head><title>x</title></head><body>'
        '<form action=""></form><time datetime="2026-05-12T10:00:00.123456+08:00">x</time>'
        "</body></html>",
        encoding="utf-8",
    )
    messages = [e["message"] for e in nu_errors([page])]
    assert len(messages) == 2, messages
    assert any("action" in m for m in messages)
    assert any("fraction of a second" in m for m in messages)


def test_heading_jumps_are_found():
    assert heading_jumps("<h1>a</h1><h3>b</h3>") == [(1, 3)]
    assert heading_jumps("<h1>a</h1><h2 class=x>b</h2><h3>c</h3><h2>d</h2>") == []


def test_public_page_types_have_no_markup_errors(client, demo, tmp_path):
    paths = render(client, public_urls(), tmp_path)
    assert len(paths) >= 15
    errors = nu_errors([Path(uri.removeprefix("file://")) for uri in paths])
    assert not errors, describe(errors, paths)
    jumps = {
        url: heading_jumps(Path(uri.removeprefix("file://")).read_text(encoding="utf-8"))
        for uri, url in paths.items()
    }
    assert not {url: found for url, found in jumps.items() if found}


def test_english_mode_has_no_markup_errors(client, demo, tmp_path):
    client.get("/lang/en/")
    paths = render(client, public_urls()[:12], tmp_path)
    errors = nu_errors([Path(uri.removeprefix("file://")) for uri in paths])
    assert not errors, describe(errors, paths)
