"""One district vocabulary: shelters and demonstration sites use the site-wide codes of
portal.core.districts, old knowledge codes are migrated and old shared links still work."""

import importlib
import io
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from knowledge import factories as f
from knowledge.models import DemonstrationSitePage, ShelterPage
from portal.core.districts import (
    LEGACY_CODES,
    District,
    DistrictOrCitywide,
    inverted,
    parse,
    place_names,
    recode,
)

OLD_TO_NEW = {
    "gaoxin": "hightech",
    "jingkai": "economic",
    "hangkonggang": "airport",
    "zhongmou": "zhongmu",
}


def titles(response):
    return re.findall(r'class="k-title" href="[^"]+">([^<]+)</a>', response.content.decode())


def test_the_mapping_the_migration_uses():
    assert LEGACY_CODES == OLD_TO_NEW
    for old, new in OLD_TO_NEW.items():
        assert recode(old) == new
        assert recode(new, inverted()) == old
        assert new in District.values and old not in District.values
    # Codes that did not change pass through in both directions.
    assert recode("jinshui") == "jinshui" and recode("jinshui", inverted()) == "jinshui"
    assert recode("") == ""


def test_the_migration_imports_the_same_mapping():
    migration = importlib.import_module("knowledge.migrations.0003_site_districts")
    assert migration.LEGACY_CODES is LEGACY_CODES
    assert migration.recode is recode


def test_directories_offer_exactly_the_site_vocabulary():
    for model in (ShelterPage, DemonstrationSitePage):
        assert model._meta.get_field("district").choices == District.choices
    assert "citywide" not in District.values  # a shelter always has one district


def test_parse_accepts_codes_old_codes_and_names():
    assert parse("hightech") == "hightech"
    assert parse(" GAOXIN ") == "hightech"
    assert parse("金水区") == "jinshui"
    assert parse("Jinshui district") == "jinshui"
    assert parse("高新区") == "hightech"
    assert parse("航空港经济综合实验区") == "airport"
    assert parse("Economic Development Zone") == "economic"
    assert parse("citywide") is None
    assert parse("全市", DistrictOrCitywide) == "citywide"
    assert parse("atlantis") is None and parse("") is None and parse(None) is None


def test_chinese_labels_are_the_official_names():
    with translation.override("zh-hans"):
        labels = dict(DistrictOrCitywide.choices)
        assert labels["guancheng"] == "管城回族区"
        assert labels["hightech"] == "高新技术产业开发区"
        assert labels["zhongmu"] == "中牟县"
        assert labels["citywide"] == "全市"
        assert place_names("economic") == "经济技术开发区 经开区"
        assert place_names("erqi") == "二七区"


@pytest.mark.django_db
def test_old_district_links_redirect_to_the_site_code(client, sections):
    shelters = sections["shelters"]
    f.ShelterPageFactory(parent=shelters, title="高新区场所", district="hightech")
    f.ShelterPageFactory(parent=shelters, title="金水区场所", district="jinshui")
    response = client.get(shelters.url + "?district=gaoxin&sort=capacity")
    assert response.status_code == 301
    assert response["Location"] == shelters.url + "?district=hightech&sort=capacity"
    assert titles(client.get(response["Location"])) == ["高新区场所"]
    # A district named by its Chinese short name goes to the same list.
    assert client.get(shelters.url, {"district": "高新区"})["Location"].endswith(
        "?district=hightech"
    )
    # The feeds follow the same filters.
    feed = client.get(shelters.url + "feed/?district=gaoxin")
    assert feed.status_code == 301 and feed["Location"].endswith("feed/?district=hightech")
    # Current codes are served directly; unknown ones are reported above the list.
    assert client.get(shelters.url + "?district=hightech").status_code == 200
    unknown = client.get(shelters.url + "?district=atlantis")
    assert unknown.status_code == 200 and "errorlist" in unknown.content.decode()


@pytest.mark.django_db
def test_old_district_links_of_demonstration_sites(client, sections):
    sites = sections["sites"]
    f.DemonstrationSitePageFactory(parent=sites, title="航空港示范社区", district="airport")
    f.DemonstrationSitePageFactory(parent=sites, title="二七示范社区", district="erqi")
    response = client.get(sites.url + "?district=hangkonggang")
    assert response.status_code == 301
    assert titles(client.get(response["Location"])) == ["航空港示范社区"]


