"""Admin views: request a report, watch its progress, download it; the notification list.

Every view sits behind Wagtail's admin login (``register_admin_urls``). A job is visible to
the user who requested it and to holders of ``reports.view_all_reportjobs``; others get 404.
Files are streamed from the private reports directory, never from a public URL.
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_q.models import Schedule, Task

from notifications.models import Notification
from portal.core.scheduling import labels

from .models import ReportJob
from .services import ReportError, create_job, enqueue, get_kind, kinds_for, requeue


def visible_jobs(user):
    jobs = ReportJob.objects.select_related("requested_by")
    if user.is_superuser or user.has_perm("reports.view_all_reportjobs"):
        return jobs
    return jobs.filter(Q(requested_by=user) | Q(shared_with=user)).distinct()


def _job(request, pk):
    return get_object_or_404(visible_jobs(request.user), pk=pk)


def index(request):
    jobs = visible_jobs(request.user)
    status = request.GET.get("status", "")
    if status in ReportJob.Status.values:
        jobs = jobs.filter(status=status)
    page = Paginator(jobs, 25).get_page(request.GET.get("p"))
    return render(
        request,
        "reports/admin/index.html",
        {
            "page_obj": page,
            "kinds": kinds_for(request.user),
            "statuses": ReportJob.Status.choices,
            "status": status,
            "can_see_schedules": can_see_schedules(request.user),
        },
    )


def report_form_class(kind, user):
    return type("ReportRequestForm", (forms.Form,), dict(kind.form_fields(user)))


def new(request, kind_name):
    try:
        kind = get_kind(kind_name)
    except ReportError as exc:
        raise Http404(str(exc)) from exc
    if not kind.available_to(request.user):
        raise Http404(_("You do not have permission to request this report."))
    form_class = report_form_class(kind, request.user)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            job = create_job(kind.name, form.cleaned_data, request.user)
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            enqueue(job)
            messages.success(request, _("The report has been queued."))
            return redirect("reports_admin:job", job.pk)
    return render(request, "reports/admin/new.html", {"kind": kind, "form": form})


def status_payload(job: ReportJob, user) -> dict:
    job.refresh_from_db()
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": job.get_status_display(),
        "progress": job.progress,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "will_retry": job.will_retry,
        "stalled": job.is_stalled,
        "can_retry": job.can_retry,
        "error": job.error,
        "finished": job.is_finished,
        "download_url": (
            reverse("reports_admin:download", args=[job.pk]) if job.can_download(user) else ""
        ),
    }


def job_detail(request, pk):
    job = _job(request, pk)
    return render(
        request,
        "reports/admin/job.html",
        {"job": job, "payload": status_payload(job, request.user)},
    )


def job_status(request, pk):
    job = visible_jobs(request.user).filter(pk=pk).first()
    if job is None:
        return JsonResponse({"error": _("No such report job.")}, status=404)
    return JsonResponse(status_payload(job, request.user))


def download(request, pk):
    job = _job(request, pk)
    if not job.can_download(request.user) or not job.path or not job.path.exists():
        raise Http404(_("This report is not ready for download."))
    response = FileResponse(
        job.path.open("rb"),
        as_attachment=True,
        filename=f"{job.title or job.kind}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def retry(request, pk):
    job = _job(request, pk)
    if requeue(job):
        messages.success(request, _("The report has been queued again."))
    else:
        messages.error(request, _("Only a failed or interrupted report can be tried again."))
    return redirect("reports_admin:job", job.pk)


def notifications(request):
    items = Notification.objects.filter(user=request.user)
    show = request.GET.get("show", "unread")
    if show == "unread":
        items = items.filter(read_at__isnull=True)
    page = Paginator(items, 30).get_page(request.GET.get("p"))
    return render(request, "reports/admin/notifications.html", {"page_obj": page, "show": show})


@require_POST
def mark_read(request):
    items = Notification.objects.filter(user=request.user, read_at__isnull=True)
    ids = [i for i in request.POST.getlist("id") if i.isdigit()]
    if not request.POST.get("all"):
        if not ids:
            messages.error(request, _("Select at least one notification."))
            return redirect("reports_admin:notifications")
        items = items.filter(Q(pk__in=ids))
    count = items.update(read_at=timezone.now())
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("reports_admin:notifications")


def can_see_schedules(user) -> bool:
    return user.is_superuser or user.has_perm("django_q.view_schedule")


def schedules(request):
    """The scheduled jobs (created by ``manage.py sync_schedules``) and how their last run
    went; editing stays in the Django admin, for superusers."""
    if not can_see_schedules(request.user):
        raise Http404(_("You may not see the scheduled jobs."))
    rows = list(Schedule.objects.order_by("name"))
    tasks = Task.objects.in_bulk([r.task for r in rows if r.task])
    names = labels()
    items = [
        {"schedule": r, "task": tasks.get(r.task), "label": names.get(r.name, r.name)} for r in rows
    ]
    return render(request, "reports/admin/schedules.html", {"items": items})
