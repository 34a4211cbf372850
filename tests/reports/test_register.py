"""The document register: numbers given when a document is issued, identical reprints,
explicit re-issue, issuers (city and district bureaus) as data, documents dated by the
event they record."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from accountability.factories import (
    EnterpriseFactory,
    IndustryFactory,
    InterviewFactory,
    JurisdictionFactory,
    SupervisionCaseFactory,
)
from accountability.models import Interview, SupervisionCase
from reports.documents import current_document, reissue
from reports.register import IssuedDocument, Issuer
from reports.services import get_kind

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def cn(day):
    return f"{day.year}年{day.month}月{day.day}日"


@pytest.fixture
def places():
    city = JurisdictionFactory(name="郑州市", code="zz", kind="city")
    jinshui = JurisdictionFactory(name="金水区", code="jinshui", parent=city)
    street = JurisdictionFactory(
        name="花园路街道", code="huayuanlu", kind="township", parent=jinshui
    )
    industry = IndustryFactory(name="危险化学品", code="hazchem")
    district_firm = EnterpriseFactory(
        name="郑州金水化工储运有限公司", jurisdiction=street, industry=industry
    )
    city_firm = EnterpriseFactory(
        name="郑州市直属燃气有限公司", jurisdiction=city, industry=industry
    )
    return {"district_firm": district_firm, "city_firm": city_firm}


def build(tmp_path, name, *args):
    out = tmp_path / f"{name}-{len(list(tmp_path.iterdir()))}.pdf"
    call_command("report", *args, "-o", str(out))
    return out


def test_issuers_are_seeded_with_their_prefixes():
    assert Issuer.objects.get(area="").prefix == "郑应急"
    jinshui = Issuer.objects.get(area="金水区")
    assert (jinshui.name, jinshui.prefix) == ("金水区应急管理局", "金应急")


def test_printing_the_same_notice_twice_gives_the_same_document(places, tmp_path):
    held = timezone.localdate() - dt.timedelta(days=3)
    interview = InterviewFactory(enterprise=places["district_firm"], held_on=held)
    # The notice went out before the meeting: the day the interview was decided.
    decided = held - dt.timedelta(days=6)
    created = timezone.make_aware(dt.datetime.combine(decided, dt.time(9, 30)))
    Interview.objects.filter(pk=interview.pk).update(created_at=created, held_at=dt.time(9, 30))

    first = build(tmp_path, "notice", "interview-notice", str(interview.pk))
    second = build(tmp_path, "notice", "interview-notice", str(interview.pk))

    number = f"金应急约〔{decided.year}〕1号"
    text = pdf_text(first)
    assert number in text and "金水区应急管理局" in text
    assert "郑州市应急管理局" not in text
    assert cn(decided) in text and "09:30" in text
    assert first.read_bytes() == second.read_bytes()
    doc = IssuedDocument.objects.get()
    assert (doc.number, doc.issued_on, doc.issuer.name) == (number, decided, "金水区应急管理局")
    assert doc.snapshot["interview"]["held_on"] == held.isoformat()
    assert doc.snapshot["enterprise"]["name"] == "郑州金水化工储运有限公司"


def test_a_reprint_keeps_the_issued_content_after_the_record_changes(places, tmp_path):
    interview = InterviewFactory(enterprise=places["district_firm"], location="区局三楼会议室")
    first = build(tmp_path, "notice", "interview-notice", str(interview.pk))
    Interview.objects.filter(pk=interview.pk).update(location="区局五楼会议室")
    second = build(tmp_path, "notice", "interview-notice", str(interview.pk))
    assert first.read_bytes() == second.read_bytes()
    assert "区局三楼会议室" in pdf_text(second)


def test_sequences_are_per_issuer_kind_and_year(places, tmp_path):
    today = timezone.localdate()
    a = InterviewFactory(enterprise=places["district_firm"], held_on=today)
    b = InterviewFactory(enterprise=places["district_firm"], held_on=today)
    c = InterviewFactory(enterprise=places["city_firm"], held_on=today)
    last_year = InterviewFactory(
        enterprise=places["district_firm"], held_on=dt.date(today.year - 1, 12, 30)
    )
    for interview in (a, b, c, last_year):
        build(tmp_path, "notice", "interview-notice", str(interview.pk))
    build(tmp_path, "minutes", "interview-minutes", str(a.pk))
    numbers = list(IssuedDocument.objects.order_by("pk").values_list("number", flat=True))
    y = today.year
    assert numbers == [
        f"金应急约〔{y}〕1号",
        f"金应急约〔{y}〕2号",
        f"郑应急约〔{y}〕1号",
        f"金应急约〔{y - 1}〕1号",
        f"金应急纪〔{y}〕1号",
    ]
    minutes = IssuedDocument.objects.get(kind="interview-minutes")
    assert minutes.issued_on == a.held_on  # minutes are dated by the meeting


def test_supervision_notice_number_title_and_date(places, tmp_path):
    listed = timezone.localdate() - dt.timedelta(days=40)
    case = SupervisionCaseFactory(
        enterprise=places["district_firm"],
        title="储罐区可燃气体报警器失效（挂牌督办）",
        listed_on=listed,
        period_days=30,
    )
    text = pdf_text(build(tmp_path, "case", "supervision-notice", str(case.pk)))
    number = f"金应急督〔{listed.year}〕1号"
    assert number in text
    title = "关于对郑州金水化工储运有限公司“储罐区可燃气体报警器失效”实行挂牌督办的通知"
    assert title in text.replace("\n", "")
    assert text.count("挂牌督办（") == 0 and "（挂牌督办）" not in text
    # Signed on the day of the decision, not on the day it was printed.
    assert cn(listed) in text and cn(timezone.localdate()) not in text
    assert SupervisionCase.objects.get(pk=case.pk).notice_number == number


def test_reissue_is_explicit_and_numbered(places, tmp_path):
    case = SupervisionCaseFactory(enterprise=places["city_firm"], measures="更换报警器")
    build(tmp_path, "case", "supervision-notice", str(case.pk))
    kind = get_kind("supervision-notice")
    params = {"case": case.pk}
    with pytest.raises(ValueError, match="原因"):
        reissue(kind, params, "  ")
    SupervisionCase.objects.filter(pk=case.pk).update(measures="更换报警器并接入监控平台")
    new = reissue(kind, params, "整改措施表述有误")
    old = IssuedDocument.objects.get(supersedes__isnull=True)
    year = case.listed_on.year
    assert (old.number, new.number) == (f"郑应急督〔{year}〕1号", f"郑应急督〔{year}〕2号")
    assert new.supersedes == old and not old.is_current and new.is_current
    assert (old.revision, new.revision) == (1, 2)
    assert current_document(kind, params) == new
    text = pdf_text(build(tmp_path, "case", "supervision-notice", str(case.pk)))
    assert new.number in text and "更换报警器并接入监控平台" in text


def test_reports_are_not_numbered_and_name_the_district_bureau(places, tmp_path):
    code = places["district_firm"].credit_code
    text = pdf_text(build(tmp_path, "dossier", "enterprise", code))
    assert "金水区应急管理局" in text and "〔" not in text.split("安全生产监管档案")[0]
    assert "金水区（花园路街道）" in text
    assert not IssuedDocument.objects.exists()


def test_issuers_are_edited_in_the_admin(admin_client):
    from django.urls import reverse

    response = admin_client.get(reverse("wagtailsnippets_reports_issuer:list"), {"q": "金水"})
    assert response.status_code == 200
    assert "金水区应急管理局" in response.content.decode() and "金应急" in response.content.decode()


def test_two_workers_issuing_the_same_document_get_one_number(places):
    from django.db import IntegrityError, transaction

    from reports.documents import _issue, issue

    kind = get_kind("interview-notice")
    params = {"interview": InterviewFactory(enterprise=places["city_firm"]).pk}
    first = _issue(kind, params, None, None)
    with pytest.raises(IntegrityError), transaction.atomic():
        _issue(kind, params, None, None)  # the worker that lost the race
    assert issue(kind, params) == first
    assert IssuedDocument.objects.count() == 1


def page_texts(html):
    """The text on each page of a rendered document (WeasyPrint's layout, no PDF)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TextBox

    def texts(box):
        if isinstance(box, TextBox):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    return ["".join(texts(page._page_box)) for page in HTML(string=html).render().pages]


def test_the_signature_never_stands_alone_on_a_page(places):
    """Minutes of growing length: wherever the page break falls, the 落款 (issuer and
    date) stays on the page of the closing lines of the text."""
    from reports.pdf import render_html

    kind = get_kind("interview-minutes")
    interview = InterviewFactory(enterprise=places["district_firm"])
    breaks = set()
    for lines in range(24, 60, 3):
        minutes = "\n".join(f"第{n}项：企业主要负责人就隐患整改情况作说明。" for n in range(lines))
        Interview.objects.filter(pk=interview.pk).update(minutes=minutes)
        html = render_html(kind, {"interview": interview.pk}, issuer="金水区应急管理局")
        pages = page_texts(html)
        last = pages[-1]
        assert "本纪要送被约谈单位" in last and "金水区应急管理局" in last, (lines, last[:80])
        breaks.add(len(pages))
    assert breaks == {1, 2} or len(breaks) > 1  # the loop did cross a page break
