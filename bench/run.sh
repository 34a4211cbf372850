#!/usr/bin/env bash
# Every benchmark in one command (`make bench`): builds a large synthetic site in bench/var,
# serves it with the production settings under gunicorn, loads each page kind with wrk
# (cached, uncached, and with Redis and local-memory caches), beside a minimal Django app
# (the ceiling), holds 200 clients on cached pages for a minute, prints the figures, then
# runs the search (engines, and the public search under a surge), report and import
# benchmarks that exist.
#
#   BENCH_QUICK=1          small site (300 documents), 5 s runs, 10 s load test, search engines
#                          at 1,000 and 5,000 documents only: a smoke test
#   BENCH_SEARCH_FULL=0    search engines without the 100,000-document index of the #19 goal
#                          (by default bench/search_bench.py builds it: a few minutes)
#   BENCH_DOCUMENTS, BENCH_ENTERPRISES, BENCH_ACTIVITIES   site size (10000 / 5000 / 2000)
#   BENCH_DURATION         seconds per measurement (15), BENCH_CONNECTIONS clients (50)
#   BENCH_LOAD_DURATION    seconds of the load test (60), BENCH_LOAD_CONNECTIONS (200)
#   BENCH_REBUILD=1        rebuild the site even if one of the same size exists
#   BENCH_OTHERS=0         skip the search, report and import benchmarks
#   BENCH_ADMIN_REQUESTS   requests per admin list page (30)
#   BENCH_PORT, BENCH_REDIS_PORT, GUNICORN_WORKERS, GUNICORN_THREADS
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python

if [ "${BENCH_QUICK:-0}" = 1 ]; then
    DOCS=${BENCH_DOCUMENTS:-300}; ENTS=${BENCH_ENTERPRISES:-150}; ACTS=${BENCH_ACTIVITIES:-60}
    DUR=${BENCH_DURATION:-5}; LOAD_DUR=${BENCH_LOAD_DURATION:-10}
else
    DOCS=${BENCH_DOCUMENTS:-10000}; ENTS=${BENCH_ENTERPRISES:-5000}; ACTS=${BENCH_ACTIVITIES:-2000}
    DUR=${BENCH_DURATION:-15}; LOAD_DUR=${BENCH_LOAD_DURATION:-60}
fi
CONNS=${BENCH_CONNECTIONS:-50}
LOAD_CONNS=${BENCH_LOAD_CONNECTIONS:-200}
PORT=${BENCH_PORT:-8731}
REDIS_PORT=${BENCH_REDIS_PORT:-6391}
BASE="http://127.0.0.1:${PORT}"

# --- Tools ---------------------------------------------------------------------------------
bash scripts/bootstrap.sh
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
    echo "==> Installing ${need[*]}"
    SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# --- Environment: production settings on a scratch var dir -----------------------------
unset DATABASE_URL REDIS_URL CACHE_URL FRONTEND_CACHE_PURGE_URL PAGE_CACHE_ENABLED
export PORTAL_VAR_DIR="$ROOT/bench/var"
export DJANGO_SETTINGS_MODULE=portal.settings.production
export DJANGO_SECRET_KEY="bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"
export DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0
export GUNICORN_BIND="127.0.0.1:${PORT}" GUNICORN_ACCESS_LOG="" LOG_LEVEL=WARNING
export BENCH_RESULTS="$PORTAL_VAR_DIR/results.jsonl"
mkdir -p "$PORTAL_VAR_DIR"
rm -f "$BENCH_RESULTS"
REPORT="$PY bench/report.py"

SERVER_PID=""; REDIS_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null || true
}
trap cleanup EXIT

