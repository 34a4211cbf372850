from django.urls import path

from . import public_views

app_name = "accountability"

urlpatterns = [
    path("supervision-cases/", public_views.supervision_cases, name="supervision_cases"),
]
