"""Plain text of a page's attached PDF and Word files, for search.

Extraction and its cache live in :mod:`search.text` (one extractor for the project); this
module only knows which pages carry an ``attachments`` relation."""

from search.text import attachment_text


def attachments_text(page) -> str:
    """Joined text of every attachment of ``page`` (pages with ``attachments``)."""
    attachments = getattr(page, "attachments", None)
    if attachments is None:
        return ""
    return "\n".join(attachment_text(a.document) for a in attachments.select_related("document"))
