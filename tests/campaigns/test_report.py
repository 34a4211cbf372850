"""The campaign summary PDF, rendered with WeasyPrint and read back with pypdf."""

import pytest
from django.utils import translation

from campaigns.factories import CampaignActivityFactory, CampaignPageFactory
from campaigns.models import Channel
from portal.core.districts import DistrictOrCitywide
from reports.pdf import render_pdf
from reports.registry import discover_report_kinds
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_summary_pdf_has_totals_breakdowns_and_year_over_year(index, kind):
    old = CampaignPageFactory(parent=index, kind=kind, year=2025, slug="c-2025")
    CampaignActivityFactory(page=old, people_reached=100000, channel=Channel.SCHOOL)
    page = CampaignPageFactory(
        parent=index, kind=kind, year=2026, slug="c-2026", title="二〇二六宣传周"
    )
    CampaignActivityFactory(
        page=page, people_reached=120000, channel=Channel.SCHOOL, district=DistrictOrCitywide.ERQI
    )
    CampaignActivityFactory(
        page=page, people_reached=30000, channel=Channel.FAMILY, district=DistrictOrCitywide.JINSHUI
    )
    report = discover_report_kinds()["campaign-summary"]
    params = report.clean_params({"campaign": "c-2026"})
    assert params == {"campaign": page.pk}
    pdf = render_pdf(report, params)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "二〇二六宣传周总结报告" in text
    assert "150,000" in text  # total = 120,000 + 30,000
    assert "二七区" in text and "金水区" in text and "进学校" in text
    assert "+50.0%" in text  # 100,000 → 150,000
    assert "— 1 —" in text


def test_unknown_campaign_is_refused_in_chinese(index):
    report = discover_report_kinds()["campaign-summary"]
    with translation.override("zh-hans"), pytest.raises(ValueError, match="没有已发布的宣传活动"):
        report.clean_params({"campaign": "no-such-campaign"})


def test_reviewer_requests_the_report_in_the_admin(
    client, campaign, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from campaigns.services.desk import REVIEWERS
    from reports.models import ReportJob

    CampaignActivityFactory(page=campaign, people_reached=777)
    reviewer = django_user_model.objects.create_user("shenhe", password="x")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    client.force_login(reviewer)
    url = reverse("reports_admin:new", args=["campaign-summary"])
    page = client.get(url)
    assert page.status_code == 200 and campaign.title in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"campaign": str(campaign.pk)})
    assert response.status_code == 302
    job = ReportJob.objects.get(kind="campaign-summary")
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert "777" in pdf_text(job.path)
    outsider = django_user_model.objects.create_user("outsider", password="x")
    client.force_login(outsider)
    assert client.get(url).status_code in (302, 403, 404)
