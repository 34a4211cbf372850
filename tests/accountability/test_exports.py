"""List exports (XLSX and CSV) follow portal.core.exports: labels not codes, Chinese or
ISO dates, no formula injection, a BOM in CSV, control characters never break a file."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accountability.factories import (
    EnterpriseFactory,
    HazardFactory,
    JurisdictionFactory,
    make_staff,
)
from accountability.models import Hazard
from accountability.services.roles import CITY
from portal.core.exports import cell_text, csv_safe

pytestmark = pytest.mark.django_db


@pytest.fixture
def hazard_list(client):
    city = JurisdictionFactory(name="郑州市", code="zz", kind="city")
    firm = EnterpriseFactory(name="郑州测试化工有限公司", jurisdiction=city, colour="yellow")
    hazard = HazardFactory(
        enterprise=firm,
        title='=HYPERLINK("http://evil.example","点击")',
        level="general",
        found_on=dt.date(2026, 11, 25),
        notified_on=dt.date(2026, 11, 25),
        rectification_days=10,
        measures="+cmd|' /C calc'!A0\x07 更换\x1b阀门",
    )
    Hazard.objects.filter(pk=hazard.pk).update(status="rectifying")
    client.force_login(make_staff("city_sup", CITY, city))
    return reverse("accountability_hazard:index")


def test_csv_has_bom_labels_chinese_dates_and_no_formulas(client, hazard_list):
    response = client.get(hazard_list, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    cells = dict(zip(header, row, strict=True))
    assert cells["隐患"] == '\'=HYPERLINK("http://evil.example","点击")'
    assert cells["等级"] == "一般隐患" and cells["状态"] == "整改中"
    assert cells["发现日期"] == "2026年11月25日" and cells["整改期限"] == "2026年12月5日"
    assert cells["逾期"] in ("是", "否")  # a yes/no label, not True/False
    assert cells["整改措施"] == "'+cmd|' /C calc'!A0 更换阀门"  # control characters removed


def test_csv_with_iso_dates_on_request(client, hazard_list):
    response = client.get(hazard_list, {"export": "csv", "dates": "iso"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(body)))
    assert dict(zip(header, row, strict=True))["发现日期"] == "2026-11-25"


def test_xlsx_with_control_characters_is_text_and_labels(client, hazard_list):
    response = client.get(hazard_list, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = [list(r) for r in sheet.iter_rows()]
    cells = {h.value: c for h, c in zip(header, row, strict=True)}
    assert cells["隐患"].data_type == "s"
    assert cells["隐患"].value.startswith("=HYPERLINK")  # shown as text, never evaluated
    assert cells["等级"].value == "一般隐患" and cells["状态"].value == "整改中"
    assert cells["整改措施"].value == "+cmd|' /C calc'!A0 更换阀门"
    assert cells["发现日期"].value == "2026年11月25日"


def test_enterprise_export_shows_colour_label(client, hazard_list):
    response = client.get(reverse("accountability_enterprise:index"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(body)))
    assert dict(zip(header, row, strict=True))["挂牌颜色"] == "黄色"


def test_rules():
    assert [csv_safe(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=b")] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "a=b",
    ]  # fmt: skip
    assert cell_text(True) == "是" and cell_text(False) == "否" and cell_text(None) == ""
    assert cell_text(dt.date(2026, 11, 25)) == "2026年11月25日"
    assert cell_text(dt.date(2026, 11, 25), "iso") == "2026-11-25"
    assert cell_text(7) == 7
