"""Credit codes: one enterprise per code whatever the letter case; the check-character
error does not give the right character away; a dossier request answers the same for a
code that does not exist and for one in another jurisdiction."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from accountability import models as m
from accountability.creditcode import check_character, credit_code_error, make_code
from accountability.factories import EnterpriseFactory
from reports.services import ReportError, create_job

LOWER_BASE = "91410105ma1234567"


def _lower_code():
    code = make_code(LOWER_BASE)
    return code.lower(), code


def test_lower_case_code_is_stored_upper_case(world):
    lower, upper = _lower_code()
    e = EnterpriseFactory(credit_code=lower, jurisdiction=world.jinshui, industry=world.chem)
    e.refresh_from_db()
    assert e.credit_code == upper
    assert m.Enterprise.objects.get(credit_code=lower) == e  # look-ups normalise too
    with pytest.raises(IntegrityError), transaction.atomic():
        EnterpriseFactory(credit_code=upper, jurisdiction=world.jinshui, industry=world.chem)


def test_form_rejects_lower_case_twin_of_existing_code(client, world):
    lower, upper = _lower_code()
    EnterpriseFactory(credit_code=upper, name="原企业", jurisdiction=world.jinshui)
    client.force_login(world.users["district"])
    r = client.post(
        reverse("accountability_enterprise:add"),
        {"name": "同码企业", "credit_code": lower, "industry": world.chem.pk,
         "jurisdiction": world.jinshui.pk, "risk_level": "low"},
    )  # fmt: skip
    assert r.status_code == 200
    assert not m.Enterprise.objects.filter(name="同码企业").exists()
    assert m.Enterprise.objects.filter(credit_code__iexact=upper).count() == 1


def test_form_saves_lower_case_code_upper_case(client, world):
    lower, upper = _lower_code()
    client.force_login(world.users["district"])
    r = client.post(
        reverse("accountability_enterprise:add"),
        {"name": "小写企业", "credit_code": lower, "industry": world.chem.pk,
         "jurisdiction": world.jinshui.pk, "risk_level": "low"},
    )  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:1500]
    assert m.Enterprise.objects.get(name="小写企业").credit_code == upper


def test_check_character_error_does_not_reveal_the_right_one():
    """The message is the same whichever code was typed, so it cannot carry the right
    character; in Chinese it holds no code character at all."""
    right = check_character(LOWER_BASE.upper())
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            messages = {
                str(credit_code_error(LOWER_BASE.upper() + wrong))
                for wrong in "0123456789ABCDEFGHJKLMNPQRTUWXY"
                if wrong != right
            }
        assert len(messages) == 1, messages
    with translation.override("zh-hans"):
        zh = str(credit_code_error(LOWER_BASE.upper() + ("0" if right != "0" else "1")))
    assert "校验位错误" in zh
    assert not any(ch in zh for ch in "0123456789ABCDEFGHJKLMNPQRTUWXY"), zh


def test_dossier_request_same_answer_for_missing_and_foreign_code(world):
    missing = make_code("91410105MA7654321")
    answers = {}
    for key, code in (("missing", missing), ("foreign", world.other.credit_code)):
        with translation.override("zh-hans"), pytest.raises(ReportError) as exc:
            create_job("enterprise", {"credit_code": code}, world.users["district"])
        answers[key] = str(exc.value).replace(code, "<code>")
    assert answers["missing"] == answers["foreign"]
    assert "没有" in answers["foreign"] or "No enterprise" in answers["foreign"]
    job = create_job("enterprise", {"credit_code": world.own.credit_code}, world.users["district"])
    assert job.params["credit_code"] == world.own.credit_code


def test_interview_document_same_answer_for_missing_and_foreign_record(world):
    from accountability.factories import InterviewFactory

    foreign = InterviewFactory(enterprise=world.other)
    answers = {}
    for key, pk in (("missing", foreign.pk + 1000), ("foreign", foreign.pk)):
        with translation.override("zh-hans"), pytest.raises(ReportError) as exc:
            create_job("interview-notice", {"interview": pk}, world.users["district"])
        answers[key] = str(exc.value).replace(str(pk), "<id>")
    assert answers["missing"] == answers["foreign"]
