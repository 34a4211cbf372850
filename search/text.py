"""Plain text for search documents, for use in ``<app>/searchables.py``: the only place
the project turns StreamFields and attached files into text.

``streamfield_text(page.body)`` walks a StreamField (headings, rich text, callouts,
tables, and the text of attached PDF, Word and plain-text documents);
``attachment_text(document)`` extracts a Wagtail document's text (cached by file hash);
``extract_file_text(fileobj, extension)`` reads one file object."""

from __future__ import annotations

import html
import logging
import re

from django.core.cache import cache
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.blocks import ChoiceBlock, StreamValue, StructValue
from wagtail.documents.models import AbstractDocument
from wagtail.rich_text import RichText

logger = logging.getLogger("search")
MAX_ATTACHMENT_CHARS = 200_000
EXTRACTABLE = ("pdf", "docx", "txt")
_BLOCK_TAGS = re.compile(r"</(p|li|h\d|tr|td|th|div)>|<br\s*/?>", re.IGNORECASE)


def html_text(value: str) -> str:
    """Rich text / HTML to plain text, one space between blocks."""
    text = html.unescape(strip_tags(_BLOCK_TAGS.sub(" ", value or "")))
    return " ".join(text.split())


def extract_file_text(fileobj, extension: str, *, tables=True, limit=MAX_ATTACHMENT_CHARS):
    """Text of a PDF (pypdf), Word .docx (python-docx) or .txt (UTF-8 or GB18030) file
    object; "" for other types. The one extractor of the project: attachments, documents
    placed in a StreamField and the knowledge importer all come here. ``tables=False``
    leaves out Word tables (the importer reads running text only). Raises ValueError for a
    text file in neither encoding; other unreadable files raise their reader's error."""
    extension = extension.lower().lstrip(".")
    # The readers load lazily (about 80 ms each, lxml for Word): only the processes that
    # extract attachment text (indexing, the importer) need them.
    if extension == "pdf":
        from pypdf import PdfReader

        parts = [(p.extract_text() or "") for p in PdfReader(fileobj).pages]
    elif extension == "docx":
        import docx

        document = docx.Document(fileobj)
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            if tables:
                parts += [" ".join(cell.text for cell in row.cells) for row in table.rows]
    elif extension == "txt":
        parts = [_decode(fileobj.read())]
    else:
        return ""
    text = "\n".join(part.strip() for part in parts if part and part.strip())
    return text[:limit] if limit else text


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(_("the text is neither UTF-8 nor GB18030"))


def attachment_text(document) -> str:
    """The text of a Wagtail document (PDF, DOCX, TXT), cached by its file hash; "" for
    other formats or when the file cannot be read (a broken upload must not stop indexing
    of the page)."""
    if document is None or not getattr(document, "file", None):
        return ""
    ext = (document.file_extension or "").lower()
    if ext not in EXTRACTABLE:
        return ""
    cache_key = f"search:doctext:{document.pk}:{getattr(document, 'file_hash', '')}"
    cached = cache.get(cache_key)
    if cached is not None:
        return cached
    try:
        with document.open_file() as handle:
            text = extract_file_text(handle, ext)
    except Exception:
        logger.warning("search: cannot read text of document %s", document.pk, exc_info=True)
        text = ""
    cache.set(cache_key, text, timeout=None)
    return text


def _value_text(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, RichText):
        return [html_text(value.source)]
    if isinstance(value, str):
        return [value]
    if isinstance(value, AbstractDocument):
        return [value.title, attachment_text(value)]
    if isinstance(value, StreamValue):
        return [t for child in value for t in _value_text(child.value)]
    if isinstance(value, StructValue):
        # Choice values (a heading's level "h2", a callout's kind) are markup, not text.
        children = value.block.child_blocks
        return [
            t
            for name, v in value.items()
            if not isinstance(children.get(name), ChoiceBlock)
            for t in _value_text(v)
        ]
    if isinstance(value, dict) and "data" in value:  # TableBlock
        return [str(c) for row in value.get("data") or [] for c in row or [] if c]
    if isinstance(value, list | tuple) or type(value).__name__ == "ListValue":
        return [t for v in value for t in _value_text(getattr(v, "value", v))]
    return []


def streamfield_text(value) -> str:
    """All readable text of a StreamField value, including attached documents."""
    return " ".join(t for t in _value_text(value) if t)
