"""网站地图 and 隐私声明/网站声明 (issue #15): footer links, the tree, caching."""

import io

import pytest

pytestmark = pytest.mark.django_db


def test_site_map_shows_every_section_and_its_pages_and_is_in_the_footer(client, demo):
    from wagtail.models import Page

    from portal.home.models import HomePage, SiteMapPage

    home = HomePage.objects.get()
    site_map = SiteMapPage.objects.live().get()
    html = client.get(site_map.url).content.decode()
    assert "<h1>网站地图</h1>" in html
    sections = home.get_children().live().public().exclude(pk=site_map.pk)
    for section in sections:
        assert f'href="{section.url}"' in html, section.title
    # Second and third levels: the disclosure column's parts and their items.
    for page in Page.objects.live().public().filter(depth__in=(home.depth + 2, home.depth + 3)):
        assert f'href="{page.url}"' in html, page.title
    # Deeper levels are left out when the editor asks for fewer.
    site_map.levels = 1
    site_map.save_revision().publish()
    html = client.get(site_map.url).content.decode()
    guide = Page.objects.live().get(slug="guide")
    assert f'href="{guide.url}"' not in html

    home_html = client.get("/").content.decode()
    footer = home_html.split('class="site-footer"', 1)[1]
    assert f'href="{site_map.url}"' in footer
    assert "网站地图" in footer and "隐私声明和网站声明" in footer and "政府信息公开" in footer


def test_site_map_and_statement_are_served_from_the_page_cache(client, demo):
    from portal.home.models import SiteMapPage, StatementPage

    for model in (SiteMapPage, StatementPage):
        url = model.objects.live().get().url
        first = client.get(url)
        assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
        again = client.get(url)
        assert again["X-Page-Cache"] == "hit"


def test_site_map_is_set_up_for_a_real_bureau_without_demo(db):
    from django.core.management import call_command

    from portal.home.models import SiteMapPage

    call_command("setup_site", stdout=io.StringIO())
    call_command("setup_site", stdout=io.StringIO())
    assert SiteMapPage.objects.live().count() == 1


def test_statement_says_what_the_site_collects(client, demo):
    from portal.home.models import StatementPage

    page = StatementPage.objects.live().get()
    html = client.get(page.url).content.decode()
    for fact in ("不使用跟踪型Cookie", "长者模式", "匿名", "区县", "版权声明", "链接说明"):
        assert fact in html, fact
    assert "2026年3月1日" in html
