#!/usr/bin/env python3
"""How far the live fastSpeech rate strays from a speaker's own average, on the real speech of the set (issue 15 §4).

For each telephone-channel speech file: syllable nuclei in Undertone's speech frames ÷ 1.4 per minute of talk (the
report's estimator), over the whole file and at its fastest window of W seconds of talk, for W = 4 and 10. Prints one
line per file and, per language, how many files' fastest window reaches 260 (fastSpeech's default).

Usage: speaking_rate.py [--set /work/realaudio] [--undertone .build/release/undertone]
"""
import argparse, json, os, sys
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "peers"))
import undertone_frames  # noqa: E402

WINDOWS = (4, 10)
THRESHOLD = 260


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="/work/realaudio")
    ap.add_argument("--undertone")
    args = ap.parse_args()
    if args.undertone:
        os.environ["UNDERTONE"] = os.path.abspath(args.undertone)
    manifest = json.load(open(os.path.join(args.set, "manifest.json")))
    crossed = {}
    for entry in manifest["files"]:
        if entry["kind"] not in ("speech", "conversation") or entry["condition"] != "tel":
            continue
        language = entry["id"].split("-")[1] if entry["id"].startswith("prompts-") else "en"
        for channel in range(len(entry["channels"])):
            f = undertone_frames.frames(os.path.join(args.set, entry["path"]), channel)
            nuclei = (f["syllableNucleus"][f["isSpeech"] > 0] > 0).astype(float)
            if len(nuclei) < 100 * max(WINDOWS):
                continue
            whole = nuclei.sum() / (len(nuclei) / 100) * 60 / 1.4
            fastest = {w: np.convolve(nuclei, np.ones(100 * w), "valid").max() / w * 60 / 1.4 for w in WINDOWS}
            row = crossed.setdefault(language, {"files": 0, **{w: 0 for w in WINDOWS}})
            row["files"] += 1
            for w in WINDOWS:
                row[w] += fastest[w] >= THRESHOLD
            print(f"{entry['path']} ch{channel}: talk {len(nuclei) / 100:.0f} s, whole {whole:.0f} wpm, "
                  + ", ".join(f"fastest {w} s {fastest[w]:.0f}" for w in WINDOWS))
    for language, row in sorted(crossed.items()):
        print(f"{language}: {row['files']} files; fastest window >= {THRESHOLD}: "
              + ", ".join(f"{w} s of talk {row[w]}" for w in WINDOWS))


if __name__ == "__main__":
    main()
