#!/bin/sh
# Regenerates every committed fixture from its script, deterministically (same bytes every run).
# Needs: python3, espeak-ng (libespeak-ng1), sox (+ libsox-fmt-all for other formats).
# Clean 16 kHz per-party sources go to $CLEAN_DIR (default: a temporary folder, not committed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
clean=${CLEAN_DIR:-$(mktemp -d)}
python3 "$here/callgen.py" --out "$here/calls" --clean-dir "$clean" "$here"/calls/*.script.json
[ ! -f "$here/check_truth.py" ] || python3 "$here/check_truth.py" "$here"/calls/*.truth.json
if [ -x "$here/formats/make-formats.sh" ]; then
    "$here/formats/make-formats.sh"
elif [ -f "$here/formats/make-formats.sh" ]; then
    sh "$here/formats/make-formats.sh"
fi
[ -n "${CLEAN_DIR:-}" ] || rm -rf "$clean"
