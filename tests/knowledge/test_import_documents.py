"""manage.py import_documents: official documents (公文) written here in the usual layout,
as Word, PDF and text files, are recognised, previewed and imported with their file."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from knowledge.importers.documents import parse
from knowledge.models import ArticlePage, RegulationPage

pytestmark = pytest.mark.django_db

NOTICE = [
    "郑州市应急管理局文件",
    "郑应急〔2021〕12号",
    "郑州市应急管理局关于做好突发事件",
    "信息报送工作的通知",
    "各县（市、区）应急管理局，市直各有关单位：",
    "为进一步规范突发事件信息报送工作，提高信息报送的时效性和准确性，现就有关事项通知如下。",
    "一、各单位要落实信息报送责任，明确专人负责。",
    "二、较大以上突发事件信息应在事发后30分钟内电话报告、1小时内书面报告。",
    "郑州市应急管理局",
    "2021年7月9日",
    "（此件公开发布）",
]
RULES = [
    "郑州市人民政府应急救援总指挥部办公室文件",
    "郑应急指办[2022]3号",
    "郑州市应急救援队伍建设管理办法",
    "第一条 为加强全市应急救援队伍建设，根据有关法律法规，制定本办法。",
    "第二条 本办法适用于本市行政区域内各类应急救援队伍。",
    "郑州市人民政府应急救援总指挥部办公室",
    "二〇二二年三月一日",
]
PLAIN = [
    "关于开展安全生产月活动的几点说明",
    "各单位要结合实际组织开展宣传咨询日活动。",
    "活动期间注意做好安全保障。",
]


def _docx(path, lines):
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)


def _pdf(path, lines):
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in lines)
    HTML(
        string=f'<html lang="zh-Hans"><meta charset="utf-8"><body style="font-family:'
        f"'Noto Sans CJK SC'\">{body}</body></html>"
    ).write_pdf(path)


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "公文"
    folder.mkdir()
    _docx(folder / "信息报送通知.docx", NOTICE)
    _pdf(folder / "队伍建设管理办法.pdf", RULES)
    (folder / "说明.txt").write_text("\n".join(PLAIN), "gb18030")
    (folder / "损坏.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "备注.xls").write_bytes(b"ignored")
    return folder


@pytest.fixture
def site():
    call_command("setup_site", stdout=io.StringIO())


def test_parts_of_a_word_notice(folder):
    doc = parse(folder / "信息报送通知.docx")
    assert doc.title == "郑州市应急管理局关于做好突发事件信息报送工作的通知"
    assert doc.doc_number == "郑应急〔2021〕12号"
    assert doc.issuer == "郑州市应急管理局"
    assert doc.written_on == dt.date(2021, 7, 9)
    assert doc.paragraphs[0] == "各县（市、区）应急管理局，市直各有关单位："
    assert doc.paragraphs[-1].startswith("二、较大以上突发事件")
    assert doc.unsure == []


def test_parts_of_a_pdf_with_square_brackets_and_a_chinese_numeral_date(folder):
    doc = parse(folder / "队伍建设管理办法.pdf")
    assert doc.title == "郑州市应急救援队伍建设管理办法"
    assert doc.doc_number == "郑应急指办〔2022〕3号"
    assert doc.written_on == dt.date(2022, 3, 1)
    assert doc.issuer == "郑州市人民政府应急救援总指挥部办公室"
    assert len(doc.paragraphs) == 2


def test_unsure_fields_are_reported_not_guessed(folder):
    doc = parse(folder / "说明.txt")  # GB18030 text, no header, number, signature or date
    assert doc.title == "关于开展安全生产月活动的几点说明"
    assert doc.doc_number == "" and doc.written_on is None and doc.issuer == ""
    assert sorted(doc.unsure) == sorted(["成文日期", "发布机构", "文号"])
    assert doc.paragraphs == PLAIN[1:]
    assert parse(folder / "损坏.pdf").error


def test_dry_run_previews_and_imports_nothing(folder, site):
    out = io.StringIO()
    call_command("import_documents", str(folder), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "文号：郑应急〔2021〕12号" in text and "成文日期：2021年7月9日" in text
    assert "说明.txt" in text and "请核对：" in text and "文号" in text.split("说明.txt")[1]
    assert "损坏.pdf：未导入" in text
    assert "共4个文件：3个可读，1个有待核对的字段，1个无法读取" in text
    assert not RegulationPage.objects.exists()


def test_import_as_regulations_with_attachments_then_update(folder, site, client):
    out = io.StringIO()
    call_command("import_documents", str(folder), stdout=out)
    assert "新建3篇" in out.getvalue()
    notice = RegulationPage.objects.get(doc_number="郑应急〔2021〕12号")
    assert notice.live and notice.issuer == "郑州市应急管理局"
    assert notice.written_on == notice.issued_on == dt.date(2021, 7, 9)
    assert notice.first_published_at.date() == dt.date(2021, 7, 9)
    attachment = notice.attachments.get()
    assert attachment.title == "信息报送通知.docx"
    assert attachment.document.file.read()[:2] == b"PK"
    assert notice.latest_revision.content["attachments"]  # kept by the revision
    page = client.get(notice.url).content.decode()
    assert "信息报送通知.docx" in page and "较大以上突发事件信息" in page
    # Same files again: the same pages are updated, nothing is duplicated.
    out = io.StringIO()
    call_command("import_documents", str(folder), stdout=out)
    assert "新建0篇，更新3篇" in out.getvalue()
    assert RegulationPage.objects.count() == 3
    assert RegulationPage.objects.get(pk=notice.pk).attachments.count() == 1


def test_import_as_articles_links_the_file(folder, site):
    call_command("import_documents", str(folder), "--as", "article", stdout=io.StringIO())
    article = ArticlePage.objects.get(title="郑州市应急救援队伍建设管理办法")
    assert article.published_on == dt.date(2022, 3, 1)
    assert article.source == "郑州市人民政府应急救援总指挥部办公室"
    assert 'linktype="document"' in str(article.body.raw_data)


def test_not_a_folder_or_an_empty_one(tmp_path, site):
    with pytest.raises(CommandError, match="不是文件夹"):
        call_command("import_documents", str(tmp_path / "nope"))
    with pytest.raises(CommandError, match="没有 .docx、.pdf 或 .txt 文件"):
        call_command("import_documents", str(tmp_path))
