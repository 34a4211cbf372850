"""The campaign summary PDF, rendered with WeasyPrint and read back with pdfminer."""

import io

import pytest
from django.utils import translation
from pdfminer.high_level import extract_text

from campaigns.factories import CampaignActivityFactory, CampaignPageFactory
from campaigns.models import Channel, District
from reports.pdf import render_pdf
from reports.registry import discover_report_kinds

pytestmark = pytest.mark.django_db


def test_summary_pdf_has_totals_breakdowns_and_year_over_year(index, kind):
    old = CampaignPageFactory(parent=index, kind=kind, year=2025, slug="c-2025")
    CampaignActivityFactory(page=old, people_reached=100000, channel=Channel.SCHOOL)
    page = CampaignPageFactory(
        parent=index, kind=kind, year=2026, slug="c-2026", title="二〇二六宣传周"
    )
    CampaignActivityFactory(
        page=page, people_reached=120000, channel=Channel.SCHOOL, district=District.ERQI
    )
    CampaignActivityFactory(
        page=page, people_reached=30000, channel=Channel.FAMILY, district=District.JINSHUI
    )
    report = discover_report_kinds()["campaign-summary"]
    params = report.clean_params({"campaign": "c-2026"})
    assert params == {"campaign": page.pk}
    pdf = render_pdf(report, params)
    assert pdf.startswith(b"%PDF")
    text = extract_text(io.BytesIO(pdf))
    assert "二〇二六宣传周总结报告" in text
    assert "150,000" in text  # total = 120,000 + 30,000
    assert "二七区" in text and "金水区" in text and "进学校" in text
    assert "+50.0%" in text  # 100,000 → 150,000
    assert "第 1 页" in text


def test_unknown_campaign_is_refused_in_chinese(index):
    report = discover_report_kinds()["campaign-summary"]
    with translation.override("zh-hans"), pytest.raises(ValueError, match="没有已发布的宣传活动"):
        report.clean_params({"campaign": "no-such-campaign"})
