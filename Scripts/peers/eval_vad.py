#!/usr/bin/env python3
"""Voice-activity accuracy of Undertone and webrtcvad on the eval calls, against truth from the clean sources.

Truth (make_calls.py): clean speech within 40 dB of its peak, pauses under 200 ms bridged, on the 10 ms grid.
Scored frames: all frames of both channels except those within 50 ms (5 frames) of a truth boundary
(hold-music frames count as non-speech; the "no mus" row leaves them out).
F1 of the speech class; "music→speech" = share of hold-music/tone frames (music truth, no speech) called speech,
over the calls and over music.wav (music alone).
webrtcvad (modes 0-3) gets 10 ms frames centred on the same instants (16-bit PCM of the decoded mu-law),
scored raw and with a 300 ms hangover (30 frames kept as speech after each speech frame).
Usage: eval_vad.py [--dir /tmp/undertone-eval] [--calls snr06 snr10 snr20 snr30]
"""
import argparse, os, sys
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from undertone_frames import frames, decode
from scoring import Tally, scored_mask
from vad_peers import webrtc, hangover


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default="/tmp/undertone-eval")
    ap.add_argument("--calls", nargs="*", default=["snr06", "snr10", "snr20", "snr30"])
    ap.add_argument("--no-webrtc", action="store_true")
    args = ap.parse_args()
    systems = ["undertone"] + ([] if args.no_webrtc else [f"webrtc{m}{h}" for m in range(4) for h in ("", "+300ms")])
    pooled = {s: Tally() for s in systems}
    speech_only = {s: Tally() for s in systems}  # the same, with music frames left out of the F1
    music_only = {s: Tally() for s in systems}
    music_rates = []
    print(f"{'F1':6} " + " ".join(f"{s:>14}" for s in systems))
    for call in args.calls:
        path = os.path.join(args.dir, f"call-{call}.wav")
        truth = np.load(os.path.join(args.dir, f"call-{call}.truth.npz"))
        per_call = {s: Tally() for s in systems}
        for ch in (0, 1):
            ours = frames(path, ch)
            n = len(ours)
            t = truth["speech"][ch][:n].astype(bool)
            music = truth["music"][ch][:n].astype(bool)
            mask = scored_mask(t)
            preds = {"undertone": ours["isSpeech"] > 0}
            if not args.no_webrtc:
                x = decode(path, ch, 8000)
                for m in range(4):
                    raw = webrtc(x, m, n)
                    preds[f"webrtc{m}"] = raw
                    preds[f"webrtc{m}+300ms"] = hangover(raw)
            for s in systems:
                per_call[s].add(preds[s], t, mask, music)
                pooled[s].add(preds[s], t, mask, music)
                speech_only[s].add(preds[s], t, mask & ~music, music)
        print(f"{call:6} " + " ".join(f"{per_call[s].f1():>14.4f}" for s in systems))
        music_rates.append(f"{call:6} " + " ".join(f"{100 * per_call[s].music_rate():>13.2f}%" for s in systems))
    path = os.path.join(args.dir, "music.wav")
    ours = frames(path, 0)
    n = len(ours)
    music = np.ones(n, dtype=bool)
    preds = {"undertone": ours["isSpeech"] > 0}
    if not args.no_webrtc:
        x = decode(path, 0, 8000)
        for m in range(4):
            raw = webrtc(x, m, n)
            preds[f"webrtc{m}"] = raw
            preds[f"webrtc{m}+300ms"] = hangover(raw)
    for s in systems:
        music_only[s].add(preds[s], np.zeros(n, dtype=bool), np.ones(n, dtype=bool), music)
    print(f"{'F1 all':6} " + " ".join(f"{pooled[s].f1():>14.4f}" for s in systems))
    print(f"{'no mus':6} " + " ".join(f"{speech_only[s].f1():>14.4f}" for s in systems)
          + "   (F1 with hold-music frames left out)")
    print("hold music and tones called speech, per call:")
    print("\n".join(music_rates))
    print(f"{'mus→sp':6} " + " ".join(f"{100 * pooled[s].music_rate():>13.2f}%" for s in systems)
          + "   (hold music and tones inside the calls)")
    print(f"{'music':6} " + " ".join(f"{100 * music_only[s].music_rate():>13.2f}%" for s in systems)
          + "   (music.wav: hold music and tones alone)")


if __name__ == "__main__":
    main()
