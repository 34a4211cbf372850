import subprocess

import pytest

import tests.reports.kinds  # noqa: F401  (registers the test report kind)


@pytest.fixture(autouse=True)
def reports_dir(settings, tmp_path):
    settings.REPORTS_DIR = tmp_path / "reports"
    return settings.REPORTS_DIR


def pdf_text(path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def pdf_fonts(path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)
