from django.urls import path

from . import views

urlpatterns = [path("lang/<str:code>/", views.switch_language, name="switch_language")]
