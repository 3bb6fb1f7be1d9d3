#!/usr/bin/env bash
# fault_test.sh [UNDERTONE_SERVER] — the server's queue survives a worker SIGKILLed mid-analysis and a restart of
# `serve`, with PostgreSQL and two worker processes:
#   1. starts `serve --workers 0` and two `worker` processes on one PostgreSQL database and one --data folder;
#   2. uploads CALLS calls (default 200; the short fixture calls round-robin, each with its own Idempotency-Key);
#      halfway, `serve` is stopped and started again (uploads meanwhile are retried with the same key);
#   3. once worker 1 holds a running call, kills it with SIGKILL (its lease then expires and worker 2 takes over);
#   4. waits for the queue to drain and checks: CALLS calls, every one `done` exactly once (one "done" log line per
#      call across workers), with a report served by GET /v1/calls/{id}/report; at least one call needed 2 attempts.
# PostgreSQL: $UNDERTONE_TEST_POSTGRES_URL (a fresh database is created in it), else a throwaway cluster is started.
# Exits 1 when a check fails. Needs curl and psql (Debian's postgresql-client).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
server=${1:-$repo/.build/debug/undertone-server}
calls=${CALLS:-200}
port=${PORT:-18089}
lease=5
work=$(mktemp -d /tmp/undertone-fault.XXXXXX)
chmod 755 "$work"  # the throwaway cluster runs as the postgres user, which must reach $work/pg
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    # The database goes before the cluster it lives in (dropping it from a stopped cluster made a passing run exit 2).
    [ -n "${dropdb:-}" ] && psql -q "$base_url" -c "DROP DATABASE IF EXISTS $dropdb WITH (FORCE)" >/dev/null 2>&1
    [ -n "${own_pg:-}" ] && "$repo/Scripts/server/postgres.sh" stop "$work/pg"
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "fault test FAILED: $*" >&2; exit 1; }

if [ -n "${UNDERTONE_TEST_POSTGRES_URL:-}" ]; then
    base_url=$UNDERTONE_TEST_POSTGRES_URL
else
    own_pg=1
    base_url=$("$repo/Scripts/server/postgres.sh" start "$work/pg" "${PG_PORT:-55433}")
fi
dropdb=undertone_fault_$$
psql -q "$base_url" -c "CREATE DATABASE $dropdb" >/dev/null
db_url=${base_url%/*}/$dropdb
sql() { psql -qtA "$db_url" -c "$1"; }

data=$work/data
key=$("$server" keys create --role admin --name fault-test --database "$db_url" --data "$data")

start_serve() {
    "$server" serve --database "$db_url" --data "$data" --workers 0 --listen "127.0.0.1:$port" >>"$work/serve.log" 2>&1 &
    serve_pid=$!
    pids+=("$serve_pid")
    for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
    fail "serve did not start (see $work/serve.log)"
}
start_worker() {
    "$server" worker --database "$db_url" --data "$data" --workers 1 --lease "$lease" >"$work/worker$1.log" 2>&1 &
    pids+=("$!")
    eval "worker$1_pid=$!"
}

start_serve
start_worker 1
start_worker 2

stems=(layout-overlap layout-noisy opening-fail opening-pass layout-deadair)
upload() {
    local i=$1 stem=${stems[$(( $1 % ${#stems[@]} ))]}
    local f=$repo/AudioFixtures/calls/$stem
    for _ in $(seq 100); do
        code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" -H "Idempotency-Key: fault-$i" \
            -F "audio=@$f.wav;filename=call-$i.wav" -F "transcript=@$f.json" -F "metadata=@$f.meta.json" \
            "http://127.0.0.1:$port/v1/calls" || true)
        case $code in 200|202) return 0 ;; esac
        sleep 0.2
    done
    fail "upload $i never accepted (last status $code)"
}

killed=""
for i in $(seq 1 "$calls"); do
    upload "$i"
    if [ "$i" = $(( calls / 2 )) ]; then
        echo "restarting serve after $i uploads"
        kill -TERM "$serve_pid"; wait "$serve_pid" || true
        start_serve
    fi
    if [ -z "$killed" ] && [ "$(sql "SELECT COUNT(*) FROM calls WHERE status = 'running' AND lease_owner LIKE '%:$worker1_pid:%'")" -gt 0 ]; then
        killed=$(sql "SELECT id FROM calls WHERE status = 'running' AND lease_owner LIKE '%:$worker1_pid:%' LIMIT 1")
        kill -KILL "$worker1_pid"
        echo "SIGKILLed worker 1 (pid $worker1_pid) while it analysed call $killed"
    fi
done
if [ -z "$killed" ]; then
    for _ in $(seq 600); do
        killed=$(sql "SELECT id FROM calls WHERE status = 'running' AND lease_owner LIKE '%:$worker1_pid:%' LIMIT 1")
        [ -n "$killed" ] && break
        sleep 0.1
    done
    [ -n "$killed" ] || fail "worker 1 never held a running call"
    kill -KILL "$worker1_pid"
    echo "SIGKILLed worker 1 (pid $worker1_pid) while it analysed call $killed"
fi
echo "uploaded $calls calls; waiting for the queue to drain"

start=$(date +%s)
while [ "$(sql "SELECT COUNT(*) FROM calls WHERE status IN ('queued', 'running')")" != 0 ]; do
    [ $(( $(date +%s) - start )) -lt 1500 ] || fail "queue not drained after 1500 s: $(sql "SELECT status, COUNT(*) FROM calls GROUP BY status")"
    sleep 1
done

total=$(sql "SELECT COUNT(*) FROM calls")
done_count=$(sql "SELECT COUNT(*) FROM calls WHERE status = 'done' AND report IS NOT NULL")
[ "$total" = "$calls" ] || fail "$total calls stored for $calls uploads"
[ "$done_count" = "$calls" ] || fail "$done_count of $calls done: $(sql "SELECT id, status, error FROM calls WHERE status <> 'done'")"
done_lines=$(cat "$work"/worker*.log | grep '\] done$' | grep -o 'call=[0-9a-f-]*' | sort)
[ "$(echo "$done_lines" | wc -l)" = "$calls" ] || fail "$(echo "$done_lines" | wc -l) 'done' log lines for $calls calls"
[ "$(echo "$done_lines" | uniq -d | wc -l)" = 0 ] || fail "calls done twice: $(echo "$done_lines" | uniq -d | head)"
[ "$(sql "SELECT attempts FROM calls WHERE id = '$killed'")" -ge 2 ] || fail "the killed worker's call $killed was not retried"
for id in $(sql "SELECT id FROM calls"); do
    curl -fs -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/calls/$id/report" | python3 -c \
        'import json,sys; r=json.load(sys.stdin); assert r["schemaVersion"] and r["call"]["source"].startswith("call-")' \
        || fail "no valid report for $id"
done
echo "fault test passed: $calls calls, each done exactly once with a report; worker 1 SIGKILLed mid-call" \
    "($killed, $(sql "SELECT attempts FROM calls WHERE id = '$killed'") attempts), serve restarted once," \
    "$(sql "SELECT COUNT(*) FROM calls WHERE attempts > 1") calls needed a second attempt"
