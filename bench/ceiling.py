"""The ceiling: the smallest Django application, served by the same gunicorn configuration
as the portal. No middleware, no database, no templates; it answers every request with a
fixed HTML body as large as the portal's home page (``CEILING_BODY_BYTES``), so the figures
show what Django and gunicorn cost by themselves on this machine.

Run by bench/run.sh as ``gunicorn -c portal/gunicorn.conf.py --pythonpath bench
ceiling:application``; it is not part of the portal."""

import os

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-ceiling-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

_SIZE = int(os.environ.get("CEILING_BODY_BYTES", "20000"))
_HEAD = b"<!DOCTYPE html><html lang='zh-Hans'><head><meta charset='utf-8'></head><body>"
BODY = _HEAD + b"x" * max(0, _SIZE - len(_HEAD) - 14) + b"</body></html>"


def hello(request):
    response = HttpResponse(BODY)
    response["Content-Length"] = len(BODY)  # as CommonMiddleware does for the portal
    return response


urlpatterns = [path("", hello)]
application = get_wsgi_application()
