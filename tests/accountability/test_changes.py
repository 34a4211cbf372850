"""Controlled changes (finding 4): deadlines, veto items, scores and case closure change
only through a written request decided by a different person of the right level; the
forms cannot change them directly; every step is in the audit trail."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accountability import models as m
from accountability.factories import HazardFactory, SupervisionCaseFactory
from accountability.services import changes, queries, workflow
from accountability.services.audit import history

TODAY = timezone.localdate()
CR = m.ChangeRequest


@pytest.fixture
def overdue_hazard(world):
    return HazardFactory(
        enterprise=world.own,
        title="储罐区静电接地失效",
        notified_on=TODAY - dt.timedelta(days=40),
        rectification_days=30,
        status=m.Hazard.RECTIFYING,
        measures="更换接地线",
    )


def hazard_form(h, **overrides):
    data = {
        "enterprise": h.enterprise_id, "title": h.title, "description": h.description,
        "level": h.level, "found_on": h.found_on.isoformat(), "found_by": h.found_by,
        "rectification_days": h.rectification_days, "measures": h.measures,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_district_cannot_move_deadline_in_the_form(client, world, overdue_hazard):
    """The reported case: 30 → 90 days in the edit form made the overdue count 1 → 0."""
    district = world.users["district"]
    assert queries.overdue_counts(district)["hazards"] == 1
    client.force_login(district)
    url = reverse("accountability_hazard:edit", args=[overdue_hazard.pk])
    r = client.post(url, hazard_form(overdue_hazard, rectification_days=90))
    assert r.status_code in (200, 302)
    overdue_hazard.refresh_from_db()
    assert overdue_hazard.rectification_days == 30
    assert overdue_hazard.deadline == TODAY - dt.timedelta(days=10)
    assert queries.overdue_counts(district)["hazards"] == 1
    page = client.get(url).content.decode()
    assert "延期" in page  # the locked field points to the request


def test_extension_request_needs_city_approval_and_is_audited(client, world, overdue_hazard):
    district, city = world.users["district"], world.users["city"]
    client.force_login(district)
    url = reverse("accountability_change_request", args=["hazard", overdue_hazard.pk])
    r = client.post(f"{url}?kind={CR.HAZARD_EXTENSION}", {"reason": "", "value": "90"})
    assert r.status_code == 200 and "必需字段" in r.content.decode() and not CR.objects.exists()
    r = client.post(
        f"{url}?kind={CR.HAZARD_EXTENSION}", {"reason": "需进口防爆配件，到货需60天", "value": "90"}
    )
    request = CR.objects.get()
    assert r.status_code == 302 and request.status == CR.PENDING
    assert request.requested_by == district and request.summary == "整改期限 30 → 90 天"
    overdue_hazard.refresh_from_db()
    assert overdue_hazard.rectification_days == 30  # nothing changes before approval

    # the requester cannot approve, nor can another district supervisor's role
    decide = reverse("accountability_change_decide", args=[request.pk])
    client.post(decide, {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == CR.PENDING
    assert changes.awaiting(district).count() == 0
    assert list(changes.awaiting(city)) == [request]
    from notifications.models import Notification

    told = Notification.objects.filter(key=f"accountability:change:{request.pk}:filed")
    assert list(told.values_list("user__username", flat=True)) == ["city"]
    assert "储罐区静电接地失效" in told.get().title

    client.force_login(city)
    inspect = client.get(reverse("accountability_changerequest:inspect", args=[request.pk]))
    assert "市级监管人员（申请人以外）" in inspect.content.decode()
    client.post(decide, {"decision": "approve", "note": "同意延期"})
    request.refresh_from_db()
    overdue_hazard.refresh_from_db()
    assert request.status == CR.APPROVED and request.decided_by == city
    assert overdue_hazard.rectification_days == 90
    assert queries.overdue_counts(district)["hazards"] == 0
    answer = Notification.objects.get(key=f"accountability:change:{request.pk}:decided")
    assert answer.user == district and answer.title.startswith("已批准")

    entries = list(history(request).order_by("pk"))
    assert [(e.user, e.action) for e in entries] == [(district, "create"), (city, "update")]
    assert "需进口防爆配件" in entries[0].note
    change = history(overdue_hazard).filter(user=city).get()
    assert change.after["rectification_days"] == 90 and "已批准" in change.note


def test_rejection_needs_a_reason(world, overdue_hazard):
    request = changes.request_change(
        overdue_hazard, CR.HAZARD_EXTENSION, world.users["district"], "工期紧张", 60
    )
    with pytest.raises(changes.ChangeError):
        changes.decide(request, world.users["city"], approve=False)
    changes.decide(request, world.users["city"], approve=False, note="理由不充分")
    overdue_hazard.refresh_from_db()
    assert request.status == CR.REJECTED and overdue_hazard.rectification_days == 30


@pytest.mark.parametrize("value", ["20", "abc", "30", "99999"])
def test_extension_must_extend(world, overdue_hazard, value):
    with pytest.raises(changes.ChangeError):
        changes.request_change(
            overdue_hazard, CR.HAZARD_EXTENSION, world.users["district"], "理由", value
        )


@pytest.fixture
def district_assessment(world):
    a = m.Assessment.objects.create(year=TODAY.year, jurisdiction=world.jinshui, score=85)
    m.VetoItem.objects.create(
        assessment=a, reason="发生一起较大生产安全事故", occurred_on=TODAY - dt.timedelta(days=30)
    )
    return a


def assessment_form(a, delete_veto=False, **overrides):
    items = [
        {"id": v.pk, "reason": v.reason, "occurred_on": v.occurred_on.isoformat(),
         "DELETE": "1" if delete_veto else ""}
        for v in a.veto_items.all()
    ]  # fmt: skip
    data = {
        "year": a.year, "jurisdiction": a.jurisdiction_id or "", "enterprise": a.enterprise_id or "",
        "score": str(a.score), "responsible_leaders": "", "remarks": "",
        "veto_items": inline_formset(items, initial=len(items)),
    }  # fmt: skip
    data.update(overrides)
    return nested_form_data(data)


def test_deleting_the_veto_item_in_the_form_is_refused(client, world, district_assessment):
    """The reported case: deleting the inline veto item turned 一票否决 into 良好."""
    assert district_assessment.outcome == "vetoed"
    client.force_login(world.users["city"])
    url = reverse("accountability_assessment:edit", args=[district_assessment.pk])
    r = client.post(url, assessment_form(district_assessment, delete_veto=True))
    assert r.status_code == 200 and "撤销否决" in r.content.decode()
    assert district_assessment.veto_items.count() == 1
    assert m.Assessment.objects.get(pk=district_assessment.pk).outcome == "vetoed"


def test_district_cannot_change_its_own_score(client, world, district_assessment):
    """The reported case: a district supervisor edited its own district's score."""
    district, city = world.users["district"], world.users["city"]
    client.force_login(district)
    url = reverse("accountability_assessment:edit", args=[district_assessment.pk])
    client.post(url, assessment_form(district_assessment, score="98"))
    district_assessment.refresh_from_db()
    assert district_assessment.score == Decimal("85")
    # a request is possible, but no district staff may approve it, only the level above
    request = changes.request_change(
        district_assessment, CR.CHANGE_SCORE, district, "复核加分项漏计", "88"
    )
    other_district = m.Jurisdiction.objects.get(code="jinshui")
    assert changes.own_unit(district, request) and other_district == world.jinshui
    with pytest.raises(changes.ChangeError):
        changes.decide(request, district, approve=True)
    changes.decide(request, city, approve=True, note="复核属实")
    district_assessment.refresh_from_db()
    assert district_assessment.score == Decimal("88.0")


