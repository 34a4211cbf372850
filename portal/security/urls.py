"""Two-factor pages, mounted at /admin/2fa/ (before Wagtail's admin, in portal/urls.py):
they must open for a session that has passed the password but not yet the code."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.manage, name="security_2fa_manage"),
    path("verify/", views.verify, name="security_2fa_verify"),
    path("setup/", views.setup, name="security_2fa_setup"),
    path("recovery-codes/", views.recovery_codes, name="security_2fa_recovery"),
]
