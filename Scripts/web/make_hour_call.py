#!/usr/bin/env python3
"""make_hour_call.py OUT_DIR [--minutes 60] — a long call made of the sample call repeated back to back.

Writes OUT_DIR/hour-call.tiling.json ({copies, seconds}), OUT_DIR/hour-call.wav (the sample call's u-law samples repeated, with the same fmt chunk), hour-call.json
(its transcript, each copy's words shifted by the copy's start) and hour-call.meta.json. Only the standard library:
the WAV is copied chunk by chunk, since Python's wave module does not read u-law.
"""
import argparse
import json
import math
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "AudioFixtures" / "calls" / "sample-call"


def chunks(data):
    """(id, payload) of each RIFF chunk after the WAVE header."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE", "not a RIFF/WAVE file"
    position = 12
    while position + 8 <= len(data):
        ident, size = data[position:position + 4], struct.unpack("<I", data[position + 4:position + 8])[0]
        yield ident, data[position + 8:position + 8 + size]
        position += 8 + size + (size & 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--minutes", type=float, default=60)
    args = parser.parse_args()
    parts = dict(chunks(SAMPLE.with_suffix(".wav").read_bytes()))
    fmt, samples = parts[b"fmt "], parts[b"data"]
    rate, block = struct.unpack("<I", fmt[4:8])[0], struct.unpack("<H", fmt[12:14])[0]
    seconds = len(samples) / block / rate
    copies = math.ceil(args.minutes * 60 / seconds)
    data = samples * copies
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "hour-call.wav", "wb") as wav:
        # fmt as in the sample (u-law needs its cbSize and a fact chunk is optional for readers of this data).
        body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + (b"\0" if len(fmt) & 1 else b"")
        body += b"data" + struct.pack("<I", len(data)) + data
        wav.write(b"RIFF" + struct.pack("<I", len(body)) + body)
    transcript = json.loads(SAMPLE.with_suffix(".json").read_text())
    words = []
    for copy in range(copies):
        for word in transcript["words"]:
            words.append(dict(word, start=round(word["start"] + copy * seconds, 3), end=round(word["end"] + copy * seconds, 3)))
    (args.out / "hour-call.json").write_text(json.dumps(dict(transcript, words=words)))
    (args.out / "hour-call.meta.json").write_text((SAMPLE.parent / "sample-call.meta.json").read_text())
    (args.out / "hour-call.tiling.json").write_text(json.dumps({"copies": copies, "seconds": seconds}))
    print(f"{copies} copies, {copies * seconds / 60:.1f} min, {len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
