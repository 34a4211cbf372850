"""The site's public address (PORTAL_BASE_URL) is used by the API's html_url, the feeds,
iCalendar UIDs and e-mails, whatever Host header the request carried."""

import io
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db
BASE = "https://yjglj.example.gov.cn"


@pytest.fixture
def site(settings, tmp_path):
    from django.core.cache import cache

    cache.clear()
    settings.PORTAL_BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["*"]
    call_command("setup_site", stdout=io.StringIO())
    path = tmp_path / "r.csv"
    path.write_text(
        "类型,标识,标题,正文,发布日期\n法规,r1,关于地址的通知,正文,2026-03-01\n", "utf-8"
    )
    call_command("import_knowledge", str(path), "--no-progress", stdout=io.StringIO())
    yield
    cache.clear()


def test_api_html_url_uses_the_public_address(site, client):
    for host in ("localhost", "10.0.0.7:8000"):
        data = client.get("/api/v2/pages/?type=knowledge.RegulationPage", HTTP_HOST=host).json()
        urls = [item["meta"]["html_url"] for item in data["items"]]
        assert urls and all(u.startswith(BASE + "/regulations/") for u in urls), urls


def test_feeds_link_to_the_public_address(site, client):
    for host in ("localhost", "10.0.0.7:8000"):
        body = client.get("/regulations/feed/", HTTP_HOST=host).content.decode()
        links = re.findall(r"<link>([^<]+)</link>", body)
        assert links and all(link.startswith(BASE + "/regulations/") for link in links), links
        assert "10.0.0.7" not in body and "localhost" not in body


def test_ical_uids_do_not_change_with_the_host(site, client):
    from campaigns.factories import CampaignActivityFactory, CampaignPageFactory
    from campaigns.models import CampaignIndexPage, CampaignKind

    page = CampaignPageFactory(
        parent=CampaignIndexPage.objects.get(), kind=CampaignKind.objects.first(), slug="c1"
    )
    page.save_revision().publish()
    CampaignActivityFactory(page=page)
    answers = [
        client.get("/campaigns-api/activities.ics", HTTP_HOST=host).content.decode()
        for host in ("localhost", "portal.internal:8080")
    ]
    uids = [re.findall(r"UID:(\S+)", text) for text in answers]
    assert uids[0] and uids[0] == uids[1] and uids[0][0].endswith("@yjglj.example.gov.cn")
    assert f"URL:{BASE}/campaigns/c1/" in answers[1].replace("\r\n ", "")


def test_setup_site_aligns_the_wagtail_site_and_emails_follow(site):
    from wagtail.models import Site

    assert Site.objects.get(is_default_site=True).root_url == BASE
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PORTAL_BASE_URL": BASE + "/",
    }
    env.pop("WAGTAILADMIN_BASE_URL", None)
    code = "from django.conf import settings as s; print(s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL)"
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.strip().splitlines()[-1] == f"{BASE} {BASE}"
    from notifications.notify import absolute_url

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(django_settings, "WAGTAILADMIN_BASE_URL", BASE)
        assert absolute_url("/admin/notifications/") == BASE + "/admin/notifications/"
