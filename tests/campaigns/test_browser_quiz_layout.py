"""The safety quiz fits a phone: no sideways scrolling at 390 px in 长者模式 (large text)
and at 320 px, the narrowest phones still in use (issue #15, finding 7)."""

import pytest

from campaigns.models import CampaignPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDE_ELEMENTS = """() => [...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .map(e => e.tagName.toLowerCase() + '.' + e.className).slice(0, 5)"""


@pytest.fixture
def quiz_url(live_server, demo):
    page = CampaignPage.objects.live().filter(quiz_questions__isnull=False).distinct().first()
    return f"{live_server.url}{page.url}quiz/"


@pytest.mark.parametrize(("width", "care"), [(390, True), (320, False), (320, True)])
def test_quiz_fits_the_phone(browser, quiz_url, screenshot_dir, width, care):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale="zh-CN", is_mobile=True
    )
    page = context.new_page()
    try:
        page.goto(quiz_url)
        if care:
            page.click("[data-care-toggle]")
            page.wait_for_function("document.documentElement.classList.contains('care')")
        assert page.locator("fieldset").count() >= 3
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, (scroll_width, page.evaluate(WIDE_ELEMENTS))
        page.screenshot(
            path=str(screenshot_dir / f"quiz-{width}{'-care' if care else ''}.png"), full_page=True
        )
    finally:
        context.close()
