"""Bulk actions on the accountability lists: archive/restore, workflow step, record
inspection; scoping of selected ids and "select all"; permissions; audit entries; bad
input answered with form errors."""

import datetime as dt
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from accountability import models as m
from accountability.factories import HazardFactory, SupervisionCaseFactory
from accountability.services import bulk as rules
from accountability.views.bulk import has_archive_flag, listed_viewsets

HAZARDS = "/admin/accountability_hazard/"


def _url(model, action, ids, **params):
    query = [("id", i) for i in ids] + list(params.items())
    base = reverse("wagtail_bulk_action", args=["accountability", model, action])
    return f"{base}?{urlencode(query)}"


def _login(client, world, role):
    client.force_login(world.users[role])
    return client


def _audit(obj):
    return m.AuditEntry.objects.filter(model=obj._meta.label, object_id=str(obj.pk))


@pytest.fixture
def hazards(world):
    return {
        "own1": HazardFactory(enterprise=world.own, title="储罐区静电接地失效"),
        "own2": HazardFactory(enterprise=world.own_traffic, title="车辆动态监控离线"),
        "other": HazardFactory(enterprise=world.other, title="二七区隐患"),
    }


# --- The list: checkbox column and footer --------------------------------------------------


@pytest.mark.parametrize("role", ["city", "district", "superuser"])
def test_list_has_checkboxes_and_footer_for_users_who_may_change(client, world, hazards, role):
    html = _login(client, world, role).get(HAZARDS).content.decode()
    assert 'data-bulk-action-footer="ITEM"' in html
    assert "data-bulk-action-checkbox" in html
    assert "bulk-actions.js" in html
    assert reverse("wagtail_bulk_action", args=["accountability", "hazard", "archive"]) in html


def test_auditor_list_has_no_bulk_actions(client, world, hazards):
    html = _login(client, world, "auditor").get(HAZARDS).content.decode()
    assert "储罐区静电接地失效" in html
    assert "data-bulk-action-footer" not in html and "data-bulk-action-checkbox" not in html


def test_every_archivable_list_offers_bulk_actions_and_the_audit_trail_does_not(client, world):
    _login(client, world, "superuser")
    for model, viewset in listed_viewsets().items():
        html = client.get(reverse(viewset.get_url_name("index"))).content.decode()
        assert ("data-bulk-action-footer" in html) == has_archive_flag(model), model
    assert not has_archive_flag(m.AuditEntry)


def test_archive_offered_on_default_list_restore_on_archived_list(client, world, hazards):
    _login(client, world, "district")
    default = client.get(HAZARDS).content.decode()
    archived = client.get(HAZARDS + "?archived=true").content.decode()
    assert 'data-acc-offered-on="active">' in default
    assert 'data-acc-offered-on="archived" style="display: none">' in default
    assert 'data-acc-offered-on="archived">' in archived
    assert 'data-acc-offered-on="active" style="display: none">' in archived


def test_select_all_in_listing_offered_when_the_list_has_more_pages(client, world):
    for _ in range(31):
        HazardFactory(enterprise=world.own)
    html = _login(client, world, "district").get(HAZARDS).content.decode()
    assert "data-bulk-action-num-objects-in-listing" in html
    assert "选择列表中的全部记录（所有页）" in html
    page = client.get(_url("hazard", "archive", ["all"])).content.decode()
    assert "已选择 31 条记录" in page


def test_lists_without_their_own_filters_get_the_archived_filter(client, world):
    m.Rating.objects.create(
        enterprise=world.own, colour="yellow", reason="旧评级", effective_from=timezone.localdate()
    )
    m.Rating.objects.filter(reason="旧评级").update(archived=True)
    _login(client, world, "district")
    html = client.get("/admin/accountability_rating/?archived=true").content.decode()
    assert 'name="archived"' in html and "金水化工" in html


# --- Archive and restore ---------------------------------------------------------------------


