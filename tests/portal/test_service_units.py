"""The systemd units of deploy/ are valid and work as systemd would run them.

systemd cannot run in the test container (its PID 1 is not systemd), so ``Unit`` below
applies the directives the units use, with systemd's documented semantics, to the units'
own command lines: a clean environment from ``EnvironmentFile=`` and ``Environment=``,
``WorkingDirectory=``, ``ExecStart=``; ``Type=notify`` (start succeeds only when the
service sends READY=1 on ``$NOTIFY_SOCKET`` within ``TimeoutStartSec=``); ``ExecReload=``
with ``$MAINPID``; ``KillMode=mixed`` (``KillSignal=`` to the main process only, SIGKILL to
every process left after ``TimeoutStopSec=``). ``systemd-analyze verify`` checks the files.
"""

import os
import shlex
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django_q.tasks import async_task

from tests.portal.test_service import alive, answers, free_port, lines, workers_of
from tests.qcluster import shared_database, wait_for

DEPLOY = settings.BASE_DIR / "deploy"
INSTALL_DIR = "/srv/portal"
ENV_FILE = "/etc/portal/portal.env"


def parse(path: Path) -> dict[str, list[str]]:
    """The [Service] section of a unit file: directive -> values in order."""
    section, found = None, {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service":
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def seconds(value: str) -> float:
    return float(value.removesuffix("s"))


def installed(tmp_path: Path, name: str, env_file: Path) -> Path:
    """The unit as installed on this machine: the checkout instead of /srv/portal."""
    text = (DEPLOY / name).read_text()
    text = text.replace(ENV_FILE, str(env_file)).replace(INSTALL_DIR, str(settings.BASE_DIR))
    target = tmp_path / "units" / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(text)
    return target


def environment_file(tmp_path: Path, **overrides) -> Path:
    """deploy/portal.env.example with what this machine needs instead."""
    values = {}
    for line in (DEPLOY / "portal.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            values[key] = value
    values.update(overrides)
    path = tmp_path / "portal.env"
    path.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    return path


def descendants(pid: int) -> set[int]:
    found, pending = set(), [pid]
    while pending:
        current = pending.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


class Unit:
    """One service unit, started and stopped with systemd's semantics (see module doc)."""

    def __init__(self, path: Path, log: Path, tmp_path: Path):
        self.directives, self.log, self.tmp_path = parse(path), log, tmp_path
        self.main: subprocess.Popen | None = None
        self.cgroup: set[int] = set()

    def one(self, key: str) -> str:
        (value,) = self.directives[key]
        return value

    def environment(self) -> dict:
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
        env_file = Path(self.one("EnvironmentFile"))
        for line in env_file.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                key, value = line.split("=", 1)
                env[key] = value
        for assignment in self.directives.get("Environment", []):
            key, value = assignment.split("=", 1)
            env[key] = value
        return env

    def start(self) -> None:
        env = self.environment()
        notify = None
        if self.one("Type") == "notify":
            notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            notify.bind(str(self.tmp_path / "notify.sock"))
            env["NOTIFY_SOCKET"] = str(self.tmp_path / "notify.sock")
        self.main = subprocess.Popen(
            shlex.split(self.one("ExecStart")),
            cwd=self.one("WorkingDirectory"),
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if notify is not None:
            notify.settimeout(seconds(self.one("TimeoutStartSec")))
            with notify:
                message = notify.recv(4096).decode()
            assert "READY=1" in message, message

    def track(self) -> None:
        """Remember every process of the service (systemd's cgroup)."""
        self.cgroup |= {self.main.pid, *descendants(self.main.pid)}

    def reload(self) -> None:
        command = self.one("ExecReload").replace("$MAINPID", str(self.main.pid))
        subprocess.run(shlex.split(command), check=True, timeout=10)

    def stop(self) -> float:
        """KillMode=mixed: KillSignal to the main process, SIGKILL to the rest after
        TimeoutStopSec. Returns how long the main process took to exit."""
        assert self.one("KillMode") == "mixed"
        self.track()
        started = time.monotonic()
        self.main.send_signal(getattr(signal, self.one("KillSignal")))
        try:
            self.main.wait(timeout=seconds(self.one("TimeoutStopSec")))
        finally:
            for pid in alive(self.cgroup):
                os.kill(pid, signal.SIGKILL)
            self.main.wait()
        return time.monotonic() - started


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_units_pass_systemd_analyze_verify(tmp_path):
    env_file = environment_file(tmp_path)
    units = [installed(tmp_path, path.name, env_file) for path in DEPLOY.glob("*.service")]
    assert {u.name for u in units} == {"portal-web.service", "portal-worker.service"}
    result = subprocess.run(
        ["systemd-analyze", "verify", *map(str, units)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr


def test_stop_timeouts_leave_room_for_the_grace_periods():
    import runpy

    web, worker = parse(DEPLOY / "portal-web.service"), parse(DEPLOY / "portal-worker.service")
    gunicorn = runpy.run_path(str(settings.BASE_DIR / "portal/gunicorn.conf.py"))
    assert web["KillMode"] == worker["KillMode"] == ["mixed"]
    assert seconds(web["TimeoutStopSec"][0]) >= gunicorn["graceful_timeout"] + 5
    assert seconds(worker["TimeoutStopSec"][0]) >= settings.WORKER_STOP_GRACE + 20
    assert worker["ExecStart"][0].endswith("manage.py run_worker")
    assert web["ExecReload"] == ["/bin/kill -HUP $MAINPID"]


@pytest.mark.qcluster
@pytest.mark.django_db(transaction=True)
def test_the_worker_unit_stops_after_its_job_in_flight(tmp_path):
    marker = tmp_path / "marker"
    async_task("tests.portal.test_service.slow_job", str(marker), 4, sync=False)
    url, _query = shared_database(tmp_path)
    env_file = environment_file(
        tmp_path,
        DATABASE_URL=url,
        PORTAL_VAR_DIR=str(tmp_path / "var"),
        REDIS_URL="",
        Q_BROKER="orm",
        Q_WORKERS="1",
        WORKER_STOP_GRACE="20",
        DJANGO_SECRET_KEY=settings.SECRET_KEY,  # the test signed the queued task with it
        PYTHONPATH=str(settings.BASE_DIR),
    )
    log = tmp_path / "worker.log"
    unit = Unit(installed(tmp_path, "portal-worker.service", env_file), log, tmp_path)
    unit.start()
    try:
        wait_for(lambda: lines(marker) == ["start"], 90, "the job to start", 0.2, log)
        took = unit.stop()
    finally:
        if unit.main.poll() is None:
            unit.stop()
    assert took < 20, f"stop took {took:.1f} s"
    assert unit.main.returncode == 0, log.read_text()[-2000:]
    assert lines(marker) == ["start", "end"]
    assert alive(unit.cgroup) == set()


@pytest.mark.django_db(transaction=True)
def test_the_web_unit_notifies_reloads_and_stops(tmp_path):
    port = free_port()
    url, _query = shared_database(tmp_path)
    env_file = environment_file(
        tmp_path,
        DATABASE_URL=url,
        PORTAL_VAR_DIR=str(tmp_path / "var"),
        REDIS_URL="",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_ACCESS_LOG="",
    )
    log = tmp_path / "web.log"
    unit = Unit(installed(tmp_path, "portal-web.service", env_file), log, tmp_path)
    page = f"http://127.0.0.1:{port}/api/v2/pages/"
    unit.start()  # returns once gunicorn sent READY=1
    try:
        wait_for(lambda: answers(page), 60, "the web server", 0.3, log)
        before = workers_of(unit.main)
        unit.track()
        unit.reload()
        wait_for(
            lambda: workers_of(unit.main) and not workers_of(unit.main) & before,
            60,
            "the reload",
            0.3,
            log,
        )
        wait_for(lambda: answers(page), 60, "the reloaded web server", 0.3, log)
        took = unit.stop()
    finally:
        if unit.main.poll() is None:
            unit.stop()
    assert took < 15, f"stop took {took:.1f} s"
    assert unit.main.returncode == 0, log.read_text()[-2000:]
    assert alive(unit.cgroup) == set()
