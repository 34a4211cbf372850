#!/usr/bin/env bash
# A local single-node OpenSearch 2.19 for development and tests, no Docker needed.
#
#   scripts/opensearch.sh start     build the launcher if needed, start the node, wait for yellow
#   scripts/opensearch.sh stop      SIGTERM the node and wait until it has exited
#   scripts/opensearch.sh status    pid, memory and cluster health (exit 0 up, 1 unhealthy, 3 stopped)
#   scripts/opensearch.sh restart   stop, then start
#
# Environment:
#   OPENSEARCH_PORT           HTTP port on 127.0.0.1 (default 9201)
#   OPENSEARCH_HEAP           JVM heap, -Xms = -Xmx (default 512m)
#   OPENSEARCH_CLUSTER_NAME   cluster.name (default bureau-dev)
#   OPENSEARCH_START_TIMEOUT  seconds to wait for yellow health (default 120)
#   OPENSEARCH_JAVA_OPTS      extra JVM options, appended as they are
#
# Each port gets its own directory var/opensearch/<port>/ (data/, logs/, the pid file),
# so a test node on another port never touches a developer's data. The node itself is
# opensearch-node/ (Maven): see opensearch-node/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${OPENSEARCH_PORT:-9201}"
# A fixed transport port away from the HTTP ports, so that two nodes on one machine (a
# developer's and a test run's) never take each other's HTTP port for their transport.
TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-$((PORT + 1000))}"
HEAP="${OPENSEARCH_HEAP:-512m}"
CLUSTER="${OPENSEARCH_CLUSTER_NAME:-bureau-dev}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-120}"
STOP_TIMEOUT=60

NODE_DIR="var/opensearch/$PORT"
PID_FILE="$NODE_DIR/opensearch.pid"
LOG_DIR="$NODE_DIR/logs"
LOG_FILE="$LOG_DIR/opensearch.log"
OUT_FILE="$LOG_DIR/stdout.log"
JAR="opensearch-node/target/opensearch-node.jar"
URL="http://127.0.0.1:$PORT"

case "$PORT" in ''|*[!0-9]*) echo "OPENSEARCH_PORT must be a number, got '$PORT'" >&2; exit 2 ;; esac

now_ms() {
    local t
    t=$(date +%s%3N)
    case "$t" in *[!0-9]*) echo $(( $(date +%s) * 1000 )) ;; *) echo "$t" ;; esac
}

# True while the process exists and is not a zombie (an exited child that the init
# process has not reaped yet still answers kill -0).
alive() {
    kill -0 "$1" 2>/dev/null || return 1
    case "$(ps -o stat= -p "$1" 2>/dev/null || true)" in Z*|'') return 1 ;; esac
}

# Prints the pid of our running node, or nothing. Removes a stale pid file.
running_pid() {
    [ -f "$PID_FILE" ] || return 0
    local pid
    pid=$(cat "$PID_FILE" 2>/dev/null || true)
    if [ -n "$pid" ] && alive "$pid" \
        && ps -p "$pid" -o args= 2>/dev/null | grep -q "opensearch-node.jar"; then
        echo "$pid"
    else
        rm -f "$PID_FILE"
    fi
}

