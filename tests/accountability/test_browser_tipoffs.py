"""Browser journey (issue 15, 安全生产举报): a resident files a hazard report on a phone
(390 px), the 金水区 supervisor accepts it in the admin, records the verification, turns it
into a hazard at the verified enterprise and writes the reply; the resident then enters
the receipt code and reads the reply. Each public page fits 390 px and passes axe-core.
Screenshots go to ``TIPOFF_SCREENSHOTS`` if set, else to the shared screenshot folder."""

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import admin_login
from tests.portal.test_accessibility import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (180, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width} px wide at 390 px"
    assert axe_violations(page) == []  # WCAG 2.1 A/AA, as on the other public pages


def test_report_to_hazard_to_reply(demo, live_server, phone_page, desktop_page, screenshot_dir):
    from accountability import models as m
    from accountability.services import tipoffs

    shots = Path(os.environ.get("TIPOFF_SCREENSHOTS") or screenshot_dir)
    shots.mkdir(parents=True, exist_ok=True)
    base, phone = live_server.url, phone_page

    # The resident finds the form from the footer of the home page.
    phone.goto(f"{base}/")
    phone.locator("footer").get_by_role("link", name="安全生产举报").click()
    phone.wait_for_url("**/jubao/")
    assert phone.locator("h1").inner_text() == "安全生产举报"
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(shots / "tipoff-form-390.png"), full_page=True)

    # A first attempt without an address: a Chinese message at the field, nothing filed.
    phone.fill(
        "textarea[name=description]", "化工厂东侧储罐区围堰的排水阀开着，有液体流到路边，气味刺鼻。"
    )
    phone.select_option("select[name=district]", label="金水区")
    phone.get_by_role("button", name="提交举报").click()
    phone.wait_for_load_state()
    assert "请填写此项。" in phone.locator("#id_address_error").inner_text()
    assert m.Tipoff.objects.count() == 8  # the demo's reports only
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(shots / "tipoff-form-errors-390.png"), full_page=True)

    phone.fill("input[name=address]", "金水区示例路7号东侧")
    phone.fill("input[name=enterprise_name]", "豫中精细化工")
    phone.set_input_files(
        "input[name=photos]",
        files=[{"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}],
    )
    phone.fill("input[name=contact_phone]", "13800000077")
    phone.get_by_role("button", name="提交举报").click()
    phone.wait_for_selector("#receipt-code")
    code = phone.locator("#receipt-code").inner_text().strip()
    assert "举报已收到" in phone.locator("h1").inner_text()
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(shots / "tipoff-done-390.png"), full_page=True)
    tipoff = tipoffs.find_by_code(code)
    assert tipoff is not None and tipoff.photos.count() == 1

    # The district supervisor handles it in the admin.
    admin = desktop_page
    admin_login(admin, base, "jinshui_supervisor", "Demo-2026!")
    admin.goto(f"{base}/admin/accountability_tipoff/")
    assert tipoff.reference in admin.locator("main").inner_text()
    admin.goto(f"{base}/admin/accountability_tipoff/inspect/{tipoff.pk}/")
    assert "13800000077" in admin.locator("#tip-contact").inner_text()
    admin.locator("button[data-step=accept]").click()
    admin.wait_for_selector("button[data-step=verify]")
    assert "已受理" in admin.locator("#tip-status").inner_text()
    admin.fill("#tip-findings", "现场核查：围堰排水阀未关闭，少量物料外渗，情况属实。")
    admin.locator("button[data-step=verify]").click()
    admin.wait_for_selector("button[data-step=register]")
    admin.select_option("#tip-enterprise", label="郑州豫中精细化工有限公司")
    admin.locator("button[data-step=register]").click()
    admin.wait_for_selector("#tip-hazard")
    admin.fill(
        "#tip-reply", "经核查，您反映的情况属实，已立案为隐患并责令企业立即整改。感谢您的举报。"
    )
    admin.locator("button[data-step=reply]").click()
    admin.wait_for_selector("text=已答复")
    admin.screenshot(path=str(shots / "tipoff-admin-replied.png"), full_page=True)

    tipoff.refresh_from_db()
    assert tipoff.status == m.Tipoff.REPLIED
    assert tipoff.hazard.enterprise.name == "郑州豫中精细化工有限公司"
    assert tipoff.hazard.evidence_before_id == tipoff.photos.get().document_id

    # The resident checks the result with the receipt code.
    phone.goto(f"{base}/jubao/chaxun/")
    phone.fill("input[name=code]", code.lower())
    phone.get_by_role("button", name="查询", exact=True).click()
    phone.wait_for_selector("#tipoff-reply")
    assert "已立案为隐患并责令企业立即整改" in phone.locator("#tipoff-reply").inner_text()
    assert phone.locator("#tipoff-status").inner_text() == "已答复"
    text = phone.locator("main").inner_text()
    assert "13800000077" not in text and "储罐区围堰" not in text
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(shots / "tipoff-status-390.png"), full_page=True)
