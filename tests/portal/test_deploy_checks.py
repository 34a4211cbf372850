"""Production settings pass Django's deployment checklist and send security headers."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_check_deploy_has_no_warnings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "yjglj.example.gov.cn",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by conftest for Playwright only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_security_headers(client, db):
    response = client.get("/search/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_loads_nothing_from_third_parties(client, django_user_model, db):
    """Staff work offline from the internet too, and the CSP would block the request:
    the admin shows no Gravatar or other outside image."""
    import re

    user = django_user_model.objects.create_superuser("chief", "chief@example.cn", "pw")
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    sources = re.findall(r'src="([^"]+)"', html)
    assert sources and not [s for s in sources if s.startswith(("http", "//"))], sources


def test_admin_create_views_are_in_chinese(client, django_user_model, db):
    """Wagtail's own catalogue misses the "New: …" breadcrumb; the portal's supplies it."""
    user = django_user_model.objects.create_superuser("chief", "chief@example.cn", "pw")
    client.force_login(user)
    html = client.get("/admin/accountability_hazard/new/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = html.content.decode()
    assert "新建：隐患" in text and "New: " not in text
