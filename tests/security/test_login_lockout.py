"""Login-failure handling: 5 failures per account or per address lock it for 15 minutes,
on every login form, with a Chinese message and an audit entry."""

import datetime as dt
import os
import secrets
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings

from portal.security.models import EventKind, SecurityEvent

from .conftest import STRONG, post_login

pytestmark = pytest.mark.django_db

LOCK_TEXT = "登录失败次数过多（5次），该账号或当前地址已被锁定15分钟"


def test_five_failures_for_one_account_lock_it_from_every_address(client, chief):
    for i in range(4):
        response = post_login(client, "chief", "wrong-password", ip=f"10.0.0.{i + 1}")
        assert response.status_code == 200  # the form again, with its error
    response = post_login(client, "chief", "wrong-password", ip="10.0.0.5")
    assert response.status_code == 429
    assert LOCK_TEXT in response.content.decode()
    # The right password from a fresh address is refused while the account is locked.
    response = post_login(client, "chief", STRONG, ip="10.9.9.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(kind=EventKind.LOGIN_FAILED, username="chief").count() == 6
    locked = SecurityEvent.objects.filter(kind=EventKind.LOCKED_OUT, username="chief")
    assert locked.exists() and locked.first().detail


def test_five_failures_from_one_address_lock_the_address(client, chief):
    for i in range(5):
        response = post_login(client, f"guess{i}", "wrong-password", ip="10.1.1.1")
    assert response.status_code == 429
    assert LOCK_TEXT in response.content.decode()
    assert post_login(client, "chief", STRONG, ip="10.1.1.1").status_code == 429
    assert SecurityEvent.objects.filter(kind=EventKind.LOCKED_OUT, ip_address="10.1.1.1").exists()
    # Another address is not affected, and a success is audited.
    response = post_login(client, "chief", STRONG, ip="10.2.2.2")
    assert response.status_code == 302
    login = SecurityEvent.objects.get(kind=EventKind.LOGIN, username="chief")
    assert login.ip_address == "10.2.2.2"


def test_the_lockout_ends_after_fifteen_minutes(client, chief):
    for _ in range(5):
        post_login(client, "chief", "wrong-password")
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=14))
    assert post_login(client, "chief", STRONG).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert post_login(client, "chief", STRONG).status_code == 302


def test_successes_do_not_count(client, chief):
    for _ in range(8):
        assert post_login(client, "chief", STRONG).status_code == 302
        client.post("/admin/logout/")
    assert not AccessAttempt.objects.exists()


def test_the_django_admin_login_has_the_same_lockout(client, chief):
    assert settings.PORTAL_DJANGO_ADMIN  # on in tests, so its form is tested
    url = "/django-admin/login/?next=/django-admin/"
    for _ in range(5):
        response = post_login(client, "chief", "wrong-password", ip="10.3.3.3", url=url)
    assert response.status_code == 429
    assert LOCK_TEXT in response.content.decode()
    assert post_login(client, "chief", STRONG, ip="10.3.3.4", url=url).status_code == 429


def test_a_security_admin_lifts_a_lockout(client, chief, django_user_model):
    from django.contrib.auth.models import Group

    for _ in range(5):
        post_login(client, "chief", "wrong-password", ip="10.4.4.4")
    officer = django_user_model.objects.create_user("secadmin", password=STRONG)
    officer.groups.add(Group.objects.get(admin_role__code="security_admin"))
    client.force_login(officer)
    page = client.get("/admin/security/lockouts/").content.decode()
    assert "chief" in page and "10.4.4.4" in page
    client.post("/admin/security/lockouts/unlock/", {"username": "chief"})
    client.post("/admin/security/lockouts/unlock/", {"ip_address": "10.4.4.4"})
    client.logout()
    assert post_login(client, "chief", STRONG, ip="10.4.4.4").status_code == 302
    assert SecurityEvent.objects.filter(kind=EventKind.UNLOCKED, actor="secadmin").count() == 2


def test_the_address_comes_from_the_configured_proxy_header(client, chief, settings):
    settings.PORTAL_CLIENT_IP_META = "HTTP_X_REAL_IP"
    for i in range(5):
        client.post(
            "/admin/login/",
            {"username": f"u{i}", "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="203.0.113.7",
        )
    assert SecurityEvent.objects.filter(
        kind=EventKind.LOCKED_OUT, ip_address="203.0.113.7"
    ).exists()


def test_production_has_no_django_admin(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.urls import resolve\n"
        "match = resolve('/django-admin/login/')\n"  # Wagtail's page route takes any path
        "print('FOUND' if match.namespace == 'admin' else 'ABSENT')\n"
        "print('2FA', settings.PORTAL_2FA_REQUIRED)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert "ABSENT" in result.stdout, result.stdout + result.stderr
    assert "2FA True" in result.stdout
