"""Wagtail's own search boxes (admin page search, choosers, the pages/documents/images
API) go through ``search.wagtail_backend``: any input is safe, and Chinese is analysed
by the portal's segmenter."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from portal.home.models import StandardPage

HOSTILE = ['"', '"""', "\x00", '安全"', "安全%22", "*", "(", "AND", "NOT", "a:b", "'", "\\", "-"]


@pytest.fixture
def pages(db):
    root = Page.objects.get(depth=1)
    home = root.get_children().first() or root
    made = []
    for title, body in [
        ("中华人民共和国安全生产法", "生产经营单位必须遵守本法。"),
        ("应急避难场所名录", "发生地震时前往就近的应急避难场所。"),
        ("防汛抗旱应急预案", "汛期暴雨时启动防汛应急响应。"),
    ]:
        page = StandardPage(title=title, summary=body, body=[("paragraph", f"<p>{body}</p>")])
        home.add_child(instance=page)
        page.save_revision().publish()
        made.append(page)
    return made


@pytest.mark.parametrize("endpoint", ["pages", "documents", "images"])
@pytest.mark.parametrize("text", HOSTILE)
def test_api_search_any_input_is_safe(client, pages, endpoint, text):
    response = client.get(f"/api/v2/{endpoint}/", {"search": text})
    assert response.status_code in (200, 400), response.content[:300]


@pytest.mark.parametrize("text", HOSTILE)
def test_admin_search_any_input_is_safe(client, pages, text):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "Pw-9x!long")
    client.force_login(user)
    for url in ("/admin/documents/", "/admin/images/", "/admin/pages/search/"):
        response = client.get(url, {"q": text})
        assert response.status_code == 200, (url, response.content[:300])


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "e@example.com", "Pw-9x!long")
    client.force_login(user)
    return client


def test_editor_finds_chinese_law_in_the_page_chooser(editor_client, pages):
    html = editor_client.get("/admin/choose-page/search/", {"q": "安全生产法"}).content.decode()
    assert "中华人民共和国安全生产法" in html
    assert "防汛抗旱应急预案" not in html


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("安全生产法", "中华人民共和国安全生产法"),
        ("避难场所", "应急避难场所名录"),
        ("防汛", "防汛抗旱应急预案"),
    ],
)
def test_admin_page_search_and_api_use_the_chinese_segmenter(editor_client, pages, text, title):
    html = editor_client.get("/admin/pages/search/", {"q": text}).content.decode()
    assert title in html
    found = editor_client.get("/api/v2/pages/", {"search": text}).json()["items"]
    assert [p["title"] for p in found] == [title]


def test_body_words_are_found_and_stored_segmented(pages):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    found = backend.search("暴雨", StandardPage)
    assert [p.title for p in found] == ["防汛抗旱应急预案"]
    assert list(backend.search('"', StandardPage)) == []


def test_admin_search_counts_are_close_to_the_portal_after_load_demo(demo):
    """Before: 避难场所 2 pages in Wagtail's index against 38, 应急预案 1/65, 防汛 0/5, 地震 0/9."""
    import io

    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from search.engines import SearchQuery
    from search.services import run_search

    call_command(
        "rebuild_search", "--engine", "database", stdout=io.StringIO(), stderr=io.StringIO()
    )
    backend = get_search_backend()
    for text in ["避难场所", "应急预案", "防汛", "地震", "安全生产法", "应急救援队伍"]:
        portal = run_search(SearchQuery(text)).total
        admin = backend.autocomplete(text, Page.objects.live()).count()
        assert portal > 0 and 0.7 * portal <= admin <= 1.3 * portal + 1, (text, portal, admin)
