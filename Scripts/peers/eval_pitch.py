#!/usr/bin/env python3
"""Pitch accuracy of Undertone on telephone-band 8 kHz mu-law calls against Praat on the clean 16 kHz source.

Reference: parselmouth `to_pitch_ac` (75-500 Hz, 10 ms step) on clean-chN.wav, frames aligned to the 10 ms grid.
GPE = frames voiced in both whose |f0 - ref| / ref > 20 %, over frames voiced in both.
VDE = frames whose voicing decisions differ, over all frames scored.
Frames where hold music or tones play (music truth) are not scored: the clean reference has no music in it.
Beside Undertone, Praat itself is scored on the same telephone version (decoded by sox, same settings).
Usage: eval_pitch.py [--dir /tmp/undertone-eval] [--calls clean snr30 snr20 snr10 snr06]
"""
import argparse, os, sys
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from undertone_frames import frames, decode, praat_pitch_on_grid
from scoring import pitch_score as score


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default="/tmp/undertone-eval")
    ap.add_argument("--calls", nargs="*", default=["clean", "snr30", "snr20", "snr10", "snr06"])
    args = ap.parse_args()
    refs = {}
    print(f"{'call':8} {'ch':>2} {'frames':>6} {'voiced':>6} | {'Undertone GPE':>13} {'VDE':>6} | {'Praat-tel GPE':>13} {'VDE':>6}")
    totals = {}
    for call in args.calls:
        path = os.path.join(args.dir, f"call-{call}.wav")
        truth = np.load(os.path.join(args.dir, f"call-{call}.truth.npz"))
        for ch in (0, 1):
            ours = frames(path, ch)
            n = len(ours)
            if ch not in refs:
                refs[ch] = praat_pitch_on_grid(decode(os.path.join(args.dir, f"clean-ch{ch}.wav"), 0, 16000), 16000, n)
            ref = refs[ch][:n]
            mask = ~truth["music"][ch][:n].astype(bool)
            praat_tel = praat_pitch_on_grid(decode(path, ch, 8000), 8000, n)
            g, v, voiced, m = score(ours["f0Hz"] * (ours["voiced"] > 0), ref, mask)
            pg, pv, praat_voiced, _ = score(praat_tel, ref, mask)
            print(f"{call:8} {ch:>2} {m:>6} {voiced:>6} | {100 * g:>12.2f}% {100 * v:>5.2f}% | {100 * pg:>12.2f}% {100 * pv:>5.2f}%")
            t = totals.setdefault(call, np.zeros(7))
            t += [g * voiced, v * m, voiced, m, pg * praat_voiced, pv * m, praat_voiced]
    print("pooled over both channels:")
    for call, t in totals.items():
        print(f"{call:8}    Undertone GPE {100 * t[0] / t[2]:.2f}%  VDE {100 * t[1] / t[3]:.2f}%   "
              f"Praat on telephone GPE {100 * t[4] / t[6]:.2f}%  VDE {100 * t[5] / t[3]:.2f}%")


if __name__ == "__main__":
    main()
