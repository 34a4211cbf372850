"""Settings shared by every environment. Every value that differs between machines
comes from an environment variable; the README lists them all."""

import importlib.util
from datetime import timedelta
from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str, parse_policy

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "portal.core",
    "portal.home",
    "knowledge",
    "campaigns",
    "accountability",
    "search",
    "notifications",
    "reports",
    "portal.security",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_q",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

# Demo content and benchmark data (manage.py load_demo, generate_synthetic) live in the
# top-level ``demo`` package, which the production wheel does not contain.
if importlib.util.find_spec("demo") is not None:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # First: a cached public page is answered before anything else runs (it stores the
    # security headers below with the page); it also gzips anonymous text answers.
    "portal.core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.core.middleware.QueryLengthMiddleware",
    # The site, its root paths and settings from the worker's memory (portal/core/sitememo.py).
    "portal.core.middleware.SiteMemoMiddleware",
    "portal.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle/absolute session limits, then the two-factor gate (they add messages).
    "portal.security.middleware.SessionTimeoutMiddleware",
    "portal.security.middleware.TwoFactorMiddleware",
    "accountability.middleware.AuditUserMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the request into a page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
CSRF_FAILURE_VIEW = "portal.core.views.csrf_failure"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.core.context_processors.site_menu",
                "portal.core.context_processors.content_language",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite by default (embedded); DATABASE_URL=postgres://... switches to PostgreSQL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the django-q2 worker write concurrently: WAL lets readers run
    # beside a writer, IMMEDIATE takes the write lock up front (no upgrade deadlocks),
    # and the timeout makes a second writer wait instead of failing with "locked".
    # Connections persist like PostgreSQL's (DB_CONN_MAX_AGE): opening one per request
    # (connect, the pragmas, Django's ~30 SQL functions) halved an uncached regulation
    # page's throughput.
    # Outside a transaction every statement reads the newest committed data, so a kept
    # connection sees other processes' writes; `restore` needs the processes stopped anyway.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------
