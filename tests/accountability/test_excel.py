"""Excel import (command and admin preview), template and re-import by credit code."""

from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accountability import excel
from accountability import models as m
from accountability.creditcode import make_code

HEAD = [
    "企业名称",
    "统一社会信用代码",
    "行业",
    "所属区县",
    "地址",
    "法定代表人",
    "主要负责人",
    "联系电话",
]
GOOD1 = make_code("91410105MA7000001")
GOOD2 = make_code("91410105MA7000002")


def workbook(rows, head=HEAD):
    wb = Workbook()
    ws = wb.active
    ws.append(head)
    for r in rows:
        ws.append(r)
    out = BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_template_has_required_headings(world, client):
    client.force_login(world.users["district"])
    r = client.get(reverse("accountability_excel_template"))
    assert r.status_code == 200
    ws = load_workbook(BytesIO(r.content)).active
    assert [c.value for c in ws[1]][:8] == HEAD


def test_bad_rows_reported_and_nothing_saved(world, tmp_path):
    f = tmp_path / "bad.xlsx"
    f.write_bytes(workbook([
        ["好企业", GOOD1, "危险化学品", "金水区", "", "", "", ""],
        ["坏校验位", GOOD2[:-1] + ("0" if GOOD2[-1] != "0" else "1"), "危险化学品", "金水区"],
        ["", GOOD2, "未知行业", "火星区"],
        ["重复", GOOD1, "危险化学品", "金水区"],
    ]).getvalue())  # fmt: skip
    before = m.Enterprise.objects.count()
    with pytest.raises(CommandError):
        call_command("import_enterprises", str(f))
    assert m.Enterprise.objects.count() == before
    with open(f, "rb") as fh:
        rows, errors = excel.parse(fh)
    assert not errors
    assert [r.ok for r in rows] == [True, False, False, False]
    text = " ".join(str(e) for e in rows[1].errors + rows[2].errors + rows[3].errors)
    assert "校验" in text and "企业名称" in text and "未知行业" in text and "火星区" in text
    assert "第 2 行" in text or "2" in str(rows[3].errors[0])


def test_missing_column_and_not_excel(world, tmp_path):
    rows, errors = excel.parse(workbook([["x"]], head=["企业名称"]))
    assert "统一社会信用代码" in errors[0]
    rows, errors = excel.parse(BytesIO(b"not a workbook"))
    assert errors


def test_command_imports_then_updates_by_credit_code(world, tmp_path):
    f = tmp_path / "good.xlsx"
    f.write_bytes(workbook([["新企业", GOOD1, "危险化学品", "金水区", "文化路1号"]]).getvalue())
    call_command("import_enterprises", str(f), "--dry-run")
    assert not m.Enterprise.objects.filter(credit_code=GOOD1).exists()
    call_command("import_enterprises", str(f))
    call_command("import_enterprises", str(f))
    f.write_bytes(
        workbook([["新企业（更名）", GOOD1, "危险化学品", "金水区", "文化路2号"]]).getvalue()
    )
    call_command("import_enterprises", str(f))
    e = m.Enterprise.objects.get(credit_code=GOOD1)
    assert m.Enterprise.objects.filter(credit_code=GOOD1).count() == 1
    assert e.name == "新企业（更名）" and e.address == "文化路2号"


def test_admin_preview_then_confirm(world, client):
    client.force_login(world.users["district"])
    url = reverse("accountability_import")
    bad = workbook([["好", GOOD1, "危险化学品", "金水区"], ["坏", "123", "危险化学品", "二七区"]])
    bad.name = "bad.xlsx"
    r = client.post(url, {"file": bad})
    body = r.content.decode()
    assert r.status_code == 200 and "18" in body and "二七区" in body  # out of jurisdiction
    assert 'name="token"' not in body
    assert not m.Enterprise.objects.filter(credit_code=GOOD1).exists()
    good = workbook([["好", GOOD1, "危险化学品", "金水区"]])
    good.name = "good.xlsx"
    r = client.post(url, {"file": good})
    assert 'name="token"' in r.content.decode()
    token = client.session["acc_import_token"]
    r = client.post(url, {"token": token})
    assert r.status_code == 302
    assert m.Enterprise.objects.get(credit_code=GOOD1).jurisdiction == world.jinshui


def test_admin_rejects_non_xlsx(world, client):
    client.force_login(world.users["district"])
    f = BytesIO(b"a,b")
    f.name = "list.csv"
    r = client.post(reverse("accountability_import"), {"file": f})
    assert ".xlsx" in r.content.decode()


def test_export_follows_filters(world, client):
    client.force_login(world.users["city"])
    url = reverse("accountability_enterprise:index") + "?export=xlsx&district=" + str(world.erqi.pk)
    r = client.get(url)
    content = b"".join(r.streaming_content) if r.streaming else r.content
    ws = load_workbook(BytesIO(content)).active
    names = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["二七化工"]
    assert ws[1][0].value == "企业名称"
