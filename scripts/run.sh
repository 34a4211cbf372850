#!/usr/bin/env bash
# Command 1: set everything up and run the portal with demo content on http://127.0.0.1:8000.
# Data lives in var/ and survives re-runs. Ctrl-C stops the web server and the worker.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-portal.settings.dev}
PY=.venv/bin/python
$PY manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
$PY manage.py migrate --noinput -v0
$PY manage.py load_demo
$PY manage.py ensure_admin
$PY manage.py sync_schedules >/dev/null
$PY manage.py collectstatic --noinput -v0
$PY manage.py clear_page_cache

PORT=${PORT:-8000}
pids=()
# Ctrl-C (SIGINT to the whole group) or SIGTERM to this script: each child gets one SIGTERM.
# The worker is `run_worker`, not a bare `qcluster`: the latter hangs forever on a SIGTERM
# to its group (see reports/worker.py); run_worker lets a running job finish within
# WORKER_STOP_GRACE seconds, so this wait is bounded.
stop() { trap - INT TERM EXIT; kill -TERM "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT
$PY manage.py run_worker &
pids+=($!)
echo "==> Portal: http://127.0.0.1:${PORT}/   admin: http://127.0.0.1:${PORT}/admin/   (Ctrl-C stops)"
$PY manage.py runserver "127.0.0.1:${PORT}" --noreload &
pids+=($!)
wait -n "${pids[@]}"
