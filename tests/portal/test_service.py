"""The worker (`manage.py run_worker`) and the web server (gunicorn with
portal/gunicorn.conf.py) run as services: every usual stop signal pattern ends them in
bounded time with no process left behind, a job in flight runs exactly once, and a
graceful reload (HUP) under load fails no request.

The job is ``slow_job`` below, run by the real cluster; it appends to a marker file when it
starts and when it ends, so the file tells how often it ran and whether it was cut short.
"""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django_q.tasks import async_task

from tests.qcluster import MANAGE, shared_database, subprocess_env, wait_for

pytestmark = [pytest.mark.qcluster, pytest.mark.django_db(transaction=True)]

PATTERNS = [
    (signal.SIGTERM, "group"),
    (signal.SIGINT, "group"),
    (signal.SIGTERM, "main"),
    (signal.SIGINT, "main"),
]


def slow_job(marker: str, seconds: float, again_seconds: float | None = None) -> str:
    """The test job: 'start', sleep, 'end'. A second run sleeps ``again_seconds``."""
    path = Path(marker)
    first = not path.exists()
    with path.open("a") as out:
        out.write("start\n")
    time.sleep(seconds if first or again_seconds is None else again_seconds)
    with path.open("a") as out:
        out.write("end\n")
    return "done"


def lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def sessions_members(*sids: int) -> set[int]:
    """Live (non-zombie) processes whose session is one of ``sids``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        state, session = fields[0], int(fields[3])
        if session in sids and state != "Z":
            found.add(int(entry.name))
    return found


def alive(pids: set[int]) -> set[int]:
    left = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            left.add(pid)
    return left


def send(proc: subprocess.Popen, signum: int, target: str) -> None:
    if target == "group":
        os.killpg(proc.pid, signum)
    else:
        os.kill(proc.pid, signum)


def cluster_session(worker: subprocess.Popen) -> int:
    """The session id of the cluster the supervisor started (its only child)."""
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def start_worker(env, log: Path, grace: float) -> subprocess.Popen:
    return subprocess.Popen(
        [*MANAGE, "run_worker", "--grace", str(grace), "--check", "60"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # like a service: its own process group
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.mark.parametrize(("signum", "target"), PATTERNS, ids=lambda p: getattr(p, "name", p))
def test_worker_stops_in_bounded_time_and_the_job_in_flight_finishes_once(tmp_path, signum, target):
    marker = tmp_path / "marker"
    async_task(f"{__name__}.slow_job", str(marker), 4, sync=False)
    url, _query = shared_database(tmp_path)
    env = subprocess_env(url, Q_WORKERS="1", Q_TIMEOUT="60", Q_RETRY="120")
    log = tmp_path / "worker.log"
    worker = start_worker(env, log, grace=30)
    try:
        wait_for(lambda: lines(marker) == ["start"], 60, "the job to start", 0.2, log)
        members = sessions_members(worker.pid, cluster_session(worker))
        assert len(members) >= 5  # supervisor, cluster main, sentinel, worker, pusher, ...
        started = time.monotonic()
        send(worker, signum, target)
        worker.wait(timeout=40)
        took = time.monotonic() - started
    finally:
        stop(worker)
    assert worker.returncode == 0, log.read_text()[-2000:]
    assert took < 20, f"stopping took {took:.1f} s"
    assert lines(marker) == ["start", "end"], "the job ran exactly once, to its end"
    assert alive(members) == set(), "no process of the worker is left"


def test_a_job_cut_short_by_the_grace_period_runs_exactly_once_after_restart(tmp_path):
    marker = tmp_path / "marker"
    async_task(f"{__name__}.slow_job", str(marker), 600, 1, sync=False)
    url, query = shared_database(tmp_path)
    # The broker hands an unacknowledged task out again after Q_RETRY seconds.
    env = subprocess_env(url, Q_WORKERS="1", Q_TIMEOUT="900", Q_RETRY="5")
    log = tmp_path / "worker.log"
    worker = start_worker(env, log, grace=2)
    try:
        wait_for(lambda: lines(marker) == ["start"], 60, "the job to start", 0.2, log)
        members = sessions_members(worker.pid, cluster_session(worker))
        started = time.monotonic()
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
        took = time.monotonic() - started
    finally:
        stop(worker)
    assert took < 12, f"stopping took {took:.1f} s with a 2 s grace period"
    assert alive(members) == set()
    assert lines(marker) == ["start"]
    assert query("SELECT COUNT(*) FROM django_q_ormq")[0][0] == 1, "the task is still queued"

    worker = start_worker(env, tmp_path / "worker2.log", grace=10)
    try:
        wait_for(
            lambda: query("SELECT COUNT(*) FROM django_q_task WHERE success")[0][0] == 1,
            60,
            "the job to run again",
            0.5,
            tmp_path / "worker2.log",
        )
        time.sleep(6)  # longer than Q_RETRY: a second delivery would have started by now
    finally:
        os.kill(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    assert lines(marker) == ["start", "start", "end"]
    assert query("SELECT COUNT(*) FROM django_q_ormq")[0][0] == 0


# --- gunicorn ------------------------------------------------------------------------------


def gunicorn_env(tmp_path, port: int, workers: str = "2") -> dict:
    url, _query = shared_database(tmp_path)
    return subprocess_env(
        url,
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=workers,
        GUNICORN_THREADS="2",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_GRACEFUL_TIMEOUT="10",
    )


def start_gunicorn(env, log: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    return subprocess.Popen(
        [str(gunicorn), "-c", str(settings.BASE_DIR / "portal/gunicorn.conf.py"), "portal.wsgi"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def answers(url: str) -> bool:
    try:
        return get(url) == 200
    except OSError:
        return False


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def workers_of(master: subprocess.Popen) -> set[int]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return {int(pid) for pid in children}


def test_gunicorn_graceful_reload_under_load_fails_no_request(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/admin/login/"
    log = tmp_path / "gunicorn.log"
    web = start_gunicorn(gunicorn_env(tmp_path, port), log)
    results, done = [], threading.Event()

    def client():
        for _ in range(2000):  # bounded: at most 2,000 requests per client
            if done.is_set():
                return
            try:
                results.append(get(url))
            except OSError as exc:
                results.append(repr(exc))

    try:
        wait_for(lambda: answers(url), 60, "gunicorn to answer", 0.3, log)
        before = workers_of(web)
        clients = [threading.Thread(target=client) for _ in range(3)]
        for thread in clients:
            thread.start()
        time.sleep(1)
        web.send_signal(signal.SIGHUP)
        wait_for(
            lambda: len(workers_of(web)) == 2 and not workers_of(web) & before,
            60,
            "new workers to replace the old ones",
            0.3,
            log,
        )
        served_before = len(results)
        wait_for(lambda: len(results) > served_before + 20, 30, "requests to new workers")
        done.set()
        for thread in clients:
            thread.join(timeout=60)
    finally:
        done.set()
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(timeout=30)
    failed = [r for r in results if r != 200]
    assert len(results) > 50
    assert failed == [], f"{len(failed)} of {len(results)} requests failed: {failed[:5]}"
    assert web.returncode == 0


@pytest.mark.parametrize(("signum", "target"), PATTERNS, ids=lambda p: getattr(p, "name", p))
def test_gunicorn_stops_in_bounded_time(tmp_path, signum, target):
    port = free_port()
    url = f"http://127.0.0.1:{port}/admin/login/"
    log = tmp_path / "gunicorn.log"
    web = start_gunicorn(gunicorn_env(tmp_path, port, workers="1"), log)
    try:
        wait_for(lambda: answers(url), 60, "gunicorn to answer", 0.3, log)
        members = sessions_members(web.pid)
        started = time.monotonic()
        send(web, signum, target)
        web.wait(timeout=30)
        took = time.monotonic() - started
    finally:
        stop(web)
    assert web.returncode == 0, log.read_text()[-2000:]
    assert took < 15, f"stopping took {took:.1f} s"
    assert alive(members) == set()


def test_gunicorn_graceful_reload_serves_the_new_code(tmp_path):
    """HUP is the deploy step: after it, the new release answers (with ``preload_app``
    the master would keep the application it imported at start)."""
    app = tmp_path / "release_app.py"
    release = 'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b"%s"]\n'
    app.write_text(release % "release-1")
    port = free_port()
    env = {
        **gunicorn_env(tmp_path, port, workers="1"),
        "PYTHONPATH": str(tmp_path),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    log = tmp_path / "gunicorn.log"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    web = subprocess.Popen(
        [str(gunicorn), "-c", str(settings.BASE_DIR / "portal/gunicorn.conf.py"), "release_app"],
        env=env,
        cwd=tmp_path,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def body() -> bytes:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                return response.read()
        except OSError:
            return b""

    try:
        wait_for(lambda: body() == b"release-1", 60, "the first release", 0.2, log)
        app.write_text(release % "release-two")
        web.send_signal(signal.SIGHUP)
        wait_for(lambda: body() == b"release-two", 30, "the second release after HUP", 0.2, log)
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(timeout=30)
