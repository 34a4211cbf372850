"""Business rules: credit codes, working days, state machines, audit immutability,
ratings and downgrade proposals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from accountability import models as m
from accountability.creditcode import check_character, credit_code_error, is_valid, make_code
from accountability.factories import (
    EnterpriseFactory,
    HazardFactory,
    InterviewFactory,
    SupervisionCaseFactory,
)
from accountability.models.workingdays import add_working_days, is_working_day, working_days_between
from accountability.services import ratings, workflow

D = dt.date


# --- credit code -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",
        "91110000600037341L",
        "91310000MA1FL4B24G",
        make_code("91410105MA1234567"),
    ],
)
def test_valid_credit_codes(code):
    assert is_valid(code), credit_code_error(code)


@pytest.mark.parametrize(
    "code,fragment",
    [
        ("91350100M000100Y44", "校验位"),  # wrong check character
        ("91350100M000100Y4", "18"),  # too short
        ("91350100M000100YI3", "无效字符"),  # I is not in the alphabet
        ("", "18"),
    ],
)
def test_invalid_credit_codes(code, fragment):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert fragment in str(credit_code_error(code))


def test_check_character_cycles_all_positions():
    base = "91410105MA1234567"
    code = base + check_character(base)
    for i in range(17):
        ch = "0" if code[i] != "0" else "1"
        broken = code[:i] + ch + code[i + 1 :]
        assert not is_valid(broken)


def test_model_rejects_bad_code(db):
    e = EnterpriseFactory.build(credit_code="91350100M000100Y44")
    with pytest.raises(ValidationError):
        e.full_clean(exclude=["industry", "jurisdiction"])


# --- working days ------------------------------------------------------------------------
def test_plain_week(db):
    assert add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Friday -> Monday
    assert add_working_days(D(2026, 11, 25), 5) == D(2026, 12, 2)


def test_holiday_span_and_adjusted_weekend(db):
    # National Day 2026: Oct 1-7 off, Sat Oct 10 is an adjusted working day (调休).
    for d in range(1, 8):
        m.CalendarDay.objects.create(date=D(2026, 10, d), is_workday=False, name="国庆节")
    m.CalendarDay.objects.create(date=D(2026, 10, 10), is_workday=True, name="国庆节调休")
    assert not is_working_day(D(2026, 10, 5))
    assert is_working_day(D(2026, 10, 10))
    # Interview on Wed Sep 30: 5 working days are Oct 8, 9, 10 (Sat, 调休), 12, 13.
    assert add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 13)) == 5


@override_settings(ACCOUNTABILITY_REPORT_WORKING_DAYS=3)
def test_report_due_uses_setting(db):
    iv = InterviewFactory(held_on=D(2026, 11, 27))
    assert iv.report_due_on == D(2026, 12, 2)


# --- state machines ----------------------------------------------------------------------
def test_hazard_lifecycle(world):
    district, dept = world.users["district"], world.users["department"]
    h = HazardFactory(enterprise=world.own_traffic)
    workflow.apply(h, "notify", dept, today=D(2026, 11, 1))
    assert h.status == "notified" and h.deadline == D(2026, 12, 1)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(h, "start", dept)  # measures missing
    h.measures = "更换报警器"
    workflow.apply(h, "start", dept)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(h, "request_review", dept)  # evidence after missing
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    h.evidence_after = Document.objects.create(title="整改后", file=ContentFile(b"x", "a.txt"))
    workflow.apply(h, "request_review", dept)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(h, "accept", dept)  # only supervisors accept
    workflow.apply(h, "accept", district)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(h, "notify", district)  # not from "accepted"
    workflow.apply(h, "close", district)
    assert h.status == "closed" and h.closed_on is not None
    assert not h.is_overdue


def test_out_of_scope_user_cannot_transition(world):
    h = HazardFactory(enterprise=world.other)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(h, "notify", world.users["district"])


def test_supervision_needs_five_in_place_and_city_closes(world):
    c = SupervisionCaseFactory(enterprise=world.own)
    district, city = world.users["district"], world.users["city"]
    with pytest.raises(workflow.TransitionError, match="五落实"):
        workflow.apply(c, "submit_plan", district)
    c.responsible_person, c.measures, c.funds, c.contingency_plan = "张三", "改造", 50, "值守"
    workflow.apply(c, "submit_plan", district)
    workflow.apply(c, "request_acceptance", city)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(c, "accept", district)  # acceptance findings missing
    c.acceptance_note = "验收合格"
    workflow.apply(c, "accept", district)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(c, "close", district, reason="验收合格")  # 销号 is for the city
    workflow.apply(c, "close", world.users["superuser"], reason="验收合格，予以销号")
    assert c.status == "closed" and c.closed_by == world.users["superuser"]


def test_interview_flow_and_overdue(world):
    iv = InterviewFactory(enterprise=world.own, held_on=D(2020, 1, 6))
    assert iv.report_overdue
    with pytest.raises(workflow.TransitionError):
        workflow.apply(iv, "hold", world.users["district"])  # minutes missing
    iv.minutes = "纪要"
    workflow.apply(iv, "hold", world.users["district"])
    workflow.apply(iv, "record_report", world.users["district"])
    assert not iv.report_overdue


def test_transition_table_is_complete():
    for model, table in workflow.TABLES.items():
        statuses = {s for s, _ in model.STATUS_CHOICES}
        for t in table:
            assert t.source in statuses and t.target in statuses
        reachable = {model._meta.get_field("status").default}
        for _ in table:
            reachable |= {t.target for t in table if t.source in reachable}
        assert reachable == statuses


# --- audit ---------------------------------------------------------------------------------
def test_audit_rows_written_and_immutable(world):
    from accountability.services.audit import as_user, history

    e = world.own
    with as_user(world.users["district"]):
        e.address = "新地址1号"
        e.save()
    entry = history(e).first()
    assert entry.action == "update" and entry.user == world.users["district"]
    assert entry.after == {"address": "新地址1号"} and "address" in entry.before
    entry.note = "tamper"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        m.AuditEntry.objects.filter(pk=entry.pk).update(note="x")
    with pytest.raises(PermissionDenied):
        m.AuditEntry.objects.all().delete()
    assert m.AuditEntry.objects.get(pk=entry.pk).note == ""


def test_m2m_changes_are_audited(world):
    from accountability.services.audit import history

    world.dept.industries.add(world.chem)
    entry = history(world.dept).first()
    assert entry.before == {"industries": [world.traffic.pk]}
    assert entry.after == {"industries": sorted([world.traffic.pk, world.chem.pk])}


# --- ratings -------------------------------------------------------------------------------
def test_rating_history_sets_colour_and_closes_previous(world):
    e = world.own
    m.InspectionFrequency.objects.create(colour="red", interval_days=30)
    first = ratings.record_rating(e, "blue", "初评", world.users["city"], D(2025, 1, 1))
    ratings.record_rating(e, "red", "事故", world.users["city"], D(2026, 3, 1))
    e.refresh_from_db()
    first.refresh_from_db()
    assert e.colour == "red" and first.effective_to == D(2026, 2, 28)
    e.last_inspected_on = D(2026, 11, 1)
    assert e.next_inspection_on == D(2026, 12, 1)


def test_downgrade_proposal_once_and_confirm(world):
    e = world.own
    ratings.record_rating(e, "blue", "初评", world.users["city"], D(2025, 1, 1))
    e.refresh_from_db()
    p, created = ratings.raise_proposal(e, "broken_commitment", "commitment:1")
    again, created2 = ratings.raise_proposal(e, "broken_commitment", "commitment:1")
    assert created and not created2 and p.pk == again.pk and p.proposed_colour == "yellow"
    ratings.decide(p, world.users["district"], confirm=True, note="属实")
    e.refresh_from_db()
    assert e.colour == "yellow" and p.status == "confirmed"
    with pytest.raises(ValueError):
        ratings.decide(p, world.users["district"], confirm=False)
