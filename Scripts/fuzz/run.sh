#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (one executable, UndertoneFuzz) with address sanitizer and runs one target
# (or all) on a seed corpus made from the repository's fixtures (issue 16).
#
#   Scripts/fuzz/run.sh TARGET [SECONDS] [RUNS]   run TARGET for SECONDS (default 60) or RUNS executions, whichever first
#   Scripts/fuzz/run.sh all [SECONDS]             every target in turn (CI: ./quickstart test runs `all 10`, debug)
#   Scripts/fuzz/run.sh list                      the target names
#
# Targets: FuzzAudioFile FuzzStreamDecoder FuzzTranscript FuzzMetadata FuzzRubric. Crashes, timeouts (>5 s per
# input in release, FUZZ_TIMEOUT to change), leaks and inputs over 2 GB of RSS stop the run with a non-zero status
# and leave the input in .build-fuzz/findings/TARGET/. The working corpus grows in .build-fuzz/corpus/TARGET (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SWIFT=${SWIFT:-swift}
TARGETS=(FuzzAudioFile FuzzStreamDecoder FuzzTranscript FuzzMetadata FuzzRubric)
SCRATCH=$ROOT/.build-fuzz
CONFIG=${FUZZ_CONFIG:-release}
# An input slower than this is a hang: 5 s in release (issue 16's bound); 60 s in a debug build, unoptimised and
# usually on a loaded CI machine (no input took a second there since the seeds are small, docs/fuzzing.md).
TIMEOUT=${FUZZ_TIMEOUT:-$([ "$CONFIG" = release ] && echo 5 || echo 60)}

usage() { sed -n '2,12p' "$0" >&2; exit 2; }
[ $# -ge 1 ] || usage

# No index store: nothing reads it, and writing it is part of every compile.
FLAGS=(--package-path Fuzz --scratch-path "$SCRATCH/build" -c "$CONFIG" --disable-index-store
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)

build() {
    "$SWIFT" build "${FLAGS[@]}" >&2
    BIN=$("$SWIFT" build "${FLAGS[@]}" --show-bin-path)
}

# Seeds: small cuts of the fixtures each target's format comes from (Scripts/fuzz/small_seeds.py says why small),
# made fresh on every run. MAX_LEN: the longest input each target is given, with room above its seeds and above the
# limits it checks (1,000-character metadata fields and rubric patterns, 200-character words); longer inputs only
# repeat frames, words or cues at a cost linear in their length, and the length limits have their own tests.
seed() {
    local target=$1 dir=$SCRATCH/seeds/$1
    rm -rf "$dir" && mkdir -p "$dir"
    case $target in
    FuzzAudioFile)
        # The WAV, MP3 and FLAC headers and a few codec frames fit in 4 kB; Ogg Vorbis's setup header alone is 5 kB.
        MAX_LEN=8192
        python3 Scripts/fuzz/small_seeds.py head "$dir" 4096 AudioFixtures/formats/clip*.{wav,flac,opus,mp3}
        python3 Scripts/fuzz/small_seeds.py head "$dir" 8192 AudioFixtures/formats/clip*.ogg ;;
    FuzzStreamDecoder)
        # First byte: encoding (bits 0-1: pcm16, mulaw, alaw, opus) and channels (bit 2); then length-prefixed
        # chunks of up to 256 bytes: 4 kB is 16 or more chunks, enough to cut frames at every boundary.
        MAX_LEN=4096
        for mode in 0 1 2 4 5 6; do
            python3 -c "import sys,os; sys.stdout.buffer.write(bytes([$mode]) + b''.join(bytes([159]) + os.urandom(160) for _ in range(20)))" > "$dir/mode$mode"
        done ;;
    FuzzTranscript)
        MAX_LEN=4096
        python3 Scripts/fuzz/small_seeds.py json "$dir" AudioFixtures/{transcripts/*,calls/sample-call}.json
        python3 Scripts/fuzz/small_seeds.py cues "$dir" 1500 AudioFixtures/{transcripts/*.{vtt,srt},calls/sample-call.vtt}
        printf '1\n00:00:01,000 --> 00:00:02,500\nAgent: Hello, thanks for calling.\n\n2\n00:00:03,000 --> 00:00:04,000\nCustomer: Hi.\n' > "$dir/seed.srt" ;;
    FuzzMetadata)
        MAX_LEN=4096
        cp AudioFixtures/calls/*.meta.json "$dir/" ;;
    FuzzRubric)
        # The largest template (every condition, 6 kB) whole.
        MAX_LEN=8192
        cp Models/templates/*.yaml AudioFixtures/rubrics/*.yaml "$dir/" ;;
    *) echo "unknown target $target (one of: ${TARGETS[*]})" >&2; exit 2 ;;
    esac
}

run() {
    local target=$1 seconds=${2:-60} runs=${3:--1}
    seed "$target"
    mkdir -p "$SCRATCH/corpus/$target" "$SCRATCH/findings/$target"
    echo "== $target: ${seconds}s or $runs runs" >&2
    # -rss_limit_mb: 2 GB is unbounded memory.
    UNDERTONE_FUZZ_TARGET=$target ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
        LSAN_OPTIONS=suppressions=$ROOT/Fuzz/lsan.supp "$BIN/UndertoneFuzz" \
        "$SCRATCH/corpus/$target" "$SCRATCH/seeds/$target" \
        -max_total_time="$seconds" -runs="$runs" -timeout="$TIMEOUT" -rss_limit_mb=2048 -max_len="$MAX_LEN" \
        -artifact_prefix="$SCRATCH/findings/$target/" -print_final_stats=1 2>&1 \
        | grep -E '^(#[0-9]+[[:space:]]+(DONE|pulse|INITED)|==[0-9]+==|stat::|SUMMARY|Done|INFO: Running|.*(ERROR|error|Fatal|Crash|crash|leak|timeout)).*' >&2
    return "${PIPESTATUS[0]}"
}

case $1 in
list) printf '%s\n' "${TARGETS[@]}" ;;
all)
    build
    # Every target runs even when one finds something; the status says whether any did.
    failed=0
    for target in "${TARGETS[@]}"; do run "$target" "${2:-20}" || failed=1; done
    exit "$failed" ;;
*)
    build
    run "$1" "${2:-60}" "${3:--1}" ;;
esac
