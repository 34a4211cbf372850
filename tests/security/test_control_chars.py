"""Control characters (issue #13, finding 4): stripped at every input path (model save,
imports), and the feeds never break on older bad data."""

import io
import json
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from portal.core.textclean import clean_text

pytestmark = pytest.mark.django_db

BAD = "\x00\x01\x08\x0b\x0c\x1f\x7f\ud800\ufffe"


def test_clean_text_keeps_text_and_layout():
    text = "安全生产 ‮RTL‬ 😀 \"quotes\" 'x' \t tab\nline\r\n"
    assert clean_text(text) == text
    assert clean_text(f"标{BAD}题") == "标题"
    assert clean_text(None) is None and clean_text(5) == 5


def _feeds_are_valid_xml(client, index):
    for suffix in ("feed/", "atom/"):
        response = client.get(index.url + suffix)
        assert response.status_code == 200, suffix
        ET.fromstring(response.content)  # well-formed XML 1.0
        yield response.content.decode()


def test_nul_title_through_the_importer_then_the_feeds(sections, tmp_path, client):
    from knowledge.models import RegulationPage

    rows = [
        {
            "type": "regulation",
            "key": "nul-1",
            "title": "含\x00空字符\x01的标题",
            "body": "正\x0b文",
        },
        {"type": "regulation", "key": "nul-2", "title": "CSV\x00", "body": "x"},
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    call_command("import_knowledge", str(path), "--no-progress", stdout=io.StringIO())
    page = RegulationPage.objects.get(import_key="nul-1")
    assert page.title == "含空字符的标题"
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text("type,key,title,body\nregulation,nul-3,CSV\x00标题\x0b,正文\n", "utf-8")
    call_command("import_knowledge", str(csv_path), "--no-progress", stdout=io.StringIO())
    assert RegulationPage.objects.get(import_key="nul-3").title == "CSV标题"
    for text in _feeds_are_valid_xml(client, sections["regulations"]):
        assert "含空字符的标题" in text


def test_feeds_survive_bad_data_saved_before_the_fix(sections, client):
    """Rows written without ``save()`` (older data, raw SQL, ``QuerySet.update``) are
    cleaned where the feed is written."""
    from django.db import connection
    from wagtail.models import Page

    from knowledge import factories as f
    from knowledge.models import RegulationPage

    # PostgreSQL refuses NUL in text itself; other control characters get through there.
    bad = "旧\x01数\x0b据" if connection.vendor == "postgresql" else "旧\x00数\x0b据"
    page = f.RegulationPageFactory(parent=sections["regulations"], title="旧数据")
    RegulationPage.objects.filter(pk=page.pk).update(title=bad)
    Page.objects.filter(pk=page.pk).update(title=bad)
    for text in _feeds_are_valid_xml(client, sections["regulations"]):
        assert "旧数据" in text


def test_any_model_save_strips_control_characters(world):
    from accountability import models as m

    world.own.name = "金水\x01化工\x0b"
    world.own.address = "文化路\x00 1 号\n二楼"
    world.own.save()
    world.own.refresh_from_db()
    assert world.own.name == "金水化工" and world.own.address == "文化路 1 号\n二楼"
    industry = m.Industry.objects.create(name="行\x1f业", code="x\x7fy")
    assert (industry.name, industry.code) == ("行业", "xy")


def test_enterprise_form_then_xlsx_export(client, world):
    from accountability import models as m
    from accountability.creditcode import make_code

    client.force_login(world.users["district"])
    code = make_code("91410105MA7000009")
    response = client.post(
        reverse("accountability_enterprise:add"),
        {"name": "控制\x0b字符\x01企业", "credit_code": code, "industry": world.chem.pk,
         "jurisdiction": world.jinshui.pk, "risk_level": "low", "address": "路\x01号"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:1500]
    enterprise = m.Enterprise.objects.get(credit_code=code)
    assert enterprise.name == "控制字符企业" and enterprise.address == "路号"
    export = client.get(reverse("accountability_enterprise:index") + "?export=xlsx")
    assert export.status_code == 200
    content = b"".join(export.streaming_content) if export.streaming else export.content
    names = [row[0] for row in load_workbook(BytesIO(content)).active.iter_rows(values_only=True)]
    assert any("控制字符企业" in str(n) for n in names)


def test_nul_in_a_form_is_refused_with_a_message(client, world):
    client.force_login(world.users["district"])
    response = client.post(
        reverse("accountability_enterprise:add"),
        {"name": "空\x00字符", "credit_code": "x", "industry": world.chem.pk,
         "jurisdiction": world.jinshui.pk, "risk_level": "low"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "空字符" in response.content.decode()  # Django: 不允许空字符。
