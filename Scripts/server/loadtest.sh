#!/usr/bin/env bash
# loadtest.sh — N concurrent real-time Twilio streams against a throwaway release server (issue 13).
#
#   Scripts/server/loadtest.sh --streams 100 --seconds 130 --ramp 10 [--json]
#
# Builds the release undertone-server (unless BIN names a folder holding one), starts `serve` on a fresh SQLite
# store in a temporary folder (PORT, default 18095; --workers 0: taps need no queue workers), creates an admin
# key, runs `undertone-server loadtest` with the arguments given (plus --url, --key, --server-pid and --calls
# AudioFixtures/calls), prints its report, and stops the server. The server's log is kept when the run fails.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
port=${PORT:-18095}
if [ -z "${BIN:-}" ]; then
    (cd "$repo" && swift build -c release --product undertone-server >&2)
    BIN=$repo/.build/release
fi
work=$(mktemp -d /tmp/undertone-loadtest.XXXXXX)
server=
cleanup() {
    status=$?
    if [ -n "$server" ]; then  # SIGTERM; a server still up 5 s later is a bug: say so and SIGKILL it
        kill "$server" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$server" 2>/dev/null; then
            echo "serve did not stop within 5 s of SIGTERM; killed" >&2
            kill -9 "$server" 2>/dev/null || true
        fi
        wait "$server" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ]; then echo "server log: $work/serve.log" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

key=$("$BIN/undertone-server" keys create --data "$work" --role admin --name loadtest)
LOG_LEVEL=${LOG_LEVEL:-warning} "$BIN/undertone-server" serve --data "$work" --listen "127.0.0.1:$port" --workers 0 \
    2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.1
done
echo "$(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$BIN/undertone-server" loadtest --url "http://127.0.0.1:$port" --key "$key" --server-pid "$server" \
    --calls "$repo/AudioFixtures/calls" "$@"
