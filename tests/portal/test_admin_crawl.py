"""The admin, crawled as every demo role: everything a Chinese-speaking supervisor sees is
Chinese, every link shown opens, and times are Beijing time.

Each role logs in, starts at the admin home and its menu, and follows admin links (GET
only, bounded per view) through lists, forms, inspect, history and reports. A page fails
on an English word from ``admin_english.txt``, a raw True/False/None, a time printed in
UTC (known record times are moved to an instant whose UTC hour differs from Beijing's),
a link that answers 403/404 or redirects to "no permission", and any 5xx."""

import datetime as dt
import json
import os
import re
from collections import Counter, deque
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import lxml.html
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import Resolver404, resolve
from lxml import etree

from tests.rendering import templates_not_recorded

pytestmark = pytest.mark.django_db

# Every account load_demo creates, one per role (accountability's four roles, the campaign
# desk's and the knowledge base's editors and reviewers).
ROLES = [
    "city_supervisor",
    "jinshui_supervisor",
    "dept_officer",
    "auditor",
    "campaign_editor",
    "campaign_reviewer",
    "knowledge_editor",
    "knowledge_reviewer",
]
MAX_PAGES = 260  # per role
PER_VIEW = 2  # distinct URLs followed per (view, query keys)
# GET links that change something or leave the admin's reading views.
SKIP = re.compile(
    r"/(delete|logout|unpublish|lock|unlock|revert|copy|move|convert_alias|cancel|approve|reject"
    r"|disable|enable|reset|unlock_user|preview|usage|action|bulk)(/|$)|/login/|/password_reset/"
    r"|[?&](export|format)=|/documents/(edit|chooser)|/images/|/chooser|/jsi18n|/api/|/sw\.js"
)
WORDS_FILE = Path(__file__).with_name("admin_english.txt")
RAW = re.compile(r"(?<![A-Za-z])(True|False|None)(?![A-Za-z])")
# The marker instant: 06:17 in Beijing is 22:17 of the day before in UTC.
MARKER = dt.datetime(2026, 5, 12, 6, 17, tzinfo=dt.timezone(dt.timedelta(hours=8)))
UTC_TEXT = re.compile(r"22:17|5月11日")
# Dates as people write them (2026年5月12日), not ISO, in what a supervisor reads.
ISO_DATE = re.compile(r"(?<![\d-])20\d\d-[01]\d-[0-3]\d(?![\d-])")
DENIED = ("没有权限", "permission")
# Half-width punctuation next to Chinese text (新增: 企业, 正在编辑: …).
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff）][:;?!](?=\s|[\u4e00-\u9fff]|$)|[:]\s+[\u4e00-\u9fff]")
# Strings of Wagtail's admin scripts (sidebar, editor, help menu) that its Chinese catalogue
# lacks; portal/locale/zh_Hans/LC_MESSAGES/djangojs.po supplies them.
SCRIPT_STRINGS = [
    "(%(number)s new items in this menu)",
    "(1 new item in this menu)",
    "(New)",
    "Autosave in progress…",
    "Changes have been autosaved.",
    "Insert a block",
    "Dashboard",
    "Search",
]


def english_words():
    if os.environ.get("ADMIN_CRAWL_ANY_ASCII"):  # discovery mode while extending the list
        return re.compile(r"(?<![A-Za-z0-9_@.-])([A-Za-z][a-z]{2,}(?: [A-Za-z][a-z]+)*)")
    words = []
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line)
    return re.compile(r"(?<![A-Za-z])(" + "|".join(map(re.escape, words)) + r")(?![A-Za-z])")


def _set_marker_times():
    """Move every stored timestamp of the tracker and of the admin history to the marker."""
    for model in apps.get_models():
        if model._meta.app_label not in ("accountability", "wagtailcore", "reports", "campaigns"):
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = {
            f.name: MARKER
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateTimeField)
            and f.name
            in ("created_at", "updated_at", "timestamp", "submitted_at", "decided_at", "at")
        }
        if fields:
            model._base_manager.update(**fields)


@pytest.fixture
def demo_site(demo):
    """The session's shared demo (tests/shared_demo.py) with every record time at the
    marker; the test's own transaction rolls the times back after it."""
    _set_marker_times()


# Parsed with lxml directly: BeautifulSoup's tree building cost a quarter of the crawl.
# The text is gathered as BeautifulSoup's get_text(" ", strip=True) gathers it: every text
# node in document order, stripped, empty ones dropped, joined by one space.
HIDDEN_TAGS = {"script", "style", "template", "noscript"}
TEXT_ATTRS = ("placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value")
SR_SEPARATOR = re.compile(r"^\s*:\s*$")


def parse(content):
    return lxml.html.document_fromstring(content)


def _only_string(element):
    """BeautifulSoup's ``.string``: the text of an element whose only child is one string
    (or one element with such a string), else None."""
    children = [c for c in element if not isinstance(c, etree._ProcessingInstruction)]
    if not children:
        return element.text
    if len(children) == 1 and not element.text and not children[0].tail:
        if isinstance(children[0], etree._Comment):
            return children[0].text
        return _only_string(children[0])
    return None


def _hidden(element):
    if element.tag in HIDDEN_TAGS or "hidden" in element.attrib:
        return True
    classes = (element.get("class") or "").split()
    # The software's logo under the login and two-factor forms: its accessible name is
    # the brand name, like any logo.
    if "login-logo" in classes:
        return True
    # Wagtail's breadcrumbs template hard-codes an ASCII ": " for screen readers between
    # the last two crumbs (no translation, no setting); it is the one separator left.
    text = _only_string(element) if element.tag == "span" and "w-sr-only" in classes else None
    return text is not None and bool(SR_SEPARATOR.match(text))


