#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb as the postgres user in a temporary
# folder, listening on a Unix socket there only (with room for 500 connections: every store
# keeps a pool, and the tests open many stores at once), stopped and removed at exit. The command gets
# FACTUM_POSTGRES_URL (and PGHOST, PGPORT, PGUSER, PGDATABASE for psql, and FACTUM_POSTGRES_BIN,
# the folder of initdb and pg_ctl, for the test that restarts a cluster of its own).
#   bash Scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
bin=${POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ ! -x "$bin/initdb" ]; then
    echo "with-postgres: no PostgreSQL server at $bin (apt-get install postgresql)" >&2
    exit 1
fi
folder=$(mktemp -d /tmp/factum-postgres.XXXXXX)
chown postgres "$folder"
run_as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
stop() {
    run_as_postgres "'$bin/pg_ctl' -D '$folder/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$folder"
}
trap stop EXIT
run_as_postgres "'$bin/initdb' -D '$folder/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; exit 1; }
run_as_postgres "'$bin/pg_ctl' -D '$folder/data' -l '$folder/server.log' -w -o \"-k '$folder' -c listen_addresses='' -p 5432 -c max_connections=500\" start" >/dev/null || { cat "$folder/server.log" >&2; exit 1; }
export PGHOST="$folder" PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
export FACTUM_POSTGRES_URL="postgres://postgres@localhost/postgres?host=$folder"
export FACTUM_POSTGRES_SOCKET="$folder/.s.PGSQL.5432"
# For the restart test, which starts and restarts a cluster of its own.
export FACTUM_POSTGRES_BIN="$bin"
"$@"
