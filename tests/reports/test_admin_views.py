import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from notifications.models import Notification
from notifications.notify import notify
from reports.models import ReportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor", "editor@example.cn", "pw")
    group = Group.objects.create(name="report editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    return user


def test_request_watch_and_download(client, editor, django_capture_on_commit_callbacks):
    index = client.get(reverse("reports_admin:index"))
    assert index.status_code == 200
    assert "应急值守人员名册" in index.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports_admin:new", args=["test_roster"]), {})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "reports_admin:job", args=[job.pk]
    )
    page = client.get(response.url).content.decode()
    assert "已完成" in page and "下载PDF" in page
    status = client.get(reverse("reports_admin:status", args=[job.pk])).json()
    assert status["status"] == "done" and status["progress"] == 100
    download = client.get(status["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert "private" in download["Cache-Control"] and "no-store" in download["Cache-Control"]
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF")


def test_other_users_cannot_see_or_download(client, editor):
    other = get_user_model().objects.create_user("other", "", "pw")
    job = ReportJob.objects.create(kind="test_roster", requested_by=other, status="done")
    assert client.get(reverse("reports_admin:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports_admin:download", args=[job.pk])).status_code == 404
    response = client.get(reverse("reports_admin:status", args=[job.pk]))
    assert response.status_code == 404 and response.json()["error"] == "没有这个报告任务。"


def test_supervisor_permission_sees_all_jobs(client, editor, django_capture_on_commit_callbacks):
    other = get_user_model().objects.create_user("other", "", "pw")
    with django_capture_on_commit_callbacks(execute=True):
        from reports.services import request_report

        job = request_report("test_roster", {"rows": 3}, other)
    editor.user_permissions.add(Permission.objects.get(codename="view_all_reportjobs"))
    response = client.get(reverse("reports_admin:download", args=[job.pk]))
    assert response.status_code == 200


def test_failed_job_shows_error_and_can_be_retried(
    client, editor, django_capture_on_commit_callbacks
):
    job = ReportJob.objects.create(
        kind="test_roster",
        params={"rows": 2, "fail": False},
        requested_by=editor,
        status="failed",
        attempts=3,
        error="模拟的数据源故障",
    )
    page = client.get(reverse("reports_admin:job", args=[job.pk])).content.decode()
    assert "模拟的数据源故障" in page and "立即重试" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports_admin:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done" and job.error == ""


def test_bad_parameters_are_shown_on_the_form(client, editor, monkeypatch):
    from tests.reports.kinds import RosterReport

    monkeypatch.setattr(
        RosterReport,
        "clean_params",
        lambda self, p: (_ for _ in ()).throw(ValueError("请选择年度")),
    )
    response = client.post(reverse("reports_admin:new", args=["test_roster"]), {})
    assert response.status_code == 200 and "请选择年度" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_unknown_kind_is_404(client, editor):
    assert client.get(reverse("reports_admin:new", args=["nope"])).status_code == 404


def test_notification_list_and_mark_read(client, editor):
    notify([editor], "隐患整改期限还有1天", "金水区某企业", url="/admin/", key="k:1")
    notify([editor], "计划复核提醒", key="k:2")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "未读通知（2）" in home
    assert '"label": "\\u901a\\u77e5 (2)"' in home  # the menu item, JSON-encoded
    page = client.get(reverse("reports_admin:notifications")).content.decode()
    assert "隐患整改期限还有1天" in page and "计划复核提醒" in page
    first = Notification.objects.get(key="k:1")
    client.post(reverse("reports_admin:mark_read"), {"id": [first.pk]})
    first.refresh_from_db()
    assert first.is_read and not Notification.objects.get(key="k:2").is_read
    response = client.post(reverse("reports_admin:mark_read"), {}, follow=True)
    assert "请至少选择一条通知" in response.content.decode()
    client.post(reverse("reports_admin:mark_read"), {"all": "1"})
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("reports_admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_scheduled_jobs_page(client, editor):
    from django.contrib.auth import get_user_model

    call_command("sync_schedules")
    assert client.get(reverse("reports_admin:schedules")).status_code == 404
    admin = get_user_model().objects.create_superuser("root", "", "pw")
    client.force_login(admin)
    page = client.get(reverse("reports_admin:schedules")).content.decode()
    assert "每周汇总" in page and "尚未运行" in page  # the label, not the key
    assert "定时任务" in client.get(reverse("reports_admin:index")).content.decode()
