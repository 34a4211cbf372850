"""import_knowledge speaks the bureau's language: Chinese labels for every vocabulary and
Chinese column headings (without relying on compiled catalogues), the three date
spellings, spreadsheet row numbers for CSV, and documents keep their own dates."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from knowledge.importers.rows import validate
from knowledge.models import ArticlePage, PlanPage, RegulationPage

pytestmark = pytest.mark.django_db


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_knowledge", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write_csv(path, header, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    "field, text, code",
    [
        ("status", "现行有效", "current"),
        ("status", "已废止", "repealed"),
        ("status", "试行", "trial"),
        ("topic", "安全生产", "safety_production"),
        ("topic", "危险化学品", "chemicals"),
        ("doc_type", "规范性文件", "normative"),
        ("doc_type", "地方性法规", "local_regulation"),
    ],
)
def test_chinese_labels_without_any_translation_catalogue(field, text, code, monkeypatch):
    # The labels must not depend on compiled .mo files: a fresh install refused 现行有效.
    # An English session, and no catalogue to switch to: what a fresh install without
    # compilemessages (or an admin user working in English) looks like.
    with translation.override("en"):
        monkeypatch.setattr(translation, "override", _no_translation)
        row, errors = validate(
            2, {"type": "法规", "key": "k", "title": "t", "body": "b", field: text}
        )
    assert errors == [] and row.values[field] == code


class _no_translation:
    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize(
    "text", ["2021-07-09", "2021/7/9", "2021年7月9日", "２０２１年７月９日", "2021.7.9"]
)
def test_three_date_spellings(text):
    row, errors = validate(2, {"type": "regulation", "key": "k", "title": "t", "body": "b",
                               "issued_on": text})  # fmt: skip
    assert errors == [] and row.values["issued_on"] == dt.date(2021, 7, 9)


def test_plan_levels_classes_and_chinese_headings():
    row, errors = validate(
        2,
        {"类型": "应急预案", "标识": "p1", "标题": "预案", "正文": "b", "预案级别": "专项应急预案",
         "事件类别": "自然灾害类", "发布日期": "2022年3月1日"},
    )  # fmt: skip
    assert errors == []
    assert (row.type, row.values["level"], row.values["plan_class"]) == (
        "plan",
        "special",
        "natural",
    )


def test_unknown_label_error_is_chinese_and_lists_chinese_names():
    _row, errors = validate(2, {"type": "regulation", "key": "k", "title": "t", "body": "b",
                                "status": "有点有效"})  # fmt: skip
    assert errors == ["未知的效力状态“有点有效”（可用值：现行有效、试行、已修订、已废止）"]
    _row, errors = validate(2, {"type": "regulation", "key": "k", "title": "t", "body": "b",
                                "issued_on": "2021-02-30"})  # fmt: skip
    assert errors == [
        "发布日期“2021-02-30”不是有效日期（请写作 2021-07-09、2021/7/9 或 2021年7月9日）"
    ]


def test_csv_errors_name_spreadsheet_rows_not_file_lines(sections, tmp_path):
    body = "第一段\n第二段\n第三段"  # a quoted cell over three lines of the file
    rows = [["regulation", f"k{n}", f"标题{n}", body, "现行有效"] for n in range(1, 4)]
    rows.append(["regulation", "k4", "标题4", body, "乱写"])
    path = write_csv(tmp_path / "docs.csv", ["type", "key", "title", "body", "status"], rows)
    with pytest.raises(CommandError):
        run(path)
    _out, err = "", io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_knowledge", str(path), "--no-progress", stderr=err, stdout=io.StringIO()
        )
    # Header = row 1, so the fourth record is row 5 (it starts on line 11 of the file).
    assert err.getvalue().startswith("第5行：未知的效力状态“乱写”")


def test_imported_documents_keep_their_publication_date(sections, tmp_path, client):
    path = write_csv(
        tmp_path / "docs.csv",
        ["类型", "标识", "标题", "正文", "发布日期"],
        [
            ["政策法规", "old-1", "二〇一九年的通知", "正文", "2019年5月12日"],
            ["安全知识", "old-2", "旧文章", "正文", "2020/6/1"],
            ["法规", "new-1", "没有日期的通知", "正文", ""],
        ],
    )
    run(path)
    old = RegulationPage.objects.get(import_key="old-1")
    assert old.first_published_at.astimezone().date() == dt.date(2019, 5, 12)
    assert ArticlePage.objects.get(import_key="old-2").first_published_at.date() == dt.date(
        2020, 6, 1
    )
    undated = RegulationPage.objects.get(import_key="new-1")
    assert undated.first_published_at.date() >= dt.date(2026, 1, 1)
    # Re-importing with a corrected date moves it; the page stays one page.
    write_csv(path, ["类型", "标识", "标题", "正文", "发布日期"],
              [["政策法规", "old-1", "二〇一九年的通知", "正文", "2019-05-13"]])  # fmt: skip
    run(path)
    old.refresh_from_db()
    assert old.first_published_at.astimezone().date() == dt.date(2019, 5, 13)
    assert PlanPage.objects.count() == 0
