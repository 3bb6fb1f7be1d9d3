#!/usr/bin/env python3
"""check_truth — verify each NAME.truth.json against its line audio (NAME.wav) and transcript.

    python3 check_truth.py calls/*.truth.json [--clean-dir DIR]

Decodes the mu-law WAV with sox and measures the power of 10 ms frames per channel. C is the
contrast a channel is designed to have between speech and quiet: its noise SNR from the script's
"line" settings, capped at 30 dB (30 dB without noise). P(x) is the mean power in dB over x. Checks:

  format     stereo, 8000 Hz, u-law, duration equal to the truth's within 10 ms
  speech     P(party's truth speech) - P(rest of its channel, 50 ms from speech, hold excluded)
             >= C - 4 dB on its channel
  onsets     where the channel was quiet for 300 ms before a turn and C >= 20 dB, the first frame
             10 dB above the quiet power lies within 80 ms of the turn start (weak onsets such as
             "th" reach that level late; the exact check is the alignment below)
  silences   every silence >= 1 s (dead air included), 100 ms in from each edge, is >= C - 3 dB
             below the channel's speech power on both channels
  hold       channel 0 power over the hold is within 12 dB of the agent's speech power, and >= 95 %
             of its 100 ms windows are >= 3 dB above the channel's quiet power (music is continuous)
  overlaps   both channels' power over the overlap is within 6 dB of their speech power; the
             interrupter's turn starts inside the other party's turn
  words      every transcript word lies inside its speaker's truth speech (+-20 ms) for >= 85 % of
             its length; turn starts/ends are within 50 ms of a speech segment edge
  opening    firstWordLatency and noDeadAir flags agree with the measured times; every evidence
             text is found in the transcript at its times; every check designed to pass has evidence
             inside the window and every other check has none
  webvtt     one cue per turn

With --clean-dir it also checks that each line channel is sample-aligned with its clean source
(cross-correlation over up to 2 s of the longest speech segment peaks at lag 0 within +-40
samples) and reports, on the clean 16 kHz sources, the energy at word boundaries (the lowest 5 ms
frame level within +-20 ms of each inner word boundary relative to the turn's median level) and
how far the steepest level fall (word end) or rise (word start) between 5 ms frames within
+-30 ms lies from the transcript time, for word edges that border a pause inside a turn.
Exit status 1 when any check fails.
"""
from __future__ import annotations

import argparse
import array
import json
import math
import os
import statistics
import subprocess
import sys

FRAME = 0.010
RATE = 8000


def decode(path):
    info = {k: subprocess.run(["soxi", flag, path], capture_output=True, text=True).stdout.strip()
            for k, flag in (("rate", "-r"), ("channels", "-c"), ("encoding", "-e"), ("samples", "-s"))}
    raw = subprocess.run(["sox", path, "-t", "f32", "-"], capture_output=True, check=True).stdout
    data = array.array("f")
    data.frombytes(raw)
    return info, [data[0::2], data[1::2]]


def levels(samples, rate=RATE):
    n = int(rate * FRAME)
    return [10 * math.log10(sum(x * x for x in samples[i:i + n]) / n + 1e-12)
            for i in range(0, len(samples) - n + 1, n)]


def frames(interval, inset=0.0):
    if isinstance(interval, dict):
        interval = (interval["start"], interval["end"])
    return range(int(round((interval[0] + inset) / FRAME)), int(round((interval[1] - inset) / FRAME)))


def inside(t, segments, slack):
    return any(s - slack <= t <= e + slack for s, e in segments)


