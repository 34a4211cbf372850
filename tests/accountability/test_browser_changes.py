"""Browser journey: the Jinshui district supervisor cannot move an overdue hazard's
deadline in the form, files an extension request (延期申请) instead; the city supervisor
sees it waiting on the dashboard, approves it, and the audit entry shows who did what."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import admin_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_extension_request_from_district_to_city_approval(
    demo, live_server, desktop_page, screenshot_dir
):
    from accountability import models as m
    from accountability.services import queries

    today = timezone.localdate()
    enterprise = m.Enterprise.objects.get(name="郑州豫中精细化工有限公司")
    hazard = m.Hazard.objects.create(
        enterprise=enterprise,
        title="反应釜温度联锁旁路未恢复",
        found_on=today - dt.timedelta(days=45),
        notified_on=today - dt.timedelta(days=44),
        rectification_days=30,
        status=m.Hazard.RECTIFYING,
        measures="恢复联锁并更换温度变送器",
    )
    district = m.StaffProfile.objects.get(user__username="jinshui_supervisor").user
    overdue_before = queries.overdue_counts(district)["hazards"]
    page, base = desktop_page, live_server.url

    admin_login(page, base, "jinshui_supervisor", "Demo-2026!")
    page.goto(f"{base}/admin/accountability_hazard/edit/{hazard.pk}/")
    days = page.locator("input[name=rectification_days]")
    assert days.is_disabled()  # the deadline cannot be moved in the form
    page.get_by_role("link", name="隐患整改延期申请").click()
    page.wait_for_url("**/accountability/changes/new/hazard/**")
    page.fill("textarea[name=reason]", "联锁改造需厂家到场调试，厂家排期在下月，申请延长整改期限。")
    page.fill("input[name=value]", "60")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/admin/accountability_changerequest/inspect/**")
    text = page.locator("main").inner_text()
    assert "待审批" in text and "市级监管人员（申请人以外）" in text
    assert page.get_by_role("button", name="批准").count() == 0  # not for the requester
    page.screenshot(
        path=str(screenshot_dir / "accountability-change-requested.png"), full_page=True
    )
    hazard.refresh_from_db()
    assert hazard.rectification_days == 30

    page.context.clear_cookies()
    admin_login(page, base, "city_supervisor", "Demo-2026!")
    page.goto(f"{base}/admin/accountability/")
    awaiting = page.locator(".acc-awaiting-link .acc-num").inner_text()
    assert int(awaiting) >= 2  # the demo's pending request and this one
    page.locator(".acc-awaiting-link").click()
    page.wait_for_url("**mine=true**")
    row = page.locator("tr", has_text="反应釜温度联锁旁路未恢复")
    assert "市级监管人员" in row.inner_text()
    row.get_by_role("link").first.click()
    page.wait_for_url("**/admin/accountability_changerequest/inspect/**")
    page.fill("textarea[name=note]", "情况属实，同意延期至60天。")
    page.get_by_role("button", name="批准").click()
    page.wait_for_url("**/admin/accountability_changerequest/inspect/**")
    text = page.locator("main").inner_text()
    assert "已批准" in text
    audit = page.locator(".acc-audit").inner_text()
    assert "city_supervisor" in audit and "jinshui_supervisor" in audit
    assert "同意延期" in audit
    page.screenshot(path=str(screenshot_dir / "accountability-change-approved.png"), full_page=True)

    hazard.refresh_from_db()
    assert hazard.rectification_days == 60 and hazard.deadline >= today
    assert queries.overdue_counts(district)["hazards"] == overdue_before - 1
    page.goto(f"{base}/admin/accountability_hazard/edit/{hazard.pk}/")
    page.locator("summary", has_text="审计").click()
    assert "已批准" in page.locator(".acc-status").inner_text()
