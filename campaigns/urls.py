"""Non-page routes of the campaign desk (the pages themselves are served by Wagtail)."""

from django.urls import path

from . import views

urlpatterns = [
    path("campaigns-api/activities.ics", views.activity_ical, name="campaign_activities_ical"),
]
