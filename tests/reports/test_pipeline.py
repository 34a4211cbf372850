import re

import pytest
from django.core.management import CommandError, call_command

from reports.models import ReportJob
from reports.services import ReportError, build_job, request_report, requeue

from .conftest import pdf_fonts, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


def test_cli_builds_pdf_with_chinese_text_and_embedded_cjk_font(tmp_path):
    out = tmp_path / "roster.pdf"
    call_command("report", "test_roster", "--rows", "120", "-o", str(out))
    text = pdf_text(out)
    for expected in [
        "郑州市应急管理局",
        "应急值守人员名册",
        "值班员0120",
        "管城回族区",
        "各区值守人数",
    ]:
        assert expected in text
    assert "— 1 —" in text and "— 2 —" in text  # page numbers as official documents print them
    assert "〔" not in text  # a report is not an issued document: no document number
    fonts = pdf_fonts(out)
    names = " ".join(fonts)
    assert re.search(r"Noto-?Sans-?CJK-?SC", names) and re.search(r"Noto-?Serif-?CJK-?SC", names)
    assert "JP" not in names  # the Simplified Chinese face, not the Japanese one
    assert fonts and all(fonts.values()), fonts  # every font embedded
    assert pdf_pages(out) >= 3
    job = ReportJob.objects.get()
    assert job.status == "done" and job.progress == 100 and job.attempts == 1


def test_cli_reports_bad_parameters_in_chinese(tmp_path):
    with pytest.raises(CommandError, match="行数必须在1到5000之间"):
        call_command("report", "test_roster", "--rows", "0", "-o", str(tmp_path / "x.pdf"))


def test_request_runs_task_and_is_idempotent(django_capture_on_commit_callbacks, reports_dir):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_report("test_roster", {"rows": 10})
    job.refresh_from_db()
    assert job.status == "done" and job.path.exists()
    first = job.path.stat().st_mtime_ns
    assert build_job(job.pk) == "done"
    job.refresh_from_db()
    assert job.attempts == 1 and job.path.stat().st_mtime_ns == first
    assert [p.name for p in (reports_dir / str(job.pk)).iterdir()] == ["roster.pdf"]


def test_failed_job_records_error_and_can_be_requeued(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_report("test_roster", {"rows": 5, "fail": True})
    job.refresh_from_db()
    assert job.status == "failed" and "值班系统无法连接" in job.error
    assert job.attempts == 1 and job.will_retry
    with pytest.raises(ValueError):
        build_job(job.pk)  # a retry by the cluster: fails again, counts the attempt
    job.refresh_from_db()
    assert job.attempts == 2
    ReportJob.objects.filter(pk=job.pk).update(params={"rows": 5, "fail": False})
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue(job)
    job.refresh_from_db()
    assert job.status == "done" and job.error == ""


def test_unknown_kind_and_bad_params_are_refused():
    with pytest.raises(ReportError):
        request_report("nope", {})
    with pytest.raises(ReportError, match="行数"):
        request_report("test_roster", {"rows": 99999})


def test_timed_out_task_marks_its_job_failed():
    from reports.services import record_task_failure

    job = ReportJob.objects.create(kind="test_roster", status="running", attempts=1)
    assert record_task_failure(job.pk, "Task exceeded maximum timeout value (600 seconds)")
    job.refresh_from_db()
    assert job.status == "failed" and "时限" in job.error
    assert not record_task_failure(job.pk, "again")  # only a running job changes
