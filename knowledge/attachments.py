"""Plain text of attached PDF and Word files, for search.

Extraction is cached per file (by Wagtail's file hash), so re-indexing is cheap. A file
that cannot be read yields an empty string and a log line; it never breaks indexing."""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache

log = logging.getLogger(__name__)

MAX_CHARS = 200_000


def extract_file_text(fileobj, extension: str) -> str:
    """Text of a PDF (pypdf) or Word .docx (python-docx) file object; '' for other types."""
    extension = extension.lower().lstrip(".")
    if extension == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(fileobj)
        parts = [(p.extract_text() or "") for p in reader.pages]
    elif extension == "docx":
        import docx

        document = docx.Document(fileobj)
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" ".join(cell.text for cell in row.cells))
    else:
        return ""
    text = "\n".join(part.strip() for part in parts if part and part.strip())
    return text[:MAX_CHARS]


def document_text(document) -> str:
    """Text of a Wagtail document, cached by its content hash."""
    extension = document.file_extension or ""
    if extension.lower() not in ("pdf", "docx"):
        return ""
    file_hash = document.file_hash or hashlib.sha1(document.file.name.encode()).hexdigest()
    key = f"knowledge:doctext:{document.pk}:{file_hash}"
    text = cache.get(key)
    if text is not None:
        return text
    try:
        with document.open_file() as handle:
            text = extract_file_text(handle, extension)
    except Exception:  # a corrupt upload must not break indexing
        log.warning("Could not extract text from document %s", document.pk, exc_info=True)
        text = ""
    cache.set(key, text, 7 * 24 * 3600)
    return text


def attachments_text(page) -> str:
    """Joined text of every attachment of ``page`` (pages with ``attachments``)."""
    attachments = getattr(page, "attachments", None)
    if attachments is None:
        return ""
    return "\n".join(document_text(a.document) for a in attachments.select_related("document"))
