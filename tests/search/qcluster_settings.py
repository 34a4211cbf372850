"""Settings for the search cluster test's subprocesses: the test settings with a file
cache shared by every process (the production default), so the searches counted by one
process are flushed by the django-q2 cluster."""

import os

from portal.settings.test import *  # noqa: F403

if not TEST_REDIS_URL:  # noqa: F405  (the Redis pass shares Redis instead)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["SEARCH_TEST_CACHE_DIR"],
        }
    }
SEARCH_STATS_SPILL_SECONDS = 1
