#!/usr/bin/env bash
# fault_test.sh [UNDERTONE_SERVER] — the server's queue survives a worker SIGKILLed mid-analysis and a restart of
# `serve`, with PostgreSQL and two worker processes:
#   1. starts `serve --workers 0` and two `worker` processes on one PostgreSQL database and one --data folder;
#   2. uploads CALLS calls (default 200) from one background client, 4 at a time, each with its own
#      Idempotency-Key; the calls are the fixture calls (round-robin) cut to their first SECONDS (default 5) seconds
#      of audio and transcript: the test is about the queue, and a debug build analyses a second of audio in ~0.13 s;
#      every 50th call is whole (~30 s), so some analyses outlast the 5 s lease and live on its heartbeats;
#   3. once worker 1 holds a running call, kills it with SIGKILL (its lease then expires and another worker takes
#      it over) and starts a replacement worker, as a supervisor would, so two workers analyse the rest;
#   4. once half the calls are accepted, stops `serve` and starts it again while the client keeps uploading (a
#      refused or unanswered upload is retried with the same Idempotency-Key);
#   5. waits for the queue to drain and checks: CALLS calls, every one `done` exactly once (one "done" log line per
#      call across workers), with a report served by GET /v1/calls/{id}/report; the killed call needed 2 attempts.
# PostgreSQL: $UNDERTONE_TEST_POSTGRES_URL (a fresh database is created in it), else a throwaway cluster is started.
# Exits 1 when a check fails. Needs python3 and psql (Debian's postgresql-client).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
server=${1:-$repo/.build/debug/undertone-server}
calls=${CALLS:-200}
seconds=${SECONDS_PER_CALL:-5}
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
    for _ in $(seq 200); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.05; done
    fail "serve did not start (see $work/serve.log)"
}
start_worker() {
    "$server" worker --database "$db_url" --data "$data" --workers 1 --lease "$lease" >"$work/worker$1.log" 2>&1 &
    pids+=("$!")
    eval "worker$1_pid=$!"
}
worker1_call() { sql "SELECT id FROM calls WHERE status = 'running' AND lease_owner LIKE '%:$worker1_pid:%' LIMIT 1"; }

# The calls: call-NNN.wav/.json/.meta.json, the fixture calls cut to their first $seconds seconds (every 50th whole).
mkdir -p "$work/calls" "$work/cut"
python3 - "$repo/AudioFixtures/calls" "$work/cut" "$work/calls" "$calls" "$seconds" <<'PY'
import json, os, struct, sys
fixtures, cut, out, calls, seconds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
stems = ["layout-overlap", "layout-noisy", "opening-fail", "opening-pass", "layout-deadair"]
for stem in stems:
    riff = open(f"{fixtures}/{stem}.wav", "rb").read()
    chunks, at = [], 12
    while at < len(riff):
        cid, size = riff[at:at + 4], struct.unpack("<I", riff[at + 4:at + 8])[0]
        chunks.append([cid, riff[at + 8:at + 8 + size]])
        at += 8 + size + size % 2
    fmt = next(c for c in chunks if c[0] == b"fmt ")[1]
    rate, block = struct.unpack("<I", fmt[4:8])[0], struct.unpack("<H", fmt[12:14])[0]
    frames = int(seconds * rate)
    body = b""
    for cid, data in chunks:
        if cid == b"data": data = data[:frames * block]
        if cid == b"fact": data = struct.pack("<I", min(frames, struct.unpack("<I", data[:4])[0])) + data[4:]
        body += cid + struct.pack("<I", len(data)) + data + b"\0" * (len(data) % 2)
    open(f"{cut}/{stem}.wav", "wb").write(b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body)
    transcript = json.load(open(f"{fixtures}/{stem}.json"))
    transcript["words"] = [w for w in transcript["words"] if w["end"] <= seconds]
    json.dump(transcript, open(f"{cut}/{stem}.json", "w"))
for i in range(1, calls + 1):
    stem = stems[i % len(stems)]
    source = fixtures if i % 50 == 0 else cut  # whole calls: analyses that outlast the lease without heartbeats
    for ext in ("wav", "json"): os.symlink(f"{source}/{stem}.{ext}", f"{out}/call-{i:03d}.{ext}")
    os.symlink(f"{fixtures}/{stem}.meta.json", f"{out}/call-{i:03d}.meta.json")
