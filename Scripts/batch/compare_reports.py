#!/usr/bin/env python3
"""Compares two folders of reports of the same calls (e.g. before and after a change), file by file.

    python3 Scripts/batch/compare_reports.py BEFORE_DIR AFTER_DIR

JSON reports are compared canonically (sorted keys: the encoder's key order varies from process to process). Their
per-frame tracks (`--frames`) are counted value by value instead, because FFTW_MEASURE picks FFT plans by timing: a
few values move in their last digits between any two runs of the same binary, so the count is printed beside the
verdict on the rest of the report. Other files are compared byte for byte. Exit status 1 if any report differs.
"""
import json
import os
import sys


def frame_differences(before, after):
    differing = total = 0
    for party, track in before["tracks"].items():
        for key, values in track.items():
            other = after["tracks"][party][key]
            total += max(len(values), len(other))
            differing += abs(len(values) - len(other)) + sum(p != q for p, q in zip(values, other))
    return differing, total


def main(before_dir, after_dir):
    failed = False
    for name in sorted(os.listdir(after_dir)):
        before, after = os.path.join(before_dir, name), os.path.join(after_dir, name)
        if not os.path.exists(before):
            continue
        note = ""
        if name.endswith(".json"):
            with open(before) as b, open(after) as a:
                x, y = json.load(b), json.load(a)
            fx, fy = x.pop("frames", None), y.pop("frames", None)
            same = json.dumps(x, sort_keys=True) == json.dumps(y, sort_keys=True) and (fx is None) == (fy is None)
            if fx is not None and fy is not None:
                note = "; frames: %d of %d values differ" % frame_differences(fx, fy)
        else:
            with open(before, "rb") as b, open(after, "rb") as a:
                same = b.read() == a.read()
        failed |= not same
        print(("same " if same else "DIFF ") + name + note)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
