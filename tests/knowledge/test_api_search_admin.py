"""Wagtail API v2 exposure, search documents with attachment text, the admin report."""

import datetime as dt
import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from knowledge import factories as f
from knowledge.models import PlanAttachment, RegulationAttachment
from search.text import attachment_text as document_text
from search.text import extract_file_text

pytestmark = pytest.mark.django_db


def test_api_lists_regulations_with_their_metadata(client, sections):
    f.RegulationPageFactory(
        parent=sections["regulations"],
        title="接口文件",
        doc_number="郑应急〔2024〕1号",
        status="trial",
    )
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "knowledge.RegulationPage",
            "fields": "doc_number,issuer,status,issued_on,topic,doc_type",
        },
    )
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["title"] == "接口文件"
    assert item["doc_number"] == "郑应急〔2024〕1号"
    assert item["status"] == "trial" and item["issued_on"] == "2024-03-01"
    detail = client.get(f"/api/v2/pages/{item['id']}/").json()
    assert detail["body"][0]["type"] == "paragraph" and detail["attachments"] == []


@pytest.mark.parametrize(
    "model, fields",
    [
        ("knowledge.PlanPage", "level,plan_class,department,parent_plan,next_review_on"),
        (
            "knowledge.ShelterPage",
            "district,address,capacity,area,latitude,longitude,facilities_list",
        ),
        ("knowledge.ArticlePage", "topic,published_on,summary"),
        ("knowledge.DrillPage", "plan,drilled_on,drill_type,organiser"),
        ("knowledge.DemonstrationSitePage", "kind,district,year_awarded"),
    ],
)
def test_api_exposes_every_page_type(client, sections, drills_index, model, fields):
    plan = f.PlanPageFactory(parent=sections["plans"])
    f.ShelterPageFactory(parent=sections["shelters"], facilities="应急供水\n应急照明")
    f.ArticlePageFactory(parent=sections["articles"])
    f.DrillPageFactory(parent=drills_index, plan=plan)
    f.DemonstrationSitePageFactory(parent=sections["sites"])
    response = client.get("/api/v2/pages/", {"type": model, "fields": fields})
    assert response.status_code == 200, response.content
    item = response.json()["items"][0]
    for name in fields.split(","):
        assert name in item
    if model == "knowledge.ShelterPage":
        assert item["facilities_list"] == ["应急供水", "应急照明"]


def test_api_rejects_an_unknown_field_with_json(client, sections):
    response = client.get("/api/v2/pages/", {"type": "knowledge.RegulationPage", "fields": "nope"})
    assert response.status_code == 400
    assert "message" in response.json()


def _docx_bytes(text):
    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "表格单元", "物资储备"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes(text):
    from weasyprint import HTML

    return HTML(
        string=f'<html lang="zh-Hans"><meta charset="utf-8"><body style="font-family: Noto Sans CJK SC">{text}</body></html>'
    ).write_pdf()


