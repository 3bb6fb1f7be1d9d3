#!/usr/bin/env bash
# measure_batch.sh OUTDIR — batch mode of `undertone analyze` against single calls, on a folder made by make_calls.py.
#
#   Scripts/batch/make_calls.py /tmp/calls && Scripts/batch/measure_batch.sh /tmp/calls
#
# (a) times `undertone analyze FILE --transcript … --metadata … -o …` for every call, one after the other;
# (b) times `undertone analyze OUTDIR -o REPORTS` (parallel) and checks its progress lines, its summary line,
#     that the corrupt file is reported as failed and that every other call has a report (valid JSON; also valid
#     against report.schema.json when python3-jsonschema is installed);
#     then times the same batch with --jobs 1 (parallelism alone, process start-up paid once either way);
# (c) runs the batch again and checks every finished call is skipped;
# (d) prints a Markdown table: sum of single-call times, batch wall time, speed-up, cores, CPU time (and, as the
#     machine may be shared, the cores other processes took during each batch), second run.
# Wall and CPU (user+sys) times come from /usr/bin/time; what other processes took meanwhile from /proc/stat.
# Exits 1 when a check fails.
#
# Environment: UNDERTONE=path/to/undertone skips the release build (default: `swift build -c release --product
# undertone`, then .build/release/undertone); WORK=folder for reports and logs (default: a new temporary folder).
set -euo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 OUTDIR   (a folder made by Scripts/batch/make_calls.py)" >&2
    exit 2
fi
calls=$(cd "$1" && pwd)
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${UNDERTONE:-}" ]; then
    (cd "$repo" && swift build -c release --product undertone >&2)
    UNDERTONE=$repo/.build/release/undertone
fi
work=${WORK:-$(mktemp -d -t measure_batch.XXXXXX)}
mkdir -p "$work"
rm -rf "$work/single" "$work/reports" "$work/reports-1job"
mkdir -p "$work/single"

failures=0
check() {  # check DESCRIPTION COMMAND...: runs the command, prints ok/FAIL
    local what=$1; shift
    if "$@"; then echo "ok    $what"; else echo "FAIL  $what"; failures=$((failures + 1)); fi
}
# run_timed NAME COMMAND...: /usr/bin/time figures into $work/NAME.time, the command's stderr into NAME.stderr, and
# the CPU ticks the whole machine spent meanwhile into NAME.busy (to tell how much other processes took).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
run_timed() {
    local name=$1 before status=0
    shift
    before=$(busy_ticks)
    /usr/bin/time -o "$work/$name.time" -f "%e %U %S" "$@" 2>"$work/$name.stderr" || status=$?
    echo $(($(busy_ticks) - before)) >"$work/$name.busy"
    return $status
}
# A NAME.time file: the last line has the figures (a failed command adds a line before them).
times_of() { tail -n 1 "$work/$1.time" | awk -v busy="$(cat "$work/$1.busy")" -v hz="$(getconf CLK_TCK)" "{ printf \"%.1f\", $2 }"; }
wall_of() { times_of "$1" '$1'; }
cpu_of() { times_of "$1" '$2 + $3'; }
cores_of() { times_of "$1" '($2 + $3) / $1'; }                 # cores kept busy by the command
# Cores taken by every other process meanwhile (tick rounding can make an idle machine come out just below 0).
others_of() { times_of "$1" '((busy / hz - $2 - $3) / $1 > 0 ? (busy / hz - $2 - $3) / $1 : 0)'; }
summary_of() { grep -E '^[0-9]+ analyzed, [0-9]+ skipped, [0-9]+ failed in ' "$1" | tail -n 1 || true; }
count_in() { sed -nE "s/.*(^|, )([0-9]+) $2.*/\2/p" <<<"$1"; }   # count_in SUMMARY analyzed|skipped|failed
counts_of() { echo "$(count_in "$1" analyzed)/$(count_in "$1" skipped)/$(count_in "$1" failed)"; }

