"""The accountability PDFs, rendered by real WeasyPrint and read back with pypdf."""

import datetime as dt
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accountability.factories import (
    EnterpriseFactory,
    HazardFactory,
    IndustryFactory,
    InterviewFactory,
    JurisdictionFactory,
    SupervisionCaseFactory,
    make_staff,
)
from accountability.models import Assessment, Commitment, VetoItem
from accountability.services.ratings import record_rating
from accountability.services.roles import DISTRICT
from reports.models import ReportJob
from reports.services import ReportError, create_job, enqueue, schedule_reports

from .conftest import pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    today = timezone.localdate()
    root = JurisdictionFactory(name="郑州市", code="zz", kind="city")
    jinshui = JurisdictionFactory(name="金水区", code="jinshui", parent=root)
    erqi = JurisdictionFactory(name="二七区", code="erqi", parent=root)
    hazchem = IndustryFactory(name="危险化学品", code="hazchem")
    trade = IndustryFactory(name="工贸", code="trade")
    a = EnterpriseFactory(name="郑州金水化工储运有限公司", jurisdiction=jinshui, industry=hazchem)
    b = EnterpriseFactory(name="郑州二七机械制造有限公司", jurisdiction=erqi, industry=trade)
    record_rating(a, "red", "年度复评：发生较大事故", None, effective_from=today)
    record_rating(b, "blue", "年度初评", None, effective_from=today)
    HazardFactory(
        enterprise=a,
        title="储罐区可燃气体报警器失效",
        level="major",
        notified_on=today - dt.timedelta(days=40),
        rectification_days=10,
    )
    HazardFactory(enterprise=b, title="冲压设备防护罩缺失")
    interview = InterviewFactory(
        enterprise=a, reason="重大隐患整改不力", minutes="企业主要负责人作了检讨发言。"
    )
    Commitment.objects.create(interview=interview, content="十日内更换报警器", deadline=today)
    case = SupervisionCaseFactory(
        enterprise=a,
        title="储罐区重大事故隐患",
        notice_number="郑应急督〔2026〕3号",
        responsible_person="赵总经理",
        measures="更换报警器并联网",
        contingency_plan="储罐区专项应急预案",
    )
    year = today.year
    good = Assessment.objects.create(
        year=year, jurisdiction=jinshui, score=92, responsible_leaders="区长"
    )
    bad = Assessment.objects.create(
        year=year, jurisdiction=erqi, score=85, responsible_leaders="副区长"
    )
    VetoItem.objects.create(assessment=bad, reason="发生一起较大生产安全事故", occurred_on=today)
    return {"jinshui": jinshui, "erqi": erqi, "a": a, "b": b, "interview": interview,
            "case": case, "year": year, "assessments": (good, bad)}  # fmt: skip


def build(tmp_path, *args):
    out = tmp_path / f"{args[0]}.pdf"
    call_command("report", *args, "-o", str(out))
    fonts = pdf_fonts(out)
    assert re.search(r"Noto-?Sans-?CJK-?SC", " ".join(fonts)), fonts
    return pdf_text(out)


def test_enterprise_dossier(city, tmp_path):
    text = build(tmp_path, "enterprise", city["a"].credit_code)
    for expected in [
        "郑州金水化工储运有限公司安全生产监管档案",
        city["a"].credit_code,
        "分级评定历史",
        "年度复评：发生较大事故",
        "储罐区可燃气体报警器失效",
        "重大隐患整改不力",
        "十日内更换报警器",
        "郑应急督〔2026〕3号",
        "金水区应急管理局",  # the district's enterprise: the district bureau's dossier
    ]:
        assert expected in text, expected


def test_interview_notice_and_minutes(city, tmp_path, settings):
    settings.ACCOUNTABILITY_REPORT_WORKING_DAYS = 5
    pk = str(city["interview"].pk)
    notice = build(tmp_path, "interview-notice", pk)
    assert "警示约谈通知书" in notice and "重大隐患整改不力" in notice
    assert "5个工作日内" in notice
    due = city["interview"].report_due_on
    assert f"{due.year}年{due.month}月{due.day}日" in notice
    minutes = build(tmp_path, "interview-minutes", pk)
    assert "警示约谈纪要" in minutes and "企业主要负责人作了检讨发言。" in minutes
    assert "十日内更换报警器" in minutes


