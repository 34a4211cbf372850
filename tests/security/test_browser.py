"""Two-factor login in Chromium at 1280 px: enrolment with the QR code, then the code page."""

import pytest

from tests.conftest import admin_login

from .conftest import STRONG, totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def page_1280(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    context.close()


def test_two_factor_enrolment_and_login(
    live_server, browser, page_1280, django_user_model, settings, screenshot_dir
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.PORTAL_2FA_REQUIRED = True
    django_user_model.objects.create_superuser("chief", "chief@example.cn", STRONG)
    page = page_1280

    admin_login(page, live_server.url, "chief", STRONG)
    page.wait_for_url("**/admin/2fa/setup/**")
    assert "设置双因素认证" in page.locator("h1").inner_text()
    qr = page.locator(".security-qr svg")
    box = qr.bounding_box()
    assert box and 120 <= box["width"] <= 600 and box["width"] == box["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.screenshot(path=str(screenshot_dir / "2fa-setup-1280.png"), full_page=True)

    device = TOTPDevice.objects.get(user__username="chief", confirmed=False)
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    from base64 import b32encode

    assert secret == b32encode(device.bin_key).decode()
    page.fill("input[name=code]", totp_code(device))
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/2fa/recovery-codes/**")
    assert page.locator(".recovery-codes li").count() == 10
    page.click("text=我已保存，继续")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert "控制面板" in page.title()

    # A new browser: password, then the code page.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    second = context.new_page()
    try:
        admin_login(second, live_server.url, "chief", STRONG)
        second.wait_for_url("**/admin/2fa/verify/**")
        assert "请输入验证码" in second.locator("h1").inner_text()
        second.fill("input[name=code]", "123456")
        second.click("button[type=submit]")
        assert "验证码不正确或已过期" in second.locator(".messages .error").inner_text()
        second.screenshot(path=str(screenshot_dir / "2fa-verify-1280.png"), full_page=True)
        device.refresh_from_db()
        device.throttling_failure_count = 0
        device.throttling_failure_timestamp = None
        device.save()
        second.fill("input[name=code]", totp_code(device, 1))
        second.click("button[type=submit]")
        second.wait_for_url(f"{live_server.url}/admin/")
        assert "控制面板" in second.title()
    finally:
        context.close()