# A file cache is shared by every process on one machine; REDIS_URL shares it across machines.
REDIS_URL = env_str("REDIS_URL", "")
CACHE_URL = env_str("CACHE_URL", REDIS_URL)
if CACHE_URL.startswith("locmem://"):
    # One cache per process: page-cache invalidation would not reach the other workers.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    CACHES = {
        "default": {
            # Django's file cache, but a damaged file is a miss, not a 500.
            "BACKEND": "portal.core.filecache.RobustFileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Full-page cache of public pages for anonymous visitors (portal/core/pagecache.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
# Per worker process: an in-memory copy of the most served entries (0: off).
PAGE_CACHE_MEMORY_MB = env_int("PAGE_CACHE_MEMORY_MB", 16)
# Pages kept whole in each worker's memory for uncached views (portal/core/routing.py).
ROUTE_PAGES_KEPT = env_int("ROUTE_PAGES_KEPT", 200)
# Per worker, for uncached views: pages of list rows (knowledge/filters.py) and the HTML
# of single rows of lists and campaign activities ({% kept_rows %}), most recently shown.
LIST_PAGES_KEPT = env_int("LIST_PAGES_KEPT", 100)
LIST_ROWS_KEPT = env_int("LIST_ROWS_KEPT", 4000)
# A front-end cache/CDN that accepts HTTP PURGE requests (e.g. Varnish, nginx); off if empty.
FRONTEND_CACHE_PURGE_URL = env_str("FRONTEND_CACHE_PURGE_URL", "")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# --- Identification and authentication (portal/security, docs/security.md) ---------------
# The lockout backend goes first: it refuses a locked account or address before any
# password is checked. Login forms without a request (manage.py, test client) skip it.
AUTHENTICATION_BACKENDS = [
    "portal.security.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_MIN_LENGTH = env_int("PORTAL_PASSWORD_MIN_LENGTH", 10)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "portal.security.passwords.CharacterClassValidator"},
    {"NAME": "portal.security.passwords.LocalWeakPasswordValidator"},
]
# Login failures (django-axes): 5 failures for one account OR from one address lock that
# account or address for 15 minutes. Only failures count.
AXES_ENABLED = env_bool("PORTAL_LOCKOUT_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("PORTAL_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PORTAL_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "portal.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.security.audit.client_ip"
AXES_VERBOSE = False
# The request header holding the visitor's address behind a proxy (e.g. HTTP_X_REAL_IP
# set by nginx); REMOTE_ADDR when the portal faces the network itself.
PORTAL_CLIENT_IP_META = env_str("PORTAL_CLIENT_IP_META", "REMOTE_ADDR")
# Sessions: end after 30 idle minutes and at most 8 hours after login, whatever happens.
PORTAL_SESSION_IDLE_MINUTES = env_int("PORTAL_SESSION_IDLE_MINUTES", 30)
PORTAL_SESSION_MAX_HOURS = env_int("PORTAL_SESSION_MAX_HOURS", 8)
SESSION_COOKIE_AGE = PORTAL_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Two factors (TOTP, recovery codes) for staff: required for superusers and for members of
# PORTAL_2FA_REQUIRED_GROUPS (group names or security role codes) when PORTAL_2FA_REQUIRED
# is on (production default). Anyone who enrolled is always asked for a code.
PORTAL_2FA_REQUIRED = env_bool("PORTAL_2FA_REQUIRED", False)
PORTAL_2FA_REQUIRED_GROUPS = env_list(
    "PORTAL_2FA_REQUIRED_GROUPS",
    "市级监管人员,区县监管人员,system_admin,security_admin,audit_admin",
)
OTP_TOTP_ISSUER = env_str("PORTAL_2FA_ISSUER", "应急管理局门户")
# Security event log: kept at least 180 days (Cybersecurity Law art. 21), purged after.
PORTAL_SECURITY_LOG_RETENTION_DAYS = max(180, env_int("PORTAL_SECURITY_LOG_RETENTION_DAYS", 180))
# /django-admin/ is a second login form; production settings turn it off.
PORTAL_DJANGO_ADMIN = env_bool("PORTAL_DJANGO_ADMIN", True)
LOGIN_URL = "wagtailadmin_login"

# --- Language and time ------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Wagtail's login form leaves the password label untranslated (see the form).
WAGTAILADMIN_USER_LOGIN_FORM = "portal.security.forms.AdminLoginForm"
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
FORMAT_MODULE_PATH = ["portal.formats"]

# --- Static and media -------------------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Limits of every spreadsheet/line-file import (portal/core/spreadsheets.py), applied while
# reading: a hostile file stops early with a message instead of taking gigabytes.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 50)
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 32_767)
IMPORT_MAX_BLANK_ROWS = env_int("IMPORT_MAX_BLANK_ROWS", 1_000)
IMPORT_MAX_TOTAL_CHARS = env_int("IMPORT_MAX_TOTAL_CHARS", 50_000_000)
IMPORT_MAX_XML_BYTES = env_int("IMPORT_MAX_XML_BYTES", 64 * 1024 * 1024)
IMPORT_MAX_LINE_CHARS = env_int("IMPORT_MAX_LINE_CHARS", 2_000_000)
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Email -----------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "应急管理局")
# The site's public address (https://host[:port]): feeds, iCalendar, API html_url, e-mails.
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", PORTAL_BASE_URL or "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Photos are documents too: hazard evidence before and after rectification is taken on a
# phone and must stay in the permission-checked document store, not the public images.
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "doc",
    "docx",
    "jpeg",
    "jpg",
    "png",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xls",
    "xlsx",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin works without reaching third parties (the CSP forbids them anyway): no Gravatar
