"""Production: HTTPS only, hashed static files, strict cookies. DJANGO_SECRET_KEY is required."""

from .base import *  # noqa: F403
from .base import STORAGES
from .env import env_bool, env_int, env_str

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "portal.core.staticstorage.StaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000

# Behind a TLS-terminating proxy (nginx) that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe the web nodes over plain HTTP: /healthz answers them directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Two factors for superusers and supervisors, and no second (Django) admin login form.
PORTAL_2FA_REQUIRED = env_bool("PORTAL_2FA_REQUIRED", True)
PORTAL_DJANGO_ADMIN = env_bool("PORTAL_DJANGO_ADMIN", False)
