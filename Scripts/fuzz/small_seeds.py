#!/usr/bin/env python3
"""Writes small fuzzing seeds from the repository's fixtures (Scripts/fuzz/run.sh; docs/fuzzing.md).

    small_seeds.py json DIR FILE...          each JSON document with every array cut to its first 3 elements
    small_seeds.py cues DIR BYTES FILE...    each WebVTT/SRT file cut after the last whole cue within BYTES
    small_seeds.py head DIR BYTES FILE...    the first BYTES of each file

A seed's cost is paid on every execution of every input mutated from it: a 26 kB transcript or 10 s of Opus
makes each execution tens of milliseconds, while the structure the fuzzer needs (a header, a vendor's JSON shape,
a few words or cues or codec frames) fits in a few kB.
"""
import json
import os
import sys


def trimmed(value):
    if isinstance(value, list):
        return [trimmed(item) for item in value[:3]]
    if isinstance(value, dict):
        return {key: trimmed(item) for key, item in value.items()}
    return value


def first_cues(text, limit):
    """The header and whole cues (blocks separated by a blank line) that fit in `limit` bytes."""
    blocks = text.replace("\r\n", "\n").split("\n\n")
    kept = blocks[:1]
    for block in blocks[1:]:
        if len("\n\n".join(kept + [block]).encode()) > limit:
            break
        kept.append(block)
    return "\n\n".join(kept) + "\n"


def main(mode, directory, *rest):
    limit = int(rest[0]) if mode in ("cues", "head") else 0
    files = rest[1:] if limit else rest
    for path in files:
        with open(path, "rb") as source:
            data = source.read()
        if mode == "json":
            data = json.dumps(trimmed(json.loads(data)), separators=(",", ":")).encode()
        elif mode == "cues":
            data = first_cues(data.decode(), limit).encode()
        else:
            data = data[:limit]
        with open(os.path.join(directory, os.path.basename(path)), "wb") as seed:
            seed.write(data)


if __name__ == "__main__":
    main(*sys.argv[1:])