# avatars; staff may upload one in their account settings.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILAPI_BASE_URL = PORTAL_BASE_URL or WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# --- Search -----------------------------------------------------------------------------
# SEARCH_ENGINE=database (embedded, default) or opensearch (OPENSEARCH_URL).
SEARCH_ENGINE = env_str("SEARCH_ENGINE", "database")
OPENSEARCH_URL = env_str("OPENSEARCH_URL", "http://127.0.0.1:9200")
OPENSEARCH_INDEX_PREFIX = env_str("OPENSEARCH_INDEX_PREFIX", "portal")
# Searches wait at most OPENSEARCH_CONNECT_TIMEOUT + OPENSEARCH_TIMEOUT seconds, then
# answer from the embedded index; after OPENSEARCH_BREAKER_FAILURES failures in a row a
# process stops asking OpenSearch for OPENSEARCH_BREAKER_SECONDS (search/engines/breaker.py).
OPENSEARCH_TIMEOUT = env_int("OPENSEARCH_TIMEOUT", 2)
OPENSEARCH_CONNECT_TIMEOUT = env_int("OPENSEARCH_CONNECT_TIMEOUT", 1)
OPENSEARCH_BREAKER_FAILURES = env_int("OPENSEARCH_BREAKER_FAILURES", 1)
OPENSEARCH_BREAKER_SECONDS = env_int("OPENSEARCH_BREAKER_SECONDS", 30)
# Anonymous search results cache (search/cache.py; 0 = off) and how often each process
# hands its search counts to the shared cache (search/stats.py).
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 300)
SEARCH_STATS_SPILL_SECONDS = env_int("SEARCH_STATS_SPILL_SECONDS", 5)
# The embedded engine on SQLite answers public searches from what each worker keeps in
# memory (search/engines/memory_index.py): its columns, and at most SEARCH_MEMORY_POSTINGS
# postings of recent terms (about 13 bytes each).
SEARCH_MEMORY_INDEX = env_bool("SEARCH_MEMORY_INDEX", True)
SEARCH_MEMORY_POSTINGS = env_int("SEARCH_MEMORY_POSTINGS", 1_000_000)
# Wagtail's own search (admin, choosers, API v2): its database index, analysed by the
# portal's Chinese segmenter (search/wagtail_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}

# --- Background jobs (django-q2) ----------------------------------------------------------
Q_CLUSTER = {
    "name": "portal",
    "workers": env_int("Q_WORKERS", 2),
    "timeout": env_int("Q_TIMEOUT", 600),
    "retry": env_int("Q_RETRY", 660),
    "max_attempts": env_int("Q_MAX_ATTEMPTS", 3),
    "queue_limit": 50,
    "bulk": 5,
    "catch_up": False,
    "label": "后台任务",
}
if env_str("Q_BROKER", "orm") == "redis" and REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
# Synchronous mode runs tasks in the caller: useful for tests and one-off commands.
Q_SYNC = env_bool("Q_SYNC", False)
if Q_SYNC:
    Q_CLUSTER["sync"] = True

# --- PDF reports ---------------------------------------------------------------------------
# Report files are private (served only through a permission-checked admin view).
REPORTS_DIR = Path(env_str("REPORTS_DIR", str(VAR_DIR / "reports")))
REPORTS_ISSUER = env_str("REPORTS_ISSUER", "郑州市应急管理局")
REPORTS_REFERENCE_PREFIX = env_str("REPORTS_REFERENCE_PREFIX", "郑应急")
REPORTS_RETENTION_DAYS = env_int("REPORTS_RETENTION_DAYS", 90)
# A running job's worker writes a heartbeat this often; a job whose heartbeat is older than
# REPORTS_STALL_SECONDS (or whose worker process is gone) is stalled and re-queued.
REPORTS_HEARTBEAT_SECONDS = env_int("REPORTS_HEARTBEAT_SECONDS", 10)
REPORTS_STALL_SECONDS = env_int("REPORTS_STALL_SECONDS", 120)
REPORTS_STALL_CHECK_SECONDS = env_int("REPORTS_STALL_CHECK_SECONDS", 30)
# `manage.py run_worker`: seconds running jobs get to finish after a stop signal.
WORKER_STOP_GRACE = env_int("WORKER_STOP_GRACE", 60)

