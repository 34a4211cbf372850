from django.urls import path

from . import health, views

urlpatterns = [
    path("lang/<str:code>/", views.switch_language, name="switch_language"),
    path("healthz", health.healthz, name="healthz"),
]