def test_district_cannot_assess_itself(client, world):
    client.force_login(world.users["district"])
    r = client.post(
        reverse("accountability_assessment:add"),
        nested_form_data(
            {"year": TODAY.year, "jurisdiction": world.jinshui.pk, "enterprise": "",
             "score": "99", "responsible_leaders": "", "remarks": "",
             "veto_items": inline_formset([])}
        ),
    )  # fmt: skip
    assert r.status_code == 200 and "不能对本单位" in r.content.decode()
    assert not m.Assessment.objects.exists()


def test_veto_removal_by_request(world, district_assessment):
    district, city = world.users["district"], world.users["city"]
    item = district_assessment.veto_items.get()
    request = changes.request_change(
        district_assessment, CR.REMOVE_VETO, district, "事故责任认定为非本辖区", veto_item=item
    )
    assert district_assessment.outcome == "vetoed"
    changes.decide(request, city, approve=True, note="经调查报告确认")
    assert m.Assessment.objects.get(pk=district_assessment.pk).outcome == "good"
    deleted = m.AuditEntry.objects.get(model="accountability.VetoItem", action="delete")
    assert deleted.user == city and "事故责任认定" in deleted.note


def test_one_person_cannot_request_pass_and_close(world):
    """The reported case: one user requested acceptance, passed it and closed (销号)
    a listed-supervision case within a minute."""
    city, district = world.users["city"], world.users["district"]
    c = SupervisionCaseFactory(
        enterprise=world.own, status=m.SupervisionCase.RECTIFYING, acceptance_note="验收合格"
    )
    workflow.apply(c, "request_acceptance", city)
    with pytest.raises(workflow.TransitionError, match="须由他人办理"):
        workflow.apply(c, "accept", city)
    assert "accept" not in [t.action for t in workflow.allowed_transitions(c, city)]
    workflow.apply(c, "accept", district)
    with pytest.raises(workflow.TransitionError, match="须由他人办理"):
        workflow.apply(c, "close", city, reason="验收合格")
    assert c.status == m.SupervisionCase.ACCEPTED


