"""Test settings: fast hashing, in-memory mail outbox, tasks run by explicit clusters only."""

import hashlib

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, VAR_DIR
from .env import env_bool, env_str

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test command's Redis pass (scripts/test.sh) sets TEST_REDIS_URL: the cache and the
# django-q2 broker then run on a real Redis, as recommended for production. Otherwise
# each test process has its own in-memory cache.
TEST_REDIS_URL = env_str("TEST_REDIS_URL", "")
if TEST_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TEST_REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = VAR_DIR / "test-media"
ALLOWED_HOSTS = ["*"]

# Tasks run inline in the test process unless a test starts a real cluster (those tests
# run `manage.py qcluster` in a subprocess with Q_SYNC=0 against a file database).
Q_CLUSTER = {**Q_CLUSTER, "sync": env_bool("Q_SYNC", True)}  # noqa: F405
if TEST_REDIS_URL:
    Q_CLUSTER.pop("orm", None)
    Q_CLUSTER["redis"] = TEST_REDIS_URL

# Two checkouts on one machine (a CI clone beside a working copy) share the PostgreSQL
# server: each gets its own test database instead of dropping the other's mid-run.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    _checkout = hashlib.sha1(str(BASE_DIR).encode(), usedforsecurity=False).hexdigest()[:8]
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_checkout}"}

# Two factors are off unless a test turns them on (tests log in through the plain form).
PORTAL_2FA_REQUIRED = False
