"""gunicorn configuration; every value can be overridden with GUNICORN_* variables.

Signals (see deploy/README.md): TERM = graceful stop (requests in flight get
``graceful_timeout`` seconds), INT/QUIT = quick stop, HUP = graceful reload: new workers
start with the new code and settings, then the old ones finish their requests and exit.
"""

import gc
import multiprocessing
import os

from django.apps import apps
from django.urls import get_resolver

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Must stay below the service manager's stop timeout (TimeoutStopSec in deploy/portal-web.service).
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# Recycling a worker bounds slow memory growth, but every recycle costs a worker start
# (about a second of CPU) and its warm caches. Under a surge of ~2,000 req/s per worker,
# 5,000 recycled a worker every ~2 s and cost ~40 % of cached throughput; 100,000 still
# recycled one of 5 workers every ~14 s and cost 15-45 % of a cached page's throughput
# (bench/, 4 December 2026). 1,000,000 (plus up to 10 % jitter, so workers do not restart
# together) is ~8 min per worker at surge rates and days at ordinary traffic; a worker's
# peak memory grew from 239 to 259 MB over 300,000 requests. 0 turns recycling off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# Off by default so that HUP (a graceful reload) loads the new code: with preload_app the
# master keeps the application it imported once and HUP restarts workers on the old code.
# On means faster worker starts and some shared memory, and a code deploy then needs a
# restart (or USR2 + QUIT) instead of HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "0") == "1"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 27's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl),
# shared by every gunicorn of that user, and stopping its thread added ~4 s to every stop.
# The portal does not use it; GUNICORN_CONTROL_SOCKET=path turns it on.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "") or "gunicorn.ctl"
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")


def post_worker_init(worker):
    """Once the worker has loaded the portal (its URLs and views included), the objects
    loaded so far live as long as the worker: leave them out of Python's cyclic garbage
    collector. A full collection otherwise walks ~450,000 of them (about 200 ms of CPU, in
    the middle of some request) and younger collections walk fewer (4 December 2026,
    11 s of load on the uncached list: the collector's CPU per worker went from
    0.25-0.42 s to 0.04-0.38 s; docs/performance.md)."""
    if apps.ready:  # the portal (gunicorn also serves the bench's minimal view)
        get_resolver().url_patterns  # noqa: B018 (imports every view module now)
    gc.freeze()