class Checker:
    def __init__(self, truth_path, clean_dir):
        self.truth = json.load(open(truth_path))
        self.base = truth_path.removesuffix(".truth.json")
        self.clean_dir = clean_dir
        self.failures, self.notes = [], []

    def expect(self, ok, message):
        if not ok:
            self.failures.append(message)

    def run(self):
        t = self.truth
        info, channels = decode(self.base + ".wav")
        duration = int(info["samples"]) / int(info["rate"])
        self.expect(info["rate"] == "8000" and info["channels"] == "2" and "u-law" in info["encoding"].lower(),
                    f"format {info}")
        self.expect(abs(duration - t["duration"]) <= 0.01, f"duration {duration:.3f} vs truth {t['duration']}")
        self.level = [levels(c) for c in channels]
        quiet_frames = [i for s in t["silences"] for i in frames(s, 0.1)]
        noise = t.get("line", {}).get("noise") or {}
        per_party = noise if set(noise) <= {"agent", "customer"} else {p: noise for p in t["channels"]}
        self.contrast, self.speech_power, self.quiet_power = [0, 0], [0, 0], [0, 0]
        for party, ch in t["channels"].items():
            self.contrast[ch] = min(30.0, float(per_party.get(party, {}).get("snr", 30.0)))
            self.speech_power[ch] = self.power(ch, [i for s in t["speech"][party] for i in frames(s)])
            self.quiet_power[ch] = self.power(ch, quiet_frames) if quiet_frames else min(self.level[ch])
        self.check_speech()
        for s in t["silences"]:
            idx = list(frames(s, 0.1))
            depth = min(self.speech_power[ch] - self.power(ch, idx) for ch in (0, 1))
            need = min(self.contrast) - 3
            self.expect(depth >= need, f"silence {s['start']}-{s['end']}: only {depth:.1f} dB below speech (need {need:.0f})")
            if s["designed"] == "silence" or s in t["deadAir"]:
                self.notes.append(f"silence {s['start']:.2f}-{s['end']:.2f} ({s['duration']:.2f} s): {depth:.1f} dB below speech on both channels")
        for h in t["holds"]:
            idx = [i for i in frames(h) if i < len(self.level[0])]
            level = self.power(0, idx)
            windows = [self.power(0, idx[k:k + 10]) for k in range(0, len(idx) - 9, 10)]
            loud = sum(w >= self.quiet_power[0] + 3 for w in windows) / len(windows)
            self.expect(abs(level - self.speech_power[0]) <= 12 and loud >= 0.95,
                        f"hold {h['start']}-{h['end']}: {level:.1f} dB vs speech {self.speech_power[0]:.1f}, {100 * loud:.0f} % of 100 ms windows loud")
            self.notes.append(f"hold {h['start']:.2f}-{h['end']:.2f}: music {level - self.speech_power[0]:+.1f} dB re agent speech, "
                              f"{100 * loud:.0f} % of 100 ms windows >= 3 dB above quiet")
        turns = t["turns"]
        for o in t["overlaps"]:
            idx = list(frames(o))
            short = max(self.speech_power[ch] - self.power(ch, idx) for ch in (0, 1))
            self.expect(short <= 6, f"overlap {o['start']}-{o['end']}: a channel is {short:.1f} dB below its speech power")
            a, b = turns[o["turn"]], turns[o["overlappedTurn"]]
            self.expect(a["speaker"] == o["interrupter"] and b["start"] < a["start"] < b["end"],
                        f"overlap {o['start']}: interrupter {o['interrupter']} does not start inside the other turn")
            self.notes.append(f"overlap {o['start']:.2f}-{o['end']:.2f} ({o['duration']:.2f} s) {o['interrupter']} {o['kind']}: "
                              f"weaker channel {short:.1f} dB below its speech power")
        self.check_words()
        if "opening" in t:
            self.check_opening()
        cues = open(self.base + ".vtt").read().count(" --> ")
        self.expect(cues == len(turns), f"webvtt has {cues} cues for {len(turns)} turns")
        return not self.failures

    def power(self, ch, idx):
        """Mean power in dB over the given frame indices of a channel."""
        idx = [i for i in idx if i < len(self.level[ch])]
        return 10 * math.log10(sum(10 ** (self.level[ch][i] / 10) for i in idx) / max(1, len(idx)) + 1e-12)

    def check_speech(self):
        t = self.truth
        holds = [(h["start"], h["end"]) for h in t["holds"]]
        worst_onset, onsets = 0.0, 0
        for party, ch in t["channels"].items():
            segs = t["speech"][party]
            rest = [i for i in range(len(self.level[ch]))
                    if not inside(i * FRAME + FRAME / 2, segs, 0.05) and not (ch == 0 and inside(i * FRAME, holds, 0.05))]
            contrast = self.speech_power[ch] - self.power(ch, rest)
            self.expect(contrast >= self.contrast[ch] - 4, f"{party}: speech only {contrast:.1f} dB above the rest of its channel")
            self.notes.append(f"{party}: speech {self.speech_power[ch]:.1f} dBFS, {contrast:.1f} dB above the rest of channel {ch} (designed contrast {self.contrast[ch]:.0f} dB)")
            if self.contrast[ch] < 20:
                continue
            onset_level = self.quiet_power[ch] + 10
            for turn in t["turns"]:
                before = [(s, e) for s, e in segs if turn["start"] - 0.3 < e <= turn["start"] - 0.01]
                if turn["speaker"] != party or before or (ch == 0 and inside(turn["start"] - 0.15, holds, 0.15)):
                    continue
                first = int((turn["start"] - 0.2) / FRAME)
                hits = [i for i in range(first, first + 50) if i < len(self.level[ch]) and self.level[ch][i] > onset_level]
                error = abs(hits[0] * FRAME - turn["start"]) if hits else 1.0
                worst_onset, onsets = max(worst_onset, error), onsets + 1
                self.expect(error <= 0.08, f"turn {turn['index']}: line onset {error * 1000:.0f} ms from its start")
        if onsets:
            self.notes.append(f"turn onsets on the line: {onsets} checked, within {worst_onset * 1000:.0f} ms of the transcript")

    def check_words(self):
        t = self.truth
        words = json.load(open(self.base + ".json"))["words"]
        worst_cover, worst_edge = 1.0, 0.0
        for w in words:
            segs = t["speech"][w["speaker"]]
            length = w["end"] - w["start"]
            covered = sum(max(0.0, min(e + 0.02, w["end"]) - max(s - 0.02, w["start"])) for s, e in segs)
            worst_cover = min(worst_cover, covered / length if length > 0 else 1.0)
            self.expect(length > 0 and covered >= 0.85 * length, f"word {w['text']!r} at {w['start']}: {covered:.3f}/{length:.3f} s in speech")
        for turn in t["turns"]:
            segs = t["speech"][turn["speaker"]]
            start_edge = min(abs(turn["start"] - s) for s, _ in segs)
            end_edge = min(abs(turn["end"] - e) for _, e in segs)
            worst_edge = max(worst_edge, start_edge, end_edge)
            self.expect(start_edge <= 0.05 and end_edge <= 0.05,
                        f"turn {turn['index']} edges {start_edge:.3f}/{end_edge:.3f} s from speech edges")
        self.notes.append(f"words: {len(words)}, least coverage by speech {100 * worst_cover:.0f} %, "
                          f"turn edges within {1000 * worst_edge:.0f} ms of segment edges")
        if self.clean_dir:
            self.check_boundaries(words)
            self.check_alignment()

    def check_alignment(self):
        """Lag (in 8 kHz samples) that best aligns each clean source, band-limited the same way, with
        its line channel: 0 means the line audio, the transcript and the truth share one clock."""
        _, channels = decode(self.base + ".wav")
        for party, ch in self.truth["channels"].items():
            path = os.path.join(self.clean_dir, f"{self.truth['name']}.{party}.wav")
            raw = subprocess.run(["sox", path, "-t", "f32", "-r", "8000", "-", "sinc", "300-3400"],
                                 capture_output=True, check=True).stdout
            clean = array.array("f")
            clean.frombytes(raw)
            longest = max(self.truth["speech"][party], key=lambda s: s[1] - s[0])
            lo, hi = int(longest[0] * RATE) + 40, min(int(longest[1] * RATE) - 40, int(longest[0] * RATE) + 16040)
            line = channels[ch]
            scores = {lag: sum(clean[i] * line[i + lag] for i in range(lo, hi)) for lag in range(-40, 41)}
            best = max(scores, key=scores.get)
            self.expect(best == 0, f"{party}: line channel is {best} samples off the clean source")
            self.notes.append(f"{party}: cross-correlation with the clean source peaks at lag {best} samples")

    def check_boundaries(self, words):
        """Level at inner word boundaries relative to the turn's median, on the clean source."""
        name = self.truth["name"]
        dips, edges = [], []
        for party in ("agent", "customer"):
            path = os.path.join(self.clean_dir, f"{name}.{party}.wav")
            raw = subprocess.run(["sox", path, "-t", "f32", "-"], capture_output=True, check=True).stdout
            data = array.array("f")
            data.frombytes(raw)
            n = 80  # 5 ms frames at 16 kHz
            lv = [10 * math.log10(sum(x * x for x in data[i:i + n]) / n + 1e-12) for i in range(0, len(data) - n + 1, n)]
            for turn in self.truth["turns"]:
                if turn["speaker"] != party:
                    continue
                ws = [w for w in words if w["speaker"] == party and turn["start"] <= w["start"] < turn["end"]]
                body = lv[int(turn["start"] / 0.005):int(turn["end"] / 0.005)]
                if len(ws) < 2 or not body:
                    continue
                median = statistics.median(body)
                for before, w in zip(ws, ws[1:]):
                    k = int(w["start"] / 0.005)
                    local = lv[max(0, k - 4):k + 5]  # +-20 ms around the boundary
                    dips.append(min(local) - median)
                    if w["start"] - before["end"] >= 0.1:  # a pause between the words: find its audible edges
                        e, s = int(round(before["end"] / 0.005)), int(round(w["start"] / 0.005))
                        fall = max(range(e - 6, e + 7), key=lambda i: lv[i - 1] - lv[i])
                        rise = max(range(s - 6, s + 7), key=lambda i: lv[i] - lv[i - 1])
                        edges += [0.005 * (fall - e), 0.005 * (rise - s)]
        if dips:
            dips.sort()
            self.notes.append("clean-source level at word boundaries (min within +-20 ms, dB re turn median): "
                              f"median {statistics.median(dips):.1f}, 90th pct {dips[int(0.9 * (len(dips) - 1))]:.1f}, "
                              f"{100 * sum(d < 0 for d in dips) / len(dips):.0f} % below the turn median")
        if edges:
            size = sorted(abs(x) for x in edges)
            self.notes.append(f"word edges at in-turn pauses: {len(edges)}; steepest 5 ms level step within +-30 ms "
                              f"vs transcript: median |offset| {1000 * statistics.median(size):.0f} ms, "
                              f"90th pct {1000 * size[int(0.9 * (len(size) - 1))]:.0f} ms, max {1000 * size[-1]:.0f} ms, "
                              f"mean signed {1000 * statistics.mean(edges):+.0f} ms")

    def check_opening(self):
        o = self.truth["opening"]
        checks = o["checks"]
        words = json.load(open(self.base + ".json"))["words"]
        if "firstWordLatency" in checks:
            self.expect(checks["firstWordLatency"] == (o["firstAgentWord"] <= o["firstWordLimit"]),
                        f"firstWordLatency designed {checks['firstWordLatency']} but first agent word at {o['firstAgentWord']}")
        if "noDeadAir" in checks:
            in_window = [d for d in self.truth["deadAir"] if d["start"] < o["window"]]
            self.expect(checks["noDeadAir"] == (not in_window), f"noDeadAir designed {checks['noDeadAir']}, dead air {in_window}")
        for check, items in o["evidence"].items():
            for ev in items:
                if not ev["text"]:
                    continue
                said = " ".join(w["text"] for w in words if w["speaker"] == ev["speaker"]
                                and ev["start"] - 1e-6 <= w["start"] and w["end"] <= ev["end"] + 1e-6)
                self.expect(said == ev["text"], f"opening {check}: evidence {ev['text']!r} vs transcript {said!r}")
        for check, passes in checks.items():
            if check not in ("firstWordLatency", "noDeadAir"):
                has = bool(o["evidence"].get(check))
                self.expect(has == passes, f"opening {check}: designed {passes} but evidence {'given' if has else 'missing'}")
                if has:
                    self.expect(all(ev["start"] < o["window"] for ev in o["evidence"][check]),
                                f"opening {check}: evidence after the window")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("truths", nargs="+")
    parser.add_argument("--clean-dir", help="folder with the clean sources, for the word-boundary report")
    args = parser.parse_args()
    failed = 0
    for path in args.truths:
        checker = Checker(path, args.clean_dir)
        ok = checker.run()
        print(f"{'PASS' if ok else 'FAIL'} {checker.truth['name']} ({checker.truth['duration']:.2f} s)")
        for note in checker.notes:
            print(f"    {note}")
        for failure in checker.failures:
            print(f"    FAILED: {failure}")
        failed += not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
