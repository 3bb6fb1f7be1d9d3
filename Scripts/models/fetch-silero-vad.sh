#!/usr/bin/env bash
# Fetches Silero VAD (MIT licence) from PyPI and converts its 8 kHz weights into Models/vad/silero-vad-8k.bin
# (format: Models/vad/README.md). Idempotent: does nothing when the converted file is already there and intact.
# The wheel and a Python venv with `onnx` are cached in ${UNDERTONE_CACHE:-~/.cache/undertone}.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=6.2.3
WHEEL_SHA256=7b7f5436cfcb02fae583a05b512ea96467fd449fe54cb49a5e4f06c51a1e43b8
OUT_SHA256=b5071c9a72c49089463660d208ad640f3adafdc4c4725bff2d2d7b2839a86d04
OUT=Models/vad/silero-vad-8k.bin
CACHE=${UNDERTONE_CACHE:-$HOME/.cache/undertone}/silero-vad-$VERSION

if [ -f "$OUT" ] && echo "$OUT_SHA256  $OUT" | sha256sum -c --status; then
    exit 0
fi
mkdir -p "$CACHE"
echo "Fetching Silero VAD $VERSION from PyPI (MIT licence) into $CACHE"
echo "silero-vad==$VERSION --hash=sha256:$WHEEL_SHA256" > "$CACHE/requirements.txt"
if [ ! -x "$CACHE/venv/bin/python" ]; then
    python3 -m venv "$CACHE/venv"
fi
"$CACHE/venv/bin/pip" install -q onnx numpy
"$CACHE/venv/bin/pip" download -q --no-deps --require-hashes -r "$CACHE/requirements.txt" -d "$CACHE"
"$CACHE/venv/bin/python" -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract('silero_vad/data/silero_vad.onnx', sys.argv[2])" \
    "$CACHE/silero_vad-$VERSION-py3-none-any.whl" "$CACHE"
"$CACHE/venv/bin/python" Scripts/models/convert_silero.py "$CACHE/silero_vad/data/silero_vad.onnx" "$OUT.tmp"
if ! echo "$OUT_SHA256  $OUT.tmp" | sha256sum -c --status; then
    rm -f "$OUT.tmp"
    echo "fetch-silero-vad: the converted weights differ from the expected ones (sha256 $OUT_SHA256)" >&2
    exit 1
fi
mv "$OUT.tmp" "$OUT"
