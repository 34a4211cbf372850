"""Every public URL of the demo site answers 200 and renders without template errors."""

import copy
import io
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    """The links of a page, and the text a reader sees (no scripts, styles or markup)."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.text = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


ISO_DATE = re.compile(r"(?<![\d-])20\d\d-[01]\d-[0-3]\d(?![\d-])")
# Half-width punctuation touching a Chinese character: "来源: ", "（区县: 二七区）", "地点:".
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,:;!?(]|[,;!?)][\u4e00-\u9fff]|[\u4e00-\u9fff]: ")


def typography_problems(text):
    """ISO dates and half-width punctuation in Chinese text that a reader would see."""
    problems = [f"ISO date {m.group()}" for m in ISO_DATE.finditer(text)]
    problems += [f"half-width {m.group()!r}" for m in HALF_WIDTH.finditer(text)]
    return problems


def _crawl(client, start="/", limit=400, problems=None):
    seen, queue, statuses = set(), [start], {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        statuses[url] = response.status_code
        assert MISSING.encode() not in response.content, (url, response.content.decode())
        assert b'action=""' not in response.content, url  # an empty action is invalid HTML
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            parser = _Links()
            parser.feed(response.content.decode())
            if problems is not None:
                found = typography_problems(" ".join(parser.text))
                if found:
                    problems[url] = found
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
    problems = {}
    statuses = _crawl(client, problems=problems)
    broken = {url: code for url, code in statuses.items() if code not in (200, 302)}
    assert not broken, broken
    live_urls = {p.url for p in Page.objects.live().public().specific() if p.url}
    assert live_urls <= set(statuses), live_urls - set(statuses)
    # The 政府信息公开 column, the site map and the statement (issue #15) are crawled too.
    new_pages = {"/disclosure/", "/disclosure/catalogue/", "/disclosure/replies/"}
    new_pages |= {"/disclosure/annual-reports/report-2025/", "/site-map/", "/statement/"}
    assert new_pages <= set(statuses), new_pages - set(statuses)
    assert len(statuses) >= 5
    # Chinese pages print 2026年5月12日 and full-width punctuation (README, issue #15).
    assert not problems, problems


def test_typography_check_finds_iso_dates_and_half_width_punctuation():
    assert typography_problems("发布日期 2026-05-12") == ["ISO date 2026-05-12"]
    assert typography_problems("来源: 应急管理部") == ["half-width '源:'"]
    assert typography_problems("（区县:二七区）")
    assert typography_problems("2026年5月12日，来源：应急管理部（试行）") == []


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


def test_english_mode_marks_chinese_content_as_chinese(client, demo):
    """The interface may be English, the pages are written in Chinese: their titles, texts
    and menu entries carry lang="zh-Hans" so that screen readers use a Chinese voice."""
    from knowledge.models import RegulationPage

    regulation = RegulationPage.objects.live().first()
    chinese = client.get(regulation.url).content.decode()
    assert 'lang="zh-Hans"' not in chinese.split("<html", 1)[1].split(">", 1)[1]
    client.get("/lang/en/")
    english = client.get(regulation.url).content.decode()
    assert '<html lang="en">' in english
    assert f'<h1 lang="zh-Hans">{regulation.title}</h1>' in english
    assert '<div class="doc-body" lang="zh-Hans">' in english
    assert '<span class="brand-name" lang="zh-Hans">' in english
    assert "Skip to main content" in english
