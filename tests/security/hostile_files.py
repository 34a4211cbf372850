"""Hostile spreadsheets built on the fly: small on disk, huge once read (issue #13,
finding 3). Each is a minimal but valid .xlsx (a zip of XML parts) written part by part,
so even the 100 MB cell never sits in the test's memory."""

import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _col(index: int) -> str:
    name = ""
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row(headings) -> str:
    cells = "".join(_inline(f"{_col(i)}1", h) for i, h in enumerate(headings, start=1))
    return f'<row r="1">{cells}</row>'


def write_xlsx(path: Path, sheet_chunks, shared_chunks=(), dimension=None) -> Path:
    """Write an .xlsx whose sheet XML and shared strings are streamed from iterables of
    text chunks (``<row>`` elements; ``<si>`` elements)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>'.encode())
            for chunk in shared_chunks:
                part.write(chunk.encode())
            part.write(b"</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>'.encode())
            if dimension:
                part.write(f'<dimension ref="{dimension}"/>'.encode())
            part.write(b"<sheetData>")
            for chunk in sheet_chunks:
                part.write(chunk.encode())
            part.write(b"</sheetData></worksheet>")
    return path


def huge_cell(path: Path, headings, megabytes=100) -> Path:
    """One shared string of ``megabytes`` MB in row 2 (about 100 KB on disk)."""
    block = "A" * (1024 * 1024)
    shared = ["<si><t>", *([block] * megabytes), "</t></si>"]
    row = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return write_xlsx(path, [header_row(headings), row], shared)


def empty_rows(path: Path, headings, count=3_000_000) -> Path:
    """``count`` physical empty rows after the header (``<row/>``: no number, no cell;
    readers count them one by one)."""
    batch = "<row/>" * 100_000
    chunks = [batch] * (count // 100_000) + ["<row/>" * (count % 100_000)]
    return write_xlsx(path, [header_row(headings), *chunks])


def far_row(path: Path, headings, row=15_000_000) -> Path:
    """A header, then one cell at row ``row`` and a dimension that claims every row up to
    it: readers fill the gap with that many empty rows."""
    last = f'<row r="{row}">{_inline(f"A{row}", "x")}</row>'
    return write_xlsx(path, [header_row(headings), last], dimension=f"A1:XFD{row}")


def cell_bomb(path: Path, headings, rows=20_000, columns=10, chars=32_000) -> Path:
    """One long shared string referenced by every cell of a large grid."""
    shared = [f"<si><t>{'炸' * chars}</t></si>"]

    def body():
        for number in range(2, rows + 2):
            cells = "".join(
                f'<c r="{_col(c)}{number}" t="s"><v>0</v></c>' for c in range(1, columns + 1)
            )
            yield f'<row r="{number}">{cells}</row>'

    return write_xlsx(path, [header_row(headings), *body()], shared)