# --- The site ------------------------------------------------------------------------------
stamp="$PORTAL_VAR_DIR/site-${DOCS}-${ENTS}-${ACTS}.built"
$PY manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
if [ ! -f "$stamp" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
    echo "==> Building a synthetic site: ${DOCS} documents, ${ENTS} enterprises, ${ACTS} activities"
    rm -rf "$PORTAL_VAR_DIR"/portal.sqlite3* "$PORTAL_VAR_DIR"/cache "$PORTAL_VAR_DIR"/site-*.built
    start=$(date +%s)
    $PY manage.py migrate --noinput -v0
    $PY manage.py load_demo >/dev/null
    $PY manage.py generate_synthetic --documents "$DOCS" --enterprises "$ENTS" --activities "$ACTS"
    # No django-q2 cluster runs here, so the queued index updates never ran: index now.
    $PY manage.py rebuild_search --engine database --no-progress
    $REPORT note "site build (migrate, demo, synthetic)" "$(( $(date +%s) - start )) s"
    touch "$stamp"
else
    echo "==> Reusing the site in $PORTAL_VAR_DIR (BENCH_REBUILD=1 rebuilds it)"
    $PY manage.py migrate --noinput -v0
fi
$PY manage.py collectstatic --noinput -v0
$REPORT note "site" "$($PY -c "
import os, django; django.setup()
from wagtail.models import Page
print(f'{Page.objects.live().count()} live pages (${DOCS} documents, ${ENTS} enterprises requested)')
")"
$REPORT note "machine" "$(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB RAM; wrk on the same machine"
URLS=$($PY bench/page_urls.py)
echo "==> Page kinds: $URLS" | cut -c1-400
url_of() { $PY -c "import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], ''))" "$URLS" "$1"; }
SAMPLE=$($PY -c "import json,sys; print(' '.join(json.loads(sys.argv[1])['sample']))" "$URLS")

# --- Servers and measurements ----------------------------------------------------------------
start_server() {  # phase, then the gunicorn application and its environment
    local phase=$1 app=$2; shift 2
    env "$@" "$ROOT/.venv/bin/gunicorn" -c portal/gunicorn.conf.py $app \
        >"$PORTAL_VAR_DIR/gunicorn-$phase.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do
        curl -sf -o /dev/null "$BASE/" && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.5
    done
    echo "gunicorn did not start; see $PORTAL_VAR_DIR/gunicorn-$phase.log" >&2
    exit 1
}

stop_server() {
    $REPORT memory "$1" "$SERVER_PID"
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

measure() {  # phase kind path [connections duration]
    local phase=$1 kind=$2 path=$3 conns=${4:-$CONNS} dur=${5:-$DUR} cache
    [ -z "$path" ] && { echo "  ($kind: none on this site)"; return 0; }
    wrk -t2 -c"$conns" -d3s --timeout 10s "$BASE$path" >/dev/null  # warm every worker
    cache=$($REPORT status "$BASE" "$path")
    [ "$cache" = none ] && cache=off
    wrk -t2 -c"$conns" -d"${dur}s" --timeout 10s -s bench/wrk_json.lua "$BASE$path" \
        | BENCH_CONN=$conns $REPORT record "$phase" "$kind" "$path" "$cache"
}

measure_kinds() {  # phase kinds...
    local phase=$1; shift
    for kind in "$@"; do measure "$phase" "$kind" "$(url_of "$kind")"; done
}

echo "==> Production settings, file cache (the default)"
rm -rf "$PORTAL_VAR_DIR/cache"
start_server file-cache portal.wsgi:application
HOME_BYTES=$($REPORT size "$BASE" /)
measure_kinds file-cache home list detail search campaign
echo "==> Load test: ${LOAD_CONNS} clients for ${LOAD_DUR} s on cached pages"
# shellcheck disable=SC2086
HITS=$($REPORT warm "$BASE" $SAMPLE | tr '\n' ' ')
echo "  rotating over $(echo $HITS | wc -w) cached URLs"
load_status=0
# shellcheck disable=SC2086
wrk -t2 -c"$LOAD_CONNS" -d"${LOAD_DUR}s" --timeout 10s -s bench/wrk_json.lua "$BASE/" -- $HITS \
    | BENCH_CONN=$LOAD_CONNS BENCH_ZERO_ERRORS=1 \
        $REPORT record load-test mixed "$(echo $HITS | wc -w) URLs" hit || load_status=1
stop_server file-cache

echo "==> Ceiling: a minimal Django view under the same gunicorn configuration"
start_server ceiling "--pythonpath bench ceiling:application" CEILING_BODY_BYTES="$HOME_BYTES"
measure ceiling ceiling /
stop_server ceiling

echo "==> Production settings, page cache off"
start_server no-cache portal.wsgi:application PAGE_CACHE_ENABLED=0
measure_kinds no-cache home list detail search campaign
stop_server no-cache

echo "==> Redis cache"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    >"$PORTAL_VAR_DIR/redis.log" 2>&1 &
REDIS_PID=$!
sleep 1
start_server redis-cache portal.wsgi:application CACHE_URL="redis://127.0.0.1:${REDIS_PORT}/0"
measure_kinds redis-cache home list detail
stop_server redis-cache
kill "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null || true; REDIS_PID=""

echo "==> Local-memory cache (one per worker)"
start_server locmem-cache portal.wsgi:application CACHE_URL="locmem://"
measure_kinds locmem-cache home list detail
stop_server locmem-cache

echo "==> Ceiling again (the machine is shared: the goals use the mean of both)"
start_server ceiling-2 "--pythonpath bench ceiling:application" CEILING_BODY_BYTES="$HOME_BYTES"
measure ceiling-2 ceiling /
stop_server ceiling-2

echo "==> Admin list pages of the tracker for a supervisor"
admin_status=0
"$PY" bench/admin_bench.py || { echo "bench/admin_bench.py failed" >&2; admin_status=1; }

echo
echo "==> Figures (also in $PORTAL_VAR_DIR/results.md)"
$REPORT print
echo
echo "==> Goals of issue #19 (also in $PORTAL_VAR_DIR/goals.md)"
$REPORT goals

# --- The other benchmarks ------------------------------------------------------------------
status=$(( load_status | admin_status ))
[ $load_status = 0 ] || echo "The load test had errors (see the load-test row)." >&2
for name in search_bench search_surge report_bench import_bench; do
    if [ "${BENCH_OTHERS:-1}" != 0 ] && [ -f "bench/$name.py" ]; then
        echo
        echo "==> bench/$name.py"
        "$PY" "bench/$name.py" || { echo "bench/$name.py failed" >&2; status=1; }
    fi
done
exit $status
