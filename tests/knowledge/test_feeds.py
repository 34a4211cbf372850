"""RSS and Atom feeds of the lists parse as XML and follow the list's filters."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from knowledge import factories as f

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def docs(sections):
    index = sections["regulations"]
    f.RegulationPageFactory(
        parent=index,
        title="现行文件",
        slug="current-doc",
        issued_on=dt.date(2024, 5, 1),
        summary="摘要甲",
    )
    f.RegulationPageFactory(
        parent=index, title="废止文件", status="repealed", issued_on=dt.date(2020, 1, 1)
    )
    return index


def test_rss_feed_is_valid_xml_with_every_item(client, docs):
    response = client.get(docs.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    channel = root.find("channel")
    assert channel.findtext("title") == "政策法规"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["现行文件", "废止文件"]
    assert items[0].findtext("description") == "摘要甲"
    assert items[0].findtext("link").endswith("/regulations/current-doc/")
    assert items[0].findtext("pubDate").startswith("Wed, 01 May 2024")


def test_atom_feed_follows_the_filters(client, docs):
    response = client.get(docs.url + "atom/?status=repealed")
    # Atom requires an author: the publishing bureau.
    assert "<author><name>" in response.content.decode()
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["废止文件"]
    assert "?status=repealed" in root.find(f"{ATOM}link").get("href")


def test_every_section_has_feeds(client, sections, drills_index):
    f.PlanPageFactory(parent=sections["plans"])
    f.ShelterPageFactory(parent=sections["shelters"])
    f.ArticlePageFactory(parent=sections["articles"])
    f.DrillPageFactory(parent=drills_index)
    for index in [*sections.values(), drills_index]:
        for suffix in ("feed/", "atom/"):
            response = client.get(index.url + suffix)
            assert response.status_code == 200, (index.url, suffix)
            ET.fromstring(response.content)


def test_list_page_advertises_its_feeds_with_the_same_filters(client, docs):
    html = client.get(docs.url + "?status=current").content.decode()
    assert 'type="application/rss+xml"' in html
    assert "/regulations/feed/?status=current" in html
