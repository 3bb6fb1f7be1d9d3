#!/usr/bin/env python3
"""The report's speech segments (`undertone analyze`, no transcript) against the real-audio set's labels: pooled
frame F1 at 10 ms with a 50 ms collar, per split and condition. The frame-level VAD is scored by evaluate.py; this
scores what a report says (after smoothing, bridging and the hangover trim).

Usage: report_segments.py [--set /work/realaudio] [--undertone .build/release/undertone] [--conditions tel,orig16k]
"""
import argparse, concurrent.futures, json, os, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "peers"))
from scoring import Tally, scored_mask, segments_to_frames  # noqa: E402
import undertone_frames  # noqa: E402

ROLES = ("agent", "customer")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="/work/realaudio")
    ap.add_argument("--undertone", default=None)
    ap.add_argument("--conditions", default="tel,orig16k")
    args = ap.parse_args()
    binary = os.path.abspath(args.undertone) if args.undertone else undertone_frames.undertone_binary()
    manifest = json.load(open(os.path.join(args.set, "manifest.json")))
    conditions = args.conditions.split(",")
    files = [f for f in manifest["files"] if f["kind"] in ("speech", "conversation") and f["condition"] in conditions]

    def analyze(entry):
        out = subprocess.run([binary, "analyze", os.path.join(args.set, entry["path"]), "--format", "json"],
                             check=True, capture_output=True).stdout
        return entry, json.loads(out)

    counts = {}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for entry, report in pool.map(analyze, files):
            n = int(entry["duration"] * 100)
            for channel, labels in enumerate(entry["channels"]):
                role = ROLES[channel] if len(entry["channels"]) > 1 else None
                segments = [(s["start"], s["end"]) for s in report["speech"] if role is None or s["speaker"] == role]
                truth, pred = segments_to_frames(labels["speech"], n), segments_to_frames(segments, n)
                counts.setdefault((entry["split"], entry["condition"]), Tally()).add(pred, truth, scored_mask(truth))
    for (split, condition), tally in sorted(counts.items()):
        print(f"{split} {condition}: F1 {tally.f1():.4f} precision {tally.precision():.4f} recall {tally.recall():.4f}")


if __name__ == "__main__":
    main()
