"""manage.py import_shelters: Chinese columns and labels, coordinate systems, re-import,
bad rows reported in Chinese with nothing written."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import Revision

from knowledge.models import ShelterPage
from portal.core import geo

HEADER = ["编号", "名称", "所在区县", "地址", "场所级别", "场所类型", "开放状态", "容纳人数",
          "面积（平方米）", "设施", "管理单位", "联系电话", "纬度", "经度", "坐标系"]  # fmt: skip
GOOD = [
    ["js-001", "某公园应急避难场所", "金水区", "金水区某路1号", "Ⅱ类", "室外", "开放中", "12,000",
     "40000", "应急供水、应急厕所、应急照明", "某街道办事处", "0371-12345678",
     "34.7700", "113.6800", "WGS-84"],
    ["zd-002", "某体育馆应急避难场所", "郑东新区", "郑东新区某路2号", "三类", "室内", "未开放", "3000",
     "8000", "", "", "", "34.7600", "113.7400", "高德"],
    ["gx-003", "某广场应急避难场所", "高新区", "高新区某路3号", "短期", "室内外结合", "已满员", "5000",
     "15000", "应急照明", "", "", "34.8200", "113.5600", "BD-09"],
    ["xm-004", "某学校应急避难场所", "新密市", "新密市某路4号", "一类", "室内", "暂停使用", "900",
     "2000", "", "", "", "", "", ""],
]  # fmt: skip


def _csv(tmp_path, rows, name="shelters.csv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_shelters", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_csv_with_chinese_labels_and_three_coordinate_systems(sections, tmp_path):
    out, _err = _run(_csv(tmp_path, GOOD))
    assert "4 created" in out or "新建4" in out
    park = ShelterPage.objects.get(import_key="js-001")
    assert park.live and park.district == "jinshui" and park.category == "medium"
    assert (park.shelter_type, park.status, park.capacity) == ("outdoor", "open", 12000)
    assert park.facilities_list == ["应急供水", "应急厕所", "应急照明"]
    # WGS-84 in the file, GCJ-02 in the database: hundreds of metres apart.
    assert park.gcj02 == pytest.approx(geo.wgs84_to_gcj02(34.77, 113.68), abs=1e-6)
    assert geo.distance_m(*park.gcj02, 34.77, 113.68) > 300
    gym = ShelterPage.objects.get(import_key="zd-002")
    assert gym.gcj02 == pytest.approx((34.76, 113.74), abs=1e-6)  # 高德 = GCJ-02, kept
    square = ShelterPage.objects.get(import_key="gx-003")
    assert square.gcj02 == pytest.approx(geo.bd09_to_gcj02(34.82, 113.56), abs=1e-6)
    assert (square.shelter_type, square.status) == ("mixed", "full")
    school = ShelterPage.objects.get(import_key="xm-004")
    assert school.latitude is None and school.category == "long" and school.status == "suspended"


def test_importing_the_same_file_again_changes_nothing(sections, tmp_path):
    path = _csv(tmp_path, GOOD)
    _run(path)
    revisions = Revision.objects.count()
    _run(path)
    assert ShelterPage.objects.count() == 4
    assert Revision.objects.count() == revisions
    changed = [list(GOOD[0]), *GOOD[1:]]
    changed[0][6] = "已满员"
    _run(_csv(tmp_path, changed, "changed.csv"))
    assert ShelterPage.objects.get(import_key="js-001").status == "full"
    assert ShelterPage.objects.count() == 4
    assert Revision.objects.count() == revisions + 1


def test_xlsx_is_read_like_csv(sections, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    row = list(GOOD[0])
    row[7], row[12], row[13] = 12000, 34.77, 113.68  # numbers as a spreadsheet stores them
    sheet.append(row)
    path = tmp_path / "shelters.xlsx"
    book.save(path)
    _run(path)
    park = ShelterPage.objects.get(import_key="js-001")
    assert park.capacity == 12000
    assert park.gcj02 == pytest.approx(geo.wgs84_to_gcj02(34.77, 113.68), abs=1e-6)


def test_bad_rows_are_listed_in_chinese_and_nothing_is_written(sections, tmp_path):
    bad = [
        GOOD[0],
        ["bad-1", "甲", "火星区", "某路", "四类", "地下", "营业中", "很多", "0", "", "", "",
         "34.7", "113.6", ""],
        ["bad-2", "乙", "金水区", "某路", "", "", "", "100", "100", "", "", "",
         "113.6", "34.7", "WGS-84"],
        ["bad-3", "", "金水区", "", "", "", "", "100", "100", "", "", "", "34.7", "", "GCJ-02"],
        ["js-001", "丙", "金水区", "某路", "", "", "", "100", "100", "", "", "", "", "", ""],
    ]  # fmt: skip
    with pytest.raises(CommandError) as error:
        _run(_csv(tmp_path, bad))
    assert "4" in str(error.value) and ShelterPage.objects.count() == 0
    _out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_shelters", str(_csv(tmp_path, bad)), stdout=_out, stderr=err)
    report = err.getvalue()
    assert "第3行" in report or "Line 3" in report
    for expected in ("火星区", "四类", "地下", "营业中", "很多", "坐标系", "填反", "名称", "同时"):
        assert expected in report, expected
    assert "第6行" in report and "js-001" in report


def test_skip_bad_rows_imports_the_good_ones(sections, tmp_path):
    bad = [GOOD[0], ["bad", "甲", "火星区", "某路", "", "", "", "1", "1", "", "", "", "", "", ""]]
    out, err = _run(_csv(tmp_path, bad), "--skip-bad-rows")
    assert ShelterPage.objects.filter(import_key="js-001").exists()
    assert "火星区" in err


def test_unreadable_file_is_refused_in_chinese(sections, tmp_path):
    path = tmp_path / "shelters.txt"
    path.write_text("x")
    with pytest.raises(CommandError) as error:
        _run(path)
    assert ".txt" in str(error.value)
