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

echo "==> ruff"
ruff check .
ruff format --check .

echo "==> translations and migrations"
$PY manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
$PY manage.py makemigrations --check --dry-run

echo "==> services"
export OPENSEARCH_PORT=${OPENSEARCH_PORT:-9201}
export OPENSEARCH_TEST_URL="http://127.0.0.1:${OPENSEARCH_PORT}"
cleanup() {
    # An interrupted run also ends the PostgreSQL/Redis passes running in the background.
    if [ -n "${second:-}" ]; then pkill -P "$second" 2>/dev/null || true; fi
    bash scripts/opensearch.sh stop >/dev/null 2>&1 || true
    bash scripts/redis.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
bash scripts/opensearch.sh start
bash scripts/verapdf.sh build   # the PDF/UA and PDF/A validator of the report tests
bash scripts/nuchecker.sh build  # the W3C Nu Html Checker of the markup tests
PG_URL=$(bash scripts/postgres.sh | tail -n 1)
case "$PG_URL" in
    postgres://*) ;;
    *) echo "scripts/postgres.sh did not give a database URL (got: '$PG_URL')" >&2; exit 1 ;;
esac
REDIS_URL_TEST=$(bash scripts/redis.sh start | tail -n 1)

# Every run always happens, so one report shows every failure; any failure fails the command.
# Two cores: the SQLite pass (everything, with the browser tests) runs beside the PostgreSQL
# pass (the tests marked `postgres`: what differs between the two databases, see
# docs/CONVENTIONS.md) followed by the Redis pass. The first pass on each database migrates
# and keeps a template (tests/dbtemplate.py); the others restore it in about a second.
status=0
logs=$(mktemp -d)
(
    rc=0
    DATABASE_URL="$PG_URL" pytest -m "postgres and not browser" -p no:cacheprovider "$@" || rc=1
    # Production runs the cache and the django-q2 broker on Redis: the tests of the page
    # cache, the search cache and statistics, and the real clusters run again on a real Redis.
    TEST_REDIS_URL="$REDIS_URL_TEST" pytest -m "not browser" -p no:cacheprovider \
        tests/portal/test_redis.py tests/portal/test_pagecache.py tests/search/test_cache.py \
        tests/search/test_stats.py tests/search/test_qcluster.py tests/campaigns/test_qcluster.py \
        "$@" || rc=1
    exit $rc
) > "$logs/second.log" 2>&1 &
second=$!

echo "==> pytest on SQLite (including browser tests); PostgreSQL and Redis passes run beside it"
pytest "$@" || status=1

wait $second || status=1
echo "==> pytest on PostgreSQL (tests marked postgres), then the cache and broker tests on Redis"
cat "$logs/second.log"
rm -rf "$logs"

[ $status = 0 ] && echo "==> all test runs passed" || echo "==> some tests failed"
exit $status
