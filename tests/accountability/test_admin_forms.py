"""Saving through the admin forms: ratings, archiving, hazards by a department officer,
interviews with commitments, and field errors in Chinese."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from accountability import models as m
from accountability.services.audit import history

TODAY = timezone.localdate()


def _inline(prefix, rows=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(rows),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_rating_in_admin_sets_colour_and_decider(client, world):
    client.force_login(world.users["district"])
    r = client.post(
        reverse("accountability_rating:add"),
        {"enterprise": world.own.pk, "colour": "red", "reason": "发生亡人事故",
         "effective_from": TODAY.isoformat()},
    )  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:2000]
    rating = m.Rating.objects.get(enterprise=world.own)
    world.own.refresh_from_db()
    assert world.own.colour == "red" and rating.decided_by == world.users["district"]
    entry = history(rating).last()
    assert entry.user == world.users["district"] and entry.action == "create"


def test_credit_code_error_shown_in_form(client, world):
    client.force_login(world.users["district"])
    r = client.post(
        reverse("accountability_enterprise:add"),
        {"name": "新企业", "credit_code": "91350100M000100Y44", "industry": world.chem.pk,
         "jurisdiction": world.jinshui.pk, "risk_level": "low"},
    )  # fmt: skip
    assert r.status_code == 200
    assert "校验位错误" in r.content.decode()
    assert not m.Enterprise.objects.filter(name="新企业").exists()


def test_out_of_scope_choice_rejected(client, world):
    client.force_login(world.users["district"])
    r = client.post(
        reverse("accountability_hazard:add"),
        {"enterprise": world.other.pk, "title": "越权隐患", "level": "general",
         "found_on": TODAY.isoformat(), "rectification_days": 30},
    )  # fmt: skip
    assert r.status_code == 200
    assert not m.Hazard.objects.filter(title="越权隐患").exists()


def test_department_officer_records_hazard(client, world):
    client.force_login(world.users["department"])
    r = client.post(
        reverse("accountability_hazard:add"),
        {"enterprise": world.own_traffic.pk, "title": "车辆超载", "level": "general",
         "found_on": TODAY.isoformat(), "rectification_days": 15},
    )  # fmt: skip
    assert r.status_code == 302
    assert m.Hazard.objects.get(title="车辆超载").status == "found"


def test_archive_hides_but_keeps(client, world):
    client.force_login(world.users["city"])
    e = world.other
    data = {"name": e.name, "credit_code": e.credit_code, "industry": e.industry_id,
            "jurisdiction": e.jurisdiction_id, "risk_level": "low", "archived": "on"}  # fmt: skip
    r = client.post(reverse("accountability_enterprise:edit", args=[e.pk]), data)
    assert r.status_code == 302
    index = reverse("accountability_enterprise:index")
    client.get(index)  # shows (and consumes) the "updated" message naming the enterprise
    assert "二七化工" not in client.get(index).content.decode()
    assert "二七化工" in client.get(index + "?archived=true").content.decode()
    assert m.Enterprise.objects.filter(pk=e.pk).exists()
    assert history(e).first().after["archived"] is True


def test_interview_with_commitment_via_admin(client, world):
    client.force_login(world.users["district"])
    data = {
        "enterprise": world.own.pk, "reason": "整改不力", "interviewees": "主要负责人",
        "interviewers": "区应急局", "held_on": (TODAY - dt.timedelta(days=1)).isoformat(),
        "location": "会议室", "minutes": "纪要", "outcome": "",
        **_inline("commitments", 1), **_inline("follow_ups", 0),
        "commitments-0-content": "完成培训", "commitments-0-deadline": TODAY.isoformat(),
        "commitments-0-ORDER": "1", "commitments-0-id": "",
    }  # fmt: skip
    r = client.post(reverse("accountability_interview:add"), data)
    assert r.status_code == 302, r.content.decode()[-3000:]
    iv = m.Interview.objects.get(reason="整改不力")
    assert iv.commitments.count() == 1 and iv.created_by == world.users["district"]
    r = client.post(reverse("accountability_transition", args=["interview", iv.pk, "hold"]))
    iv.refresh_from_db()
    assert r.status_code == 302 and iv.status == "held"
    r = client.post(reverse("accountability_transition", args=["interview", iv.pk, "close"]))
    iv.refresh_from_db()
    assert iv.status == "held"  # not allowed from "held"


def test_jurisdiction_and_assessment_validation(client, world):
    client.force_login(world.users["city"])
    r = client.post(
        reverse("accountability_jurisdiction:add"),
        {"name": "金水区（重复）", "code": "jinshui", "kind": "district", "parent": world.city.pk},
    )
    assert r.status_code == 200 and "已被使用" in r.content.decode()
    r = client.post(
        reverse("accountability_assessment:add"),
        {"year": 2025, "score": 90, **_inline("veto_items", 0)},
    )
    assert r.status_code == 200 and "不能同时" in r.content.decode()
    assert not m.Assessment.objects.exists()
