"""HTML to PDF with WeasyPrint, in Chinese, with the bureau's official look.

The report template extends ``reports/base_report.html``; this module adds the common
context (issuer, document number, Chinese date) and renders it with the Chinese language
active, so fontconfig picks the Simplified Chinese face of Noto CJK.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

REPORT_LANGUAGE = "zh-hans"


def chinese_date(value=None) -> str:
    """A date the way official documents print it: 2026年3月1日."""
    value = value or timezone.localdate()
    if hasattr(value, "tzinfo") and getattr(value, "hour", None) is not None:
        value = timezone.localtime(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


def document_number(kind, number: int | None, when=None) -> str:
    """A 文号-like reference: 郑应急报〔2026〕12号 (prefix from REPORTS_REFERENCE_PREFIX)."""
    prefix = getattr(settings, "REPORTS_REFERENCE_PREFIX", "郑应急")
    year = (when or timezone.localdate()).year
    return f"{prefix}{kind.reference_code()}〔{year}〕{number if number else 0}号"


def base_context(kind, params: dict, number: int | None = None) -> dict:
    today = timezone.localdate()
    return {
        "report_title": kind.title(params),
        "issuer": getattr(settings, "REPORTS_ISSUER", "郑州市应急管理局"),
        "document_number": document_number(kind, number, today),
        "report_date": chinese_date(today),
        "generated_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "kind_name": kind.name,
        "params": params,
    }


def render_html(
    kind,
    params: dict,
    user=None,
    progress: Callable[[float], None] | None = None,
    number: int | None = None,
) -> str:
    progress = progress or (lambda fraction: None)
    with translation.override(REPORT_LANGUAGE):
        context = base_context(kind, params, number)
        context.update(kind.context(params, user, progress))
        return render_to_string(kind.template, context)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    base_url = str(settings.BASE_DIR)
    return HTML(string=html, base_url=base_url).write_pdf()


def render_pdf(kind, params: dict, user=None, progress=None, number=None) -> bytes:
    return html_to_pdf(render_html(kind, params, user, progress, number))
