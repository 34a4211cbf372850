"""What every government website has: one highlighted menu item, robots.txt, a sitemap,
a favicon, canonical and preview metadata, a print stylesheet, error pages in Chinese,
and full-width punctuation in the footer."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pages(db):
    from demo.home import _home
    from knowledge import factories as f

    home = _home()
    regulations = f.RegulationIndexPageFactory(parent=home, title="政策法规", show_in_menus=True)
    plans = f.PlanIndexPageFactory(parent=home, title="应急预案", show_in_menus=True)
    law = f.RegulationPageFactory(
        parent=regulations, title="中华人民共和国安全生产法", summary="安全生产的基本法律。"
    )
    return {"home": home, "regulations": regulations, "plans": plans, "law": law}


def current_items(html):
    nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)" aria-current="(\w+)"', nav)


def test_only_the_pages_own_section_is_current(client, site_pages):
    detail = client.get(site_pages["law"].url).content.decode()
    assert current_items(detail) == [(site_pages["regulations"].url, "true")]
    section = client.get(site_pages["plans"].url).content.decode()
    assert current_items(section) == [(site_pages["plans"].url, "page")]


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text and "Disallow: /api/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_live_public_pages_only(client, site_pages):
    from wagtail.models import PageViewRestriction

    hidden = site_pages["plans"]
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = site_pages["law"]
    draft.unpublish()
    xml = client.get("/sitemap.xml").content.decode()
    assert site_pages["regulations"].full_url in xml
    assert hidden.full_url not in xml and draft.full_url not in xml


def test_favicon_is_linked_and_the_browsers_own_request_finds_it(client, site_pages):
    html = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', html)
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


def test_pages_carry_canonical_description_and_open_graph(client, site_pages):
    law = site_pages["law"]
    html = client.get(law.url, {"page": "2", "utm": "x"}).content.decode()
    assert f'<link rel="canonical" href="{law.full_url}">' in html
    assert '<meta name="description" content="安全生产的基本法律。">' in html
    assert '<meta property="og:title" content="中华人民共和国安全生产法">' in html
    assert f'<meta property="og:url" content="{law.full_url}">' in html
    assert '<meta property="og:locale" content="zh_CN">' in html
    search = client.get("/search/", {"q": "防汛"}).content.decode()
    assert '<link rel="canonical" href="http://testserver/search/">' in search


def test_print_stylesheet_hides_the_site_controls():
    from django.contrib.staticfiles import finders

    with open(finders.find("css/portal.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    rules = css.split("@media print", 1)[1]
    for selector in (".site-nav", ".header-tools", ".filters", ".pagination", ".skip-link"):
        assert selector in rules.split("display: none", 1)[0]


def test_csrf_failure_is_explained_in_chinese_without_debug_advice(site_pages):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "表单已过期" in html and "DEBUG" not in html


def test_csrf_failure_view_renders_the_chinese_page(rf, site_pages):
    from portal.core.views import csrf_failure

    request = rf.post("/")
    request.LANGUAGE_CODE = "zh-hans"
    response = csrf_failure(request, reason="CSRF token missing.")
    html = response.content.decode()
    assert response.status_code == 403
    assert "表单已过期" in html and "DEBUG" not in html and "CSRF" not in html


def test_bad_request_is_chinese(rf, site_pages):
    from portal.core.views import bad_request

    response = bad_request(rf.get("/"))
    assert response.status_code == 400 and "请求有误" in response.content.decode()


def test_footer_uses_full_width_punctuation_and_links_the_icp_record(client, site_pages):
    from portal.core.models import BureauSettings

    bureau = BureauSettings.for_site(site_pages["home"].get_site())
    bureau.address, bureau.postcode, bureau.icp_number = "郑州市金水区", "450000", "豫ICP备1号"
    bureau.save()
    footer = client.get("/").content.decode().split('class="site-footer"', 1)[1]
    text = re.sub(r"<[^>]+>", "", footer)
    assert "紧急求助：" in text and "地址：郑州市金水区（邮编：450000）" in text
    assert not re.search(r"[\u4e00-\u9fff][:(]", text), text
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">豫ICP备1号</a>' in footer
