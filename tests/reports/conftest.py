import pytest

import tests.reports.kinds  # noqa: F401  (registers the test report kind)
from tests.pdf import pdf_fonts, pdf_pages, pdf_text  # noqa: F401  (the report tests import them from here)


@pytest.fixture(autouse=True)
def reports_dir(settings, tmp_path):
    settings.REPORTS_DIR = tmp_path / "reports"
    return settings.REPORTS_DIR
