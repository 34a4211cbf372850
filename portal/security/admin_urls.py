from django.urls import path

from . import views

app_name = "security_admin"
urlpatterns = [
    path("log/", views.event_log, name="log"),
    path("lockouts/", views.lockouts, name="lockouts"),
    path("lockouts/unlock/", views.unlock, name="unlock"),
    path("lockouts/reset-2fa/", views.reset_two_factor, name="reset_2fa"),
]
