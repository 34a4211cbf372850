"""Browser journey: a district supervisor records a warning interview held three weeks
ago, without a report, and sees it overdue on the dashboard; the public supervision list
renders at phone width."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import admin_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_district_supervisor_records_interview_and_sees_it_overdue(
    world, live_server, desktop_page, screenshot_dir
):
    page = desktop_page
    admin_login(page, live_server.url, "district", "pw-Test-123")
    page.goto(f"{live_server.url}/admin/accountability/")
    overdue_tile = page.locator(".acc-overdue-link").nth(3)
    assert overdue_tile.locator(".acc-num").inner_text() == "0"

    page.goto(f"{live_server.url}/admin/accountability_interview/new/")
    options = page.locator("select[name=enterprise] option").all_inner_texts()
    assert "二七化工" not in options  # other district's enterprise is not offered
    page.select_option("select[name=enterprise]", label="金水化工")
    page.fill("textarea[name=reason]", "动火作业管理混乱，一月内两次被查出问题")
    page.fill("input[name=interviewees]", "主要负责人 张经理")
    page.fill("input[name=interviewers]", "金水区应急管理局")
    held = timezone.localdate() - dt.timedelta(days=21)
    page.fill("input[name=held_on]", held.isoformat())
    page.fill("input[name=location]", "区应急管理局301会议室")
    page.fill("textarea[name=minutes]", "企业承认问题，承诺一周内提交书面整改报告。")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/admin/accountability_interview/**")
    page.screenshot(path=str(screenshot_dir / "accountability-interview-saved.png"), full_page=True)

    page.goto(f"{live_server.url}/admin/accountability/")
    tile = page.locator(".acc-overdue-link").nth(3)
    assert tile.locator(".acc-num").inner_text() == "1"
    page.screenshot(path=str(screenshot_dir / "accountability-dashboard.png"), full_page=True)
    tile.click()
    page.wait_for_url("**overdue=true**")
    assert "金水化工" in page.locator("main").inner_text()
    page.screenshot(path=str(screenshot_dir / "accountability-overdue-list.png"), full_page=True)


def test_public_supervision_list_phone(world, live_server, phone_page, screenshot_dir):
    from accountability.factories import SupervisionCaseFactory

    SupervisionCaseFactory(enterprise=world.own, title="储罐区重大隐患", is_public=True)
    SupervisionCaseFactory(enterprise=world.other, title="内部案件不公开", is_public=False)
    phone_page.goto(f"{live_server.url}/supervision-cases/")
    text = phone_page.locator("main").inner_text()
    assert "储罐区重大隐患" in text and "内部案件不公开" not in text
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.screenshot(
        path=str(screenshot_dir / "accountability-public-phone.png"), full_page=True
    )