def test_confirmation_page_lists_selected_records(client, world, hazards):
    _login(client, world, "district")
    response = client.get(_url("hazard", "archive", [hazards["own1"].pk, hazards["own2"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "储罐区静电接地失效" in html and "车辆动态监控离线" in html
    assert 'name="note"' in html


def test_archive_and_restore_write_audit_entries(client, world, hazards):
    user = world.users["district"]
    _login(client, world, "district")
    own1, own2 = hazards["own1"], hazards["own2"]
    response = client.post(
        _url("hazard", "archive", [own1.pk, own2.pk], next=HAZARDS), {"note": "重复录入"}
    )
    assert response.status_code == 302 and response["Location"] == HAZARDS
    own1.refresh_from_db()
    own2.refresh_from_db()
    assert own1.archived and own2.archived
    entry = _audit(own1).latest("pk")
    assert entry.user == user and entry.after == {"archived": True}
    assert "重复录入" in entry.note

    listing = client.get(HAZARDS).content.decode()
    assert "储罐区静电接地失效" not in listing

    response = client.post(_url("hazard", "restore", [own1.pk], next=HAZARDS), {})
    assert response.status_code == 302
    own1.refresh_from_db()
    assert not own1.archived
    assert _audit(own1).latest("pk").after == {"archived": False}
    assert _audit(own1).latest("pk").user == user


def test_archive_skips_records_already_archived(client, world, hazards):
    m.Hazard.objects.filter(pk=hazards["own2"].pk).update(archived=True)
    _login(client, world, "district")
    url = _url("hazard", "archive", [hazards["own1"].pk, hazards["own2"].pk], next=HAZARDS)
    assert "已归档。" in client.get(url).content.decode()  # announced on the confirmation
    response = client.post(url, {})
    assert response.status_code == 200  # result page lists the skipped record
    html = response.content.decode()
    assert "车辆动态监控离线" in html and "已归档。" in html
    assert m.Hazard.objects.get(pk=hazards["own1"].pk).archived


def test_nobody_archives_their_own_staff_profile(client, world):
    city = world.users["city"]
    own = m.StaffProfile.objects.get(user=city)
    district = m.StaffProfile.objects.get(user=world.users["district"])
    _login(client, world, "city")
    response = client.post(_url("staffprofile", "archive", [own.pk, district.pk]), {})
    assert response.status_code == 200 and "不能归档您本人的人员档案" in response.content.decode()
    own.refresh_from_db()
    district.refresh_from_db()
    assert not own.archived and district.archived


# --- Scoping ----------------------------------------------------------------------------------


def test_out_of_scope_ids_are_never_touched(client, world, hazards):
    _login(client, world, "district")
    ids = [hazards["own1"].pk, hazards["other"].pk]
    page = client.get(_url("hazard", "archive", ids)).content.decode()
    assert "二七区隐患" not in page
    assert "1 条所选记录不存在或不在您的辖区" in page
    client.post(_url("hazard", "archive", ids), {})
    assert m.Hazard.objects.get(pk=hazards["own1"].pk).archived
    assert not m.Hazard.objects.get(pk=hazards["other"].pk).archived
    assert not _audit(hazards["other"]).filter(action=m.AuditEntry.UPDATE).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_only_out_of_scope_or_bad_ids_answer_404(client, world, hazards, method):
    _login(client, world, "district")
    for ids in ([hazards["other"].pk], ["abc"], ["99999999999999999999"], []):
        response = getattr(client, method)(_url("hazard", "archive", ids))
        assert response.status_code == 404
    assert not m.Hazard.objects.get(pk=hazards["other"].pk).archived


def test_select_all_never_reaches_other_jurisdictions(client, world, hazards):
    _login(client, world, "district")
    client.post(_url("hazard", "archive", ["all"]), {})
    assert m.Hazard.objects.filter(archived=True).count() == 2
    assert not m.Hazard.objects.get(pk=hazards["other"].pk).archived


def test_select_all_follows_the_listing_search_and_filters(client, world, hazards):
    _login(client, world, "department")  # sees only the traffic enterprise
    client.post(_url("hazard", "archive", ["all"], q="隐患"), {})
    assert not m.Hazard.objects.filter(archived=True).exists()  # no visible match
    client.post(_url("hazard", "archive", ["all"], q="车辆"), {})
    assert list(m.Hazard.objects.filter(archived=True)) == [hazards["own2"]]
    # "select all" on the archived list restores only archived records
    _login(client, world, "city")
    m.Hazard.objects.filter(pk=hazards["other"].pk).update(archived=True)
    client.post(_url("hazard", "restore", ["all"], archived="true"), {})
    assert not m.Hazard.objects.filter(archived=True).exists()


def test_too_many_records_asks_to_narrow_the_list(client, world, hazards, monkeypatch):
    monkeypatch.setattr(rules, "MAX_RECORDS", 1)
    _login(client, world, "city")
    url = _url("hazard", "archive", ["all"])
    assert "请先用筛选条件缩小范围" in client.get(url).content.decode()
    response = client.post(url, {})
    assert response.status_code == 200 and "请先用筛选条件缩小范围" in response.content.decode()
    assert not m.Hazard.objects.filter(archived=True).exists()


# --- Permissions ------------------------------------------------------------------------------


def test_auditor_is_refused(client, world, hazards):
    _login(client, world, "auditor")
    for method in ("get", "post"):
        response = getattr(client, method)(_url("hazard", "archive", [hazards["own1"].pk]))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not m.Hazard.objects.filter(archived=True).exists()


def test_anonymous_is_sent_to_login(client, world, hazards):
    response = client.post(_url("hazard", "archive", [hazards["own1"].pk]), {})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not m.Hazard.objects.filter(archived=True).exists()


def test_department_officer_may_not_record_inspections(client, world):
    _login(client, world, "department")
    response = client.post(
        _url("enterprise", "record_inspection", [world.own_traffic.pk]),
        {"inspected_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    world.own_traffic.refresh_from_db()
    assert world.own_traffic.last_inspected_on is None


def test_unknown_action_or_model_is_404(client, world, hazards):
    _login(client, world, "city")
    assert client.get(_url("hazard", "record_inspection", [hazards["own1"].pk])).status_code == 404
    assert client.get(_url("auditentry", "archive", [1])).status_code == 404


# --- Workflow step ----------------------------------------------------------------------------


def test_workflow_step_applies_partially_and_reports_the_rest(client, world, hazards):
    user = world.users["district"]
    from accountability.services import workflow

    workflow.apply(hazards["own2"], "notify", user)  # already notified: cannot be notified
    _login(client, world, "district")
    ids = [hazards["own1"].pk, hazards["own2"].pk]
    page = client.get(_url("hazard", "workflow_step", ids)).content.decode()
    assert 'name="step"' in page and "下达整改通知" in page

    response = client.post(_url("hazard", "workflow_step", ids, next=HAZARDS), {"step": "notify"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 条记录已变更，1 条未变更" in html
    assert "车辆动态监控离线" in html and "当前状态“已下达通知”下不能执行此操作" in html
    own1 = m.Hazard.objects.get(pk=hazards["own1"].pk)
    assert own1.status == m.Hazard.NOTIFIED and own1.notified_on == timezone.localdate()
    entry = _audit(own1).latest("pk")
    assert entry.user == user and entry.after["status"] == m.Hazard.NOTIFIED


def test_workflow_step_all_changed_redirects_with_counts(client, world, hazards):
    _login(client, world, "district")
    ids = [hazards["own1"].pk, hazards["own2"].pk]
    response = client.post(_url("hazard", "workflow_step", ids, next=HAZARDS), {"step": "notify"})
    assert response.status_code == 302
    listing = client.get(HAZARDS).content.decode()
    assert "下达整改通知：2 条记录已变更" in listing
    assert m.Hazard.objects.filter(status=m.Hazard.NOTIFIED).count() == 2


def test_workflow_step_respects_roles(client, world):
    case = SupervisionCaseFactory(enterprise=world.own, status=m.SupervisionCase.ACCEPTED)
    _login(client, world, "district")  # closing (销号) is for city supervisors only
    response = client.post(_url("supervisioncase", "workflow_step", [case.pk]), {"step": "close"})
    assert "您的角色无权执行此操作" in response.content.decode()
    case.refresh_from_db()
    assert case.status == m.SupervisionCase.ACCEPTED


@pytest.mark.parametrize("step", ["", "delete", "submit_plan"])
def test_unknown_step_is_a_form_error(client, world, hazards, step):
    _login(client, world, "district")
    url = _url("hazard", "workflow_step", [hazards["own1"].pk])
    response = client.post(url, {"step": step})
    assert response.status_code == 200
    assert response.context["form"].errors["step"]
    assert m.Hazard.objects.get(pk=hazards["own1"].pk).status == m.Hazard.FOUND


# --- Record inspection ------------------------------------------------------------------------


def test_record_inspection_recomputes_next_inspection(client, world):
    m.InspectionFrequency.objects.create(colour="yellow", interval_days=90)
    m.Enterprise.objects.filter(pk=world.own.pk).update(colour="yellow")
    day = timezone.localdate() - dt.timedelta(days=3)
    _login(client, world, "district")
    url = _url("enterprise", "record_inspection", [world.own.pk, world.own_traffic.pk])
    page = client.get(url).content.decode()
    assert 'name="inspected_on"' in page and timezone.localdate().isoformat() in page
    response = client.post(url, {"inspected_on": day.isoformat(), "note": "双随机抽查"})
    assert response.status_code == 302
    own = m.Enterprise.objects.get(pk=world.own.pk)
    assert own.last_inspected_on == day
    assert own.next_inspection_on == day + dt.timedelta(days=90)
    entry = _audit(own).latest("pk")
    assert entry.user == world.users["district"]
    assert entry.after == {"last_inspected_on": day.isoformat()}
    assert "双随机抽查" in entry.note


def test_future_inspection_date_is_a_form_error(client, world):
    _login(client, world, "district")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for value in (tomorrow.isoformat(), "not a date", ""):
        response = client.post(
            _url("enterprise", "record_inspection", [world.own.pk]), {"inspected_on": value}
        )
        assert response.status_code == 200
        assert response.context["form"].errors["inspected_on"]
    assert "检查日期不能晚于今天" in str(
        client.post(
            _url("enterprise", "record_inspection", [world.own.pk]),
            {"inspected_on": tomorrow.isoformat()},
        ).content.decode()
    )
    world.own.refresh_from_db()
    assert world.own.last_inspected_on is None


def test_older_inspection_never_replaces_a_newer_one(client, world):
    recent = timezone.localdate() - dt.timedelta(days=1)
    m.Enterprise.objects.filter(pk=world.own.pk).update(last_inspected_on=recent)
    _login(client, world, "district")
    response = client.post(
        _url("enterprise", "record_inspection", [world.own.pk]),
        {"inspected_on": (recent - dt.timedelta(days=10)).isoformat()},
    )
    assert response.status_code == 200 and "已登记更晚的检查" in response.content.decode()
    world.own.refresh_from_db()
    assert world.own.last_inspected_on == recent


def test_service_rejects_future_dates_directly(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        rules.record_inspection(
            [world.own], timezone.localdate() + dt.timedelta(days=1), world.users["city"]
        )


# --- Browser journey --------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_district_supervisor_issues_notices_in_bulk(
    world, live_server, desktop_page, screenshot_dir
):
    from tests.conftest import admin_login

    first = HazardFactory(enterprise=world.own, title="储罐区静电接地失效")
    second = HazardFactory(enterprise=world.own_traffic, title="车辆动态监控离线")
    HazardFactory(enterprise=world.own, title="配电室无绝缘垫")  # not selected
    HazardFactory(enterprise=world.other, title="二七区隐患")  # other district
    old = HazardFactory(enterprise=world.own, title="重复录入的隐患", archived=True)
    page = desktop_page
    admin_login(page, live_server.url, "district", "pw-Test-123")
    page.goto(f"{live_server.url}{HAZARDS}")
    assert "二七区隐患" not in page.locator("main").inner_text()
    footer = page.locator("[data-bulk-action-footer]")
    assert footer.is_hidden()
    for hazard in (first, second):
        page.locator(f'input[data-bulk-action-checkbox][data-object-id="{hazard.pk}"]').check()
    assert footer.is_visible()
    assert footer.get_by_role("link", name="归档所选记录").is_visible()
    assert footer.get_by_role("link", name="恢复所选记录").is_hidden()
    # The footer slides in: the screenshot fast-forwards the transition to its end state.
    page.screenshot(
        path=str(screenshot_dir / "accountability-bulk-footer.png"), animations="disabled"
    )

    footer.get_by_role("link", name="对所选记录执行一个流程步骤").click()
    page.wait_for_url("**/bulk/accountability/hazard/workflow_step/**")
    items = page.locator("[data-acc-bulk-items]").inner_text()
    assert "储罐区静电接地失效" in items and "车辆动态监控离线" in items
    assert "配电室无绝缘垫" not in items
    page.select_option("select[name=step]", label="下达整改通知")
    page.screenshot(path=str(screenshot_dir / "accountability-bulk-confirm.png"), full_page=True)
    page.get_by_role("button", name="执行此步骤").click()

    page.wait_for_url(f"{live_server.url}{HAZARDS}**")
    text = page.locator("main").inner_text()
    assert "下达整改通知：2 条记录已变更" in page.content()
    rows = {
        title: page.locator("tr", has_text=title).inner_text()
        for title in ("储罐区静电接地失效", "车辆动态监控离线", "配电室无绝缘垫")
    }
    assert "已下达通知" in rows["储罐区静电接地失效"] and "已下达通知" in rows["车辆动态监控离线"]
    assert "已发现" in rows["配电室无绝缘垫"] and "已发现" in text
    page.screenshot(  # the message slides in: fast-forwarded, as above
        path=str(screenshot_dir / "accountability-bulk-done.png"),
        full_page=True,
        animations="disabled",
    )
    assert m.Hazard.objects.filter(status=m.Hazard.NOTIFIED).count() == 2

    # Switching the list to archived records (an AJAX filter) swaps archive for restore.
    page.get_by_role("button", name="显示过滤器").click()
    page.locator("button[aria-controls=drilldown-id_archived]").click()
    page.select_option("#id_archived", "true")
    page.wait_for_url("**archived=true**")
    page.keyboard.press("Escape")
    page.locator(f'input[data-bulk-action-checkbox][data-object-id="{old.pk}"]').check()
    assert footer.get_by_role("link", name="归档所选记录").is_hidden()
    footer.get_by_role("link", name="恢复所选记录").click()
    page.wait_for_url("**/bulk/accountability/hazard/restore/**")
    page.get_by_role("button", name="确认恢复").click()
    page.wait_for_url(f"{live_server.url}{HAZARDS}**")
    assert "恢复：1 条记录已变更" in page.content()
    old.refresh_from_db()
    assert not old.archived


def test_active_yes_no_filters_read_yes_or_no_in_chinese(client, world, hazards):
    """The chip above a filtered list says “已归档：是”, not Python's “True”."""
    hazards["own1"].archived = True
    hazards["own1"].save()
    client = _login(client, world, "district")
    html = client.get(HAZARDS + "?archived=true", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "储罐区静电接地失效" in html
    assert re.search(r"已归档：\s*</span>\s*<b[^>]*>是</b>", html)