def _document(title, name, data):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(name, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def test_attachment_text_extraction_pdf_and_docx():
    assert "应急避难场所开放流程" in extract_file_text(
        io.BytesIO(_pdf_bytes("应急避难场所开放流程")), "pdf"
    )
    text = extract_file_text(io.BytesIO(_docx_bytes("防汛物资清单")), ".DOCX")
    assert "防汛物资清单" in text and "表格单元 物资储备" in text
    assert extract_file_text(io.BytesIO(b"a,b"), "csv") == ""


def test_broken_attachment_yields_empty_text(db):
    document = _document("坏文件", "broken.pdf", b"%PDF-1.4 not really")
    assert document_text(document) == ""


def test_search_documents_include_attachment_text(sections):
    from search.sources import discover_sources

    reg = f.RegulationPageFactory(
        parent=sections["regulations"], title="附件测试", status="amended"
    )
    reg.attachments = [
        RegulationAttachment(
            document=_document("表样", "form.pdf", _pdf_bytes("信息报送时限三十分钟"))
        ),
        RegulationAttachment(
            document=_document("清单", "list.docx", _docx_bytes("救灾物资调拨单"))
        ),
    ]
    reg.save()
    plan = f.PlanPageFactory(parent=sections["plans"], title="预案附件")
    plan.attachments = [
        PlanAttachment(document=_document("预案", "plan.docx", _docx_bytes("响应分级")))
    ]
    plan.save()
    sources = discover_sources()
    doc = sources["knowledge.regulation"].to_document(reg)
    assert "信息报送时限三十分钟" in doc.body and "救灾物资调拨单" in doc.body
    assert doc.key == f"knowledge.regulation:{reg.pk}" and doc.type == "regulation"
    assert doc.status == "已修订" and doc.issuer == "郑州市应急管理局" and doc.date == reg.issued_on
    assert doc.url.endswith(reg.url_path.split("/", 2)[-1])
    assert "响应分级" in sources["knowledge.plan"].to_document(plan).body
    names = {n for n in sources if n.startswith("knowledge.")}
    assert names == {
        "knowledge.regulation",
        "knowledge.plan",
        "knowledge.drill",
        "knowledge.article",
        "knowledge.shelter",
        "knowledge.demonstration",
        "knowledge.disclosure_guide",
        "knowledge.disclosure_record",
        "knowledge.annual_report",
        "knowledge.reply",
    }
    # Drafts are not in the queryset of what should be indexed.
    draft = f.RegulationPageFactory(parent=sections["regulations"], live=False)
    assert not sources["knowledge.regulation"].should_index(draft)


def test_every_source_builds_documents(sections, drills_index):
    from search.sources import discover_sources

    plan = f.PlanPageFactory(parent=sections["plans"])
    f.DrillPageFactory(parent=drills_index, plan=plan, findings="<p>通信保障不足</p>")
    f.ArticlePageFactory(parent=sections["articles"])
    f.ShelterPageFactory(parent=sections["shelters"])
    f.DemonstrationSitePageFactory(parent=sections["sites"])
    for name, source in discover_sources().items():
        if name.startswith("knowledge."):
            for obj in source.queryset():
                doc = source.to_document(obj)
                assert doc.title and doc.url and doc.body, name
    drill_doc = discover_sources()["knowledge.drill"].to_document(
        f.DrillPageFactory._meta.model.objects.get()
    )
    assert "通信保障不足" in drill_doc.body and "<p>" not in drill_doc.body


def test_admin_report_and_dashboard_flag_overdue_plans(client, sections, django_user_model):
    admin = django_user_model.objects.create_superuser("chief", "c@example.com", "pw")
    client.force_login(admin)
    today = timezone.localdate()
    f.PlanPageFactory(
        parent=sections["plans"], title="过期预案", issued_on=today - dt.timedelta(days=1200)
    )
    f.PlanPageFactory(parent=sections["plans"], title="新预案", issued_on=today)
    html = client.get("/admin/reports/plans-due-for-review/").content.decode()
    assert "过期预案" in html and "新预案" not in html
    dashboard = client.get("/admin/").content.decode()
    assert "1个应急预案已超过评估期限" in dashboard
    export = client.get("/admin/reports/plans-due-for-review/?export=csv")
    assert "过期预案" in b"".join(export.streaming_content).decode()


def test_reminders_are_sent_once_per_due_date(sections, django_user_model):
    from knowledge.tasks import remind_plans_due
    from notifications.models import Notification

    django_user_model.objects.create_superuser("chief", "c@example.com", "pw")
    f.PlanPageFactory(
        parent=sections["plans"], issued_on=timezone.localdate() - dt.timedelta(days=1200)
    )
    assert remind_plans_due() == 1
    assert remind_plans_due() == 0
    assert Notification.objects.get().title.startswith("预案到期待评估")


@pytest.mark.parametrize(
    "kind, factory",
    [
        ("regulations", f.RegulationPageFactory),
        ("plans", f.PlanPageFactory),
        ("articles", f.ArticlePageFactory),
        ("shelters", f.ShelterPageFactory),
        ("sites", f.DemonstrationSitePageFactory),
    ],
)
def test_admin_edit_and_add_forms_open(client, sections, django_user_model, kind, factory):
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "pw"))
    page = factory(parent=sections[kind])
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    model = type(page)._meta
    add_url = f"/admin/pages/add/knowledge/{model.model_name}/{sections[kind].pk}/"
    assert client.get(add_url).status_code == 200


def test_replacing_an_attachment_reindexes_the_pages_attaching_it(
    sections, django_capture_on_commit_callbacks
):
    """An editor replaces a PDF without republishing its page: search finds the new text."""
    from search.engines import SearchQuery
    from search.services import run_search

    def found(text):
        return [hit.url for hit in run_search(SearchQuery(text)).hits]

    with django_capture_on_commit_callbacks(execute=True):
        document = _document("报送表", "form.pdf", _pdf_bytes("值班电话二十四小时畅通"))
        reg = f.RegulationPageFactory(parent=sections["regulations"], title="信息报送规定")
        reg.attachments = [RegulationAttachment(document=document)]
        reg.save_revision().publish()
    assert reg.url in found("值班电话畅通")
    assert found("危化品运输路线") == []

    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("form-2026.pdf", ContentFile(_pdf_bytes("危化品运输路线")), save=False)
        document._set_document_file_metadata()
        document.save()
    assert found("危化品运输路线") == [reg.url]
    assert found("值班电话畅通") == []
