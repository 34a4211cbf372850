"""The 政府信息公开 column, the site map and the statement on a phone (Chromium): nothing
wider than the screen, tables scroll inside themselves, screenshots for review."""

import os
import shutil

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = [
    ("disclosure", "/disclosure/"),
    ("guide", "/disclosure/guide/"),
    ("catalogue", "/disclosure/catalogue/"),
    ("catalogue-filtered", "/disclosure/catalogue/?topic=finance"),
    ("annual-report", "/disclosure/annual-reports/report-2025/"),
    ("replies", "/disclosure/replies/"),
    ("reply-wang", "/disclosure/replies/wang-yongjun-2021/"),
    ("site-map", "/site-map/"),
    ("statement", "/statement/"),
    ("home", "/"),
]


def test_new_pages_fit_a_phone(live_server, demo, phone_page, screenshot_dir):
    # Reviewers may ask for a copy elsewhere (SCREENSHOT_COPY_DIR), e.g. outside the repo.
    copy_to = os.environ.get("SCREENSHOT_COPY_DIR")
    for name, path in PAGES:
        response = phone_page.goto(live_server.url + path)
        assert response.status == 200, path
        assert phone_page.locator("html").get_attribute("lang") == "zh-Hans"
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
        shot = screenshot_dir / f"disclosure-{name}-phone.png"
        phone_page.screenshot(path=str(shot), full_page=True)
        if copy_to:
            os.makedirs(copy_to, exist_ok=True)
            shutil.copy(shot, copy_to)
