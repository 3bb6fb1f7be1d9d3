#!/usr/bin/env python3
"""make_calls — generate a folder of varied two-party calls for batch benchmarks.

    python3 Scripts/batch/make_calls.py OUTDIR [--count 50] [--seed 1] [--jobs N]

Writes COUNT calls named call-001 ... into OUTDIR with AudioFixtures/callgen.py (stereo 8 kHz
mu-law .wav, transcript .json and .vtt, .meta.json, .truth.json, and the .script.json each was made
from), plus one corrupt audio file (random bytes named call-NNN-corrupt.wav) in the middle of the
sorted list, and manifest.json describing the set. Calls are random but seeded: the same --seed
gives the same scripts (call i depends only on the seed and i, not on --count). Lengths are aimed
at 30-120 s; voices, speaking rates, dead air (>= 5 s silences), hold music, talk-over,
backchannels, line noise and echo vary from call to call. Standard library only; needs what
callgen.py needs (libespeak-ng, sox). Generation runs one call per core.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "AudioFixtures"))
sys.dont_write_bytecode = True  # leave no __pycache__ in AudioFixtures
import callgen  # noqa: E402  (found through the path above)

VOICES = ["en-us", "en-gb", "en-gb-scotland", "en-029", "en-us-nyc", "en-gb-x-rp"]
VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m7", "f1", "f2", "f3", "f4", "f5"]
COMPANIES = ["Northwind Telecom", "Bluewater Energy", "Contoso Bank", "Fabrikam Insurance", "Tailspin Travel"]
AGENTS = ["Dana", "Priya", "Marco", "Alex", "Tom", "Grace", "Omar", "Lena"]
CUSTOMERS = ["Sam Ortiz", "Linda Chen", "Jordan Lee", "Maria Garcia", "Ken Adams", "Ruth Okafor", "Paul Novak"]

AGENT_LINES = [
    "Let me pull up your account.",
    "I can see the order here, it shipped on Monday.",
    "I understand, that must be frustrating.",
    "Can you confirm the postcode on the account for me?",
    "Thanks, that matches what I have.",
    "I will open a ticket with our technical team today.",
    "The charge on the last bill was for the late payment.",
    "I can waive that fee as a one time courtesy.",
    "You should see the refund within five working days.",
    "Is the light on the router green or orange right now?",
    "Please switch it off, wait ten seconds and switch it back on.",
    "I have updated the address on your account.",
    "Your new contract starts on the first of next month.",
    "I am sorry for the trouble this has caused.",
    "That plan costs twenty nine dollars a month.",
    "I can send you a confirmation by email.",
]
CUSTOMER_LINES = [
    "Yes, that is right.",
    "My internet keeps dropping every evening.",
    "I was charged twice this month.",
    "It is nine four one zero seven.",
    "This is the third time I have called about this!",
    "Okay, that sounds fine.",
    "The light is orange and it keeps blinking.",
    "I never asked for that extra package.",
    "Can you tell me when the engineer will come?",
    "That is ridiculous, nobody told me about that fee!",
    "Right, I see. Thank you for explaining.",
    "I moved house last month and the bill still goes to the old address.",
    "How long will the refund take?",
    "Great, that is really helpful.",
    "Sorry, could you repeat that please?",
]
BACKCHANNELS = ["mhm", "okay", "right", "yeah", "uh huh"]
HOLD_ANNOUNCEMENTS = ["Thank you for holding. Your call is important to us.", "Please stay on the line."]


def voice(rng: random.Random, exclude: str | None = None) -> dict:
    while True:
        name = f"{rng.choice(VOICES)}+{rng.choice(VARIANTS)}"
        if name != exclude:
            return {"voice": name, "rate": rng.randint(145, 200), "pitch": rng.randint(30, 70),
                    "range": rng.randint(35, 70), "volume": 100}


def speech_seconds(text: str, rate: int) -> float:
    """A rough spoken length, to aim at a target duration: espeak-ng's rate is in words per minute, and its
    turns measured 0.87 of words x 60 / rate (median over 817 generated turns)."""
    return 0.87 * len(text.split()) * 60.0 / rate


def call_script(name: str, seed: int) -> dict:
    """A random but reproducible call script for callgen.py, aimed at 30-120 s."""
    rng = random.Random(seed)
    target = rng.uniform(24, 112)  # opening, closing and estimate errors stretch this to about 30-120 s
    agent_name, customer_name, company = rng.choice(AGENTS), rng.choice(CUSTOMERS), rng.choice(COMPANIES)
    voices = {"agent": voice(rng)}
    voices["customer"] = voice(rng, exclude=voices["agent"]["voice"])
    gap = round(rng.uniform(0.3, 0.8), 2)
    dead_air = rng.random() < 0.4
    hold = rng.random() < 0.3
    talk_over = rng.random() < 0.5
    line = {}
    if rng.random() < 0.5:
        line["noise"] = {"type": rng.choice(["white", "pink"]), "snr": rng.randint(12, 35)}
    if line and rng.random() < 0.5:  # echo with noise only, as on a real line (the noise floor masks it)
        line["echo"] = {"level": rng.randint(-40, -32), "delay": round(rng.uniform(0.003, 0.012), 3)}

    opening = [
        ("agent", f"Good morning, thank you for calling {company}, my name is {agent_name}. How can I help?"),
        ("customer", f"Hi, this is {customer_name}. {rng.choice(CUSTOMER_LINES[1:3] + CUSTOMER_LINES[6:8])}"),
    ]
    closing = [
        ("agent", "Is there anything else I can help you with today?"),
        ("customer", "No, that is all. Thank you."),
        ("agent", f"Thanks for calling {company}, goodbye."),
    ]
    events: list[dict] = []
    elapsed = 0.5

    def add_turn(speaker: str, text: str, **extra) -> None:
        nonlocal elapsed
        events.append({"speaker": speaker, "text": text, **extra})
        elapsed += speech_seconds(text, voices[speaker]["rate"]) + gap + min(0.0, extra.get("offset", 0.0))

    for speaker, text in opening:
        add_turn(speaker, text)
    closing_seconds = sum(speech_seconds(t, voices[s]["rate"]) + gap for s, t in closing)
    planned = []  # (fraction of the body, event): dead air and hold placed inside the body
    if dead_air:
        planned.append((rng.uniform(0.2, 0.8), {"silence": round(rng.uniform(5.6, 9.0), 2)}))
    if hold:
        seconds = round(rng.uniform(6, max(6, min(20, target / 4))), 1)
        spec: dict = {"hold": seconds, "offset": 0.7}
        if rng.random() < 0.6:
            spec["announcement"] = {"text": rng.choice(HOLD_ANNOUNCEMENTS), "at": 1.0, "voice": "en-gb+f4", "gain": 0.5}
        planned.append((rng.uniform(0.2, 0.8), spec))
    planned.sort(key=lambda p: p[0])
    reserved = sum(e.get("silence", 0) + e.get("hold", 0) for _, e in planned)
    body_seconds = max(5.0, target - elapsed - closing_seconds - reserved)
    body_start = elapsed
    speaker = "agent"
    while elapsed - body_start < body_seconds:
        progress = (elapsed - body_start) / body_seconds
        while planned and planned[0][0] <= progress:
            event = planned.pop(0)[1]
            events.append(event)
            elapsed += event.get("silence", 0) + event.get("hold", 0)
        lines = AGENT_LINES if speaker == "agent" else CUSTOMER_LINES
        text = rng.choice(lines)
        two_sentences = rng.random() < 0.35
        if two_sentences:
            text += " " + rng.choice(lines)
        extra = {}
        previous = events[-1]
        # Talk over a plain floor turn only: after an interruption the new speaker would overlap themself.
        if (talk_over and "speaker" in previous and not previous.get("backchannel")
                and previous.get("offset", 0) >= 0 and rng.random() < 0.2):
            previous_seconds = speech_seconds(previous["text"], voices[previous["speaker"]]["rate"])
            extra["offset"] = -round(min(1.2, 0.4 * previous_seconds, rng.uniform(0.3, 1.2)), 2)
        elif rng.random() < 0.12:
            extra["offset"] = round(rng.uniform(1.2, 3.5), 2)  # a pause under the dead-air threshold
        add_turn(speaker, text, **extra)
        turn_seconds = speech_seconds(text, voices[speaker]["rate"])
        # A backchannel lands inside one sentence, not in the pause between two, and never in a turn that
        # talked over the listener (whose own turn may still be running).
        if (talk_over and rng.random() < 0.25 and turn_seconds > 2.5 and not two_sentences
                and extra.get("offset", 0) >= 0):
            listener = "customer" if speaker == "agent" else "agent"
            events.append({"speaker": listener, "text": rng.choice(BACKCHANNELS), "backchannel": True,
                           "anchor": "start", "offset": round(rng.uniform(0.8, 0.5 * turn_seconds), 2)})
        speaker = "customer" if speaker == "agent" else "agent"
    events += [e for _, e in planned]
    for speaker, text in closing:
        add_turn(speaker, text)

    return {
        "name": name, "seed": seed,
        "meta": {"agentName": agent_name, "customerName": customer_name, "company": company},
        "voices": voices, "gap": gap, "lead": 0.5, "tail": 0.7, "line": line,
        "design": {"targetSeconds": round(target, 1), "deadAir": dead_air, "hold": hold, "talkOver": talk_over},
        "events": events,
    }


_speech = None


def _start_worker() -> None:
    global _speech
    _speech = callgen.Speech()


def _generate(job: tuple[str, str, str]) -> dict:
    script_path, out_dir, clean_dir = job
    try:
        name, call = callgen.generate(script_path, out_dir, clean_dir, _speech)
    except SystemExit as failure:  # callgen reports bad input through sys.exit
        raise RuntimeError(f"{script_path}: {failure.code}") from None
    with open(os.path.join(out_dir, f"{name}.truth.json")) as f:
        truth = json.load(f)
    return {"name": name, "duration": round(call.duration, 2), "turns": len(call.turns),
            "deadAir": len(truth["deadAir"]), "holds": len(truth["holds"]), "overlaps": len(truth["overlaps"]),
            "noise": "noise" in truth.get("line", {}), "echo": "echo" in truth.get("line", {})}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--count", type=int, default=50, help="number of calls (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the whole set (default 1)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel generators (default: cores)")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")

    os.makedirs(args.outdir, exist_ok=True)
    started = time.monotonic()
    jobs = []
    clean_dir = tempfile.mkdtemp(prefix="make_calls-clean-")  # outside OUTDIR: its .wav files are not calls
    try:
        for i in range(1, args.count + 1):
            name = f"call-{i:03d}"
            path = os.path.join(args.outdir, f"{name}.script.json")
            with open(path, "w") as f:
                json.dump(call_script(name, args.seed * 100003 + i), f, indent=1)
                f.write("\n")
            jobs.append((path, args.outdir, clean_dir))
        with multiprocessing.Pool(args.jobs, initializer=_start_worker) as pool:
            calls = []
            for done, result in enumerate(pool.imap(_generate, jobs), 1):
                calls.append(result)
                print(f"[{done}/{args.count}] {result['name']}: {result['duration']:.1f} s, {result['turns']} turns, "
                      f"dead air {result['deadAir']}, holds {result['holds']}, overlaps {result['overlaps']}",
                      file=sys.stderr)
    finally:
        shutil.rmtree(clean_dir, ignore_errors=True)

    # "-corrupt" sorts just before call-NNN.wav ('-' < '.'), i.e. in the middle of the sorted list.
    corrupt = f"call-{(args.count + 1) // 2 + 1:03d}-corrupt.wav" if args.count > 1 else "call-001-corrupt.wav"
    with open(os.path.join(args.outdir, corrupt), "wb") as f:
        f.write(random.Random(args.seed).randbytes(48_000))
    durations = [c["duration"] for c in calls]
    manifest = {"seed": args.seed, "count": args.count, "corrupt": corrupt, "audioSeconds": round(sum(durations), 1),
                "calls": calls}
    with open(os.path.join(args.outdir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"{args.count} calls ({min(durations):.1f}-{max(durations):.1f} s, {sum(durations) / 60:.1f} min of audio; "
          f"{sum(c['deadAir'] > 0 for c in calls)} with dead air, {sum(c['holds'] > 0 for c in calls)} with hold, "
          f"{sum(c['overlaps'] > 0 for c in calls)} with overlaps, {sum(c['noise'] for c in calls)} with noise) "
          f"+ corrupt {corrupt} in {args.outdir}, {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
