"""Every report kind is a valid tagged PDF/UA-1 file, checked by veraPDF (the reference
validator, from Maven Central, run by scripts/verapdf.sh), and the archive copy is valid
PDF/A-3a. The structure checks with pypdf say what is wrong in plain terms when veraPDF
fails."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from accountability.models import Enterprise, Interview, SupervisionCase
from campaigns.models import CampaignPage
from reports.documents import build_pdf
from reports.pdf import ARCHIVE_VARIANT
from reports.registry import discover_report_kinds

pytestmark = pytest.mark.django_db

VERAPDF = Path(settings.BASE_DIR) / "scripts" / "verapdf.sh"


def every_kind_params():
    enterprise = Enterprise.objects.filter(ratings__isnull=False, archived=False).first()
    interview = Interview.objects.filter(archived=False).order_by("pk").first()
    year = interview.held_on.year
    return {
        "enterprise": {"credit_code": enterprise.credit_code},
        "interview-notice": {"interview": interview.pk},
        "interview-minutes": {"interview": interview.pk},
        "supervision-notice": {"case": SupervisionCase.objects.order_by("pk").first().pk},
        "summary": {"year": year, "district": ""},
        "assessment-ledger": {"year": year, "district": ""},
        "campaign-summary": {"campaign": CampaignPage.objects.live().first().pk},
        "test_roster": {"rows": 40},
    }


def verapdf(flavour, paths):
    result = subprocess.run(
        [str(VERAPDF), "--flavour", flavour, "--format", "text", "-v", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return result.returncode, result.stdout


def check_structure(path):
    pdf = PdfReader(str(path))
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root, "not tagged"
    assert root["/MarkInfo"]["/Marked"], "not marked as tagged"
    assert str(root["/Lang"]).lower().startswith("zh"), root.get("/Lang")
    assert "/Metadata" in root, "no XMP metadata"
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    assert len(pdf.trailer["/ID"]) == 2, "no file identifier"
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_every_report_kind_is_pdf_ua_1(demo, tmp_path):
    kinds = discover_report_kinds()
    params = every_kind_params()
    assert set(kinds) == set(params), "a report kind is missing from this test"
    paths = []
    for name, kind in sorted(kinds.items()):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(build_pdf(kind, kind.clean_params(params[name])))
        check_structure(path)
        paths.append(path)
    code, report = verapdf("ua1", paths)
    assert code == 0 and report.count("PASS ") == len(paths), report

    archive = tmp_path / "archive.pdf"
    kind = kinds["supervision-notice"]
    archive.write_bytes(build_pdf(kind, params["supervision-notice"], variant=ARCHIVE_VARIANT))
    code, report = verapdf("3a", [archive])
    assert code == 0 and "PASS " in report, report


def test_the_validator_rejects_an_untagged_pdf(tmp_path):
    """The check can fail: a plain WeasyPrint PDF (no tags, no XMP) is refused."""
    from weasyprint import HTML

    path = tmp_path / "plain.pdf"
    HTML(string="<p>应急管理</p>").write_pdf(path)
    code, report = verapdf("ua1", [path])
    assert code != 0 and "FAIL" in report