def test_supervision_notice_is_numbered_by_the_district_bureau(city, tmp_path):
    text = build(tmp_path, "supervision-notice", str(city["case"].pk))
    number = f"金应急督〔{city['case'].listed_on.year}〕1号"
    assert "实行挂牌督办的通知" in text and number in text
    city["case"].refresh_from_db()
    assert city["case"].notice_number == number
    assert "储罐区重大事故隐患" in text and "赵总经理" in text and "五落实" in text


def test_city_and_district_summary(city, tmp_path):
    year = str(city["year"])
    text = build(tmp_path, "summary", "--year", year)
    for expected in ["全市", "年度安全生产监管综合报告", "分级挂牌情况", "危险化学品", "工贸",
                     "金水区", "二七区", "月度趋势", "逾期事项", "储罐区可燃气体报警器失效",
                     "企业分级名录", "郑州二七机械制造有限公司"]:  # fmt: skip
        assert expected in text, expected
    district = build(tmp_path, "summary", "--year", year, "--district", "金水区")
    assert "金水区" in district and "郑州金水化工储运有限公司" in district
    assert "郑州二七机械制造有限公司" not in district


def test_assessment_ledger_with_veto(city, tmp_path):
    text = build(tmp_path, "assessment-ledger", "--year", str(city["year"]))
    assert "年度安全生产考核台账" in text and "一票否决" in text
    assert "发生一起较大生产安全事故" in text and "副区长" in text


def test_bad_parameters_give_chinese_errors(city, tmp_path):
    out = str(tmp_path / "x.pdf")
    with pytest.raises(CommandError, match="校验位"):
        call_command("report", "enterprise", "91410100MA00000001", "-o", out)
    with pytest.raises(CommandError, match="没有名为“火星区”的区县"):
        call_command("report", "summary", "--year", "2026", "--district", "火星区", "-o", out)
    with pytest.raises(CommandError, match="年份"):
        call_command("report", "summary", "--year", "1800", "-o", out)


def test_scoping_district_supervisor(city, client, django_capture_on_commit_callbacks):
    user = make_staff("jinshui_sup", DISTRICT, city["jinshui"])
    # The same answer as for a code that does not exist (issue 13, item 10).
    with pytest.raises(ReportError, match="没有统一社会信用代码为"):
        create_job("enterprise", {"credit_code": city["b"].credit_code}, user)
    with pytest.raises(ReportError, match="无权"):
        create_job("summary", {"year": city["year"], "district": "二七区"}, user)
    client.force_login(user)
    form = client.get(reverse("reports_admin:new", args=["summary"])).content.decode()
    assert '<option value="金水区"' in form and '<option value="二七区"' not in form
    assert "全市" not in form
    with pytest.raises(ReportError, match="请选择本人所在区县"):
        create_job("summary", {"year": city["year"], "district": ""}, user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports_admin:new", args=["summary"]),
            {"year": city["year"], "district": "金水区"},
        )
    assert response.status_code == 302
    job = ReportJob.objects.get(kind="summary")
    assert job.status == "done", job.error
    text = pdf_text(job.path)
    assert "郑州金水化工储运有限公司" in text and "郑州二七机械制造有限公司" not in text


def test_weekly_district_summaries_once_per_week(city, django_capture_on_commit_callbacks):
    sup = make_staff("jinshui_sup", DISTRICT, city["jinshui"])
    monday = dt.date(city["year"], 6, 1)
    with django_capture_on_commit_callbacks(execute=True):
        first = schedule_reports("weekly", monday)
        again = schedule_reports("weekly", monday + dt.timedelta(days=2))
    assert [j.params["district"] for j in first] == ["金水区"] and again == []
    job = first[0]
    job.refresh_from_db()
    assert job.status == "done" and job.can_download(sup)
    assert sup.portal_notifications.filter(key=f"report-ready:{job.pk}").count() == 1


def test_record_archived_after_request_fails_with_a_clear_error(
    city, django_capture_on_commit_callbacks
):
    job = create_job("interview-notice", {"interview": city["interview"].pk})
    type(city["interview"]).objects.filter(pk=city["interview"].pk).update(archived=True)
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(job)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == f"没有编号为{city['interview'].pk}的约谈记录。"
