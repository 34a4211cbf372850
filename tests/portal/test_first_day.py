"""A bureau's first real day, on an empty database and without demo content: migrate,
setup_site, import the bureau's own spreadsheets (Chinese labels throughout) and count a
deadline in working days across 国庆 2026."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def _xlsx(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_migrate_setup_site_imports_and_deadlines_on_an_empty_database(tmp_path):
    from accountability.excel import COLUMNS
    from accountability.models import CalendarDay, Enterprise, Industry, Jurisdiction
    from accountability.models.workingdays import add_working_days
    from knowledge.models import RegulationPage

    # An empty database: the test database holds what the migrations made, nothing more.
    assert not Jurisdiction.objects.exists() and not CalendarDay.objects.exists()
    call_command("migrate", verbosity=0)
    out = io.StringIO()
    call_command("setup_site", stdout=out)
    call_command("setup_site", stdout=out)  # idempotent: a second run adds nothing
    assert Jurisdiction.objects.filter(code="jinshui").count() == 1
    assert Industry.objects.filter(name="危险化学品").count() == 1
    assert "(0 days added)" in out.getvalue().splitlines()[-2]

    # Every section exists once, and no demo content (about pages, documents) was made.
    slugs = list(Page.objects.filter(depth=3).values_list("slug", flat=True))
    for slug in ("regulations", "plans", "safety-knowledge", "shelters", "campaigns"):
        assert slugs.count(slug) == 1
    assert "about" not in slugs and not RegulationPage.objects.exists()

    knowledge = _xlsx(
        tmp_path / "法规.xlsx",
        [
            [
                "类型",
                "标识",
                "标题",
                "正文",
                "效力状态",
                "主题分类",
                "文件类别",
                "发布日期",
                "文号",
            ],
            [
                "政策法规",
                "zz-2021-12",
                "关于做好突发事件信息报送工作的通知",
                "各县（市、区）应急管理局：……",
                "现行有效",
                "安全生产",
                "规范性文件",
                "2021年7月9日",
                "郑应急〔2021〕12号",
            ],
            [
                "法规",
                "zz-2020-3",
                "郑州市应急救援队伍建设管理办法",
                "第一条　为了……",
                "已废止",
                "应急救援",
                "政府规章",
                "2020/3/5",
                "",
            ],
        ],  # fmt: skip
    )
    call_command("import_knowledge", str(knowledge), "--no-progress", stdout=io.StringIO())
    notice = RegulationPage.objects.get(import_key="zz-2021-12")
    assert (notice.status, notice.topic, notice.doc_type) == (
        "current",
        "safety_production",
        "normative",
    )
    assert notice.issued_on == dt.date(2021, 7, 9)
    # It keeps its own date in 最新发布, not the day of the import.
    assert notice.first_published_at.date() == dt.date(2021, 7, 9)
    assert RegulationPage.objects.get(import_key="zz-2020-3").status == "repealed"

    from accountability.creditcode import make_code

    headings = [c[0] for c in COLUMNS]
    row = dict.fromkeys(headings, "")
    row |= {"企业名称": "郑州某精细化工有限公司", "统一社会信用代码": make_code("91410105MA1234567"),
            "行业": "危险化学品", "所属区县": "金水区", "风险等级": "较大风险", "标准化等级": "三级"}  # fmt: skip
    second = dict(row) | {"企业名称": "郑州高新某仓储有限公司", "所属区县": "高新区",
                          "统一社会信用代码": make_code("91410100MA7654321")}  # fmt: skip
    enterprises = _xlsx(
        tmp_path / "企业.xlsx",
        [headings, [row[h] for h in headings], [second[h] for h in headings]],
    )
    call_command("import_enterprises", str(enterprises), stdout=io.StringIO())
    first = Enterprise.objects.get(name="郑州某精细化工有限公司")
    assert (first.industry.name, first.jurisdiction.name, first.risk_level) == (
        "危险化学品",
        "金水区",
        "high",
    )
    assert (
        Enterprise.objects.get(name="郑州高新某仓储有限公司").jurisdiction.name
        == "郑州高新技术产业开发区"
    )

    # 30 September 2026 + 5 working days: 1-7 October are off, Saturday 10 October is worked.
    assert add_working_days(dt.date(2026, 9, 30), 5) == dt.date(2026, 10, 13)
    # Spring Festival 2026 too: 13 February (Friday) + 1 -> Saturday 14th is an adjusted
    # working day; + 2 -> 24 February, after the 15-23 holiday.
    assert add_working_days(dt.date(2026, 2, 13), 2) == dt.date(2026, 2, 24)
