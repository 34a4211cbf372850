#!/usr/bin/env bash
# Starts Debian's PostgreSQL on 127.0.0.1 and makes sure the test role exists.
# Prints the DATABASE_URL to use, and nothing else, on stdout. Idempotent.
set -euo pipefail
PGUSER_NAME=${PG_TEST_USER:-portal}
PGPASS=${PG_TEST_PASSWORD:-portal}
PGPORT=${PG_TEST_PORT:-5432}
# Every tool's chatter goes to stderr: only the URL goes to stdout. (The server started
# here must not inherit the caller's stdout either, or a caller reading it would wait for
# the server to exit.)
setup() {
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    if [ -z "$version" ]; then
        echo "PostgreSQL is not installed (run scripts/bootstrap.sh --test)" >&2
        return 1
    fi
    if ! pg_lsclusters -h | awk '{print $2}' | grep -qx main; then
        pg_createcluster "$version" main >/dev/null
    fi
    if ! pg_lsclusters -h | awk '$2=="main"{print $4}' | grep -qx online; then
        pg_ctlcluster "$version" main start </dev/null
    fi
    for _ in $(seq 30); do
        su postgres -c "psql -p $PGPORT -tAc 'select 1'" >/dev/null 2>&1 && break
        sleep 1
    done
    su postgres -c "psql -p $PGPORT -v ON_ERROR_STOP=1 -tAc \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='$PGUSER_NAME') THEN CREATE ROLE $PGUSER_NAME LOGIN CREATEDB PASSWORD '$PGPASS'; END IF; END\\\$\\\$;\"" >/dev/null
    su postgres -c "psql -p $PGPORT -tAc \"SELECT 1 FROM pg_database WHERE datname='$PGUSER_NAME'\"" | grep -q 1 \
        || su postgres -c "createdb -p $PGPORT -O $PGUSER_NAME $PGUSER_NAME"
}
setup >&2
echo "postgres://$PGUSER_NAME:$PGPASS@127.0.0.1:$PGPORT/$PGUSER_NAME"
