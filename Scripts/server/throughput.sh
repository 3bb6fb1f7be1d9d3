#!/usr/bin/env bash
# throughput.sh — what the server adds to the CLI's batch time, over loopback.
#
#   Scripts/server/throughput.sh            (CALLS=500 by default)
#
# Makes CALLS calls from the fixture calls (AudioFixtures/calls/*.wav with transcript and metadata, renamed
# call-0001 … round-robin), then measures, on the same files, in one run:
#   cli     `undertone analyze DIR -o REPORTS` (one job per core): wall time;
#   sqlite  `undertone-server serve` on SQLite with its default in-process workers (one per core);
#   pg      `serve --workers 0` plus 2 `undertone-server worker` processes (1 analysis each) on one PostgreSQL 15;
# for each server: calls/s accepted (CALLS uploads, 8 at a time, by one keep-alive python3 client,
# Scripts/server/upload_calls.py), time from the first upload to the
# last call done, and peak RSS (VmHWM) of serve (and of the workers). Prints a Markdown table and the server's
# time to all done over the CLI's batch time (the issue asks for at most 1.20).
# Environment: BIN=folder with release undertone and undertone-server (default: builds them with swift build -c
# release); PORT (default 18090); UNDERTONE_TEST_POSTGRES_URL to use a running PostgreSQL (default: a throwaway
# cluster from Scripts/server/postgres.sh). Needs python3, curl, psql and /usr/bin/time (Debian's time).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
calls=${CALLS:-500}
port=${PORT:-18090}
if [ -z "${BIN:-}" ]; then
    (cd "$repo" && swift build -c release --product undertone >&2 && swift build -c release --product undertone-server >&2)
    BIN=$repo/.build/release
fi
work=$(mktemp -d /tmp/undertone-throughput.XXXXXX)
chmod 755 "$work"  # the throwaway cluster runs as the postgres user, which must reach $work/pg
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "${own_pg:-}" ] && "$repo/Scripts/server/postgres.sh" stop "$work/pg"
    rm -rf "$work"
}
trap cleanup EXIT

