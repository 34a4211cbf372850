"""The enterprise import speaks the user's language: industries and districts by their
Chinese names (or codes, or the names people use), errors entirely in Chinese, and the
template's example row imports cleanly on a site prepared by setup_site."""

import io
from io import BytesIO

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from accountability import excel
from accountability import models as m
from accountability.creditcode import make_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_setup():
    call_command("setup_site", stdout=io.StringIO())


def _book(rows):
    wb = Workbook()
    wb.active.append([c[0] for c in excel.COLUMNS])
    for row in rows:
        wb.active.append(row)
    out = BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def _row(name, code, industry, district, risk="", colour=""):
    return [name, code, industry, district, "", "", "", "", "", "", risk, colour]


def test_the_template_example_row_imports_cleanly(site_setup):
    rows, errors = excel.parse(BytesIO(excel.template_workbook()))
    assert errors == [] and len(rows) == 1
    assert rows[0].errors == []
    excel.save(rows)
    e = m.Enterprise.objects.get()
    assert (e.industry.name, e.jurisdiction.name, e.risk_level) == ("危险化学品", "金水区", "high")
    assert e.colour == "yellow" and e.ratings.count() == 1
    # The example row is the template's second row, under the headings.
    ws = load_workbook(BytesIO(excel.template_workbook())).active
    assert [c.value for c in ws[2]] == excel.EXAMPLE_ROW


@pytest.mark.parametrize(
    "industry, district, place",
    [
        ("危险化学品", "金水区", "金水区"),
        ("hazchem", "jinshui", "金水区"),
        ("危险化学品", "高新区", "郑州高新技术产业开发区"),
        ("危险化学品", "郑州高新技术产业开发区", "郑州高新技术产业开发区"),
        ("危险化学品", "中牟县", "中牟县"),
        (" 危险化学品 ", "航空港区", "郑州航空港经济综合实验区"),
    ],
)
def test_names_codes_and_short_names(site_setup, industry, district, place):
    code = make_code("91410105MA1000001")
    rows, _e = excel.parse(_book([_row("某公司", code, industry, district)]))
    assert rows[0].errors == [], rows[0].errors
    assert rows[0].values["jurisdiction"].name == place


def test_errors_are_entirely_chinese_with_spreadsheet_rows(site_setup):
    good = make_code("91410105MA1000001")
    rows, _e = excel.parse(
        _book(
            [
                _row("甲公司", good, "危险化学品", "金水区"),
                _row("乙公司", make_code("91410105MA1000003"), "造船", "火星区", "极高", "紫色"),
            ]
        )  # fmt: skip
    )
    assert rows[0].number == 2 and rows[0].errors == []
    bad = rows[1]
    assert bad.number == 3
    text = "；".join(str(e) for e in bad.errors)
    assert "未知的分级颜色“紫色”" in text
    assert "未知行业“造船”" in text and "未知区县“火星区”" in text and "未知风险等级“极高”" in text
    assert not any(ch.isascii() and ch.isalpha() for ch in text.replace("“", "")), text


def test_the_command_imports_chinese_names(site_setup, tmp_path):
    path = tmp_path / "e.xlsx"
    path.write_bytes(
        _book([_row("丙公司", make_code("91410105MA1000002"), "危险化学品", "金水区")]).read()
    )
    out = io.StringIO()
    call_command("import_enterprises", str(path), stdout=out)
    assert "新增 1" in out.getvalue()
    assert m.Enterprise.objects.get().jurisdiction.code == "jinshui"


def test_a_colour_in_chinese_is_recorded_as_a_rating(site_setup):
    code = make_code("91410105MA1000004")
    rows, _e = excel.parse(_book([_row("丁公司", code, "危险化学品", "金水区", "", "红色")]))
    excel.save(rows)
    e = m.Enterprise.objects.get(credit_code=code)
    assert e.colour == "red" and e.ratings.get().reason == "Excel导入时确定的分级颜色。"
    rows, _e = excel.parse(_book([_row("丁公司", code, "危险化学品", "金水区", "", "红")]))
    excel.save(rows)  # same colour again: no new rating
    assert e.ratings.count() == 1
