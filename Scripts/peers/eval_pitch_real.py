#!/usr/bin/env python3
"""Pitch accuracy on real speech through a telephone channel: Undertone and Praat, both reading the telephone version,
against Praat on the clean originals, in one run.

Reference: parselmouth `to_pitch_ac(time_step=0.01, pitch_floor=75, pitch_ceiling=500)` on the clean 16 kHz
original, frames aligned to Undertone's 10 ms grid (frame i at i x 10 ms).
Telephone version ("tel"): band-pass 300-3400 Hz, 8 kHz, G.711 mu-law, as Scripts/realaudio/build_set.py makes it
(`sox ORIG -r 8000 -e u-law -b 8 TEL sinc 300-3400 rate -v 8000`).
Candidates, both on the telephone version: Undertone (`undertone frames TEL --format csv`, f0Hz / voiced) and
Praat with the same settings as the reference.
GPE = frames voiced in both whose |f0 - ref| / ref > 20 %, over frames voiced in both; VDE = frames whose voicing
decisions differ, over all frames. Pooled over the files of the split (sums of counts), with a per-file breakdown;
"half" / "double" are the gross errors within 20 % of ref / 2 and 2 ref, "miss" / "false" split VDE into voiced
reference frames called unvoiced and unvoiced reference frames called voiced.

Audio: the real-audio set's manifest (--manifest, default /work/realaudio/manifest.json) when it exists;
otherwise the 30 files of the TEN VAD test set (real read and spontaneous speech, 16 kHz, Apache-2.0), read
from a git snapshot of TEN-framework/ten-vad (--ten-repo), with files 01-15 as the tuning part and 16-30 held out.
Praat's contours (and the fallback's files) are cached in --work.

Usage: eval_pitch_real.py [--split tuning|heldout|all] [--condition tel] [--files ten-04 ...] [--quiet]
"""
import argparse, hashlib, json, os, subprocess, sys
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from undertone_frames import frames, decode, praat_pitch_on_grid

TEN_REPO = "/work/.mirror/TEN-framework+ten-vad/repo"
MANIFEST = "/work/realaudio/manifest.json"


def manifest_set(path, condition):
    """[(name, split, original 16 kHz path, channel version path)] of the real-audio set's TEN VAD speech."""
    with open(path) as f:
        files = json.load(f)["files"]
    root, by_id = os.path.dirname(path), {}
    for e in files:
        if e["kind"] == "speech" and e["source"] == "ten-vad-testset" and e["condition"] in ("orig16k", condition):
            by_id.setdefault(e["id"], {})[e["condition"]] = e
    return [(i, v[condition]["split"], os.path.join(root, v["orig16k"]["path"]), os.path.join(root, v[condition]["path"]))
            for i, v in sorted(by_id.items()) if len(v) == 2]


def ten_vad_set(repo, work, split):
    """The same for the TEN VAD test set read from a git snapshot, files 01-15 tuning and 16-30 held out; only the
    files of `split` are extracted (a tuning run never touches the held-out ones). Telephone version as the
    real-audio set makes it: sox band-pass 300-3400 Hz, 8 kHz, mu-law."""
    out = []
    for i in range(1, 31):
        name, part = f"ten-{i:02d}", "tuning" if i <= 15 else "heldout"
        if split not in ("all", part):
            continue
        original, tel = (os.path.join(work, d, name + ".wav") for d in ("orig", "tel"))
        for d in ("orig", "tel"):
            os.makedirs(os.path.join(work, d), exist_ok=True)
        if not os.path.exists(original):
            data = subprocess.run(["git", f"--git-dir={repo}", "show", f"HEAD:testset/testset-audio-{i:02d}.wav"],
                                  check=True, capture_output=True).stdout
            with open(original, "wb") as f:
                f.write(data)
        if not os.path.exists(tel):
            subprocess.run(["sox", "-V1", original, "-r", "8000", "-e", "u-law", "-b", "8", tel,
                            "sinc", "300-3400", "rate", "-v", "8000"], check=True)
        out.append((name, part, original, tel))
    return out


