"""axe-core (WCAG 2.1 A/AA rules) finds no violations on the public pages of the demo site."""

import pytest
from django.conf import settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page):
    """Runs axe-core in the page and returns the violations as (rule id, targets) pairs."""
    # Evaluated through the DevTools protocol: an injected <script> would be blocked by the
    # site's Content-Security-Policy (scripts only by nonce), which is as it should be.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [(v["id"], [node["target"] for node in v["nodes"]][:5]) for v in result["violations"]]


@pytest.mark.parametrize("path", ["/", "/about/", "/about/command-structure/", "/search/?q=应急"])
def test_public_page_has_no_wcag_violations(live_server, demo, phone_page, path):
    phone_page.goto(live_server.url + path)
    assert axe_violations(phone_page) == []


def test_large_text_mode_has_no_wcag_violations(live_server, demo, phone_page):
    phone_page.goto(live_server.url + "/")
    phone_page.click("[data-care-toggle]")
    assert axe_violations(phone_page) == []


def test_axe_reports_a_real_violation(phone_page):
    """The check can fail: an image without alt text and an unlabeled input are reported."""
    phone_page.set_content(
        '<html lang="zh-Hans"><head><title>t</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">'
        "</main></body></html>"
    )
    rules = {rule for rule, _ in axe_violations(phone_page)}
    assert {"image-alt", "label"} <= rules
