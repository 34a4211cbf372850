from django.urls import path

from . import views

app_name = "reports_admin"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/<slug:kind_name>/", views.new, name="new"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/status/", views.job_status, name="status"),
    path("jobs/<int:pk>/download/", views.download, name="download"),
    path("jobs/<int:pk>/retry/", views.retry, name="retry"),
    path("schedules/", views.schedules, name="schedules"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.mark_read, name="mark_read"),
]
