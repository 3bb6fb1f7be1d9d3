#!/usr/bin/env python3
"""Renders the designed calls in calls.json into tiny stereo call fixtures (espeak-ng + sox + opusenc).

For each call NAME this writes
  NAME.opus             Ogg Opus, 16 kbit/s, stereo, 8 kHz input: agent on the left channel, customer on the right
  NAME.transcript.json  Undertone transcript JSON (word times spread over each turn's speech by length: espeak-ng
                        gives no word timings)
  NAME.labels.json      the designed shape and, per customer turn, its label (-2..2), text, start and end

Arousal follows the labels: the further a customer line's label is from 0, the higher, faster and louder espeak-ng
says it (negative lines more so than positive ones); the agent speaks the same way all call long.
Run from this folder: python3 make_calls.py
"""
import json
import os
import subprocess
import tempfile
import wave

import numpy as np

RATE = 8000
GAP = 0.6  # seconds between turns
AGENT = {"voice": "en-us+m3", "pitch": 40, "speed": 165, "amplitude": 100}
# label -> (espeak pitch 0..99, speed in words/min, amplitude 0..200)
CUSTOMER = {-2: (82, 200, 175), -1: (66, 182, 140), 0: (50, 160, 105), 1: (57, 168, 120), 2: (68, 180, 150)}


def synthesize(text, voice, pitch, speed, amplitude):
    """Speech for one turn at 8 kHz as float samples, leading and trailing silence trimmed."""
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = os.path.join(tmp, "raw.wav"), os.path.join(tmp, "out.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-p", str(pitch), "-s", str(speed), "-a", str(amplitude),
                        "-w", raw, text], check=True)
        # vol 0.6 leaves headroom for the loudest (amplitude 175) lines through the resampler.
        subprocess.run(["sox", raw, "-r", str(RATE), "-b", "16", out, "vol", "0.6", "silence", "1", "0.02", "0.3%",
                        "reverse", "silence", "1", "0.02", "0.3%", "reverse"], check=True)
        with wave.open(out) as w:
            return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float64) / 32768


def spread_words(text, start, end):
    words = text.split()
    weights = [len(w) + 1 for w in words]
    total, t, out = sum(weights), start, []
    for w, weight in zip(words, weights):
        d = (end - start) * weight / total
        out.append((w, t, t + d))
        t += d
    return out


def render(call):
    pieces, t = [], 0.5
    for turn in call["turns"]:
        role = turn[0]
        if role == "agent":
            audio = synthesize(turn[1], AGENT["voice"], AGENT["pitch"], AGENT["speed"], AGENT["amplitude"])
            label, text = None, turn[1]
        else:
            label, text = turn[1], turn[2]
            pitch, speed, amplitude = CUSTOMER[label]
            audio = synthesize(text, "en-us+f2", pitch, speed, amplitude)
        pieces.append((role, label, text, t, audio))
        t += len(audio) / RATE + GAP
    total = int((t + 0.5) * RATE)
    stereo = np.zeros((total, 2))
    rng = np.random.default_rng(7)
    stereo += rng.normal(0, 10 ** (-62 / 20), stereo.shape)  # a quiet line-noise floor
    words, turns = [], []
    for role, label, text, start, audio in pieces:
        channel = 0 if role == "agent" else 1
        i = int(round(start * RATE))
        stereo[i:i + len(audio), channel] += audio
        stereo[i:i + len(audio), 1 - channel] += audio * 10 ** (-30 / 20)  # faint crosstalk
        end = start + len(audio) / RATE
        for w, s, e in spread_words(text, start, end):
            words.append({"speaker": role, "channel": channel, "start": round(s, 3), "end": round(e, 3), "text": w,
                          "confidence": 0.95})
        if role == "customer":
            turns.append({"start": round(start, 3), "end": round(end, 3), "label": label, "text": text})
    return np.clip(stereo, -1, 1), words, turns


def main():
    calls = json.load(open("calls.json"))["calls"]
    for call in calls:
        stereo, words, turns = render(call)
        name = call["name"]
        with tempfile.TemporaryDirectory() as tmp:
            wav = os.path.join(tmp, "call.wav")
            with wave.open(wav, "wb") as w:
                w.setnchannels(2)
                w.setsampwidth(2)
                w.setframerate(RATE)
                w.writeframes((stereo * 32767).astype(np.int16).tobytes())
            subprocess.run(["opusenc", "--quiet", "--bitrate", "16", "--comp", "10", wav, f"{name}.opus"], check=True)
        json.dump({"format": "undertone", "words": words}, open(f"{name}.transcript.json", "w"), indent=0)
        json.dump({"shape": call["shape"], "wordTimes": "estimated", "customerTurns": turns},
                  open(f"{name}.labels.json", "w"), indent=1)
        print(name, f"{len(stereo) / RATE:.1f} s", os.path.getsize(f"{name}.opus"), "bytes")


if __name__ == "__main__":
    main()
