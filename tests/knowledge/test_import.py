"""manage.py import_knowledge: good files in three formats, re-import, bad rows."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import Revision

from knowledge.models import ArticlePage, PlanPage, RegulationPage

pytestmark = pytest.mark.django_db

GOOD = [
    {
        "type": "regulation",
        "key": "zz-reg-2021-009",
        "title": "关于做好突发事件信息报送工作的通知",
        "body": "<h1>通知</h1><p onclick='x()'>各县（市、区）应急管理局：</p><script>alert(1)</script>"
        "<p><a href='javascript:alert(1)'>危险链接</a><a href='https://example.gov.cn/'>安全链接</a></p>",
        "doc_number": "郑应急〔2021〕9号",
        "issuer": "郑州市应急管理局",
        "issued_on": "2021-02-25",
        "effective_on": "2021/02/25",
        "status": "现行有效",
        "topic": "综合应急管理",
        "doc_type": "规范性文件",
    },
    {
        "type": "plan",
        "key": "zz-plan-master",
        "title": "郑州市突发事件总体应急预案",
        "body": "第一段。\n\n第二段，\n换行。",
        "level": "master",
        "plan_class": "comprehensive",
        "issued_on": "2022年3月1日",
        "last_evaluated_on": "2024-11-20",
    },
    {
        "type": "plan",
        "key": "zz-plan-flood",
        "title": "郑州市防汛应急预案",
        "body": "防汛预案正文",
        "level": "专项预案",
        "plan_class": "自然灾害",
        "parent_key": "zz-plan-master",
        "review_interval_months": 24,
    },
    {
        "type": "article",
        "key": "edu-001",
        "title": "地震来了怎么办",
        "body": "伏地、遮挡、手抓牢。",
        "topic": "earthquake",
        "issued_on": "2025-05-12",
    },
]


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_knowledge", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_jsonl_creates_published_pages(sections, tmp_path, client):
    out, err = run(write_jsonl(tmp_path / "good.jsonl", GOOD))
    assert "新建4条" in out and err == ""
    reg = RegulationPage.objects.get(import_key="zz-reg-2021-009")
    assert reg.live and not reg.has_unpublished_changes and reg.live_revision_id
    assert reg.doc_type == "normative" and reg.status == "current" and reg.topic == "general"
    assert reg.effective_on.isoformat() == "2021-02-25"
    assert reg.get_parent().specific == sections["regulations"]
    html = str(reg.body)
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert "<h2>通知</h2>" in html and 'href="https://example.gov.cn/"' in html
    assert client.get(reg.url).status_code == 200

    master = PlanPage.objects.get(import_key="zz-plan-master")
    flood = PlanPage.objects.get(import_key="zz-plan-flood")
    assert flood.parent_plan == master and flood.level == "special"
    assert str(master.issued_on) == "2022-03-01"
    assert str(master.next_review_on) == "2027-11-20"
    assert "<p>第二段，<br>换行。</p>" in str(master.body)
    article = ArticlePage.objects.get(import_key="edu-001")
    assert str(article.published_on) == "2025-05-12"
    # Tree bookkeeping is right: the index knows its children, the list shows them.
    sections["regulations"].refresh_from_db()
    assert sections["regulations"].numchild == 1
    assert "地震来了怎么办" in client.get(sections["articles"].url).content.decode()


def test_imported_pages_are_in_the_wagtail_search_index(sections, tmp_path):
    run(write_jsonl(tmp_path / "good.jsonl", GOOD))
    found = RegulationPage.objects.live().search("关于做好突发事件信息报送工作的通知")
    assert [p.import_key for p in found] == ["zz-reg-2021-009"]


def test_reimport_updates_and_never_duplicates(sections, tmp_path):
    path = write_jsonl(tmp_path / "good.jsonl", GOOD)
    run(path)
    changed = [
        dict(GOOD[0], title="关于做好突发事件信息报送工作的通知（修订）", status="已废止"),
        *GOOD[1:],
    ]
    out, _err = run(write_jsonl(tmp_path / "again.jsonl", changed))
    assert "新建0条，更新4条" in out
    assert RegulationPage.objects.count() == 1 and PlanPage.objects.count() == 2
    reg = RegulationPage.objects.get()
    assert reg.title.endswith("（修订）") and reg.status == "repealed"
    assert Revision.page_revisions.filter(object_id=str(reg.pk)).count() == 2


def test_csv_with_all_columns_and_empty_cells(sections, tmp_path):
    path = tmp_path / "docs.csv"
    columns = [
        "type",
        "key",
        "title",
        "body",
        "doc_number",
        "issuer",
        "issued_on",
        "status",
        "topic",
        "level",
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerow(
            {
                "type": "regulation",
                "key": "csv-1",
                "title": "CSV文件",
                "body": "正文",
                "issuer": "郑州市人民政府",
                "issued_on": "2020-01-02",
                "status": "trial",
            }
        )
        writer.writerow(
            {"type": "article", "key": "csv-2", "title": "CSV文章", "body": "正文", "topic": "fire"}
        )
        writer.writerow(
            {
                "type": "plan",
                "key": "csv-3",
                "title": "CSV预案",
                "body": "正文",
                "level": "enterprise",
            }
        )
    out, _err = run(path)
    assert "新建3条" in out
    assert RegulationPage.objects.get(import_key="csv-1").status == "trial"
    assert PlanPage.objects.get(import_key="csv-3").level == "enterprise"


def test_xlsx_with_real_date_cells(sections, tmp_path):
    import datetime as dt

    book = Workbook()
    sheet = book.active
    sheet.append(["Type", "Key", "Title", "Body", "Issued_on", "Doc_number"])
    sheet.append(
        ["regulation", "x-1", "表格文件", "正文", dt.datetime(2023, 7, 1), "郑政〔2023〕1号"]
    )
    sheet.append([None, None, None, None, None, None])
    sheet.append(["article", "x-2", "表格文章", "正文", "2023-08-01", None])
    path = tmp_path / "docs.xlsx"
    book.save(path)
    out, _err = run(path)
    assert "新建2条" in out
    reg = RegulationPage.objects.get(import_key="x-1")
    assert str(reg.issued_on) == "2023-07-01" and reg.doc_number == "郑政〔2023〕1号"


BAD_ROWS = [
    ('{"type": "regulation", "key": "b1", "title": "缺右括号", "body": "x"', "不是有效的 JSON"),
    ('["not", "an", "object"]', "必须是一个 JSON 对象"),
    ({"key": "b3", "title": "无类型", "body": "x"}, "缺少类型"),
    ({"type": "law", "key": "b4", "title": "错类型", "body": "x"}, "未知的类型“law”"),
    ({"type": "regulation", "title": "无键", "body": "x"}, "缺少键"),
    ({"type": "regulation", "key": "有 空格", "title": "坏键", "body": "x"}, "只能包含字母"),
    ({"type": "regulation", "key": "b7", "body": "x"}, "缺少标题"),
    ({"type": "regulation", "key": "b8", "title": "无正文"}, "缺少正文"),
    (
        {
            "type": "regulation",
            "key": "b9",
            "title": "坏日期",
            "body": "x",
            "issued_on": "2021-13-45",
        },
        "不是有效日期",
    ),
    (
        {"type": "regulation", "key": "b10", "title": "坏状态", "body": "x", "status": "作废"},
        "未知的效力状态“作废”",
    ),
    (
        {"type": "article", "key": "b11", "title": "坏主题", "body": "x", "topic": "天文"},
        "未知的主题分类“天文”",
    ),
    (
        {"type": "regulation", "key": "b12", "title": "多字段", "body": "x", "author": "某人"},
        "未知的字段：author",
    ),
    (
        {"type": "article", "key": "b13", "title": "不适用", "body": "x", "doc_number": "1号"},
        "不适用于该类型：doc_number",
    ),
    (
        {"type": "plan", "key": "b14", "title": "坏级别", "body": "x", "level": "国家级"},
        "未知的预案级别“国家级”",
    ),
    (
        {"type": "plan", "key": "b15", "title": "坏周期", "body": "x", "review_interval_months": 0},
        "必须是1到120之间的整数",
    ),
    (
        {"type": "plan", "key": "b16", "title": "无上级", "body": "x", "parent_key": "nope"},
        "不是已知的预案",
    ),
    (
        {
            "type": "regulation",
            "key": "b17",
            "title": "只有脚本",
            "body": "<script>alert(1)</script>",
        },
        "没有可读内容",
    ),
    (
        {"type": "regulation", "key": "b18", "title": "超长" * 200, "body": "x"},
        "title 超过255个字符",
    ),
    ({"type": "regulation", "key": "dup", "title": "重复一", "body": "x"}, None),
    ({"type": "regulation", "key": "dup", "title": "重复二", "body": "x"}, "与第19行重复"),
    (
        {"type": "article", "key": "zz-reg-2021-009", "title": "换类型", "body": "x"},
        "已被类型为 regulation 的页面使用",
    ),
]


@pytest.fixture
def bad_file(sections, tmp_path):
    run(write_jsonl(tmp_path / "seed.jsonl", GOOD[:1]))
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r, _m in BAD_ROWS]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_every_bad_row_is_reported_with_line_and_reason_and_nothing_is_imported(bad_file):
    before = RegulationPage.objects.count()
    with pytest.raises(CommandError) as excinfo:
        run(bad_file)
    assert "未导入任何内容" in str(excinfo.value)
    assert "共21行，其中20行有错误" in str(excinfo.value)
    assert RegulationPage.objects.count() == before
    assert ArticlePage.objects.count() == 0 and PlanPage.objects.count() == 0


def test_bad_row_messages(bad_file):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_knowledge", str(bad_file), "--no-progress", stderr=err, stdout=io.StringIO()
        )
    messages = err.getvalue().splitlines()
    for number, (_row, expected) in enumerate(BAD_ROWS, start=1):
        if expected is None:
            assert not any(m.startswith(f"第{number}行：") for m in messages)
            continue
        assert any(m.startswith(f"第{number}行：") and expected in m for m in messages), (
            number,
            expected,
        )


def test_skip_bad_rows_imports_the_good_ones(bad_file):
    out, err = run(bad_file, "--skip-bad-rows")
    assert "新建1条" in out and "跳过错误行20行" in out
    assert RegulationPage.objects.filter(import_key="dup").get().title == "重复一"
    assert "第2行：" in err


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("docs.txt", "x", "不支持的文件类型"),
        ("empty.csv", "", "文件为空"),
        ("latin.csv", None, "不是 UTF-8 编码"),
        ("broken.xlsx", "not a zip", "无法打开表格文件"),
    ],
)
def test_unreadable_files_fail_with_a_clear_message(sections, tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        path.write_bytes("type,key,title,body\nregulation,k,标题,正文\n".encode("gbk"))
    else:
        path.write_text(content, "utf-8")
    with pytest.raises(CommandError, match=message):
        run(path)


def test_missing_file_and_missing_section(db, tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run(tmp_path / "none.jsonl")
    with pytest.raises(CommandError, match="网站中没有以下类型的栏目"):
        run(write_jsonl(tmp_path / "good.jsonl", GOOD[:1]))


def test_progress_bar_is_drawn(sections, tmp_path, monkeypatch):
    """A bar over every row, drawn on stderr; checked on the bar itself, not on how tqdm
    happens to print it."""
    from knowledge.management.commands import import_knowledge

    bars = []

    class RecordingBar(import_knowledge.tqdm):
        def close(self):
            if not self.disable:
                bars.append((self.n, self.total))
            super().close()

    monkeypatch.setattr(import_knowledge, "tqdm", RecordingBar)
    err = io.StringIO()
    call_command(
        "import_knowledge",
        str(write_jsonl(tmp_path / "g.jsonl", GOOD)),
        stdout=io.StringIO(),
        stderr=err,
    )
    assert bars == [(len(GOOD), len(GOOD))]
    assert err.getvalue().strip()  # drawn on the command's stderr
