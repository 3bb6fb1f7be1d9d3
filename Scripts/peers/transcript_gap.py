#!/usr/bin/env python3
"""Speech detection with and without a transcript (issue 10: "VAD F1 without a transcript within 0.01 of the
figure with one"), on the fixture calls (AudioFixtures/calls), whose truth files give each party's speech.

Each call is analyzed twice by `undertone analyze --format json`: with its transcript (--transcript NAME.json) and
without one (the audio copied alone to a temporary folder, so no same-stem transcript is found). The report's
speech segments of each party are scored against the truth's speech of that party by the scoring code the other
peer scripts use (Scripts/peers/scoring.py): frames at 10 ms, 50 ms collar, counts pooled over calls and
parties (hold music counts as non-speech). Also listed: the holds each report gives beside the truth's holds.

Usage: transcript_gap.py [--undertone .build/release/undertone] [--calls AudioFixtures/calls]
"""
import argparse, glob, json, os, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scoring import Tally, scored_mask, segments_to_frames  # noqa: E402
import undertone_frames  # noqa: E402


def report(binary, wav, transcript):
    """The analyze report of wav, with the transcript file given, or with none (the audio alone in a folder)."""
    if transcript:
        out = subprocess.run([binary, "analyze", wav, "--transcript", transcript, "--format", "json"],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)
    with tempfile.TemporaryDirectory() as tmp:
        alone = os.path.join(tmp, os.path.basename(wav))
        shutil.copy(wav, alone)
        out = subprocess.run([binary, "analyze", alone, "--format", "json"], check=True, capture_output=True,
                             text=True).stdout
        return json.loads(out)


def add(tally, rep, truth):
    """Adds the report's speech against the truth's, both parties, to the tally."""
    n = int(round(truth["duration"] * 100))
    for role in truth["channels"]:
        t = segments_to_frames(truth["speech"][role], n)
        p = segments_to_frames([(s["start"], s["end"]) for s in rep["speech"] if s["speaker"] == role], n)
        tally.add(p, t, scored_mask(t))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--undertone", default=None)
    ap.add_argument("--calls", default=os.path.join(undertone_frames.ROOT, "AudioFixtures", "calls"))
    args = ap.parse_args()
    binary = os.path.abspath(args.undertone) if args.undertone else undertone_frames.undertone_binary()
    pooled = {"with": Tally(), "without": Tally()}
    print("| call | F1 with transcript | F1 without | holds with | holds without | truth holds |")
    print("|---|---|---|---|---|---|")
    for truth_path in sorted(glob.glob(os.path.join(args.calls, "*.truth.json"))):
        name = os.path.basename(truth_path)[:-len(".truth.json")]
        wav, transcript = (os.path.join(args.calls, name + ext) for ext in (".wav", ".json"))
        truth = json.load(open(truth_path))
        row, holds = {}, {}
        for key, given in (("with", transcript), ("without", None)):
            rep = report(binary, wav, given)
            call = Tally()
            add(call, rep, truth)
            add(pooled[key], rep, truth)
            row[key] = call.f1()
            holds[key] = " ".join(f"{p['start']:.2f}–{p['end']:.2f}" for p in rep.get("pauses", [])
                                  if p["kind"] == "hold") or "none"
        truth_holds = " ".join(f"{h['start']:.2f}–{h['end']:.2f}" for h in truth["holds"]) or "none"
        print(f"| {name} | {row['with']:.4f} | {row['without']:.4f} | {holds['with']} | {holds['without']} "
              f"| {truth_holds} |")
    w, o = pooled["with"], pooled["without"]
    print(f"\npooled: with transcript F1 {w.f1():.4f} (P {w.precision():.4f} R {w.recall():.4f}); without F1 "
          f"{o.f1():.4f} (P {o.precision():.4f} R {o.recall():.4f}); difference {w.f1() - o.f1():+.4f} (bar: within 0.01)")


if __name__ == "__main__":
    main()
