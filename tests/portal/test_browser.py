"""Browser journeys in Debian Chromium: the public home page on a phone, the admin login."""

import pytest

from tests.conftest import admin_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_page_on_a_phone(live_server, demo, phone_page, screenshot_dir):
    page = phone_page
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("h1").inner_text() == "郑州市应急管理局"
    # Nothing wider than the phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The skip link is the first thing the keyboard reaches.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    # Large-text mode survives navigation.
    page.click("[data-care-toggle]")
    assert "care" in page.locator("html").get_attribute("class")
    page.click("text=机构概况")
    page.wait_for_url("**/about/")
    assert "care" in (page.locator("html").get_attribute("class") or "")
    page.screenshot(path=str(screenshot_dir / "home-phone.png"), full_page=True)


def test_admin_login_in_chinese(live_server, demo, phone_page, django_user_model):
    django_user_model.objects.create_superuser(
        "editor-in-chief", "e@example.com", "correct horse battery"
    )
    admin_login(phone_page, live_server.url, "editor-in-chief", "correct horse battery")
    assert phone_page.locator("html").get_attribute("lang").lower().startswith("zh")
    # The dashboard greets the user in Chinese.
    assert "控制面板" in phone_page.title()
    assert "网站摘要" in phone_page.locator("main").first.inner_text()