def test_closure_needs_a_written_reason(client, world):
    city2 = m.Jurisdiction.objects.get(code="zz")
    from accountability.factories import make_staff
    from accountability.services import roles

    approver = make_staff("city2", roles.CITY, city2)
    c = SupervisionCaseFactory(
        enterprise=world.own, status=m.SupervisionCase.ACCEPTED,
        acceptance_requested_by=world.users["city"], accepted_by=world.users["district"],
    )  # fmt: skip
    client.force_login(approver)
    url = reverse("accountability_transition", args=["supervisioncase", c.pk, "close"])
    client.post(url, {"reason": "  "})
    c.refresh_from_db()
    assert c.status == m.SupervisionCase.ACCEPTED
    client.post(url, {"reason": "验收合格，同意销号"})
    c.refresh_from_db()
    assert c.status == m.SupervisionCase.CLOSED and c.closed_by == approver
    assert "同意销号" in history(c).first().note


def test_case_period_locked_and_reopen_by_request(client, world):
    district, city = world.users["district"], world.users["city"]
    c = SupervisionCaseFactory(enterprise=world.own, status=m.SupervisionCase.CLOSED)
    client.force_login(district)
    page = client.get(reverse("accountability_supervisioncase:edit", args=[c.pk])).content
    assert "disabled" in page.decode().split('name="period_days"')[1][:200]
    request = changes.request_change(c, CR.REOPEN_CASE, district, "复查发现隐患反弹")
    changes.decide(request, city, approve=True, note="同意重新整改")
    c.refresh_from_db()
    assert c.status == m.SupervisionCase.RECTIFYING and c.closed_on is None


def test_pending_list_and_dashboard_show_who_must_act(client, world, overdue_hazard):
    changes.request_change(
        overdue_hazard, CR.HAZARD_EXTENSION, world.users["district"], "缺配件", 60
    )
    client.force_login(world.users["city"])
    r = client.get(reverse("accountability_changerequest:index") + "?status=pending")
    text = r.content.decode()
    assert r.status_code == 200 and "储罐区静电接地失效" in text and "市级监管人员" in text
    dash = client.get(reverse("accountability_dashboard"))
    assert dash.context["pending_changes"] == 1 and dash.context["awaiting_changes"] == 1
    client.force_login(world.users["district"])
    dash = client.get(reverse("accountability_dashboard"))
    assert dash.context["pending_changes"] == 1 and dash.context["awaiting_changes"] == 0
    # the other district sees nothing of it
    assert changes.pending(world.users["department"]).count() == 0


@pytest.mark.parametrize("role", ["city", "district", "department", "auditor", "superuser"])
def test_change_request_pages_never_fail(client, world, overdue_hazard, role):
    request = changes.request_change(
        overdue_hazard, CR.HAZARD_EXTENSION, world.users["district"], "缺配件", 60
    )
    client.force_login(world.users[role])
    sees = role in ("city", "district", "auditor", "superuser")
    pages = {
        reverse("accountability_changerequest:index"): 200,
        reverse("accountability_changerequest:index") + "?status=pending&mine=true": 200,
        reverse("accountability_changerequest:inspect", args=[request.pk]): 200 if sees else 404,
        reverse("accountability_change_request", args=["hazard", overdue_hazard.pk])
        + "?kind=hazard_extension": {"auditor": 302, "department": 404}.get(role, 200),
        reverse("accountability_change_request", args=["hazard", overdue_hazard.pk])
        + "?kind=nonsense": 404 if sees else 404,
    }
    for url, status in pages.items():
        assert client.get(url).status_code == status, url
    edit = client.get(reverse("accountability_changerequest:edit", args=[request.pk]))
    assert edit.status_code in (302, 403, 404)  # read-only for everyone
    decide = reverse("accountability_change_decide", args=[request.pk])
    assert client.get(decide).status_code == 405
    r = client.post(decide, {"decision": "approve", "note": "x"})
    request.refresh_from_db()
    assert r.status_code in (302, 404)
    assert request.status == (CR.APPROVED if role in ("city", "superuser") else CR.PENDING)


def test_demo_shows_the_controls_in_use(demo):
    from django.contrib.auth import get_user_model

    from notifications.models import Notification

    users = get_user_model().objects.in_bulk(
        ["jinshui_supervisor", "city_supervisor"], field_name="username"
    )
    (request,) = CR.objects.filter(status=CR.PENDING)
    assert request.requested_by == users["jinshui_supervisor"] and request.reason
    assert list(changes.awaiting(users["city_supervisor"])) == [request]
    assert m.Enterprise.objects.inspection_overdue().filter(colour="red").exists()
    reminders = Notification.objects.filter(key__startswith="accountability:")
    assert reminders.filter(key__contains=":inspection:").exists()
    assert reminders.filter(key__contains=":hazard:").exists()
