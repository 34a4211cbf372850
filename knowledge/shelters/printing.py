"""A district's shelters on one printable A4 page (for notice boards, community offices
and residents without a phone), rendered by the report pipeline's WeasyPrint machinery
(:mod:`reports.pdf`): Chinese fonts, tagged PDF, the bureau's official look. The list is
public data, so the PDF is served publicly, and through the page cache."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.core import geo
from portal.core.districts import District
from reports.pdf import REPORT_LANGUAGE, chinese_date, html_to_pdf

from .districts import SEATS


def district_context(district: str, shelters_qs) -> dict:
    label = dict(District.choices)[district]
    shelters = list(shelters_qs.filter(district=district).order_by("-capacity", "title", "pk"))
    seat = SEATS.get(district)
    for shelter in shelters:
        # Direction and distance from the district's government seat: a printed list has
        # no "you are here", but everyone knows where the district government is.
        shelter.from_seat = (
            geo.describe(*seat, *shelter.gcj02) if seat and shelter.has_coordinates else ""
        )
        shelter.wgs = shelter.wgs84
    day = timezone.localdate()
    return {
        "report_title": _("Emergency shelters in %(district)s") % {"district": label},
        "issuer": getattr(settings, "REPORTS_ISSUER", "郑州市应急管理局"),
        "document_number": "",
        "report_date": chinese_date(day),
        "document_timestamp": f"{day.isoformat()}T00:00:00+08:00",
        "district": label,
        "shelters": shelters,
        "total_capacity": sum(s.capacity for s in shelters),
    }


def district_pdf(district: str, shelters_qs) -> bytes:
    with translation.override(REPORT_LANGUAGE):
        html = render_to_string(
            "knowledge/reports/district_shelters.html", district_context(district, shelters_qs)
        )
    return html_to_pdf(html)