@pytest.mark.django_db
def test_district_sort_follows_the_official_order(client, sections):
    shelters = sections["shelters"]
    for title, district in [("甲", "zhongmu"), ("乙", "airport"), ("丙", "zhongyuan")]:
        f.ShelterPageFactory(parent=shelters, title=title, district=district)
    # Alphabetically by code this would be airport, zhongmu, zhongyuan.
    assert titles(client.get(shelters.url + "?sort=district")) == ["丙", "乙", "甲"]


@pytest.mark.django_db
def test_shelter_page_shows_the_official_name_and_links_its_district(client, sections):
    shelter = f.ShelterPageFactory(parent=sections["shelters"], district="economic")
    html = client.get(shelter.url).content.decode()
    assert "经济技术开发区" in html and "?district=economic" in html


@pytest.mark.django_db
def test_editors_pick_from_the_site_vocabulary(admin_client, sections):
    shelter = f.ShelterPageFactory(parent=sections["shelters"], district="airport")
    html = admin_client.get(f"/admin/pages/{shelter.pk}/edit/").content.decode()
    select = html.split('name="district"')[1].split("</select>")[0]
    assert re.search(r'<option value="airport" selected>航空港经济综合实验区</option>', select)
    assert "gaoxin" not in select and "citywide" not in select
    assert len(re.findall("<option", select)) == len(District.choices) + 1  # and "---------"


@pytest.mark.django_db
def test_search_documents_name_a_zone_both_ways(sections):
    from knowledge.searchables import DemonstrationSource, ShelterSource

    shelter = f.ShelterPageFactory(parent=sections["shelters"], district="hightech")
    site = f.DemonstrationSitePageFactory(parent=sections["sites"], district="economic")
    with translation.override("zh-hans"):
        doc = ShelterSource().to_document(shelter)
        site_doc = DemonstrationSource().to_document(site)
    assert "高新技术产业开发区 高新区" in doc.body
    assert doc.extra["district"] == "hightech"
    assert "经济技术开发区 经开区" in site_doc.body


@pytest.mark.django_db(transaction=True)
def test_migration_rewrites_rows_and_revisions_both_ways(sections):
    shelter = f.ShelterPageFactory(parent=sections["shelters"], district="hightech")
    shelter.save_revision()
    site = f.DemonstrationSitePageFactory(parent=sections["sites"], district="airport")
    plain = f.ShelterPageFactory(parent=sections["shelters"], district="jinshui")
    out = io.StringIO()
    try:
        call_command("migrate", "knowledge", "0002_help_texts", stdout=out)
        assert _district(ShelterPage, shelter) == "gaoxin"
        assert _district(DemonstrationSitePage, site) == "hangkonggang"
        assert _district(ShelterPage, plain) == "jinshui"
        assert shelter.revisions.order_by("-pk").first().content["district"] == "gaoxin"
        # An old database also holds the other old codes.
        ShelterPage.objects.filter(pk=plain.pk).update(district="zhongmou")
    finally:
        call_command("migrate", "knowledge", stdout=out)
    assert _district(ShelterPage, shelter) == "hightech"
    assert _district(DemonstrationSitePage, site) == "airport"
    assert _district(ShelterPage, plain) == "zhongmu"
    assert shelter.revisions.order_by("-pk").first().content["district"] == "hightech"
    # The editor's form opens the latest revision with a valid choice.
    latest = shelter.get_latest_revision_as_object()
    assert latest.district == "hightech" and latest.get_district_display()


def _district(model, page):
    return model.objects.values_list("district", flat=True).get(pk=page.pk)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_old_zone_link_on_a_phone(live_server, demo, phone_page, screenshot_dir):
    page = phone_page
    page.goto(live_server.url + "/shelters/?district=gaoxin")
    page.wait_for_url("**/shelters/?district=hightech")
    texts = page.locator(".knowledge-items > li").all_inner_texts()
    assert len(texts) == 2 and all("高新技术产业开发区" in t for t in texts)
    selected = page.locator("#id_district option:checked").text_content()
    assert selected == "高新技术产业开发区"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "knowledge-shelters-zone-phone.png"), full_page=True)
