"""Background tasks of the campaign desk (run by django-q2)."""

import io

from django.core.management import call_command


def publish_scheduled() -> str:
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail's
    scheduled publishing). Safe to run twice: a page already handled is skipped."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()
