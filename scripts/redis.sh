#!/usr/bin/env bash
# Starts Debian's redis-server on 127.0.0.1 for the test command's Redis pass (cache and
# django-q2 broker on a real Redis, as recommended for production). Idempotent.
#   scripts/redis.sh start   start (if not running), wait for PING, print the URL on stdout
#   scripts/redis.sh stop    shut it down
# REDIS_TEST_PORT (default 6390): its own port and directory var/redis/<port>/, so it never
# touches a Redis that the machine runs for something else.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${REDIS_TEST_PORT:-6390}"
DIR="var/redis/$PORT"
mkdir -p "$DIR"
cli() { redis-cli -h 127.0.0.1 -p "$PORT" "$@"; }

case "${1:-start}" in
start)
    if ! command -v redis-server >/dev/null; then
        echo "redis-server is not installed (run scripts/bootstrap.sh --test)" >&2
        exit 1
    fi
    if ! cli ping >/dev/null 2>&1; then
        # No persistence: it holds only test data. The server must not keep the caller's
        # stdout open (a $(...) caller would wait for it to exit).
        redis-server --bind 127.0.0.1 --port "$PORT" --daemonize yes --dir "$PWD/$DIR" \
            --save "" --appendonly no --logfile "$PWD/$DIR/redis.log" \
            --pidfile "$PWD/$DIR/redis.pid" </dev/null >&2
    fi
    for _ in $(seq 50); do
        cli ping >/dev/null 2>&1 && break
        sleep 0.2
    done
    cli ping >/dev/null 2>&1 || { echo "Redis did not answer on port $PORT" >&2; exit 1; }
    echo "redis://127.0.0.1:$PORT/0"
    ;;
stop)
    cli shutdown nosave >/dev/null 2>&1 || true
    ;;
*)
    echo "usage: scripts/redis.sh start|stop" >&2
    exit 2
    ;;
esac
