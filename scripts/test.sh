#!/usr/bin/env bash
# Command 2: install the test needs and run the whole suite:
# ruff, makemigrations --check, pytest on SQLite (with browser tests), pytest on PostgreSQL
# (the tests marked `postgres`), the cache and broker tests on Redis, against a real
# OpenSearch node. Extra arguments go to every pytest run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test
export DJANGO_SETTINGS_MODULE=portal.settings.test
PY=.venv/bin/python
export PATH="$PWD/.venv/bin:$PATH"

export OPENSEARCH_PORT=${OPENSEARCH_PORT:-9201}
export OPENSEARCH_TEST_URL="http://127.0.0.1:${OPENSEARCH_PORT}"
logs=$(mktemp -d)
cleanup() {
    # An interrupted run also ends the builds and the PostgreSQL/Redis passes running in
    # the background.
    for job in ${builds:-} ${second:-} ${third:-}; do
        pkill -P "$job" 2>/dev/null || true
    done
    bash scripts/opensearch.sh stop >/dev/null 2>&1 || true
    bash scripts/redis.sh stop >/dev/null 2>&1 || true
    rm -rf "$logs"
}
trap cleanup EXIT

# The Java services are built while the checks below run: the Maven builds spend most of
# their minute waiting on the network and the disk, not on a core. They run one after
# another (Maven 3.8 does not lock its local repository between processes).
echo "==> building and starting OpenSearch, veraPDF and the Nu Html Checker (in the background)"
(
    bash scripts/opensearch.sh start
    bash scripts/verapdf.sh build   # the PDF/UA and PDF/A validator of the report tests
    bash scripts/nuchecker.sh build  # the W3C Nu Html Checker of the markup tests
) > "$logs/builds.log" 2>&1 &
builds=$!

echo "==> ruff"
ruff check .
ruff format --check .

echo "==> translations and migrations"
$PY manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
$PY manage.py makemigrations --check --dry-run

echo "==> services"
PG_URL=$(bash scripts/postgres.sh | tail -n 1)
case "$PG_URL" in
    postgres://*) ;;
    *) echo "scripts/postgres.sh did not give a database URL (got: '$PG_URL')" >&2; exit 1 ;;
esac
REDIS_URL_TEST=$(bash scripts/redis.sh start | tail -n 1)
build_status=0
wait $builds || build_status=$?
builds=""
cat "$logs/builds.log"
if [ $build_status != 0 ]; then
    echo "building or starting OpenSearch, veraPDF or the Nu Html Checker failed" >&2
    exit 1
fi

# Every run always happens, so one report shows every failure; any failure fails the command.
# Two cores: the SQLite pass (everything, with the browser tests) runs beside the PostgreSQL
# pass (the tests marked `postgres`: what differs between the two databases, see
# docs/CONVENTIONS.md) followed by the Redis pass. The first pass on each database migrates
# and keeps a template (tests/dbtemplate.py); the others restore it in about a second.
#
# Tests of processes that mostly wait (services stopping on a signal, clusters picking up
# a job): their SQLite run is a third pytest process beside the two lanes, whose cores
# are busy while these wait (their PostgreSQL and Redis runs stay in the second lane).
# That leaves both lanes about as long (figures in docs/CONVENTIONS.md, "Suite time").
# Each pytest run prints its slowest tests (--durations) to keep the balance checkable.
WAITING_SQLITE=(tests/portal/test_service.py tests/portal/test_service_units.py
                tests/reports/test_stalled.py tests/reports/test_qcluster.py
                tests/campaigns/test_qcluster.py tests/search/test_qcluster.py)
DURATIONS=--durations=15
status=0
pytest -p no:cacheprovider $DURATIONS "${WAITING_SQLITE[@]}" "$@" > "$logs/third.log" 2>&1 &
third=$!
(
    rc=0
    DATABASE_URL="$PG_URL" pytest -m "postgres and not browser" -p no:cacheprovider $DURATIONS \
        "$@" || rc=1
    # Production runs the cache and the django-q2 broker on Redis: the tests of the page
    # cache, the search cache and statistics, and the real clusters run again on a real Redis.
    TEST_REDIS_URL="$REDIS_URL_TEST" pytest -m "not browser" -p no:cacheprovider $DURATIONS \
        tests/portal/test_redis.py tests/portal/test_pagecache.py tests/search/test_cache.py \
        tests/search/test_stats.py tests/search/test_qcluster.py tests/campaigns/test_qcluster.py \
        "$@" || rc=1
    exit $rc
) > "$logs/second.log" 2>&1 &
second=$!

echo "==> pytest on SQLite (including browser tests); PostgreSQL and Redis passes run beside it"
echo "    (all but ${WAITING_SQLITE[*]}: they run on SQLite beside it)"
ignored=()
for path in "${WAITING_SQLITE[@]}"; do ignored+=("--ignore=$path"); done
pytest "${ignored[@]}" $DURATIONS "$@" || status=1

wait $third || status=1
echo "==> pytest on SQLite: ${WAITING_SQLITE[*]}"
cat "$logs/third.log"
wait $second || status=1
echo "==> pytest on PostgreSQL (tests marked postgres), then the cache and broker tests on Redis"
cat "$logs/second.log"

[ $status = 0 ] && echo "==> all test runs passed" || echo "==> some tests failed"
exit $status
