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
# for each server: calls/s accepted (CALLS uploads by 8 parallel curl clients), time from the first upload to the
# last call done, and peak RSS (VmHWM) of serve (and of the workers). Prints a Markdown table and the server's
# time to all done over the CLI's batch time (the issue asks for at most 1.20).
# Environment: BIN=folder with release undertone and undertone-server (default: builds them with swift build -c
# release); PORT (default 18090); UNDERTONE_TEST_POSTGRES_URL to use a running PostgreSQL (default: a throwaway
# cluster from Scripts/server/postgres.sh).
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
"$BIN/undertone" analyze "$work/calls" -o "$work/cli-reports" 2>"$work/cli.log"
cli_seconds=$(elapsed "$start" "$(now)")
echo "cli batch: $cli_seconds s ($(tail -n 1 "$work/cli.log"))"

upload_all() {  # upload_all KEY: every call, 8 at a time
    export key port
    find "$work/calls" -name '*.wav' | sort | xargs -P 8 -I{} bash -c '
        f={}; stem=${f%.wav}
        code=$(curl -s -o /dev/null -w "%{http_code}" -H "Authorization: Bearer $key" \
            -F "audio=@$f;filename=$(basename "$f")" -F "transcript=@$stem.json" -F "metadata=@$stem.meta.json" \
            "http://127.0.0.1:$port/v1/calls")
        [ "$code" = 202 ] || { echo "upload of $f answered $code" >&2; exit 1; }'
}
unfinished() {  # calls queued or running, asked of serve (which has no workers of its own with PostgreSQL)
    local n=0 status
    for status in queued running; do
        n=$(( n + $(curl -fs -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/calls?status=$status&limit=1" \
            | grep -o '"id":' | wc -l) ))
    done
    echo "$n"
}
count_done() {  # every call listed as done, page by page
    python3 - "$port" "$key" <<'PY'
import json, sys, urllib.parse, urllib.request
port, key, cursor, total = sys.argv[1], sys.argv[2], None, 0
while True:
    url = f"http://127.0.0.1:{port}/v1/calls?status=done&limit=500" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
    page = json.load(urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})))
    total += len(page["calls"])
    cursor = page.get("nextCursor")
    if not cursor: break
print(total)
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
    while [ "$(unfinished)" != 0 ]; do sleep 0.2; done
    finished=$(now)
    local done_calls
    done_calls=$(count_done)
    [ "$done_calls" = "$calls" ] || { echo "$name: $done_calls of $calls calls done" >&2; exit 1; }
    echo "$name: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    local accept_s total_s
    accept_s=$(elapsed "$start" "$accepted")
    total_s=$(elapsed "$start" "$finished")
    rate=$(python3 -c "print(f'{$calls / $accept_s:.0f}')")
    ratio=$(python3 -c "print(f'{$total_s / $cli_seconds:.2f}')")
    echo "| $name | $rate | $accept_s | $total_s | $ratio | $(peak_rss_mb "$serve_pid")${worker_rss:-} |" >>"$work/table"
}

echo "| setup | calls/s accepted | upload s | first upload → all done s | ÷ CLI batch ($cli_seconds s) | peak RSS MB (serve${workers_note:-}) |" >"$work/table"
echo "|---|---|---|---|---|---|" >>"$work/table"

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
