"""Official documents (公文) from a folder: ``manage.py import_documents DIR``.

Each .docx, .pdf or .txt file is read as text and its parts are recognised from the usual
layout of GB/T 9704 (党政机关公文格式):

- 发文机关标志, e.g. ``郑州市应急管理局文件`` (the header, first lines);
- 发文字号, e.g. ``郑应急〔2021〕12号`` (also written with [] or () instead of 〔〕);
- 标题, e.g. ``郑州市应急管理局关于……的通知`` (may wrap over two lines);
- 主送机关, a line ending with a colon, then the body;
- 发文机关署名 and 成文日期 (``2021年7月9日`` or ``二〇二一年七月九日``) at the end.

Every field that was not found, or found in only one weak way, is listed in ``unsure``,
never filled in by guesswork: the preview shows it and the import leaves it empty."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import escape
from django.utils.translation import gettext as _

from portal.core.dates import IN_TEXT, parse_date
from search.text import EXTRACTABLE, extract_file_text

SUFFIXES = (".docx", ".pdf", ".txt")
DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12})\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d{1,4})\s*号"
)
TITLE_END = re.compile(
    r"(通知|意见|办法|规定|决定|方案|预案|通报|报告|批复|函|细则|规则|制度|公告|通告|纪要|规划|条例|答复|复函|说明|请示|要点|标准)$"
)
HEADER = re.compile(r"^(.{2,40}?)(文件|公文)$")
CHINESE_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
CHINESE_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)


@dataclass
class OfficialDocument:
    path: Path
    title: str = ""
    doc_number: str = ""
    issuer: str = ""
    written_on: object = None
    paragraphs: list = field(default_factory=list)
    unsure: list = field(default_factory=list)
    error: str = ""

    @property
    def key(self) -> str:
        """A stable import key: the same file imported again updates its page."""
        digest = hashlib.sha1(self.path.read_bytes(), usedforsecurity=False).hexdigest()
        return f"doc-{digest[:20]}"

    def body_html(self) -> str:
        return "".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)


def read_text(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in EXTRACTABLE:
        raise ValueError(_("unsupported file type"))
    with path.open("rb") as handle:
        return extract_file_text(handle, suffix, tables=False, limit=None)


def _chinese_number(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        tens, _sep, units = text.partition("十")
        return CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(units, 0)
    return CHINESE_DIGITS[text]


def find_date(line: str):
    match = IN_TEXT.search(line)
    if match:
        return parse_date(match.group(0))
    match = CHINESE_DATE.search(line)
    if match:
        year = int("".join(str(CHINESE_DIGITS[c]) for c in match.group(1)))
        return parse_date(
            f"{year}-{_chinese_number(match.group(2))}-{_chinese_number(match.group(3))}"
        )
    return None


def _lines(text: str) -> list[str]:
    # Full-width spaces indent paragraphs in 公文; PDF extraction may leave runs of spaces.
    return [re.sub(r"\s+", " ", line.replace("\u3000", " ")).strip() for line in text.splitlines()]


def parse(path: Path) -> OfficialDocument:
    doc = OfficialDocument(Path(path))
    try:
        lines = [line for line in _lines(read_text(doc.path)) if line]
    except Exception as exc:  # a broken file is reported, never a crash of the whole run
        doc.error = _("cannot read the file (%(error)s)") % {"error": type(exc).__name__}
        return doc
    if not lines:
        doc.error = _("the file has no text")
        return doc
    header_issuer = ""
    start = 0
    for i, line in enumerate(lines[:4]):
        compact = line.replace(" ", "")
        match = HEADER.match(compact)
        if match:
            header_issuer, start = match.group(1), i + 1
            break
    for i, line in enumerate(lines[start : start + 4], start=start):
        match = DOC_NUMBER.search(line.replace(" ", ""))
        if match:
            doc.doc_number = f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号"
            start = i + 1
            break
    # The title: the lines before the addressee (a line ending with a colon), at most three.
    title_lines, body_start = [], start
    for i, line in enumerate(lines[start : start + 4], start=start):
        if line.endswith(("：", ":", "。", "；")):
            body_start = i  # the addressee, or already a sentence of the body
            break
        title_lines.append(line)
        body_start = i + 1
        if TITLE_END.search(line.replace(" ", "")):
            break
    title = "".join(title_lines).replace(" ", "")
    if title and TITLE_END.search(title):
        doc.title = title
    else:
        # No recognisable title: keep only the first line as the title and say so.
        doc.title = title_lines[0].replace(" ", "") if title_lines else doc.path.stem
        body_start = start + 1 if title_lines else start
        doc.unsure.append(_("title"))
    # The end: the signature and the date written, within the last lines.
    end = len(lines)
    signature = ""
    for i in range(len(lines) - 1, max(body_start, len(lines) - 6) - 1, -1):
        day = find_date(lines[i])
        if day and len(lines[i].replace(" ", "")) <= 14:
            doc.written_on, end = day, i
            if i - 1 >= body_start and len(lines[i - 1]) <= 30 and not lines[i - 1].endswith("。"):
                signature, end = lines[i - 1].replace(" ", ""), i - 1
            break
    if doc.written_on is None:
        doc.unsure.append(_("date written"))
    title_issuer = doc.title.split("关于")[0] if "关于" in doc.title else ""
    candidates = [c for c in (header_issuer, signature, title_issuer) if c]
    if candidates:
        doc.issuer = max(set(candidates), key=candidates.count)
    if len(set(candidates)) != 1 or len(candidates) < 2:
        # Found once only, or the header, signature and title disagree: say so.
        doc.unsure.append(_("issuing authority"))
    if not doc.doc_number:
        doc.unsure.append(_("document number"))
    doc.paragraphs = lines[body_start:end]
    if not doc.paragraphs:
        doc.error = _("no body text was found")
    return doc


def scan(directory: Path) -> list[OfficialDocument]:
    files = sorted(p for p in Path(directory).rglob("*") if p.suffix.lower() in SUFFIXES)
    return [parse(p) for p in files if p.is_file() and not p.name.startswith((".", "~$"))]
