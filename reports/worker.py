"""``manage.py run_worker``: the django-q2 cluster under a small supervisor that stops it
cleanly, in bounded time, whatever signal pattern the service manager uses.

Why a supervisor (django-q2 1.11.1, ``django_q/cluster.py``): the cluster survives SIGTERM
or SIGINT sent to its *main process*, but not SIGTERM sent to its whole *process group*
(``kill -TERM -- -PGID``, a container stop of a shell-started group, systemd's default
``KillMode=control-group``):

- ``Sentinel.__init__`` resets SIGTERM to ``SIG_DFL``, so the sentinel (and the workers,
  pusher and monitor it forks, which inherit that) dies on the spot, with jobs half done;
- the main process's handler calls ``Cluster.stop()`` -> ``stop_event.set()``. A
  ``multiprocessing`` Condition's ``notify_all()`` then waits on its ``_woken_count``
  semaphore until every process sleeping in ``stop_event.wait()`` acknowledges; the dead
  sentinel was one of them, so the main process sleeps on that futex forever (the sentinel
  stays a zombie) and every further signal re-enters the same blocking call.

SIGTERM to the main process alone takes the working path: the pusher stops, each worker
gets a STOP pill after the tasks it already holds and finishes its current job. So the
supervisor starts ``manage.py qcluster`` in a session of its own (signals aimed at the
service's group reach only the supervisor), turns the first SIGTERM/SIGINT into one SIGTERM
to the cluster's main process, and after ``grace`` seconds kills the cluster's whole
group. A second signal, a second or more later, kills at once (a second Ctrl-C). A job
killed that way is left ``running``; :func:`reports.services.recover_stalled_jobs`, which
the supervisor runs at start and every ``check`` seconds, puts it back in the queue (the
broker itself would redeliver it only after ``Q_RETRY``). If the supervisor dies, the
kernel sends the cluster SIGTERM (``PR_SET_PDEATHSIG``), so no cluster is left without its
supervisor.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connections

from .services import recover_stalled_jobs

logger = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the forked child
    """In the cluster's process, before exec: SIGTERM me when my parent dies (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Supervisor:
    """Runs one cluster process group; :meth:`run` returns the exit status."""

    def __init__(
        self,
        command: list[str],
        grace: float,
        check: float = 30,
        watchdog: Callable[[], object] | None = None,
    ):
        self.command, self.grace, self.check, self.watchdog = command, grace, check, watchdog
        self.cluster: subprocess.Popen | None = None
        self.stop_requested_at: float | None = None
        self.kill_now = False

    def on_signal(self, signum, frame) -> None:
        # Only note it: the loop in run() acts within 0.2 s, also when the signal arrived
        # while the cluster process was still being created.
        if self.stop_requested_at is None:
            self.stop_requested_at = time.monotonic()
            logger.info(
                "Worker got %s: stopping the cluster (at most %s s)",
                signal.Signals(signum).name,
                self.grace,
            )
        elif time.monotonic() - self.stop_requested_at > 1:
            # A second request kills at once (Ctrl-C twice). One within a second is the same
            # request twice: Ctrl-C reaches every process of the terminal's group, and a
            # wrapper script (scripts/run.sh) may pass it on as SIGTERM as well.
            self.kill_now = True

    def _signal_cluster(self, signum, group: bool) -> None:
        if self.cluster is None or self.cluster.poll() is not None and not group:
            return
        try:
            if group:
                os.killpg(self.cluster.pid, signum)
            else:
                os.kill(self.cluster.pid, signum)
        except ProcessLookupError:
            pass

    def _run_watchdog(self) -> None:
        if self.watchdog is None:
            return
        try:
            self.watchdog()
        except Exception:  # a database hiccup must not stop the worker
            logger.exception("Worker watchdog failed")

    def run(self) -> int:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.on_signal)
        self._run_watchdog()
        if self.stop_requested_at is not None:
            return 0
        self.cluster = subprocess.Popen(
            self.command, start_new_session=True, preexec_fn=_die_with_parent
        )
        next_check = time.monotonic() + self.check
        forwarded = False
        while True:
            try:
                code = self.cluster.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                code = None
            now = time.monotonic()
            if code is not None:
                break
            if self.stop_requested_at is not None:
                if not forwarded:
                    self._signal_cluster(signal.SIGTERM, group=False)
                    forwarded = True
                if self.kill_now or now - self.stop_requested_at >= self.grace:
                    logger.warning("Cluster still busy after the grace period: killing it")
                    self._signal_cluster(signal.SIGKILL, group=True)
            elif now >= next_check:
                self._run_watchdog()
                next_check = now + self.check
        logger.info("Cluster exited with status %s", code)
        # The cluster's main process is gone; make sure nothing of its group outlives it
        # (e.g. a worker orphaned when the main process crashed).
        self._signal_cluster(signal.SIGKILL, group=True)
        if self.stop_requested_at is not None:
            self._run_watchdog()
            return 0
        logger.error("The cluster exited on its own with status %s", code)
        return code or 1


def cluster_command() -> list[str]:
    """``manage.py qcluster`` with this interpreter (the environment, settings module
    included, is inherited)."""
    return [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "qcluster"]


def recover_and_disconnect() -> None:
    """The supervisor's watchdog: re-queue report jobs whose worker died, then close the
    database connection (the supervisor sleeps for long stretches between checks)."""
    try:
        recovered = recover_stalled_jobs()
        if recovered:
            logger.warning("Recovered %s report job(s) whose worker had stopped", recovered)
    finally:
        connections.close_all()


def run(grace: float, check: float) -> int:
    return Supervisor(cluster_command(), grace, check, watchdog=recover_and_disconnect).run()
