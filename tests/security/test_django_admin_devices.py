"""django-otp's own Django-admin pages are not offered: devices are enrolled and reset on
the portal's audited 2FA pages (its config view answered 500 for an unknown id)."""

import pytest

pytestmark = pytest.mark.django_db


def test_device_admin_pages_are_not_offered(client, django_user_model, settings):
    boss = django_user_model.objects.create_superuser("boss", "b@example.cn", "Jinshui-Safe-2026")
    client.force_login(boss)
    for path in ("otp_totp/totpdevice/999999/config/", "otp_totp/totpdevice/999999/qrcode/",
                 "otp_totp/totpdevice/", "otp_static/staticdevice/"):  # fmt: skip
        response = client.get("/django-admin/" + path)
        assert response.status_code in (302, 404), (path, response.status_code)