def visible_text(root):
    """What a reader sees or hears: text and the attributes read out, outside scripts,
    templates and hidden elements."""
    strings, attrs = [], []

    def walk(element):
        if isinstance(element, etree._Comment | etree._ProcessingInstruction):
            return
        if _hidden(element):
            return
        strings.append(element.text)
        for attr in TEXT_ATTRS:
            if element.get(attr):
                attrs.append(element.get(attr))
        button = element.tag == "input" and element.get("type") in ("submit", "button")
        if button and element.get("value"):
            attrs.append(element.get("value"))
        for child in element:
            walk(child)
            strings.append(child.tail)

    walk(root)
    text = " ".join(s.strip() for s in strings if s and s.strip())
    return "\n".join([text, *attrs])


def page_links(root):
    return [a.get("href") for a in root.iter("a")]


def sidebar_links(root):
    """Menu URLs of the admin sidebar (rendered from JSON by the admin's script)."""
    nodes = root.xpath('//*[@id="wagtail-sidebar-props"]')
    if not nodes:
        return [], ""
    data = json.loads(nodes[0].text)
    urls, labels = [], []

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("url"), str):
                urls.append(value["url"])
            if isinstance(value.get("label"), str):
                labels.append(value["label"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return urls, "\n".join(labels)


def view_key(url):
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    keys = tuple(sorted({k for k, _v in parse_qsl(parts.query) if k not in ("p", "page")}))
    return (match.view_name, keys)


def normalise(href, current):
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(href)
    if parts.scheme and parts.netloc not in ("testserver", ""):
        return None
    path = parts.path if parts.path.startswith("/") else urlsplit(current).path + parts.path
    if not path.startswith("/admin/") or SKIP.search(path + ("?" + parts.query)):
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "next"])
    return path + ("?" + query if query else "")


def crawl(client, words):
    findings = []
    seen, per_view = set(), Counter()
    queue = deque([("/admin/", "login")])
    pages = 0
    while queue and pages < MAX_PAGES:
        url, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        key = view_key(url)
        if key is None:
            findings.append(f"{url} (from {source}): no such admin URL")
            continue
        if per_view[key] >= PER_VIEW:
            continue
        per_view[key] += 1
        pages += 1
        with templates_not_recorded():  # only the redirects' messages need the context
            response = client.get(url)
        where = f"{url} (from {source})"
        if response.status_code >= 500:
            findings.append(f"{where}: {response.status_code}")
            continue
        if response.status_code in (403, 404, 405):
            findings.append(f"{where}: {response.status_code}")
            continue
        if response.status_code in (301, 302):
            target = response["Location"]
            # The messages shown after the redirect tell "no permission"; the redirect
            # itself was just answered, so only its target is asked for.
            followed = client.get(target, follow=True)
            messages = [str(m) for m in (followed.context or {}).get("messages", [])]
            if "/login/" in target or any(w in m for m in messages for w in DENIED):
                findings.append(f"{where}: redirects to {target} (no permission)")
            else:
                queue.append((normalise(target, url) or "/admin/", url))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        root = parse(response.content)
        menu_urls, menu_labels = sidebar_links(root)
        links = page_links(root) + menu_urls
        text = visible_text(root) + "\n" + menu_labels
        for hit in sorted(set(words.findall(text))):
            findings.append(f"{where}: English {hit!r}")
        for hit in sorted(set(RAW.findall(text))):
            findings.append(f"{where}: raw {hit!r}")
        for hit in sorted(set(UTC_TEXT.findall(text))):
            findings.append(f"{where}: UTC time {hit!r}")
        for hit in sorted(set(ISO_DATE.findall(text))):
            findings.append(f"{where}: ISO date {hit!r}")
        for hit in sorted(set(HALF_WIDTH.findall(text))):
            findings.append(f"{where}: half-width punctuation {hit!r}")
        for href in links:
            target = normalise(href, url)
            if target and target not in seen:
                queue.append((target, url))
    return findings, pages


@pytest.mark.parametrize("username", ROLES)
def test_role_crawls_admin_in_chinese(demo_site, username):
    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    findings, pages = crawl(client, english_words())
    assert pages > 5, f"{username} reached only {pages} admin pages"
    assert not findings, f"{username}: {len(findings)} findings\n" + "\n".join(findings)


def test_every_role_with_demo_account_is_crawled(demo_site):
    """A role added later (a new group with demo users) is crawled too."""
    from django.contrib.auth.models import Group

    for group in Group.objects.filter(user__isnull=False).distinct():
        names = set(group.user_set.values_list("username", flat=True))
        assert names & set(ROLES), f"group {group.name} has demo users but none is crawled"


def test_admin_scripts_speak_chinese(demo_site):
    """The sidebar's "new items in this menu", the help menu's "(New)" and the editor's
    messages come from Wagtail's script catalogue."""
    client = Client()
    client.force_login(get_user_model().objects.get(username="city_supervisor"))
    text = client.get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"newcatalog = (\{.*?\});", text, re.S).group(1))
    missing = [s for s in SCRIPT_STRINGS if s not in catalog or catalog[s] == s]
    assert not missing, f"untranslated admin script strings: {missing}"


def test_login_page_is_chinese(demo_site):
    """The sign-in page, before anyone is logged in: heading and labels in Chinese."""
    response = Client().get("/admin/login/")
    root = parse(response.content)
    text = visible_text(root)
    assert not english_words().findall(text), english_words().findall(text)
    assert "密码" in text and "Wagtail" not in root.xpath("string(//h1)")
