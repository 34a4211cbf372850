"""TOTP two-factor login for staff: enrolment with a locally drawn QR code, the code page
after the password, single-use recovery codes, and who must use it."""

import re

import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.security.models import EventKind, SecurityEvent

from .conftest import STRONG, post_login, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.PORTAL_2FA_REQUIRED = True


def _enrol(client):
    """Password, then the enrolment page; returns the device and the recovery codes."""
    response = post_login(client, "chief", STRONG)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/setup/")
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<svg" in page and "设置双因素认证" in page and "http" not in page.split("<svg")[1][:200]
    device = TOTPDevice.objects.get(user__username="chief", confirmed=False)
    response = client.post("/admin/2fa/setup/?next=/admin/", {"code": totp_code(device)})
    assert response.status_code == 302 and "/admin/2fa/recovery-codes/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", page)
    assert len(codes) == 10
    # Shown once only.
    assert client.get("/admin/2fa/recovery-codes/").status_code == 302
    return TOTPDevice.objects.get(pk=device.pk), codes


def test_a_superuser_cannot_open_the_admin_without_a_second_factor(client, chief, required):
    client.force_login(chief)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/setup/")
    # Other staff-only pages see an anonymous visitor until the code is given.
    assert client.get("/admin/reports/").status_code == 302


def test_enrolment_then_login_with_a_code(client, chief, required):
    device, _codes = _enrol(client)
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert SecurityEvent.objects.filter(kind=EventKind.OTP_ENROLLED, username="chief").exists()
    client.post("/admin/logout/")

    response = post_login(client, "chief", STRONG)
    response = client.get(response["Location"])
    assert response["Location"].startswith("/admin/2fa/verify/")
    assert client.get("/admin/pages/").status_code == 302
    wrong = client.post(
        "/admin/2fa/verify/", {"code": "000000", "next": "/admin/"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "验证码不正确或已过期" in wrong.content.decode()
    assert SecurityEvent.objects.filter(kind=EventKind.OTP_FAILED, username="chief").exists()
    # The enrolment used this period's code; the app's next code is accepted (once).
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(
        "/admin/2fa/verify/", {"code": totp_code(device, 1), "next": "/admin/pages/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    assert SecurityEvent.objects.filter(kind=EventKind.OTP_VERIFIED, username="chief").exists()


def test_a_recovery_code_works_once(client, chief, required):
    _device, codes = _enrol(client)
    client.post("/admin/logout/")
    post_login(client, "chief", STRONG)
    response = client.post("/admin/2fa/verify/", {"code": codes[0], "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert SecurityEvent.objects.filter(kind=EventKind.OTP_RECOVERY_USED, username="chief").exists()
    assert StaticToken.objects.filter(device__user=chief).count() == 9
    client.post("/admin/logout/")
    post_login(client, "chief", STRONG)
    response = client.post("/admin/2fa/verify/", {"code": codes[0], "next": "/admin/"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_an_enrolled_user_cannot_re_enrol_with_only_the_password(client, chief, required):
    _enrol(client)
    client.post("/admin/logout/")
    post_login(client, "chief", STRONG)
    response = client.get("/admin/2fa/setup/")
    assert response["Location"].startswith("/admin/2fa/verify/")


def test_supervisors_and_admin_roles_must_use_it_editors_need_not(django_user_model, settings):
    from portal.security import twofactor

    settings.PORTAL_2FA_REQUIRED = True
    supervisor = django_user_model.objects.create_user("sup", password=STRONG)
    supervisor.groups.add(Group.objects.get_or_create(name="市级监管人员")[0])
    auditor = django_user_model.objects.create_user("aud", password=STRONG)
    auditor.groups.add(Group.objects.get(admin_role__code="audit_admin"))
    editor = django_user_model.objects.create_user("ed", password=STRONG)
    editor.groups.add(Group.objects.get_or_create(name="宣传编辑")[0])
    assert twofactor.is_required(supervisor) and twofactor.is_required(auditor)
    assert not twofactor.is_required(editor)
    settings.PORTAL_2FA_REQUIRED = False
    assert not twofactor.is_required(supervisor)


def test_off_by_default_in_tests(settings):
    """On in production: test_login_lockout.py::test_production_has_no_django_admin."""
    assert settings.PORTAL_2FA_REQUIRED is False


def test_renewing_recovery_codes_replaces_them(client, chief, required):
    _device, codes = _enrol(client)
    page = client.get("/admin/2fa/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "未使用的恢复码：10个" in page
    response = client.post("/admin/2fa/")
    assert response["Location"] == "/admin/2fa/recovery-codes/"
    fresh = re.findall(
        r"<li>([a-z2-7]{8})</li>", client.get("/admin/2fa/recovery-codes/").content.decode()
    )
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    assert SecurityEvent.objects.filter(kind=EventKind.OTP_RECOVERY_RENEWED).exists()


def test_the_security_admin_resets_a_lost_authenticator(client, chief, django_user_model, settings):
    settings.PORTAL_2FA_REQUIRED = True
    _enrol(client)
    client.post("/admin/logout/")
    # The officer has no authenticator yet and is not required to have one here.
    settings.PORTAL_2FA_REQUIRED = False
    officer = django_user_model.objects.create_user("secadmin", password=STRONG)
    officer.groups.add(Group.objects.get(admin_role__code="security_admin"))
    client.force_login(officer)
    response = client.post("/admin/security/lockouts/reset-2fa/", {"username": "chief"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=chief).exists()
    event = SecurityEvent.objects.get(kind=EventKind.OTP_RESET)
    assert (event.username, event.actor) == ("chief", "secadmin")
    client.post("/admin/logout/")
    settings.PORTAL_2FA_REQUIRED = True
    post_login(client, "chief", STRONG)
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/setup/")
