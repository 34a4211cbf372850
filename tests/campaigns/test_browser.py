"""Browser journey: an editor writes a campaign with an activity and submits it, a reviewer
approves it in the admin, and the public sees the campaign and its statistics on a phone."""

import pytest
from django.contrib.auth.models import Group

from campaigns.services.desk import EDITORS, REVIEWERS
from tests.conftest import admin_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def staff(django_user_model):
    editor = django_user_model.objects.create_user("bianji", password="editor-pass-512")
    editor.groups.add(Group.objects.get(name=EDITORS))
    reviewer = django_user_model.objects.create_user("shenhe", password="review-pass-512")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    return editor, reviewer


def _set_date(page, selector, value):
    """Types a date without opening Wagtail's date picker, whose pop-up would otherwise
    stay open over the next button the test clicks."""
    page.eval_on_selector(
        selector,
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('change', {bubbles: true})); }",
        value,
    )


def _logout(page, base):
    page.context.clear_cookies()


def test_editor_reviewer_public_journey(
    live_server, index, staff, desktop_page, phone_page, screenshot_dir
):
    base = live_server.url
    page = desktop_page

    # 1. The editor writes the campaign and one activity, then submits it for review.
    admin_login(page, base, "bianji", "editor-pass-512")
    page.goto(f"{base}/admin/pages/add/campaigns/campaignpage/{index.pk}/")
    page.fill("#id_title", "2027年“5·12”防灾减灾日主题宣传周")
    page.select_option("#id_kind", label="防灾减灾日")
    page.fill("#id_year", "2027")
    page.fill("#id_theme", "人人讲安全、个个会应急")
    _set_date(page, "#id_start_date", "2027-05-09")
    _set_date(page, "#id_end_date", "2027-05-15")
    page.fill("#id_organisers", "郑州市减灾委员会、郑州市应急管理局")
    page.get_by_role("tab", name="活动", exact=True).click()
    page.click("#id_activities-ADD")
    page.fill("#id_activities-0-title", "社区地震应急疏散演练")
    page.select_option("#id_activities-0-channel", "community")
    page.select_option("#id_activities-0-district", "jinshui")
    _set_date(page, "#id_activities-0-start", "2027-05-12 09:00")
    _set_date(page, "#id_activities-0-end", "2027-05-12 11:30")
    page.fill("#id_activities-0-organiser", "金水区应急管理局")
    page.fill("#id_activities-0-people_reached", "3200")
    page.screenshot(path=str(screenshot_dir / "campaigns-editor-activity.png"), full_page=True)
    page.locator("footer .w-dropdown__toggle").click()
    page.click("button[name=action-submit]")
    page.wait_for_selector(".messages")
    assert "已提交" in page.locator(".messages").inner_text() or "审核" in page.content()
    page.screenshot(path=str(screenshot_dir / "campaigns-editor-submitted.png"))
    _logout(page, base)

    # The public cannot see it yet.
    from campaigns.models import CampaignPage

    campaign = CampaignPage.objects.get(year=2027)
    assert not campaign.live
    assert phone_page.goto(f"{base}/campaigns/{campaign.slug}/").status == 404

    # 2. The reviewer approves it from the editor view.
    admin_login(page, base, "shenhe", "review-pass-512")
    assert "等待你的审查" in page.locator("main").inner_text()
    page.goto(f"{base}/admin/pages/{campaign.pk}/edit/")
    page.screenshot(path=str(screenshot_dir / "campaigns-reviewer-edit.png"))
    page.locator("footer .w-dropdown__toggle").click()
    page.click(
        "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    page.wait_for_selector(".messages")
    page.screenshot(path=str(screenshot_dir / "campaigns-reviewer-approved.png"))
    campaign.refresh_from_db()
    assert campaign.live

    # The reviewer's statistics view in the admin shows the figure.
    page.click("text=宣传统计")
    assert "3,200" in page.locator("main").inner_text()
    page.click(f"text={campaign.title}")
    page.wait_for_selector("svg.bar-chart")
    page.screenshot(path=str(screenshot_dir / "campaigns-admin-statistics.png"), full_page=True)

    # 3. The public finds it on a phone, with its statistics.
    public = phone_page
    public.goto(f"{base}/campaigns/")
    public.click(f"text={campaign.title}")
    public.wait_for_selector("[data-total-reached]")
    assert public.locator("h1").inner_text() == campaign.title
    assert public.locator("[data-total-reached]").inner_text() == "3,200"
    assert public.locator("svg.bar-chart").count() >= 2
    assert "社区地震应急疏散演练" in public.locator("#calendar").inner_text()
    assert public.evaluate("document.documentElement.scrollWidth") <= 390
    public.screenshot(path=str(screenshot_dir / "campaigns-public-phone.png"), full_page=True)
