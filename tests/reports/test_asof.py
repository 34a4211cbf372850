"""A summary for a past year describes that year as it ended, from the rating history
and the record dates, even when it is built today."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from accountability.factories import (
    EnterpriseFactory,
    HazardFactory,
    IndustryFactory,
    JurisdictionFactory,
)
from accountability.models import Hazard
from accountability.services.ratings import record_rating
from reports.services import get_kind

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    today = timezone.localdate()
    last = today.year - 1
    city = JurisdictionFactory(name="郑州市", code="zz", kind="city")
    jinshui = JurisdictionFactory(name="金水区", code="jinshui", parent=city)
    street = JurisdictionFactory(
        name="花园路街道", code="huayuanlu", kind="township", parent=jinshui
    )
    firm = EnterpriseFactory(
        name="郑州花园路危化品储运有限公司",
        jurisdiction=street,
        industry=IndustryFactory(name="危险化学品", code="hazchem"),
    )
    # Blue through last year and the start of this one, red since March.
    record_rating(firm, "blue", "年度初评", None, effective_from=dt.date(last, 1, 1))
    record_rating(firm, "red", "发生较大事故", None, effective_from=dt.date(today.year, 3, 1))
    firm.refresh_from_db()
    assert firm.colour == "red"
    # Overdue on 31 December last year, closed since.
    late = HazardFactory(
        enterprise=firm,
        title="去年逾期后整改的隐患",
        found_on=dt.date(last, 9, 1),
        notified_on=dt.date(last, 9, 1),
        rectification_days=30,
    )
    Hazard.objects.filter(pk=late.pk).update(status="closed", closed_on=dt.date(today.year, 1, 20))
    # Found last year, due this year: open but not overdue on 31 December; overdue now.
    HazardFactory(
        enterprise=firm,
        title="跨年整改的隐患",
        found_on=dt.date(last, 12, 1),
        notified_on=dt.date(last, 12, 1),
        rectification_days=40,
    )
    # Found this year: not part of last year at all.
    HazardFactory(
        enterprise=firm,
        title="今年新发现的隐患",
        found_on=dt.date(today.year, 1, 5),
        notified_on=dt.date(today.year, 1, 5),
        rectification_days=1,
    )
    return {"firm": firm, "last": last, "today": today}


def test_last_years_summary_shows_last_years_state(history):
    kind = get_kind("summary")
    last = history["last"]
    context = kind.context({"year": last, "district": ""}, None, lambda f: None)
    assert context["as_of"] == dt.date(last, 12, 31)
    assert dict(context["colour_rows"])["蓝色"] == 1 and dict(context["colour_rows"])["红色"] == 0
    ((firm, colour, district, open_hazards),) = context["register"]
    assert (colour, district, open_hazards) == ("蓝色", "金水区", 2)
    assert [h.title for h in context["overdue_hazards"]] == ["去年逾期后整改的隐患"]
    assert context["counts"]["hazards_found"] == 2

    now = kind.context({"year": history["today"].year, "district": ""}, None, lambda f: None)
    ((firm, colour, district, open_hazards),) = now["register"]
    assert colour == "红色" and open_hazards == 2
    assert {h.title for h in now["overdue_hazards"]} == {"跨年整改的隐患", "今年新发现的隐患"}


def test_last_years_summary_pdf_says_as_of_31_december(history, tmp_path):
    last = history["last"]
    out = tmp_path / "summary.pdf"
    call_command("report", "summary", "--year", str(last), "-o", str(out))
    text = pdf_text(out).replace("\n", "")
    assert f"数据截至{last}年12月31日" in text
    assert "去年逾期后整改的隐患" in text and "今年新发现的隐患" not in text
    today = history["today"]
    assert f"{today.year}年{today.month}月{today.day}日" not in text
    register = text.split("企业分级名录")[-1]
    assert "蓝色" in register and "红色" not in register and "花园路街道" not in register


def test_a_report_built_twice_from_the_same_data_has_the_same_bytes(history):
    from reports.documents import build_pdf

    kind = get_kind("summary")
    params = {"year": history["last"], "district": ""}
    assert build_pdf(kind, params) == build_pdf(kind, params)
