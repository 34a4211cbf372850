"""The embedded set-up: SQLite in WAL mode, Chinese formats, the admin-account command."""

import datetime as dt
import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import formats, translation


def test_sqlite_file_database_runs_in_wal_mode(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]); "
        "c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    mode, timeout = result.stdout.split()[-2:]  # shell may print its auto-import notice first
    assert mode == "wal"
    assert int(timeout) == 20000


def test_chinese_is_the_default_language_and_dates_print_the_chinese_way():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    with translation.override("zh-hans"):
        assert formats.date_format(dt.date(2026, 5, 12)) == "2026年5月12日"
    with translation.override("en"):
        assert formats.date_format(dt.date(2026, 5, 12)) == "12 May 2026"


@pytest.mark.django_db
def test_ensure_admin_creates_one_administrator_once(monkeypatch, django_user_model):
    monkeypatch.setenv("ADMIN_USERNAME", "chief")
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    generated = out.getvalue().strip().rsplit(" ", 1)[-1]
    user = django_user_model.objects.get(username="chief")
    assert user.is_superuser and user.check_password(generated)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "already exists" in out.getvalue()
    assert django_user_model.objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db
def test_ensure_admin_takes_the_password_from_the_environment(monkeypatch, django_user_model):
    monkeypatch.setenv("ADMIN_USERNAME", "chief")
    monkeypatch.setenv("ADMIN_PASSWORD", "s3cret-from-env")
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "s3cret-from-env" not in out.getvalue()
    assert django_user_model.objects.get(username="chief").check_password("s3cret-from-env")


@pytest.mark.django_db
def test_clear_page_cache_makes_cached_pages_stale(client, demo):
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    call_command("clear_page_cache", stdout=io.StringIO())
    assert client.get("/about/")["X-Page-Cache"] == "miss"


def test_staff_can_add_any_section_under_the_home_page():
    from portal.home.models import HomePage

    creatable = {m._meta.label for m in HomePage.creatable_subpage_models()}
    assert {"home.StandardPage", "knowledge.RegulationIndexPage"} <= creatable
