"""Idle timeout, absolute session limit, and the password policy everywhere."""

import io
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from portal.security.models import EventKind, SecurityEvent
from portal.security.signals import AUTH_AT, LAST_SEEN

from .conftest import STRONG, post_login

pytestmark = pytest.mark.django_db


def _age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_thirty_idle_minutes_end_the_session(client, chief):
    assert post_login(client, "chief", STRONG).status_code == 302
    _age_session(client, security_last_seen=29 * 60)
    assert client.get("/admin/").status_code == 200
    _age_session(client, security_last_seen=31 * 60)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert "_auth_user_id" not in client.session
    event = SecurityEvent.objects.get(kind=EventKind.SESSION_IDLE)
    assert event.username == "chief"
    login_page = client.get(response["Location"]).content.decode()
    assert "您已30分钟未操作，已自动退出登录" in login_page


def test_activity_keeps_the_session_but_not_past_the_absolute_limit(client, chief, settings):
    client.force_login(chief)
    assert client.get("/admin/").status_code == 200  # first request stamps the session
    _age_session(client, security_auth_at=7 * 3600, security_last_seen=60)
    assert client.get("/admin/").status_code == 200
    assert time.time() - client.session[LAST_SEEN] < 5  # activity was recorded
    _age_session(client, security_auth_at=settings.PORTAL_SESSION_MAX_HOURS * 3600 + 1)
    assert client.get("/admin/").status_code == 302
    assert SecurityEvent.objects.filter(kind=EventKind.SESSION_EXPIRED, username="chief").exists()


def test_idle_minutes_come_from_the_environment(client, chief, settings):
    settings.PORTAL_SESSION_IDLE_MINUTES = 5
    client.force_login(chief)
    client.get("/admin/")
    _age_session(client, security_last_seen=6 * 60)
    assert client.get("/admin/").status_code == 302


def test_the_session_cookie_does_not_outlive_the_absolute_limit(settings):
    assert settings.SESSION_COOKIE_AGE <= settings.PORTAL_SESSION_MAX_HOURS * 3600 <= 12 * 3600
    assert settings.PORTAL_SESSION_IDLE_MINUTES == 30


def test_the_editing_ping_is_not_activity(client, chief):
    client.force_login(chief)
    client.get("/admin/")
    _age_session(client, security_last_seen=10 * 60)
    before = client.session[LAST_SEEN]
    client.post("/admin/editing-sessions/ping/wagtailcore/page/1/1/")
    assert client.session[LAST_SEEN] == before
    assert client.session[AUTH_AT]


@pytest.mark.parametrize(
    "password",
    [
        "1",
        "123456",
        "password",
        "zhengzhou",
        "yjglj2026",
        "Zhengzhou@2026",
        "P@ssw0rd2026!",
        "abcdefghijkl",
    ],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["Demo-2026!", STRONG, "s3cret-from-env"])
def test_documented_passwords_pass(password):
    validate_password(password)


def test_the_rule_is_explained_in_chinese():
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as info:
        validate_password("zhengzhou2026")
    text = " ".join(info.value.messages)
    assert "弱口令" in text and "密码须至少包含" in text


def test_ensure_admin_refuses_a_weak_password(monkeypatch, django_user_model):
    monkeypatch.setenv("ADMIN_PASSWORD", "1")
    with pytest.raises(CommandError) as info:
        call_command("ensure_admin", stdout=io.StringIO())
    assert "ADMIN_PASSWORD" in str(info.value)
    assert not django_user_model.objects.exists()


def test_ensure_admin_generates_a_password_that_passes(monkeypatch, django_user_model):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().strip().split(" / ")[-1]
    user = django_user_model.objects.get()
    validate_password(password, user)
    assert user.check_password(password)


def test_the_admin_user_form_applies_the_policy(client, chief):
    client.force_login(chief)
    response = client.post(
        "/admin/users/new/",
        {
            "username": "newcomer",
            "email": "newcomer@example.cn",
            "first_name": "新",
            "last_name": "同事",
            "password1": "yjglj2026",
            "password2": "yjglj2026",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    assert "弱口令" in response.content.decode()
    assert not type(chief).objects.filter(username="newcomer").exists()