PY

start_serve
start_worker 1
start_worker 2
began=$(date +%s)

python3 "$repo/Scripts/server/upload_calls.py" "http://127.0.0.1:$port" "$key" "$work/calls" --parallel 4 --retry 120 \
    --prefix fault >"$work/uploaded" 2>"$work/upload.log" &
uploader=$!
pids+=("$uploader")

# The kill and the restart, each once, while the uploads go on.
killed="" restarted=""
for _ in $(seq 6000); do
    if [ -z "$killed" ]; then
        # Frozen while asked, so the call it holds cannot finish between the question and the kill.
        kill -STOP "$worker1_pid"
        killed=$(worker1_call)
        if [ -n "$killed" ]; then
            kill -KILL "$worker1_pid"
            echo "SIGKILLed worker 1 (pid $worker1_pid) while it analysed call $killed"
            start_worker 3
        else
            kill -CONT "$worker1_pid"
        fi
    fi
    if [ -z "$restarted" ] && [ "$(wc -l <"$work/uploaded")" -ge $(( calls / 2 )) ]; then
        restarted=1
        echo "restarting serve after $(wc -l <"$work/uploaded") of $calls uploads, while the client keeps uploading"
        kill -TERM "$serve_pid"; wait "$serve_pid" || true
        start_serve
    fi
    [ -n "$killed" ] && [ -n "$restarted" ] && break
    sleep 0.05
done
[ -n "$killed" ] || fail "worker 1 never held a running call"
[ -n "$restarted" ] || fail "the uploads never reached half the calls"
wait "$uploader" || fail "uploads failed: $(cat "$work/upload.log")"
echo "uploaded $calls calls in $(( $(date +%s) - began )) s; waiting for the queue to drain"

start=$(date +%s)
while [ "$(sql "SELECT COUNT(*) FROM calls WHERE status IN ('queued', 'running')")" != 0 ]; do
    [ $(( $(date +%s) - start )) -lt 1500 ] || fail "queue not drained after 1500 s: $(sql "SELECT status, COUNT(*) FROM calls GROUP BY status")"
    sleep 0.2
done
echo "queue drained $(( $(date +%s) - began )) s after the first upload"

total=$(sql "SELECT COUNT(*) FROM calls")
done_count=$(sql "SELECT COUNT(*) FROM calls WHERE status = 'done' AND report IS NOT NULL")
[ "$total" = "$calls" ] || fail "$total calls stored for $calls uploads"
[ "$done_count" = "$calls" ] || fail "$done_count of $calls done: $(sql "SELECT id, status, error FROM calls WHERE status <> 'done'")"
done_lines=$(cat "$work"/worker*.log | grep '\] done$' | grep -o 'call=[0-9a-f-]*' | sort)
[ "$(echo "$done_lines" | wc -l)" = "$calls" ] || fail "$(echo "$done_lines" | wc -l) 'done' log lines for $calls calls"
[ "$(echo "$done_lines" | uniq -d | wc -l)" = 0 ] || fail "calls done twice: $(echo "$done_lines" | uniq -d | head)"
[ "$(sql "SELECT attempts FROM calls WHERE id = '$killed'")" -ge 2 ] || fail "the killed worker's call $killed was not retried"
# Every call's report, over one keep-alive connection.
sql "SELECT id FROM calls" | python3 -c '
import http.client, json, sys
port, key = sys.argv[1], sys.argv[2]
connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
for id in sys.stdin.read().split():
    connection.request("GET", f"/v1/calls/{id}/report", headers={"Authorization": f"Bearer {key}"})
    response = connection.getresponse()
    body = response.read()
    report = json.loads(body) if response.status == 200 else {}
    if not (report.get("schemaVersion") and report["call"]["source"].startswith("call-")):
        sys.exit(f"no valid report for {id}: {response.status} {body[:200]}")
' "$port" "$key" || fail "a call has no valid report"
echo "fault test passed: $calls calls, each done exactly once with a report; worker 1 SIGKILLed mid-call" \
    "($killed, $(sql "SELECT attempts FROM calls WHERE id = '$killed'") attempts), serve restarted once," \
    "$(sql "SELECT COUNT(*) FROM calls WHERE attempts > 1") calls needed a second attempt"