rss_mb() {
    local kb
    kb=$(ps -p "$1" -o rss= 2>/dev/null | tr -d ' ' || true)
    [ -n "$kb" ] && echo "$(( kb / 1024 )) MB" || echo "?"
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

healthy() {
    curl -sf -o /dev/null --max-time 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s"
}

show_log_tail() {
    echo "---- last lines of $LOG_FILE ----" >&2
    tail -n 40 "$LOG_FILE" >&2 2>/dev/null || echo "(no log file)" >&2
    if [ -s "$OUT_FILE" ]; then
        echo "---- last lines of $OUT_FILE ----" >&2
        tail -n 20 "$OUT_FILE" >&2
    fi
}

build_if_needed() {
    local reason=""
    if [ ! -f "$JAR" ] || [ ! -d opensearch-node/target/lib ]; then
        reason="launcher not built yet"
    elif [ -n "$(find opensearch-node/pom.xml opensearch-node/src -newer "$JAR" -print -quit)" ]; then
        reason="sources changed"
    fi
    [ -z "$reason" ] && return 0
    for tool in java mvn; do
        if ! command -v "$tool" >/dev/null; then
            echo "$tool not found: install a JDK 17 and Maven (scripts/bootstrap.sh --test does)" >&2
            exit 1
        fi
    done
    echo "==> Building opensearch-node ($reason)"
    # A clean lib/ so that a changed dependency version leaves no stale jar behind.
    rm -rf opensearch-node/target/lib
    mkdir -p var/opensearch
    local build_log=var/opensearch/build.log
    if ! mvn -q -B -Dstyle.color=never -f opensearch-node/pom.xml package >"$build_log" 2>&1; then
        echo "Build failed; last lines of $build_log:" >&2
        tail -n 40 "$build_log" >&2
        exit 1
    fi
}

do_start() {
    local pid
    pid=$(running_pid)
    if [ -n "$pid" ]; then
        echo "OpenSearch already running on $URL (pid $pid, RSS $(rss_mb "$pid"))"
        return 0
    fi
    if port_in_use; then
        echo "Port $PORT is already in use by another process; set OPENSEARCH_PORT" >&2
        exit 1
    fi
    build_if_needed

    mkdir -p "$LOG_DIR" "$NODE_DIR/tmp"
    local t0
    t0=$(now_ms)
    # shellcheck disable=SC2086  # OPENSEARCH_JAVA_OPTS is a list of words on purpose
    nohup java \
        -Xms"$HEAP" -Xmx"$HEAP" \
        -XX:+UseG1GC -Xss1m -XX:-OmitStackTraceInFastThrow \
        -XX:ErrorFile="$LOG_DIR/hs_err_pid%p.log" \
        -Djava.io.tmpdir="$NODE_DIR/tmp" \
        -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
        -Djava.locale.providers=SPI,CLDR \
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
        -Dio.netty.recycler.maxCapacityPerThread=0 \
        ${OPENSEARCH_JAVA_OPTS:-} \
        -jar "$JAR" \
        --home "$NODE_DIR" --http-port "$PORT" --transport-port "$TRANSPORT_PORT" --host 127.0.0.1 --cluster-name "$CLUSTER" \
        >>"$OUT_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
    echo "==> Starting OpenSearch on $URL (pid $pid, data $NODE_DIR/data, log $LOG_FILE)"

    local deadline=$(( $(date +%s) + START_TIMEOUT ))
    while :; do
        if ! alive "$pid"; then
            rm -f "$PID_FILE"
            echo "OpenSearch exited during startup" >&2
            show_log_tail
            exit 1
        fi
        if healthy; then
            local ms=$(( $(now_ms) - t0 ))
            echo "OpenSearch is up on $URL after $(( ms / 1000 )).$(printf '%03d' $(( ms % 1000 ))) s (pid $pid, RSS $(rss_mb "$pid"))"
            return 0
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "OpenSearch did not reach yellow health within ${START_TIMEOUT}s; stopping it" >&2
            show_log_tail
            do_stop >&2 || true
            exit 1
        fi
        sleep 1
    done
}

do_stop() {
    local pid
    pid=$(running_pid)
    if [ -z "$pid" ]; then
        echo "OpenSearch is not running (port $PORT)"
        return 0
    fi
    echo "==> Stopping OpenSearch (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$(( $(date +%s) + STOP_TIMEOUT ))
    while alive "$pid"; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "Still running after ${STOP_TIMEOUT}s; sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
            sleep 1
            break
        fi
        sleep 0.2
    done
    rm -f "$PID_FILE"
    echo "OpenSearch stopped"
}

do_status() {
    local pid
    pid=$(running_pid)
    if [ -z "$pid" ]; then
        echo "OpenSearch is not running (port $PORT)"
        return 3
    fi
    echo "OpenSearch running on $URL (pid $pid, RSS $(rss_mb "$pid"))"
    if ! curl -sf --max-time 5 "$URL/_cluster/health?pretty"; then
        echo "... but $URL/_cluster/health does not answer" >&2
        return 1
    fi
}

case "${1:-}" in
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
    restart) do_stop; do_start ;;
    *)
        echo "usage: $0 {start|stop|status|restart}   (port: \$OPENSEARCH_PORT, default 9201)" >&2
        exit 2
        ;;
esac
