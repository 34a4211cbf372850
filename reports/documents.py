"""Issuing and reprinting official documents (the register's rules live here).

``build_pdf`` is what the report pipeline calls for every kind:

- an official document (``kind.official_document``) is issued on its first request: it
  gets the next number of its issuer's sequence for its kind and year, its date is the
  date of the event it records, and its rendered text and data snapshot are stored. Every
  later request reprints the stored document: same number, same date, same bytes;
- ``reissue`` is the explicit correction: a new number, the current data, and a link to
  the document it supersedes;
- any other report is rendered from the current data, dated by the day its data stand
  for (``kind.as_of``), with the issuer of its area.
"""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .pdf import PDF_VARIANT, chinese_date, html_to_pdf, render_html
from .register import IssuedDocument, Issuer


def subject_of(kind, params: dict) -> str:
    """The register key of a document: its kind and its parameters, canonically."""
    return f"{kind.name}:{json.dumps(params, sort_keys=True, ensure_ascii=False)}"[:200]


def format_number(issuer: Issuer, code: str, year: int, serial: int) -> str:
    return f"{issuer.prefix}{code}〔{year}〕{serial}号"


def current_document(kind, params: dict) -> IssuedDocument | None:
    return (
        IssuedDocument.objects.filter(
            kind=kind.name, subject=subject_of(kind, params), superseded_by__isnull=True
        )
        .select_related("issuer")
        .first()
    )


def _snapshot(kind, params: dict) -> dict:
    # Round-trip through JSON so dates and decimals are stored the way they print.
    return json.loads(json.dumps(kind.snapshot(params), cls=DjangoJSONEncoder))


def _issue(kind, params, user, progress, supersedes=None, correction="") -> IssuedDocument:
    """Number, render and record one document; raises IntegrityError when another worker
    took the number or issued the same revision a moment ago (the callers retry)."""
    issuer = Issuer.for_area(kind.issuer_area(params))
    issued_on = kind.document_date(params) or timezone.localdate()
    code = kind.reference_code()
    with transaction.atomic():
        taken = IssuedDocument.objects.filter(
            issuer=issuer, code=code, year=issued_on.year
        ).aggregate(m=Max("serial"))["m"]
        serial = (taken or 0) + 1
        number = format_number(issuer, code, issued_on.year, serial)
        html = render_html(
            kind,
            params,
            user,
            progress,
            issuer=issuer.name,
            document_number=number,
            report_date=issued_on,
        )
        doc = IssuedDocument.objects.create(
            issuer=issuer,
            kind=kind.name,
            subject=subject_of(kind, params),
            code=code,
            year=issued_on.year,
            serial=serial,
            number=number,
            issued_on=issued_on,
            title=str(kind.title(params))[:200],
            params=params,
            snapshot=_snapshot(kind, params),
            html=html,
            issued_by=user if user is not None and user.pk else None,
            revision=supersedes.revision + 1 if supersedes else 1,
            supersedes=supersedes,
            correction=correction[:255],
        )
        kind.issued(params, number)
        return doc


def issue(kind, params: dict, user=None, progress=None) -> IssuedDocument:
    """The current issued document for these parameters, issuing it if it is new."""
    for _attempt in range(5):
        doc = current_document(kind, params)
        if doc is not None:
            return doc
        try:
            return _issue(kind, params, user, progress)
        except IntegrityError:
            continue  # issued or numbered by another worker a moment ago: look again
    raise ValueError(_("The document could not be numbered; please try again."))


def reissue(kind, params: dict, reason: str, user=None) -> IssuedDocument:
    """Issue a corrected document that supersedes the current one (explicit, numbered)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("Say why the document is issued again."))
    for _attempt in range(5):
        old = current_document(kind, params)
        if old is None:
            raise ValueError(_("This document has not been issued yet."))
        try:
            return _issue(kind, params, user, None, supersedes=old, correction=reason)
        except IntegrityError:
            continue
    raise ValueError(_("The document could not be numbered; please try again."))


def pdf_identifier(text: str) -> bytes:
    """A stable file identifier (trailer /ID) for a document number or content."""
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest().encode()


def document_pdf(doc: IssuedDocument, variant: str = PDF_VARIANT) -> bytes:
    return html_to_pdf(doc.html, pdf_identifier(doc.number), variant)


def build_pdf(
    kind, params: dict, user=None, progress=None, variant: str = PDF_VARIANT, rendering=None
) -> bytes:
    """The PDF of one report request (see the module docstring). ``variant``: PDF/UA-1 by
    default; ``reports.pdf.ARCHIVE_VARIANT`` for the PDF/A copy kept in an archive.
    ``rendering()``, if given, is called when the HTML is ready and WeasyPrint starts (the
    longest step: the job page shows it as 75 %)."""
    if kind.official_document:
        doc = issue(kind, params, user, progress)
        if rendering:
            rendering()
        return document_pdf(doc, variant)
    issuer = Issuer.for_area(kind.issuer_area(params))
    as_of = kind.as_of(params) or timezone.localdate()
    html = render_html(
        kind, params, user, progress, issuer=issuer.name, document_number="", report_date=as_of
    )
    if rendering:
        rendering()
    return html_to_pdf(html, pdf_identifier(html), variant)


__all__ = ["build_pdf", "chinese_date", "issue", "reissue", "current_document"]