mapfile -t audio < <(find "$calls" -maxdepth 1 -name '*.wav' -printf '%f\n' | LC_ALL=C sort)
corrupt=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["corrupt"])' "$calls/manifest.json")
good=$(( ${#audio[@]} - 1 ))
echo "calls: $good in $calls, plus corrupt $corrupt; binary $UNDERTONE; work folder $work"
echo "cores: $(nproc); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# (a) One call at a time, each in its own process, as a user without batch mode would run them.
echo "(a) single calls, one after the other ..."
export UNDERTONE calls work
run_timed single bash -c '
    for file in "$@"; do
        stem=${file%.wav}
        paired=()  # the corrupt file has no transcript or metadata: its error must be about the audio
        [ ! -f "$calls/$stem.json" ] || paired+=(--transcript "$calls/$stem.json")
        [ ! -f "$calls/$stem.meta.json" ] || paired+=(--metadata "$calls/$stem.meta.json")
        start=$EPOCHREALTIME
        if "$UNDERTONE" analyze "$calls/$file" "${paired[@]}" -o "$work/single/$stem.report.json"; then
            status=ok
        else
            status=failed
        fi
        echo "$file $status $start $EPOCHREALTIME"
    done' _ "${audio[@]}" >"$work/single.log"
single_sum=$(awk -v bad="$corrupt" '$1 != bad && $2 == "ok" { sum += $4 - $3 } END { printf "%.1f", sum }' "$work/single.log")
single_ok=$(awk -v bad="$corrupt" '$1 != bad && $2 == "ok"' "$work/single.log" | wc -l)
check "single calls: $single_ok of $good analyzed" test "$single_ok" -eq "$good"
check "single call on the corrupt file fails" grep -q "^$corrupt failed " "$work/single.log"
check "its error is one line naming the file" test "$(grep -c "$corrupt" "$work/single.stderr")" -eq 1

# (b) The whole folder at once.
echo "(b) batch ..."
batch_status=0
run_timed batch1 "$UNDERTONE" analyze "$calls" -o "$work/reports" || batch_status=$?
summary1=$(summary_of "$work/batch1.stderr")
echo "      summary: $summary1"
check "batch exits 1 because one call failed (exit $batch_status)" test "$batch_status" -eq 1
check "summary: $good analyzed, 0 skipped, 1 failed" test "$(counts_of "$summary1")" = "$good/0/1"
check "progress: one [i/N] line per call on stderr (a file here, so lines rather than a bar)" \
    test "$(grep -cE '^\[[0-9]+/[0-9]+\] ' "$work/batch1.stderr")" -eq "${#audio[@]}"
check "the corrupt file is reported as failed" grep -qE "failed.*$corrupt|$corrupt.*failed" "$work/batch1.stderr"
missing=$(python3 - "$work/reports" "$corrupt" "${audio[@]}" <<'EOF'
import json, sys
reports, corrupt, *audio = sys.argv[1:]
def bad(path):
    try:
        with open(path) as f:
            return not isinstance(json.load(f), dict)
    except (OSError, ValueError):
        return True
print(sum(bad(f"{reports}/{a[:-4]}.report.json") for a in audio if a != corrupt))
EOF
)
check "every other call has a JSON report ($missing missing or invalid)" test "$missing" -eq 0
check "no report for the corrupt file" test ! -e "$work/reports/${corrupt%.wav}.report.json"
if python3 -c 'import jsonschema' 2>/dev/null; then
    check "reports valid against report.schema.json (errors in $work/schema.log)" bash -c \
        'python3 "$1/Scripts/validate-report.py" "$1/report.schema.json" "$2"/reports/*.report.json >"$2/schema.log" 2>&1' \
        _ "$repo" "$work"
fi

# The same batch on one job: what the parallelism alone buys, with process start-up paid once in both runs.
echo "(b) batch again with --jobs 1 into a fresh folder ..."
run_timed batch-1job "$UNDERTONE" analyze "$calls" -o "$work/reports-1job" --jobs 1 || true
echo "      summary: $(summary_of "$work/batch-1job.stderr")"

# (c) Again: everything finished is skipped.
echo "(c) batch again ..."
run_timed batch2 "$UNDERTONE" analyze "$calls" -o "$work/reports" || true
summary2=$(summary_of "$work/batch2.stderr")
echo "      summary: $summary2"
check "second run: 0 analyzed, $good skipped, 1 failed" test "$(counts_of "$summary2")" = "0/$good/1"

# (d) The figures.
batch_wall=$(wall_of batch1)
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| $good calls ($(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["audioSeconds"])' "$calls/manifest.json") s of audio) + 1 corrupt | value |"
echo "|---|---|"
echo "| sum of single-call times (wall, one process per call, one after the other) | $single_sum s |"
echo "| single calls: CPU time (user+sys, all processes) | $(cpu_of single) s |"
echo "| batch \`analyze DIR\`: wall time | $batch_wall s |"
echo "| batch: its own sum of per-call analysis times (from its summary line) | $(sed -nE 's/.*\(([0-9.]+) s of single-call time.*/\1/p' <<<"$summary1") s |"
echo "| batch: CPU time (user+sys); cores it kept busy; cores other processes took meanwhile | $(cpu_of batch1) s; $(cores_of batch1); $(others_of batch1) |"
echo "| speed-up (sum of single-call times / batch wall) | $(awk -v a="$single_sum" -v b="$batch_wall" 'BEGIN { printf "%.2f", a / b }') x |"
echo "| batch \`--jobs 1\`: wall time; CPU time; cores other processes took meanwhile | $(wall_of batch-1job) s; $(cpu_of batch-1job) s; $(others_of batch-1job) |"
echo "| parallel speed-up (\`--jobs 1\` wall / default-jobs wall) | $(awk -v a="$(wall_of batch-1job)" -v b="$batch_wall" 'BEGIN { printf "%.2f", a / b }') x |"
echo "| CPU cores (nproc) | $(nproc) |"
echo "| second run (all skipped): wall time | $(wall_of batch2) s |"
echo
if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed; logs in $work" >&2; exit 1; fi
echo "all checks passed; logs in $work"
