#!/usr/bin/env bash
# The allocation gate (issue 11): builds the frame benchmark of Benchmarks/ (package-benchmark, release), runs its
# steady-state benchmark and fails when the largest malloc count of a run (1000 frames) is above the committed
# threshold, Benchmarks/Thresholds/FrameAnalysis.SteadyState-1000-frames-of-one-channel.p90.json (0).
# Needs the speech network's weights (Scripts/models/fetch-silero-vad.sh).
#
# The benchmark executable is run directly and its output read here: `swift package benchmark thresholds check`
# checks the same file, but first builds the plugin's own tool, minutes more on 2 cores.
#   Scripts/benchmarks/check-allocations.sh
set -euo pipefail
cd "$(dirname "$0")/../../Benchmarks"
SWIFT=${SWIFT:-swift}
NAME=SteadyState-1000-frames-of-one-channel

"$SWIFT" build -c release --product FrameAnalysis
threshold=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["mallocCountTotal"])' \
    "Thresholds/FrameAnalysis.$NAME.p90.json")
output=$(.build/release/FrameAnalysis --filter "$NAME" --quiet true)
# The "Malloc (total):" histogram ends with "#[Max     =  N, Total count = M]": N is the worst run.
worst=$(awk '/^Malloc \(total\):/ { found = 1 } found && /#\[Max/ { gsub(/[^0-9.]/, " "); print $1; exit }' <<<"$output")
runs=$(awk '/^Malloc \(total\):/ { found = 1 } found && /#\[Max/ { sub(/.*Total count *= */, ""); print $1 + 0; exit }' <<<"$output")
if [ -z "$worst" ] || [ "${runs:-0}" -lt 1 ]; then
    echo "check-allocations: no malloc count in the output of FrameAnalysis --filter $NAME" >&2
    exit 1
fi
if awk -v worst="$worst" -v threshold="$threshold" 'BEGIN { exit !(worst > threshold) }'; then
    echo "check-allocations: $NAME allocated $worst times in its worst run of 1000 frames (threshold $threshold, $runs runs)" >&2
    exit 1
fi
echo "check-allocations: $NAME: at most $worst mallocs per 1000 frames over $runs runs (threshold $threshold)"
