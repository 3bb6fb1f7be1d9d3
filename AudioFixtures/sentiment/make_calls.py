#!/usr/bin/env python3
"""Renders the designed calls in calls.json into tiny stereo call fixtures with ../callgen.py.

For each call NAME this writes
  NAME.script.json      the callgen script (voices per turn, sentiment labels, designed arc)
  NAME.opus             Ogg Opus, 16 kbit/s, stereo, from callgen's 8 kHz G.711 call: agent left, customer right
  NAME.transcript.json  Undertone transcript JSON with callgen's phoneme-exact word times
  NAME.labels.json      the designed shape and, per customer turn, its label (-2..2), text, start and end

Arousal follows the labels: the further a customer line's label is from 0, the faster, higher, wider-ranged and
louder espeak-ng says it (negative lines more so than positive ones); the agent speaks the same way all call long.
Run from this folder: python3 make_calls.py   (deterministic: callgen seeds its noise)
"""
import json
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CALLGEN = os.path.join(HERE, "..", "callgen.py")
AGENT = {"voice": "en-us+m3", "rate": 165, "pitch": 40, "range": 50, "volume": 100}
CUSTOMER = {"voice": "en-us+f2", "rate": 160, "pitch": 50, "range": 50, "volume": 100}
# label -> voice overrides (rate words/min, pitch 0..100, range 0..100, volume 0..200), and the designed arousal
AROUSAL = {
    -2: ({"rate": 200, "pitch": 78, "range": 80, "volume": 170}, 2),
    -1: ({"rate": 182, "pitch": 64, "range": 65, "volume": 135}, 1),
    0: ({}, 0),
    1: ({"rate": 168, "pitch": 56, "range": 58, "volume": 115}, 0),
    2: ({"rate": 180, "pitch": 66, "range": 70, "volume": 140}, 1),
}


def script(call):
    events = []
    for turn in call["turns"]:
        if turn[0] == "agent":
            events.append({"speaker": "agent", "text": turn[1]})
        else:
            voice, arousal = AROUSAL[turn[1]]
            events.append({"speaker": "customer", "text": turn[2], **voice, "sentiment": turn[1], "arousal": arousal})
    return {
        "name": call["name"], "seed": 11,
        "meta": {"agentName": "Sam", "customerName": "Alex Morgan", "company": "Northwind"},
        "voices": {"agent": AGENT, "customer": CUSTOMER},
        "line": {"noise": {"type": "pink", "snr": 35}, "echo": {"level": -32, "delay": 0.006}},
        "design": {"customerArc": call["shape"]},
        "events": events,
    }


def main():
    calls = json.load(open(os.path.join(HERE, "calls.json")))["calls"]
    for call in calls:
        name = call["name"]
        script_path = os.path.join(HERE, f"{name}.script.json")
        with open(script_path, "w") as f:
            json.dump(script(call), f, indent=1)
            f.write("\n")
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["python3", CALLGEN, script_path, "--out", tmp, "--clean-dir", os.path.join(tmp, "clean")],
                           check=True, stdout=subprocess.DEVNULL)
            pcm = os.path.join(tmp, "pcm.wav")
            subprocess.run(["sox", os.path.join(tmp, f"{name}.wav"), "-e", "signed", "-b", "16", pcm], check=True)
            subprocess.run(["opusenc", "--quiet", "--bitrate", "16", "--comp", "10", pcm,
                            os.path.join(HERE, f"{name}.opus")], check=True)
            shutil.copy(os.path.join(tmp, f"{name}.json"), os.path.join(HERE, f"{name}.transcript.json"))
            truth = json.load(open(os.path.join(tmp, f"{name}.truth.json")))
        turns = [{"start": t["start"], "end": t["end"], "label": t["labels"]["sentiment"],
                  "arousal": t["labels"]["arousal"], "text": t["text"]}
                 for t in truth["turns"] if t["speaker"] == "customer"]
        with open(os.path.join(HERE, f"{name}.labels.json"), "w") as f:
            json.dump({"shape": call["shape"], "duration": truth["duration"], "customerTurns": turns}, f, indent=1)
            f.write("\n")
        print(name, f"{truth['duration']:.1f} s", os.path.getsize(os.path.join(HERE, f"{name}.opus")), "bytes")


if __name__ == "__main__":
    main()
