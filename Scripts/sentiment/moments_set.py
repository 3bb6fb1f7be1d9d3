#!/usr/bin/env python3
"""Measures the labelled moments set (AudioFixtures/moments/calls.json) through `undertone analyze`.

Each designed call becomes an Undertone JSON transcript laid out as SentimentMomentSetTests lays it out (about 2.8
words a second, 0.6 s between turns, backchannels inside the other party's turn, interruptions and pauses as designed)
and a silent stereo 8 kHz WAV as long as the call, so the report's sentiment is the words' (no voice to fuse). Prints,
per part, the precision of the flagged sentiment moments, the recall of the designed ones and the share of customer
arcs with the designed shape, then every miss.

    Scripts/sentiment/moments_set.py [.build/debug/undertone]
"""
import json, os, struct, subprocess, sys, tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
UNDERTONE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/undertone")


def layout(call):
    words, turns, last_end = [], [], 0.5
    for row in call["turns"]:
        speaker = "agent" if row[0] == "a" else "customer"
        opts = row[3] if len(row) > 3 else {}
        t = last_end + 0.6 + opts.get("gap", 0)
        if opts.get("bc") and turns:
            t = (turns[-1]["start"] + turns[-1]["end"]) / 2
        if "overlap" in opts:
            t = last_end - opts["overlap"]
        start, paused = t, False
        for text in row[2].split(" "):
            length = 0.12 + 0.045 * len(text)
            words.append({"speaker": speaker, "channel": 0 if speaker == "agent" else 1, "start": round(t, 4),
                          "end": round(t + length, 4), "text": text, "confidence": 1.0})
            t += length + 0.06
            if not paused and opts.get("pause", 0) > 0 and text.endswith(","):
                t += opts["pause"]
                paused = True
        turn = {"speaker": speaker, "start": round(start, 4), "end": t - 0.06, "text": row[2], "mark": opts.get("m")}
        if not opts.get("bc"):
            last_end = max(last_end, turn["end"])
        turns.append(turn)
    return words, turns


def silent_wav(path, seconds):
    frames = int(seconds * 8000)
    data = b"\0" * (frames * 4)
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 2, 8000, 32000, 4, 16)
    with open(path, "wb") as f:
        f.write(header + b"data" + struct.pack("<I", len(data)) + data)


def main():
    calls = json.load(open(os.path.join(ROOT, "AudioFixtures/moments/calls.json")))["calls"]
    parts = {}
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        for call in calls:
            words, turns = layout(call)
            base = os.path.join(tmp, call["name"])
            json.dump({"format": "undertone", "words": words}, open(base + ".json", "w"))
            silent_wav(base + ".wav", max(w["end"] for w in words) + 1)
            out = subprocess.run([UNDERTONE, "analyze", base + ".wav", "--transcript", base + ".json"],
                                 capture_output=True, text=True, check=True).stdout
            report = json.loads(out)
            moments = [m for m in report["moments"] if m["kind"] in ("sentimentDrop", "turningPoint")]
            # A moment spans its trigger and the turn that keeps the change; it is at the designed turn when it
            # covers that turn's start and the turn is the party's ([start of trigger or turn, end]).
            designed = [t for t in turns if t["mark"] == "flag"]

            def at(m, t):
                return m["speaker"] == t["speaker"] and m["start"] <= t["start"] + 0.01 and m["end"] >= t["end"] - 0.01

            p = parts.setdefault(call["part"], [0, 0, 0, 0, 0, 0])
            p[0] += len(moments)
            for m in moments:
                if any(at(m, t) for t in designed):
                    p[1] += 1
                else:
                    misses.append(f"{call['name']}: false {m['severity']} {m['summary']}")
            p[2] += len(designed)
            for t in designed:
                if any(at(m, t) for m in moments):
                    p[3] += 1
                else:
                    misses.append(f"{call['name']}: missed \"{t['text']}\"")
            p[4] += 1
            shape = report.get("sentiment", {}).get("arcs", {}).get("customer", {}).get("shape")
            if shape == call["shape"]:
                p[5] += 1
            else:
                misses.append(f"{call['name']}: customer arc {shape}, designed {call['shape']}")
    for name, p in parts.items():
        print(f"{name}: precision {p[1]}/{p[0]} = {p[1] / max(1, p[0]):.3f}, recall {p[3]}/{p[2]} = "
              f"{p[3] / max(1, p[2]):.3f}, arc shapes {p[5]}/{p[4]} = {p[5] / p[4]:.3f}")
    for line in misses:
        print("  " + line)


if __name__ == "__main__":
    main()
