"""Every public URL of the demo site answers 200 and renders without template errors."""

import copy
import io
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _crawl(client, start="/", limit=400):
    seen, queue, statuses = set(), [start], {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        statuses[url] = response.status_code
        assert MISSING.encode() not in response.content, (url, response.content.decode())
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            parser = _Links()
            parser.feed(response.content.decode())
            for href in parser.links:
                target = urlparse(urljoin(url, href))
                if target.netloc or target.scheme not in ("", "http", "https"):
                    continue
                if target.path.startswith(
                    ("/admin", "/django-admin", "/documents", "/media", "/lang/")
                ):
                    continue
                path = target.path + (f"?{target.query}" if target.query else "")
                if path not in seen:
                    queue.append(path)
    return statuses


MISSING = "TEMPLATE-VARIABLE-MISSING"


def test_every_public_url_of_the_demo_answers_200(client, demo, settings):
    # string_if_invalid turns a silently missing variable into text we can detect.
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["string_if_invalid"] = MISSING + ":%s"
    settings.TEMPLATES = templates
    statuses = _crawl(client)
    broken = {url: code for url, code in statuses.items() if code not in (200, 302)}
    assert not broken, broken
    live_urls = {p.url for p in Page.objects.live().public().specific() if p.url}
    assert live_urls <= set(statuses), live_urls - set(statuses)
    assert len(statuses) >= 5


def test_home_page_is_chinese_with_bureau_footer(client, demo):
    response = client.get("/")
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "郑州市应急管理局" in html
    assert "豫ICP备00000000号" in html
    assert "跳到主要内容" in html


def test_english_is_the_second_language(client, demo):
    response = client.get("/lang/en/?next=/about/")
    assert response.status_code == 302 and response["Location"] == "/about/"
    html = client.get("/about/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


def test_language_switch_refuses_foreign_redirects(client, db):
    response = client.get("/lang/en/?next=https://evil.example/")
    assert response["Location"] == "/"


def test_unknown_page_is_a_friendly_404(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_load_demo_is_idempotent(demo):
    from django.core.management import call_command

    before = Page.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Page.objects.count() == before
