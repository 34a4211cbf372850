"""Fulfilment records of responsibility lists: the computed achieved figures, the annual
summary, scoping of the record form, audit, copy to a new year, the dossier."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accountability import models as m
from accountability.factories import (
    DutyFactory,
    FulfilmentRecordFactory,
    ResponsibilityListFactory,
)
from accountability.services import fulfilment

D = dt.date


def _duty(world, year, key="own", required=12, **kwargs):
    lst = ResponsibilityListFactory(enterprise=getattr(world, key), year=year)
    return DutyFactory(responsibility_list=lst, required_quantity=required, **kwargs)


def test_achieved_counts_only_records_of_the_year_not_archived(world):
    duty = _duty(world, 2025, required=5)
    for day, quantity, archived in [
        (D(2024, 12, 31), 7, False),  # year before
        (D(2025, 1, 1), 2, False),  # first day counts
        (D(2025, 12, 31), 3, False),  # last day counts
        (D(2026, 1, 1), 7, False),  # year after
        (D(2025, 6, 1), 9, True),  # archived
    ]:
        FulfilmentRecordFactory(duty=duty, performed_on=day, quantity=quantity, archived=archived)
    assert fulfilment.achieved_for(duty) == 5
    annotated = fulfilment.with_achieved(m.Duty.objects.filter(pk=duty.pk)).get()
    assert annotated.achieved == 5 and annotated.achieved_quantity == 5
    assert duty.is_met
    duty.required_quantity = 6
    assert not duty.is_met


def test_met_total_percentage_and_posts(world):
    lst = ResponsibilityListFactory(enterprise=world.own, year=2025)
    met = DutyFactory(responsibility_list=lst, post="主要负责人", required_quantity=2)
    short = DutyFactory(responsibility_list=lst, post="安全员", required_quantity=4)
    DutyFactory(responsibility_list=lst, post="安全员", required_quantity=None)  # not counted
    gone = DutyFactory(responsibility_list=lst, post="班组长", archived=True, required_quantity=1)
    FulfilmentRecordFactory(duty=met, performed_on=D(2025, 3, 1), quantity=2)
    FulfilmentRecordFactory(duty=short, performed_on=D(2025, 3, 1), quantity=3)
    FulfilmentRecordFactory(duty=gone, performed_on=D(2025, 3, 1))
    lst = m.ResponsibilityList.objects.get(pk=lst.pk)
    assert lst.fulfilment == (1, 2)
    assert lst.fulfilment_display == "1/2" and lst.fulfilment_percent == "50%"
    summary = fulfilment.summarise(lst, today=D(2026, 2, 1))
    assert [p.post for p in summary.posts] == ["主要负责人", "安全员"]
    assert [(p.met, p.total) for p in summary.posts] == [(1, 1), (0, 1)]
    assert summary.percentage == 50 and summary.behind == 1  # past year: behind = not met
    empty = ResponsibilityListFactory(enterprise=world.own)
    assert empty.fulfilment_percent == "—"


def test_behind_schedule_is_pro_rata_in_the_current_year():
    assert fulfilment.due_by(12, 2026, D(2026, 1, 1)) == 0
    assert fulfilment.due_by(12, 2026, D(2026, 7, 2)) == 6  # day 183 of 365
    assert fulfilment.due_by(12, 2026, D(2026, 12, 31)) == 12
    assert fulfilment.due_by(366, 2024, D(2024, 2, 29)) == 60  # leap year: day 60 of 366
    assert fulfilment.due_by(12, 2025, D(2026, 1, 1)) == 12  # past year: all of it
    assert fulfilment.due_by(12, 2027, D(2026, 6, 1)) == 0  # future year: nothing yet
    assert fulfilment.due_by(None, 2026, D(2026, 6, 1)) == 0
    status = fulfilment.DutyStatus(duty=None, required=12, achieved=5, due=6)
    assert status.behind and not status.met
    assert not fulfilment.DutyStatus(duty=None, required=12, achieved=6, due=6).behind


def test_summary_marks_behind_in_the_current_year(world):
    today = timezone.localdate()
    duty = _duty(world, today.year, required=365)
    FulfilmentRecordFactory(duty=duty, performed_on=today, quantity=1)
    summary = fulfilment.summarise(duty.responsibility_list, today=today)
    (status,) = summary.posts[0].duties
    assert status.achieved == 1
    assert status.behind == (fulfilment.due_by(365, today.year, today) > 1)


def _post_record(client, duty, day, quantity="1", description="检查消防通道"):
    return client.post(
        reverse("accountability_fulfilmentrecord:add"),
        {
            "duty": duty.pk,
            "performed_on": day.isoformat(),
            "quantity": quantity,
            "description": description,
        },  # fmt: skip
    )


def test_record_form_sets_recorder_writes_audit_and_opens_summary(client, world):
    today = timezone.localdate()
    duty = _duty(world, today.year)
    user = world.users["district"]
    client.force_login(user)
    r = _post_record(client, duty, today, quantity="2")
    assert r.status_code == 302
    assert r["Location"] == reverse(
        "accountability_responsibilitylist:inspect", args=[duty.responsibility_list_id]
    )
    record = m.FulfilmentRecord.objects.get(duty=duty)
    assert record.recorded_by == user and record.quantity == 2
    entry = m.AuditEntry.objects.get(model="accountability.FulfilmentRecord", object_id=record.pk)
    assert entry.user == user and entry.action == "create"
    assert entry.jurisdiction_path == world.own.jurisdiction.path
    assert duty.achieved_quantity == 2


def test_record_outside_the_year_or_in_the_future_is_refused(client, world):
    today = timezone.localdate()
    duty = _duty(world, today.year - 1)
    client.force_login(world.users["district"])
    r = _post_record(client, duty, D(today.year, 1, 1))
    assert r.status_code == 200
    assert f"日期必须在{today.year - 1}年内" in r.content.decode()
    current = _duty(world, today.year)
    r = _post_record(client, current, today + dt.timedelta(days=1))
    if today.month == 12 and today.day == 31:
        assert "日期必须在" in r.content.decode()
    else:
        assert "日期不能晚于今天" in r.content.decode()
    r = _post_record(client, current, today, quantity="0")
    assert r.status_code == 200
    assert not m.FulfilmentRecord.objects.exists()


def test_other_district_cannot_see_or_record_against_a_duty(client, world):
    today = timezone.localdate()
    theirs = _duty(world, today.year, key="other", duty="二七区专属职责")
    record = FulfilmentRecordFactory(duty=theirs, description="二七区履职内容")
    client.force_login(world.users["district"])
    lst = theirs.responsibility_list
    assert (
        client.get(reverse("accountability_responsibilitylist:inspect", args=[lst.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("accountability_fulfilmentrecord:edit", args=[record.pk])).status_code
        == 404
    )
    index = client.get(reverse("accountability_fulfilmentrecord:index")).content.decode()
    assert "二七区专属职责" not in index
    r = client.get(reverse("accountability_fulfilmentrecord:add") + f"?duty={theirs.pk}")
    body = r.content.decode()
    assert "二七区专属职责" not in body and "不在您的管辖范围" in body
    r = _post_record(client, theirs, today)
    assert r.status_code == 200 and "选择一个有效的选项" in r.content.decode()
    assert m.FulfilmentRecord.objects.filter(duty=theirs).count() == 1


def test_add_form_preselects_a_visible_duty(client, world):
    duty = _duty(world, timezone.localdate().year, duty="巡查危化品仓库")
    client.force_login(world.users["district"])
    r = client.get(reverse("accountability_fulfilmentrecord:add") + f"?duty={duty.pk}")
    body = r.content.decode()
    assert f'<option value="{duty.pk}" selected>' in body
    assert "巡查危化品仓库" in body


def test_inspect_view_shows_the_annual_summary(client, world):
    today = timezone.localdate()
    duty = _duty(world, today.year, post="安全总监", required=4, unit="次会议")
    FulfilmentRecordFactory(duty=duty, performed_on=D(today.year, 1, 1), quantity=3,
                            description="召开安委会会议")  # fmt: skip
    client.force_login(world.users["district"])
    lst = duty.responsibility_list
    body = client.get(
        reverse("accountability_responsibilitylist:inspect", args=[lst.pk])
    ).content.decode()
    assert "安全总监" in body and "4 次会议" in body and "3 次会议" in body
    assert "召开安委会会议" in body
    add = reverse("accountability_fulfilmentrecord:add")
    assert f'href="{add}?duty={duty.pk}"' in body
    index = client.get(reverse("accountability_responsibilitylist:index")).content.decode()
    assert "0/1" in index and "0%" in index
    client.force_login(world.users["auditor"])
    body = client.get(
        reverse("accountability_responsibilitylist:inspect", args=[lst.pk])
    ).content.decode()
    assert "召开安委会会议" in body and f"?duty={duty.pk}" not in body  # view only


def test_copy_copies_duties_never_records(client, world):
    duty = _duty(world, 2025, post="主要负责人")
    FulfilmentRecordFactory(duty=duty, performed_on=D(2025, 5, 1))
    old = duty.responsibility_list
    client.force_login(world.users["district"])
    url = reverse("accountability_responsibilitylist:copy", args=[old.pk])
    assert "不复制履职记录" in client.get(url).content.decode()
    r = client.post(url, {
        "title": old.title, "year": "2026", "enterprise": world.own.pk, "jurisdiction": "",
        "summary": "", "duties-TOTAL_FORMS": "0", "duties-INITIAL_FORMS": "0",
        "duties-MIN_NUM_FORMS": "0", "duties-MAX_NUM_FORMS": "1000",
    })  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:2000]
    new = m.ResponsibilityList.objects.get(year=2026, enterprise=world.own)
    (copied,) = new.duties.all()
    assert copied.post == "主要负责人" and copied.pk != duty.pk
    assert not copied.records.exists() and copied.achieved_quantity == 0
    assert duty.records.count() == 1 and list(old.duties.all()) == [duty]


def _list_form(lst, duty, **changes):
    data = {
        "title": lst.title, "year": str(lst.year), "enterprise": lst.enterprise_id,
        "jurisdiction": "", "summary": "", "duties-TOTAL_FORMS": "1",
        "duties-INITIAL_FORMS": "1", "duties-MIN_NUM_FORMS": "0",
        "duties-MAX_NUM_FORMS": "1000", "duties-0-id": duty.pk, "duties-0-post": duty.post,
        "duties-0-duty": duty.duty, "duties-0-required_quantity": duty.required_quantity,
        "duties-0-unit": duty.unit, "duties-0-ORDER": "1",
    }  # fmt: skip
    data.update(changes)
    return data


def test_list_form_keeps_records_consistent(client, world):
    duty = _duty(world, 2025)
    FulfilmentRecordFactory(duty=duty, performed_on=D(2025, 5, 1))
    lst = duty.responsibility_list
    client.force_login(world.users["district"])
    url = reverse("accountability_responsibilitylist:edit", args=[lst.pk])
    r = client.post(url, _list_form(lst, duty, **{"duties-0-DELETE": "1"}))
    assert r.status_code == 200 and "不能删除" in r.content.decode()
    assert m.Duty.objects.filter(pk=duty.pk).exists()
    r = client.post(url, _list_form(lst, duty, year="2026"))
    assert r.status_code == 200 and "1 条履职记录" in r.content.decode()
    r = client.post(url, _list_form(lst, duty, year="99999"))
    assert r.status_code == 200 and "请输入2000至2100之间的年份" in r.content.decode()
    r = client.post(url, _list_form(lst, duty, summary="全年完成"))
    assert r.status_code == 302
    lst.refresh_from_db()
    assert lst.year == 2025 and lst.summary == "全年完成"


def test_record_index_filters_and_export(client, world):
    a = _duty(world, 2025, post="主要负责人")
    b = _duty(world, 2024, post="安全员")
    FulfilmentRecordFactory(duty=a, performed_on=D(2025, 3, 1), description="三月会议")
    FulfilmentRecordFactory(duty=a, performed_on=D(2025, 9, 1), description="九月会议")
    FulfilmentRecordFactory(duty=b, performed_on=D(2024, 3, 1), description="去年检查")
    client.force_login(world.users["city"])
    url = reverse("accountability_fulfilmentrecord:index")

    def texts(query):
        r = client.get(url + query)
        body = b"".join(r.streaming_content) if r.streaming else r.content
        return body.decode()

    assert "去年检查" in texts("?export=csv&year=2024")
    assert "三月会议" not in texts("?export=csv&year=2024")
    body = texts("?export=csv&performed_on_after=2025-06-01&performed_on_before=2025-12-31")
    assert "九月会议" in body and "三月会议" not in body
    body = texts("?export=csv&post=安全")
    assert "去年检查" in body and "三月会议" not in body
    assert "九月会议" in texts("?export=csv&q=九月")


def test_dossier_shows_achieved_from_records(world):
    from accountability.report_kinds.documents import EnterpriseDossier
    from reports.pdf import render_html

    duty = _duty(world, 2025, post="设备主管", required=3, unit="次巡检")
    FulfilmentRecordFactory(duty=duty, performed_on=D(2025, 4, 1), quantity=2)
    FulfilmentRecordFactory(duty=duty, performed_on=D(2024, 4, 1), quantity=5)
    html = render_html(
        EnterpriseDossier(), {"credit_code": world.own.credit_code}, world.users["city"]
    )
    assert "设备主管" in html and "2 次巡检" in html and "未达标" in html
    assert "0/1" in html


def test_demo_has_records_instead_of_typed_figures(db):
    from demo import accountability as demo

    demo.load(io.StringIO())
    demo.load(io.StringIO())
    lists = m.ResponsibilityList.objects.all()
    assert lists.count() == 2
    records = m.FulfilmentRecord.objects.all()
    today = timezone.localdate()
    assert all(r.performed_on <= today and r.performed_on.year == today.year for r in records)
    assert all(r.recorded_by_id for r in records)
    if today >= D(today.year, 3, 1):  # records on dates through the year, up to today
        assert len({r.performed_on for r in records}) > 3


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_district_supervisor_records_fulfilment_on_a_phone(
    world, live_server, phone_page, screenshot_dir
):
    from tests.conftest import admin_login

    today = timezone.localdate()
    duty = _duty(world, today.year, post="安全管理人员", required=12, unit="次检查",
                 duty="每月组织一次全厂安全检查")  # fmt: skip
    FulfilmentRecordFactory(duty=duty, performed_on=D(today.year, 1, 1), quantity=1,
                            description="年初全厂安全检查")  # fmt: skip
    DutyFactory(responsibility_list=duty.responsibility_list, post="主要负责人",
                duty="每季度研究安全生产工作", required_quantity=4, unit="次会议")  # fmt: skip
    page = phone_page
    admin_login(page, live_server.url, "district", "pw-Test-123")
    url = reverse("accountability_responsibilitylist:inspect", args=[duty.responsibility_list_id])
    page.goto(live_server.url + url)
    main = page.locator("main")
    assert "年度履职情况" in main.inner_text() and "年初全厂安全检查" in main.inner_text()
    page.screenshot(path=str(screenshot_dir / "fulfilment-summary-phone.png"), full_page=True)

    page.locator(f'a[href$="?duty={duty.pk}"]').click()
    page.wait_for_url("**/accountability_fulfilmentrecord/new/**")
    assert page.locator("select[name=duty]").input_value() == str(duty.pk)
    page.fill("input[name=quantity]", "2")
    page.fill("textarea[name=description]", "检查罐区与装卸区，发现两处问题并当场整改")
    page.screenshot(path=str(screenshot_dir / "fulfilment-record-form-phone.png"), full_page=True)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**" + url)
    text = page.locator("main").inner_text()
    assert "检查罐区与装卸区" in text and "3 次检查" in text
    page.screenshot(path=str(screenshot_dir / "fulfilment-summary-after-phone.png"), full_page=True)
    record = m.FulfilmentRecord.objects.get(description__startswith="检查罐区")
    assert record.recorded_by == world.users["district"] and record.performed_on == today