# The calls: fixture calls renamed.
mkdir -p "$work/calls"
mapfile -t stems < <(cd "$repo/AudioFixtures/calls" && ls ./*.wav | sed 's|^\./||; s|\.wav$||' | sort)
for i in $(seq -f '%04g' 1 "$calls"); do
    stem=${stems[$(( 10#$i % ${#stems[@]} ))]}
    for ext in wav json meta.json; do ln -s "$repo/AudioFixtures/calls/$stem.$ext" "$work/calls/call-$i.$ext"; done
done
audio_seconds=$(python3 - "$work/calls" <<'PY'
import os, sys, subprocess
total = 0.0
for name in os.listdir(sys.argv[1]):
    if name.endswith(".wav"):
        size = os.path.getsize(os.path.join(sys.argv[1], name))
        total += (size - 58) / 16000.0   # stereo 8 kHz mu-law: 16000 bytes a second
print(f"{total:.0f}")
PY
)
echo "$calls calls, about $audio_seconds s of audio; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.1f}')"; }

# CLI batch.
start=$(now)
/usr/bin/time -f '%U %S' -o "$work/cli-cpu" "$BIN/undertone" analyze "$work/calls" -o "$work/cli-reports" 2>"$work/cli.log"
cli_seconds=$(elapsed "$start" "$(now)")
cli_cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$work/cli-cpu")
echo "cli batch: $cli_seconds s, $cli_cpu s CPU ($(tail -n 1 "$work/cli.log"))"

upload_all() {  # every call, 8 at a time, from one client process; its CPU seconds go to $work/client-cpu
    python3 "$repo/Scripts/server/upload_calls.py" "http://127.0.0.1:$port" "$key" "$work/calls" --parallel 8 \
        2>"$work/client-cpu" >/dev/null || { cat "$work/client-cpu" >&2; exit 1; }
}
cpu_seconds() { awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$1/stat"; }  # user + system CPU of a live process
wait_all_done() {  # polls serve (over one keep-alive connection, every 0.2 s) until no call is queued or running;
    # then prints that moment (epoch seconds) and the number of calls listed as done, page by page
    python3 - "$port" "$key" <<'PY'
import http.client, json, sys, time, urllib.parse
port, key = sys.argv[1], sys.argv[2]
connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
def page(query):
    connection.request("GET", f"/v1/calls?{query}", headers={"Authorization": f"Bearer {key}"})
    response = connection.getresponse()
    body = response.read()
    assert response.status == 200, (response.status, body[:200])
    return json.loads(body)
while any(page(f"status={status}&limit=1")["calls"] for status in ("queued", "running")):
    time.sleep(0.2)
finished = time.time()
cursor, total = None, 0
while True:
    listed = page("status=done&limit=500" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else ""))
    total += len(listed["calls"])
    cursor = listed.get("nextCursor")
    if not cursor: break
print(finished, total)
PY
}
peak_rss_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
wait_ready() {
    for _ in $(seq 200); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
    echo "serve did not start" >&2; exit 1
}
measure() {  # measure NAME: uploads, waits for all done, records figures
    local name=$1 start accepted finished
    start=$(now)
    upload_all
    accepted=$(now)
    local done_calls
    read -r finished done_calls < <(wait_all_done)
    [ "$done_calls" = "$calls" ] || { echo "$name: $done_calls of $calls calls done" >&2; exit 1; }
    echo "$name: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    local cpu="serve $(cpu_seconds "$serve_pid")" pid
    for pid in ${worker_pids[@]+"${worker_pids[@]}"}; do cpu+=", worker $(cpu_seconds "$pid")"; done
    cpu+=", client $(awk '/^client cpu/ { printf "%.1f", $3 + $4 }' "$work/client-cpu")"
    local accept_s total_s
    accept_s=$(elapsed "$start" "$accepted")
    total_s=$(elapsed "$start" "$finished")
    rate=$(python3 -c "print(f'{$calls / $accept_s:.0f}')")
    ratio=$(python3 -c "print(f'{$total_s / $cli_seconds:.2f}')")
    echo "| $name | $rate | $accept_s | $total_s | $ratio | $cpu | $(peak_rss_mb "$serve_pid")${worker_rss:-} |" >>"$work/table"
}

echo "| setup | calls/s accepted | upload s | first upload → all done s | ÷ CLI batch ($cli_seconds s) | CPU s (CLI: $cli_cpu) | peak RSS MB (serve${workers_note:-}) |" >"$work/table"
echo "|---|---|---|---|---|---|---|" >>"$work/table"

# SQLite, in-process workers.
key=$("$BIN/undertone-server" keys create --role admin --data "$work/sqlite")
"$BIN/undertone-server" serve --data "$work/sqlite" --listen "127.0.0.1:$port" 2>"$work/serve-sqlite.log" &
serve_pid=$!; pids+=("$serve_pid")
wait_ready
measure "SQLite, serve with $(nproc) in-process workers"
kill -TERM "$serve_pid"; wait "$serve_pid" || true

# PostgreSQL, serve without workers plus two worker processes.
if [ -n "${UNDERTONE_TEST_POSTGRES_URL:-}" ]; then
    base=$UNDERTONE_TEST_POSTGRES_URL
else
    own_pg=1
    base=$("$repo/Scripts/server/postgres.sh" start "$work/pg" "${PG_PORT:-55434}")
fi
db=undertone_throughput_$$
psql -q "$base" -c "CREATE DATABASE $db" >/dev/null
url=${base%/*}/$db
key=$("$BIN/undertone-server" keys create --role admin --database "$url" --data "$work/pgdata")
"$BIN/undertone-server" serve --database "$url" --data "$work/pgdata" --workers 0 --listen "127.0.0.1:$port" 2>"$work/serve-pg.log" &
serve_pid=$!; pids+=("$serve_pid")
wait_ready
worker_pids=()
for n in 1 2; do
    "$BIN/undertone-server" worker --database "$url" --data "$work/pgdata" --workers 1 2>"$work/worker$n.log" &
    worker_pids+=("$!"); pids+=("$!")
done
worker_rss=""
measure_pg() {
    measure "PostgreSQL, serve + 2 workers"
}
measure_pg
sed -i "\$s/ |\$/ (workers $(peak_rss_mb "${worker_pids[0]}"), $(peak_rss_mb "${worker_pids[1]}")) |/" "$work/table"
psql -q "$base" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null 2>&1 || true

echo
cat "$work/table"
