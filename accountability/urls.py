from django.urls import path

from . import public_tipoffs, public_views

app_name = "accountability"

urlpatterns = [
    path("supervision-cases/", public_views.supervision_cases, name="supervision_cases"),
    path("jubao/", public_tipoffs.report, name="tipoff"),
    path("jubao/chaxun/", public_tipoffs.status, name="tipoff_status"),
]
