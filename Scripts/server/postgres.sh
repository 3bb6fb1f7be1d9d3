#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests, from Debian's postgresql package.
#   Scripts/server/postgres.sh start DIR PORT   initdb + start in DIR (socket and data), print its URL
#   Scripts/server/postgres.sh stop DIR         stop it and remove DIR
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user the package creates.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    dir=$2 port=$3
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$PGBIN/initdb" -D "$dir/data" -U undertone -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: a test cluster needs speed, not crash safety.
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://undertone@127.0.0.1:$port/postgres"
    ;;
stop)
    dir=$2
    [ -d "$dir/data" ] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
