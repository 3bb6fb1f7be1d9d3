#!/usr/bin/env python3
"""Speed of Undertone's per-frame pipeline beside Praat, openSMILE and webrtcvad, on one core, in one run.

Audio: a one-hour stereo 8 kHz mu-law call (call-snr20.wav from make_calls.py repeated to 3600 s; made if
missing). Undertone: `undertone bench` on the whole hour, both channels (thread CPU time, best of 3).
Peers are timed on the CPU time of this process (time.process_time, one thread) on an excerpt of channel 0,
since they are much slower; the real-time factor is excerpt seconds / CPU seconds, times 2 where a figure is
quoted "for both channels" of the hour:
  Praat      parselmouth to_pitch_ac (75-500 Hz, 10 ms), 300 s excerpt
  openSMILE  eGeMAPSv02 low-level descriptors, 300 s excerpt
  webrtcvad  mode 3, 10 ms frames, the whole hour of channel 0
Usage: speed.py [--dir /tmp/undertone-eval] [--excerpt 300]
"""
import argparse, os, subprocess, sys, time
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from undertone_frames import undertone_binary, decode


def hour_file(directory):
    path = os.path.join(directory, "hour.wav")
    if not os.path.exists(path):
        call = os.path.join(directory, "call-snr20.wav")
        duration = float(subprocess.run(["soxi", "-D", call], capture_output=True, text=True, check=True).stdout)
        repeats = int(np.ceil(3600 / duration))
        subprocess.run(["sox", *([call] * repeats), path, "trim", "0", "3600"], check=True)
    return path


def cpu(fn):
    start = time.process_time()
    fn()
    return time.process_time() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default="/tmp/undertone-eval")
    ap.add_argument("--excerpt", type=float, default=300.0)
    args = ap.parse_args()
    path = hour_file(args.dir)

    print("== undertone bench (whole hour, both channels)")
    bench = subprocess.run([undertone_binary(), "bench", path], capture_output=True, text=True, check=True).stdout
    print(bench)

    x = decode(path, 0, 8000)
    hour = len(x) / 8000
    excerpt = x[: int(args.excerpt * 8000)]
    rows = []

    import parselmouth
    snd = parselmouth.Sound(excerpt, sampling_frequency=8000)
    t = cpu(lambda: snd.to_pitch_ac(time_step=0.01, pitch_floor=75, pitch_ceiling=500))
    rows.append(("Praat to_pitch_ac (pitch only)", args.excerpt, t))

    import opensmile
    smile = opensmile.Smile(feature_set=opensmile.FeatureSet.eGeMAPSv02,
                            feature_level=opensmile.FeatureLevel.LowLevelDescriptors)
    t = cpu(lambda: smile.process_signal(excerpt.astype(np.float32), 8000))
    rows.append(("openSMILE eGeMAPSv02 LLDs", args.excerpt, t))

    import webrtcvad
    vad = webrtcvad.Vad(3)
    pcm = np.clip(np.round(x * 32767), -32768, 32767).astype(np.int16).tobytes()
    frame_bytes = 160

    def run_vad():
        for i in range(0, len(pcm) - frame_bytes + 1, frame_bytes):
            vad.is_speech(pcm[i:i + frame_bytes], 8000)
    t = cpu(run_vad)
    rows.append(("webrtcvad mode 3 (VAD only, incl. Python call overhead)", hour, t))

    print("== peers (one channel; CPU time of this process)")
    print(f"{'system':58} {'audio s':>8} {'CPU s':>8} {'x real time':>12} {'x RT, 2 channels':>17}")
    for name, seconds, t in rows:
        print(f"{name:58} {seconds:>8.0f} {t:>8.2f} {seconds / t:>11.0f}x {seconds / t / 2:>16.0f}x")


if __name__ == "__main__":
    main()
