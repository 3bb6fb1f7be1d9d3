#!/usr/bin/env python3
"""Silero's speech hysteresis (onset / offset / pad, Sources/UndertoneDSP/Voice/SpeechHysteresis.swift) swept on
the tuning half of the real-audio set: each TEN speech file's per-frame network probability from `undertone frames`
(cached in /tmp/hysteresis-sweep), the hysteresis re-run in Python (checked: the default setting reproduces
Undertone's own isSpeech exactly), frame F1 at 10 ms with a 50 ms collar pooled, by the shared scoring code.
Never reads the held-aside half.

Usage: hysteresis_sweep.py [--set /work/realaudio] [--undertone .build/release/undertone]
"""
import argparse, csv, io, json, os, subprocess, sys
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "peers"))
from scoring import Tally, scored_mask, segments_to_frames  # noqa: E402

SETTINGS = [(0.5, 0.35, 3), (0.3, 0.2, 3), (0.35, 0.2, 3), (0.4, 0.25, 3), (0.4, 0.3, 3), (0.45, 0.3, 3),
            (0.5, 0.3, 3), (0.5, 0.4, 3), (0.55, 0.4, 3), (0.6, 0.45, 3), (0.4, 0.3, 6), (0.5, 0.4, 1)]
CONDITIONS = ("tel", "orig16k")


def hysteresis(p, onset, offset, pad, minimum_silence=10):
    """SpeechHysteresis.isSpeech over a whole file (zero probability past its end)."""
    n = len(p)
    ahead = np.concatenate([p, np.zeros(minimum_silence + pad + 1)])
    out = np.zeros(n, dtype=bool)
    speaking, last = False, -10 ** 9
    for j in range(n):
        if not speaking:
            speaking = ahead[j] >= onset
        elif ahead[j] < offset:
            speaking = bool(np.any(ahead[j + 1:j + minimum_silence + 1] >= onset))
        if speaking:
            last = j
        out[j] = speaking or j - last <= pad or bool(np.any(ahead[j + 1:j + pad + 1] >= onset))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="/work/realaudio")
    ap.add_argument("--undertone", default=".build/release/undertone")
    args = ap.parse_args()
    manifest = json.load(open(os.path.join(args.set, "manifest.json")))
    files = [e for e in manifest["files"] if e["split"] == "tuning" and e["source"] == "ten-vad-testset"
             and e["kind"] == "speech" and e["condition"] in CONDITIONS]
    os.makedirs("/tmp/hysteresis-sweep", exist_ok=True)
    data = []
    for e in files:
        cache = os.path.join("/tmp/hysteresis-sweep", e["path"].replace("/", "_") + ".npy")
        if not os.path.exists(cache):
            out = subprocess.run([args.undertone, "frames", os.path.join(args.set, e["path"])], check=True,
                                 capture_output=True, text=True).stdout
            rows = list(csv.DictReader(io.StringIO(out)))
            np.save(cache, np.array([[float(r["speechProbability"]), float(r["isSpeech"] in ("1", "true"))]
                                     for r in rows]))
        a = np.load(cache)
        data.append((e["condition"], a[:, 0], a[:, 1] > 0, segments_to_frames(e["channels"][0]["speech"], len(a))))

    def f1(condition, decide):
        tally = Tally()
        for c, p, ours, truth in data:
            if c == condition:
                tally.add(decide(p, ours), truth, scored_mask(truth))
        return tally.f1()

    print("| onset | offset | pad frames | " + " | ".join(f"F1 {c}" for c in CONDITIONS) + " |")
    print("|---|---|---|" + "---|" * len(CONDITIONS))
    print("| Undertone's isSpeech | | | " + " | ".join(f"{f1(c, lambda p, ours: ours):.4f}" for c in CONDITIONS)
          + " |")
    for onset, offset, pad in SETTINGS:
        cells = [f"{f1(c, lambda p, ours: hysteresis(p, onset, offset, pad)):.4f}" for c in CONDITIONS]
        print(f"| {onset} | {offset} | {pad} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