def praat_cached(work, audio, rate, n):
    """Praat's contour of `audio` on the 10 ms grid, cached (Praat's result does not change between runs)."""
    key = hashlib.sha1(f"{os.path.abspath(audio)} {os.path.getmtime(audio)}".encode()).hexdigest()[:12]
    path = os.path.join(work, "praat", f"{os.path.basename(audio)}.{key}.npy")
    if os.path.exists(path):
        f0 = np.load(path)
        if len(f0) >= n:
            return f0[:n]
    f0 = praat_pitch_on_grid(decode(audio, 0, rate), rate, n)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.save(path, f0)
    return f0


def counts(f0, ref):
    """[gross, both voiced, half, double, miss, false, frames] of one contour against the reference."""
    both = (f0 > 0) & (ref > 0)
    ratio = f0[both] / ref[both]
    gross = np.abs(ratio - 1) > 0.2
    half = gross & (np.abs(ratio - 0.5) <= 0.1)
    double = gross & (np.abs(ratio - 2) <= 0.4)
    miss = (ref > 0) & (f0 == 0)
    false = (ref == 0) & (f0 > 0)
    return np.array([gross.sum(), both.sum(), half.sum(), double.sum(), miss.sum(), false.sum(), len(ref)])


def describe(c):
    gross, both, half, double, miss, false, n = c
    return (f"GPE {100 * gross / max(both, 1):5.1f}% (half {100 * half / max(both, 1):4.1f}, "
            f"double {100 * double / max(both, 1):4.1f})  VDE {100 * (miss + false) / max(n, 1):5.1f}% "
            f"(miss {100 * miss / max(n, 1):4.1f}, false {100 * false / max(n, 1):4.1f})")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["tuning", "heldout", "all"], default="tuning")
    ap.add_argument("--condition", default="tel", help="channel version read by the candidates: tel (default), gsm, "
                    "tel-snr20, tel-snr10 (real-audio set only)")
    ap.add_argument("--files", nargs="*", help="only these names (or name suffixes)")
    ap.add_argument("--manifest", default=MANIFEST)
    ap.add_argument("--ten-repo", default=TEN_REPO)
    ap.add_argument("--work", default="/tmp/undertone-pitch-real")
    ap.add_argument("--quiet", action="store_true", help="pooled figures only")
    args = ap.parse_args()

    use_manifest = os.path.exists(args.manifest) and os.path.exists(os.path.join(os.path.dirname(args.manifest), "READY"))
    items = manifest_set(args.manifest, args.condition) if use_manifest else ten_vad_set(args.ten_repo, args.work, args.split)
    items = [it for it in items if args.split == "all" or it[1] == args.split]
    if args.files:
        items = [it for it in items if any(it[0].endswith(s) for s in args.files)]
    print(f"set: {'manifest ' + args.manifest if use_manifest else 'TEN VAD test set'}, split {args.split}, "
          f"condition {args.condition}, {len(items)} files")
    ours_total, praat_total = np.zeros(7, int), np.zeros(7, int)
    for name, split, original, tel in items:
        ours = frames(tel, 0)
        n = len(ours)
        ref = praat_cached(args.work, original, 16000, n)
        praat_tel = praat_cached(args.work, tel, 8000, n)
        f0 = ours["f0Hz"] * (ours["voiced"] > 0)
        c, p = counts(f0, ref), counts(praat_tel, ref)
        ours_total += c
        praat_total += p
        if not args.quiet:
            print(f"{name:24} {n:5} frames {int((ref > 0).sum()):5} voiced\n"
                  f"    Undertone  {describe(c)}\n    Praat-tel  {describe(p)}")
    print(f"pooled ({args.split}, {ours_total[6]} frames, {int(ours_total[4] + ours_total[1])} voiced in the reference):")
    print(f"    Undertone  {describe(ours_total)}\n    Praat-tel  {describe(praat_total)}")


if __name__ == "__main__":
    main()
