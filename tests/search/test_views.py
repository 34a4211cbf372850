"""The public search page, the JSON API, suggestions, editor's picks, query statistics
and the staff search in the admin."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from search.factories import SearchDocumentFactory as Doc
from search.models import QueryLog
from search.sources import STAFF

from .test_engines import NASTY


@pytest.fixture
def docs(index_docs):
    return index_docs(
        [Doc(key=f"t:{i}", title=f"地震应急演练第{i}期", body="组织群众疏散到避难场所。", type="drill",
             type_label="应急演练", date=dt.date(2020 + i % 5, 1, 1)) for i in range(23)]
        + [Doc(key="t:plan", title="地震应急预案", body="预案正文", type="plan", type_label="应急预案"),
           Doc(key="t:staff", title="地震 督办 内部", body="内部 督办", audience=STAFF,
               jurisdiction="zz/jinshui")]
    )  # fmt: skip


def test_search_page_results_facets_pagination(client, docs, engine_name):
    response = client.get("/search/", {"q": "地震"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "找到 24 条" in html or "24 results" in html
    assert "<mark>地震</mark>" in html
    assert re.search(r'应急演练\s*<span class="count">23</span>', html)
    assert "?q=%E5%9C%B0%E9%9C%87&amp;type=plan" in html
    assert "内部" not in html
    assert 'rel="next"' in html
    page3 = client.get("/search/", {"q": "地震", "page": "3"}).content.decode()
    assert len(re.findall(r'<li>\s*<span class="badge">', page3)) == 4
    filtered = client.get("/search/", {"q": "地震", "type": "plan"}).content.decode()
    assert "<mark>地震</mark>应急预案" in filtered and "第1期" not in filtered
    assert "chip" in filtered
    by_date = client.get("/search/", {"q": "地震", "sort": "date"}).content.decode()
    assert "2024-01-01" in by_date and "2020-01-01" not in by_date
    assert "2024年1月1日" in by_date  # the visible date is written the Chinese way


def test_bad_html_parameters_fall_back(client, docs, engine_name):
    for params in [{"page": "abc"}, {"page": "-1"}, {"sort": "x"}, {"year": "zz"}]:
        assert client.get("/search/", {"q": "地震", **params}).status_code == 200


def test_no_results_page_helps(client, docs, engine_name):
    html = client.get("/search/", {"q": "台风登陆路径预报"}).content.decode()
    assert "没有找到" in html or "Nothing matches" in html
    assert "?q=%E5%8F%B0%E9%A3%8E" in html  # "try fewer words" link for 台风


def test_empty_query_shows_prompt(client, db):
    assert client.get("/search/").status_code == 200


@pytest.mark.parametrize("text", NASTY)
def test_nasty_queries_on_page_and_api(client, docs, engine_name, text, settings):
    page = client.get("/search/", {"q": text})
    if len(text) > settings.MAX_QUERY_PARAM_CHARS:
        # refused before any view runs, in Chinese (portal.core.middleware)
        assert page.status_code == 400 and "请缩短" in page.content.decode()
        return
    assert page.status_code == 200
    response = client.get("/api/search/", {"q": text})
    assert response.status_code in (200, 400)
    assert "error" in response.json() or "total" in response.json()


def test_api_shape(client, docs, engine_name):
    data = client.get("/api/search/", {"q": "地震", "type": "drill", "page": "2"}).json()
    assert data["total"] == 23
    assert len(data["results"]) == 10
    assert set(data["results"][0]) >= {"title", "url", "type", "snippet", "date", "score"}
    assert {f["value"] for f in data["facets"]["type"]} == {"drill"}
    assert data["engine"] == engine_name


@pytest.mark.parametrize(
    "params,field",
    [({"q": "地震", "page": "abc"}, "page"), ({"q": "地震", "page": "0"}, "page"),
     ({"q": "地震", "per_page": "500"}, "per_page"), ({"q": "地震", "sort": "x"}, "sort"),
     ({"q": "地震", "year": "20x4"}, "year"), ({"q": ""}, "q"), ({}, "q")],
)  # fmt: skip
def test_api_rejects_bad_parameters(client, db, params, field):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["error"]


def test_api_method_not_allowed(client, db):
    assert client.post("/api/search/", {"q": "x"}).status_code == 405


def test_suggest(client, docs, engine_name):
    data = client.get("/api/search/suggest/", {"q": "应急预"}).json()
    assert [s["title"] for s in data["suggestions"]] == ["地震应急预案"]
    assert client.get("/api/search/suggest/", {"q": ""}).json()["suggestions"] == []
    assert len(client.get("/api/search/suggest/", {"q": "地震"}).json()["suggestions"]) == 8
    assert client.get("/api/search/suggest/", {"q": "督办"}).json()["suggestions"] == []


def test_editors_picks(client, docs, engine_name):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Page

    home = Page.objects.get(depth=2)
    SearchPromotion.objects.create(
        query=Query.get("地震"), page=home, description="地震时先保护自己", sort_order=0
    )
    html = client.get("/search/", {"q": "地震"}).content.decode()
    assert "地震时先保护自己" in html and 'href="/"' in html
    assert client.get("/api/search/", {"q": "地震"}).json()["picks"][0]["description"]


def test_query_log_counts_without_personal_data(client, docs, engine_name):
    client.get("/search/", {"q": "地震"})
    client.get("/search/", {"q": "地震", "page": "2"})  # not counted twice
    client.get(
        "/api/search/", {"q": "ＸＹＺＺＹ"}
    )  # full-width, normalised; no pinyin of any title
    client.get("/search/", {"q": "台风"})
    client.get("/search/", {"q": "台风"})
    rows = {r.query: (r.searches, r.zero_results) for r in QueryLog.objects.all()}
    assert rows == {"地震": (1, 0), "xyzzy": (1, 1), "台风": (2, 2)}
    field_names = {f.name for f in QueryLog._meta.get_fields()}
    assert not field_names & {"user", "ip", "session", "user_agent"}


def test_statistics_admin_view(client, docs, django_user_model, engine_name):
    client.get("/search/", {"q": "台风"})
    client.force_login(_user_with(django_user_model))
    assert client.get(reverse("search_statistics")).status_code in (302, 403)
    client.force_login(_user_with(django_user_model, "view_querylog"))
    html = client.get(reverse("search_statistics"), {"days": "7"}).content.decode()
    assert "台风" in html


def _user_with(django_user_model, *perms):
    user = django_user_model.objects.create_user(
        f"u{django_user_model.objects.count()}", password="pw"
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_staff_search_admin_view(client, docs, django_user_model, admin_user, engine_name):
    url = reverse("search_staff")
    client.force_login(_user_with(django_user_model))
    assert client.get(url, {"q": "督办"}).status_code in (302, 403)
    client.force_login(_user_with(django_user_model, "search_staff"))
    html = client.get(url, {"q": "督办"}).content.decode()
    assert "<mark>督办</mark>" not in html  # no jurisdiction granted
    client.force_login(admin_user)
    html = client.get(url, {"q": "督办"}).content.decode()
    assert "<mark>督办</mark>" in html