# --- Logging to stdout ------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "jieba": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # django-axes narrates every login; the security event log keeps what matters.
        "axes": {"level": "WARNING"},
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}

# --- Security defaults (production tightens them) ---------------------------------------
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# DENY for old browsers; the CSP frame-ancestors 'self' (which modern browsers obey
# instead) still lets the Wagtail preview panel frame its own pages.
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy through django-csp (portal/core/middleware.py). Public pages allow
# only same-origin scripts and those carrying this request's nonce; the admin prefixes
# below also allow inline scripts, which Wagtail's own widgets need. PORTAL_CSP (one
# header string, "'nonce'" for the nonce) replaces the whole policy.
PORTAL_CSP = env_str(
    "PORTAL_CSP",
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; script-src 'self' 'nonce'; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; "
    "base-uri 'self'; form-action 'self'; object-src 'none'",
)
CONTENT_SECURITY_POLICY = {"DIRECTIVES": parse_policy(PORTAL_CSP)}
CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# Longest value of one query-string parameter (search boxes, filters); longer: 400.
MAX_QUERY_PARAM_CHARS = env_int("PORTAL_MAX_QUERY_PARAM_CHARS", 2000)
# Browser features no page of the portal uses are switched off for it and for any frame.
# Geolocation is allowed for the portal's own pages only: the nearest-shelter finder asks
# for the position (with the browser's consent prompt) and never sends it anywhere.
PERMISSIONS_POLICY = env_str(
    "PORTAL_PERMISSIONS_POLICY",
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(self), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), "
    "xr-spatial-tracking=()",
)

# --- Campaigns quiz rate limit (campaigns/services/ratelimit.py) --------------------------
CAMPAIGNS_QUIZ_RATE_LIMIT = env_int("CAMPAIGNS_QUIZ_RATE_LIMIT", 10)
CAMPAIGNS_QUIZ_RATE_WINDOW = env_int("CAMPAIGNS_QUIZ_RATE_WINDOW", 600)
# The request.META key holding the visitor's address. Behind nginx set HTTP_X_REAL_IP (with
# "proxy_set_header X-Real-IP $remote_addr;"); otherwise every visitor shares the proxy's
# address and so one rate-limit bucket. Never trust a header the proxy does not overwrite.
CAMPAIGNS_CLIENT_IP_META = env_str("CAMPAIGNS_CLIENT_IP_META", "REMOTE_ADDR")

# --- Accountability tracker ------------------------------------------------------------------
# Working days after a warning interview within which the written report is due.
ACCOUNTABILITY_REPORT_WORKING_DAYS = env_int("ACCOUNTABILITY_REPORT_WORKING_DAYS", 5)
# Public tip-offs (举报线索, accountability/services/tipoffs.py): deadlines in working days
# (accept after filing, verify after acceptance, reply after filing), and how many reports
# and receipt-code lookups one address may make per window (seconds).
ACCOUNTABILITY_TIPOFF_DAYS = {
    "accept": env_int("ACCOUNTABILITY_TIPOFF_ACCEPT_DAYS", 1),
    "verify": env_int("ACCOUNTABILITY_TIPOFF_VERIFY_DAYS", 5),
    "reply": env_int("ACCOUNTABILITY_TIPOFF_REPLY_DAYS", 15),
}
TIPOFF_RATE_LIMIT = env_int("TIPOFF_RATE_LIMIT", 5)
TIPOFF_LOOKUP_RATE_LIMIT = env_int("TIPOFF_LOOKUP_RATE_LIMIT", 20)
TIPOFF_RATE_WINDOW = env_int("TIPOFF_RATE_WINDOW", 3600)
