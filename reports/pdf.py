"""HTML to PDF with WeasyPrint, in Chinese, with the bureau's official look.

The report template extends ``reports/base_report.html``; this module adds the common
context (issuer, document number, date of the document) and renders it with the Chinese
language active, so fontconfig picks the Simplified Chinese face of Noto CJK.

Every PDF is tagged PDF/UA-1 (structure tree, language, XMP metadata). Nothing in a PDF
depends on the moment it is printed: its creation and modification dates are the date of
the document and its file identifier is derived from the document, so the same input gives
the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

REPORT_LANGUAGE = "zh-hans"
# PDF/UA-1: tagged, with /Lang and XMP metadata. PDF/A (archiving) is a separate variant
# in WeasyPrint; ARCHIVE_VARIANT is used by archive copies (see archive_pdf).
PDF_VARIANT = "pdf/ua-1"
ARCHIVE_VARIANT = "pdf/a-3a"


def chinese_date(value=None) -> str:
    """A date the way official documents print it: 2026年3月1日."""
    value = value or timezone.localdate()
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value.year}年{value.month}月{value.day}日"


def document_number(kind, number: int | None, when=None) -> str:
    """A 文号-like reference from the settings' prefix (documents numbered outside the
    register, e.g. by older callers); the register formats its own numbers."""
    prefix = getattr(settings, "REPORTS_REFERENCE_PREFIX", "郑应急")
    year = (when or timezone.localdate()).year
    return f"{prefix}{kind.reference_code()}〔{year}〕{number if number else 0}号"


def base_context(kind, params: dict, issuer=None, number="", report_date=None) -> dict:
    day = report_date or timezone.localdate()
    return {
        "report_title": kind.title(params),
        "issuer": issuer or getattr(settings, "REPORTS_ISSUER", "郑州市应急管理局"),
        "document_number": number,
        "report_date": chinese_date(day),
        # ISO 8601 with the Beijing offset, for the PDF's creation/modification dates.
        "document_timestamp": f"{day.isoformat()}T00:00:00+08:00",
        "kind_name": kind.name,
        "params": params,
    }


def render_html(
    kind,
    params: dict,
    user=None,
    progress: Callable[[float], None] | None = None,
    number=None,
    *,
    issuer: str | None = None,
    document_number: str = "",
    report_date=None,
) -> str:
    progress = progress or (lambda fraction: None)
    with translation.override(REPORT_LANGUAGE):
        context = base_context(kind, params, issuer, document_number, report_date)
        context.update(kind.context(params, user, progress))
        return render_to_string(kind.template, context)


def html_to_pdf(html: str, identifier: bytes | bool = True, variant: str = PDF_VARIANT) -> bytes:
    """``identifier``: the trailer /ID (bytes), or True for a hash of the file's content."""
    # Imported here: WeasyPrint takes about 2 s to import, and only the processes that
    # build documents need it (not every web worker that imports the report services).
    from weasyprint import HTML

    base_url = str(settings.BASE_DIR)
    return HTML(string=html, base_url=base_url).write_pdf(
        pdf_variant=variant, pdf_identifier=identifier
    )


def archive_pdf(html: str, identifier: bytes | bool = True) -> bytes:
    """The PDF/A copy of a document, for long-term archiving (tagged as well)."""
    return html_to_pdf(html, identifier, ARCHIVE_VARIANT)


def render_pdf(kind, params: dict, user=None, progress=None, number=None) -> bytes:
    return html_to_pdf(render_html(kind, params, user, progress))
