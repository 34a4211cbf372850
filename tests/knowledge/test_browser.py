"""Filtering the library on a phone, in Chinese, in Debian Chromium."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_filter_the_library_on_a_phone(live_server, demo, phone_page, screenshot_dir):
    page = phone_page
    page.goto(live_server.url + "/regulations/")
    assert page.locator("h1").inner_text() == "政策法规"
    assert page.locator("meta[name=robots]").count() == 0
    total = page.locator(".knowledge-items > li").count()
    assert total >= 10
    page.locator(".filter-panel > summary").click()
    page.select_option("#id_status", label="现行有效")
    page.select_option("#id_type", label="规范性文件")
    page.click("text=筛选 >> nth=-1")
    page.wait_for_url("**/regulations/?*status=current*")
    assert "type=normative" in page.url
    assert page.locator('meta[name="robots"][content="noindex"]').count() == 1
    rows = page.locator(".knowledge-items > li")
    assert 0 < rows.count() < total
    for text in rows.all_inner_texts():
        assert "现行有效" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(
        path=str(screenshot_dir / "knowledge-regulations-filtered-phone.png"), full_page=True
    )

    # The shared URL reproduces the same list; the first result opens with its metadata table.
    shared = page.url
    page.goto(shared)
    assert page.locator(".knowledge-items > li").count() == rows.count()
    page.locator(".k-title").first.click()
    page.wait_for_selector("table.metadata-table")
    assert "发布机构" in page.locator("table.metadata-table").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(
        path=str(screenshot_dir / "knowledge-regulation-detail-phone.png"), full_page=True
    )


def test_find_shelters_by_district_on_a_phone(live_server, demo, phone_page, screenshot_dir):
    page = phone_page
    page.goto(live_server.url + "/shelters/")
    page.locator(".filter-panel > summary").click()
    page.select_option("#id_district", label="郑东新区")
    page.click("text=筛选 >> nth=-1")
    page.wait_for_url("**/shelters/?*district=zhengdong*")
    texts = page.locator(".knowledge-items > li").all_inner_texts()
    assert len(texts) == 3 and all("郑东新区" in t for t in texts)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "knowledge-shelters-phone.png"), full_page=True)


@pytest.mark.parametrize(
    "path",
    [
        "/regulations/?status=current&type=normative",
        "/regulations/work-safety-law-2014/",
        "/plans/work-safety-accident-plan/",
        "/plans/drills/",
        "/safety-knowledge/home-fire/",
        "/shelters/?district=jinshui",
        "/shelters/zijingshan-park/",
        "/demonstration-sites/",
    ],
)
def test_knowledge_pages_have_no_wcag_violations(live_server, demo, phone_page, path):
    from tests.portal.test_accessibility import axe_violations

    phone_page.goto(live_server.url + path)
    assert axe_violations(phone_page) == []
