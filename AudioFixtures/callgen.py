#!/usr/bin/env python3
"""callgen — turn a JSON call script into a two-party telephone call with exact ground truth.

Needs Python 3 (standard library only), libespeak-ng (driven through ctypes) and the sox
command-line tool. Usage:

    python3 callgen.py SCRIPT.json [--out DIR] [--clean-dir DIR]

writes, for a script named NAME (the script's "name", else the file name without
".script.json"):

    DIR/NAME.wav          stereo 8 kHz G.711 mu-law, agent = channel 0, customer = channel 1,
                          band-limited to 300-3400 Hz, with the script's noise and line echo
    DIR/NAME.json         transcript in Undertone's own JSON (one entry per word)
    DIR/NAME.vtt          the same transcript as WebVTT, one cue per turn, <v Agent>/<v Customer>
    DIR/NAME.meta.json    the script's "meta" object (agentName, customerName, company, ...)
    DIR/NAME.truth.json   ground truth (see "Truth file" below)
    CLEAN/NAME.agent.wav, NAME.customer.wav, NAME.music.wav
                          clean 16 kHz 16-bit mono sources before band-limiting, noise and echo
                          (CLEAN defaults to DIR/clean; generate.sh does not commit them)

Script format (JSON object)
---------------------------
    name              string, optional
    seed              integer, random seed for noise (default 1); output is byte-for-byte reproducible
    meta              object copied to NAME.meta.json: agentName, customerName, company, ...
    voices            {"agent": VOICE, "customer": VOICE} default voice settings per party, where
                      VOICE = {"voice": "en-us+m3", "rate": 165, "pitch": 50, "range": 50, "volume": 100}
                      voice   = espeak-ng voice name with optional "+variant" (en-us+m3, en-gb+f2, ...)
                      rate    = words per minute (80-450), pitch = base pitch 0-100, range = pitch
                      range 0-100, volume = amplitude 0-200 (raise rate/pitch/range/volume for arousal)
    gap               default offset (s) of a turn or hold from the previous event's end (default 0.6)
    lead, tail        silence (s) before the first event's anchor and after the last sound (0.5, 0.8)
    deadAirThreshold  seconds; silences at least this long are listed as dead air in the truth (5.0)
    line              {"noise": NOISE or {"agent": NOISE, "customer": NOISE},
                       "echo": {"level": -30, "delay": 0.006}}
                      NOISE = {"type": "white"|"pink", "snr": dB}: noise added to a channel at that
                      SNR relative to the channel's own speech level (RMS over its speech frames,
                      measured after band-limiting). echo: each channel also carries the other party's
                      band-limited speech, "level" dB down and "delay" s late (line echo).
    opening           {"window": 30, "firstWordLimit": 5, "checks": {"greeting": true, ...}}
                      designed answer of each opening check; evidence comes from turn "marks"
    design            free object copied to the truth file (e.g. {"customerArc": "dipAndRecover"})
    events            list, placed in order on one timeline:

      Turn      {"speaker": "agent"|"customer", "text": "...", VOICE fields to override,
                 "offset": s, "anchor": "end"|"start", "backchannel": bool,
                 "sentiment": -2..2, "arousal": -2..2, "labels": {...}, "marks": {"checkId": "phrase"}}
                offset is measured from the anchor: "end" (default) = the end of the last sound so
                far (positive = gap, negative = talk-over into the previous turn); "start" = the
                start of the previous floor-taking turn (for backchannels placed inside a turn).
                Default offset = "gap" (0 right after a silence event). A backchannel is a short
                reply that does not take the floor; it never becomes the anchor of a later turn.
                "marks" names the words that are the evidence of an opening check.
      Silence   {"silence": s}  nobody talks and no music for exactly s seconds after the last
                sound; the next event starts right after (its own offset is added).
      Hold      {"hold": s, "offset": s, "announcement": {"text": "...", "at": s, "voice": "..."}}
                hold music on the agent channel (a chord sequence: sox-synthesized plucked and sine
                chords changing every 0.75 s, with a plucked melody) for s seconds, optionally with a
                recorded announcement voice over it starting "at" s into the hold.

Word timing
-----------
Each turn is synthesized in one espeak_Synth call, so speech is continuous and natural. With
phoneme events enabled, the synthesis callback reports every phoneme (espeakEVENT_PHONEME) with its
exact sample position in the output and the text position it came from. A script token (a
whitespace-separated word, punctuation kept) starts at its first phoneme and ends where the next
phoneme event starts - the next word, or a pause phoneme ("_", "_:") at commas and sentence ends.
The turn's audio is cut to [first word start, last word end] and placed sample-exactly, so the
transcript times are espeak-ng's own phoneme boundaries to 1/22050 s (written rounded to 1 ms).
A token that espeak reads as several words ("twenty-nine") spans all of them; a short word espeak
merges into the word before ("for a") takes that word's last phoneme.

Truth file (NAME.truth.json)
----------------------------
    format "undertone-truth", version 1, name, duration (s), sampleRate 8000, channels
    {"agent": 0, "customer": 1}, deadAirThreshold, design, line (the script's noise/echo settings)
    speech      {"agent": [[start, end], ...], "customer": [...]}: speech segments measured from the
                clean sources: 10 ms frames whose RMS is within 30 dB of that source's 95th-percentile
                frame RMS; runs separated by less than 150 ms are bridged into one segment.
    turns       [{index, speaker, channel, start, end, text, words, backchannel, voice{...},
                  labels{sentiment, arousal, ...}}]   (start/end = first word start, last word end)
    silences    every interval of at least 1 s where neither party has speech (measured segments)
                and no hold music plays: {start, end, duration, designed ("silence"|"gap"|"lead"|
                "tail"), lastSpeaker, lastText, nextSpeaker}
    deadAir     the silences with duration >= deadAirThreshold (same fields)
    holds       [{start, end, duration, channel 0, announcement: {text, start, end} | null}]
    overlaps    [{start, end, duration, interrupter, interrupted, kind "interruption"|
                  "backchannel", turn, overlappedTurn}]: for each turn that starts while the other
                party's turn is running, the span where both parties' measured speech overlaps.
    stats       {talkTime {agent, customer, total}, talkRatio {...}, words {agent, customer},
                 wordsPerMinute {agent, customer}, longestTurn {agent, customer}, nonTalkTime, nonTalk
                 [[start, end]], interruptions {agent|customer: {count, totalTime}}, backchannels
                 {agent, customer}}: figures from the measured speech segments; talk time sums a
                 party's segments (total = their union, overlap once); wordsPerMinute = words / that
                 party's talk time; non-talk = holds plus every stretch over 3 s with nobody speaking
                 (Contact Lens's definition); backchannels are not interruptions.
    opening     {window, firstWordLimit, checks {id: bool}, firstAgentWord, evidence {id: [Evidence]}}
                Evidence = {start, end, speaker, text}: the marked words of a check (an empty list when
                the check is designed to fail), the first agent word for firstWordLatency, the dead
                air starting inside the window for noDeadAir. Present only when the script has "opening".
"""
from __future__ import annotations

import argparse
import array
import ctypes
import json
import math
import os
import pickle
import random
import re
import subprocess
import sys
import tempfile
import wave

CLEAN_RATE = 16000
LINE_RATE = 8000
FRAME = 0.010
BRIDGE = 0.150
SPEECH_RANGE_DB = 30.0
MIN_SILENCE = 1.0
PARTIES = ("agent", "customer")
CHANNEL = {"agent": 0, "customer": 1}
VOICE_DEFAULTS = {"voice": "en-us", "rate": 165, "pitch": 50, "range": 50, "volume": 100}

# ---------------------------------------------------------------- espeak-ng through ctypes

_EVENT_PHONEME, _EVENT_LIST_TERMINATED = 7, 0
_AUDIO_OUTPUT_SYNCHRONOUS, _INITIALIZE_PHONEME_EVENTS = 2, 0x0001
_PARAM = {"rate": 1, "volume": 2, "pitch": 3, "range": 4}


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int), ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p), ("id", _EventId),
    ]


_Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


class Speech:
    """One libespeak-ng instance; synthesize() returns samples plus exact per-token times."""

    def __init__(self):
        try:
            self.lib = ctypes.CDLL("libespeak-ng.so.1")
        except OSError as error:
            sys.exit(f"callgen: cannot load libespeak-ng.so.1 ({error}); apt-get install espeak-ng")
        self.rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, None, _INITIALIZE_PHONEME_EVENTS)
        if self.rate <= 0:
            sys.exit("callgen: espeak_Initialize failed")
        self._samples = array.array("h")
        self._events = []
        self._callback = _Callback(self._collect)  # keep a reference: the library holds the pointer
        self.lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav, count, events):
        if wav and count > 0:
            self._samples.frombytes(ctypes.string_at(wav, count * 2))
        i = 0
        while events[i].type != _EVENT_LIST_TERMINATED:
            e = events[i]
            if e.type == _EVENT_PHONEME:
                self._events.append((e.text_position, e.sample, e.id.string.decode("ascii", "replace")))
            i += 1
        return 0

    def synthesize(self, text, voice):
        """Return (samples, tokens) for text; tokens = [(token, start_sample, end_sample)],
        audio cut to [first word start, last word end].

        libespeak-ng carries state from one utterance to the next (the same text comes out a few
        samples different each time), so each turn is synthesized in a forked child of the freshly
        initialized engine: a turn's audio depends only on its text and voice, not on what came before."""
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(read_end)
            try:
                payload = pickle.dumps(self._synthesize(text, voice))
            except SystemExit as failure:
                payload = pickle.dumps(str(failure.code))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            result = pickle.loads(pipe.read())
        os.waitpid(child, 0)
        if isinstance(result, str):
            sys.exit(result)
        return result

    def _synthesize(self, text, voice):
        name = voice["voice"]
        # espeak-ng names British English "en" (file gmw/en); "en-gb" only works on the command line.
        candidates = [name, re.sub(r"^en-gb(?=\+|$)", "en", name)]
        if all(self.lib.espeak_SetVoiceByName(c.encode()) != 0 for c in candidates):
            sys.exit(f"callgen: espeak-ng has no voice {name!r}")
        for key, param in _PARAM.items():
            self.lib.espeak_SetParameter(param, int(voice[key]), 0)
        self._samples = array.array("h")
        self._events = []
        data = text.encode("utf-8")
        self.lib.espeak_Synth(data, len(data) + 1, 0, 1, 0, 0, None, None)
        self.lib.espeak_Synchronize()
        tokens = self._token_spans(text, len(self._samples))
        if not tokens:
            sys.exit(f"callgen: espeak-ng produced no words for {text!r}")
        first, last = tokens[0][1], tokens[-1][2]
        return self._samples[first:last], [(t, s - first, e - first) for t, s, e in tokens]

    def _token_spans(self, text, total):
        """[(token, start, end)] for the script's whitespace tokens: each phoneme event belongs to the
        token holding its text position; a phoneme lasts until the next phoneme event; pauses
        ("_", "_:") belong to no token. espeak sometimes reads a short word with the one before it
        ("for a" -> one word whose last phoneme is the "a"): such a token takes over the last phoneme
        of the token before it."""
        tokens = [(m.start() + 1, m.group()) for m in re.finditer(r"\S+", text)]
        phonemes = self._events
        owned = [[] for _ in tokens]
        for i, (position, sample, name) in enumerate(phonemes):
            if name.startswith("_"):
                continue
            owner = max((k for k, (lo, _) in enumerate(tokens) if lo <= position), default=0)
            following = phonemes[i + 1][1] if i + 1 < len(phonemes) else total
            owned[owner].append((sample, following))
        for k in range(1, len(tokens)):
            if not owned[k] and len(owned[k - 1]) >= 2 and tokens[k][1][0].isalnum():
                owned[k].append(owned[k - 1].pop())
        return [(token, spans[0][0], spans[-1][1]) for (_, token), spans in zip(tokens, owned) if spans]


# ---------------------------------------------------------------- sox helpers

def sox(*args):
    """Run sox repeatably (-R: fixed random seed) without dither (-D)."""
    result = subprocess.run(["sox", "-R", "-D", *map(str, args)], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"callgen: sox {' '.join(map(str, args))} failed: {result.stderr.strip()}")


def write_f32(path, samples):
    with open(path, "wb") as f:
        array.array("f", samples).tofile(f)


def read_f32(path):
    data = array.array("f")
    with open(path, "rb") as f:
        data.frombytes(f.read())
    return data


def raw_args(rate, channels=1):
    return ["-t", "f32", "-r", rate, "-c", channels]


# C - Am - F - G: plucked bass, two sustained sine notes kept above the 300 Hz telephone cut-off,
# plucked top note.
CHORDS = [("C3", "E4", "G4", "C5"), ("A2", "E4", "A4", "C5"), ("F2", "A4", "C5", "F5"), ("G2", "B4", "D5", "G5")]
MELODY = ["E5", "G5", "C5", "D5", "E5", "C5", "A4", "G4"]


def music(seconds, rate, work):
    """Hold music: plucked bass + sine pad chords changing every 0.75 s and a plucked melody,
    synthesized with sox (deterministic with -R)."""
    step = 0.75
    parts = []
    count = max(1, math.ceil(seconds / step))
    for i in range(count):
        bass, third, fifth, top = CHORDS[(i // 2) % len(CHORDS)]
        melody = MELODY[i % len(MELODY)]
        path = os.path.join(work, f"chord-{i % 8}-{(i // 2) % 4}.f32")
        if not os.path.exists(path):
            sox("-n", *raw_args(rate), path, "synth", step, "pluck", bass, "sine", third, "sine", fifth,
                "pluck", top, "pluck", melody, "remix", "-", "fade", "q", 0.01, step, 0.01, "vol", 0.35)
        parts.extend(read_f32(path))
    return parts[: int(round(seconds * rate))]


# ---------------------------------------------------------------- analysis helpers

def frame_levels(samples, rate):
    """RMS of each 10 ms frame."""
    n = int(round(rate * FRAME))
    levels = []
    for i in range(0, len(samples) - n + 1, n):
        chunk = samples[i:i + n]
        levels.append(math.sqrt(sum(x * x for x in chunk) / n))
    return levels


def speech_segments(samples, rate):
    """Segments per the documented rule: frames within 30 dB of the 95th-percentile frame RMS,
    runs less than 150 ms apart bridged."""
    levels = frame_levels(samples, rate)
    voiced = sorted(l for l in levels if l > 0)
    if not voiced:
        return []
    reference = voiced[int(0.95 * (len(voiced) - 1))]
    threshold = reference * 10 ** (-SPEECH_RANGE_DB / 20)
    segments = []
    for i, level in enumerate(levels):
        if level >= threshold:
            start, end = i * FRAME, (i + 1) * FRAME
            if segments and start - segments[-1][1] < BRIDGE - 1e-9:
                segments[-1][1] = end
            else:
                segments.append([start, end])
    return [[round(s, 3), round(e, 3)] for s, e in segments]


def intersect(a, b):
    """Intersection of two sorted interval lists."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append([lo, hi])
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def union(intervals):
    merged = []
    for s, e in sorted(intervals):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return merged


def complement(intervals, start, end):
    out, cursor = [], start
    for s, e in union(intervals):
        if s > cursor:
            out.append([cursor, s])
        cursor = max(cursor, e)
    if cursor < end:
        out.append([cursor, end])
    return out


def normalize(text):
    return re.sub(r"[^\w' ]+", "", text.lower()).split()


# ---------------------------------------------------------------- the generator

class Call:
    def __init__(self, script, speech):
        self.script = script
        self.speech = speech
        self.rate = speech.rate
        self.gap = float(script.get("gap", 0.6))
        self.turns, self.holds, self.silence_events = [], [], []
        self.placed = {"agent": [], "customer": [], "music": []}  # (start_sample, samples)

    def voice_for(self, speaker, overrides):
        voice = dict(VOICE_DEFAULTS)
        voice.update(self.script.get("voices", {}).get(speaker, {}))
        voice.update({k: overrides[k] for k in VOICE_DEFAULTS if k in overrides})
        return voice

    def layout(self):
        """Place every event on the timeline (times in seconds, sample-exact at the synth rate)."""
        cursor = float(self.script.get("lead", 0.5))  # end of the last sound so far
        floor_turn = None
        default_offset = self.gap
        for number, event in enumerate(self.script["events"]):
            if not isinstance(event, dict) or not ({"silence", "hold", "speaker"} & set(event)):
                sys.exit(f"callgen: event {number}: expected a turn (speaker, text), a silence or a hold")
            if "silence" in event:
                self.silence_events.append((cursor, cursor + float(event["silence"])))
                cursor += float(event["silence"])
                default_offset = 0.0
                continue
            offset = float(event.get("offset", default_offset))
            default_offset = self.gap
            if "hold" in event:
                cursor = self.place_hold(event, self.snap(cursor + offset))
                continue
            speaker = event["speaker"]
            if speaker not in PARTIES:
                sys.exit(f"callgen: unknown speaker {speaker!r} (agent or customer)")
            anchor = cursor
            if event.get("anchor") == "start":
                if floor_turn is None:
                    sys.exit("callgen: anchor 'start' needs a previous turn")
                anchor = floor_turn["start"]
            turn = self.place_turn(event, speaker, self.snap(anchor + offset))
            cursor = max(cursor, turn["end"])
            if not turn["backchannel"]:
                floor_turn = turn
        self.duration = self.snap(cursor + float(self.script.get("tail", 0.8)))

    def snap(self, seconds):
        if seconds < 0:
            sys.exit(f"callgen: an event would start before the call ({seconds:.3f} s)")
        return round(seconds * self.rate) / self.rate

    def place_turn(self, event, speaker, start):
        voice = self.voice_for(speaker, event)
        samples, tokens = self.speech.synthesize(event["text"], voice)
        first = int(round(start * self.rate))
        self.placed[speaker].append((first, samples))
        words = [{"text": t, "start": (first + s) / self.rate, "end": (first + e) / self.rate} for t, s, e in tokens]
        labels = dict(event.get("labels", {}))
        for key in ("sentiment", "arousal"):
            if key in event:
                labels[key] = event[key]
        turn = {
            "index": len(self.turns), "speaker": speaker, "channel": CHANNEL[speaker],
            "start": words[0]["start"], "end": words[-1]["end"], "text": event["text"],
            "backchannel": bool(event.get("backchannel", False)), "voice": voice, "labels": labels,
            "words": words, "marks": event.get("marks", {}),
        }
        self.turns.append(turn)
        return turn

    def place_hold(self, event, start):
        seconds = float(event["hold"])
        first = int(round(start * self.rate))
        track = music(seconds, self.rate, self.work)
        announcement = None
        spec = event.get("announcement")
        if spec:
            voice = self.voice_for("agent", spec)
            samples, tokens = self.speech.synthesize(spec["text"], voice)
            at = int(round(float(spec.get("at", 1.0)) * self.rate))
            gain = float(spec.get("gain", 0.6))
            for i, x in enumerate(samples[: max(0, len(track) - at)]):
                track[at + i] += gain * x / 32768.0
            announcement = {"text": spec["text"], "start": (first + at) / self.rate,
                            "end": (first + at + len(samples)) / self.rate}
        self.placed["music"].append((first, track))
        self.holds.append({"start": start, "end": start + len(track) / self.rate, "channel": 0,
                           "announcement": announcement})
        return start + len(track) / self.rate

    def track(self, name):
        length = int(round(self.duration * self.rate))
        out = array.array("f", bytes(4 * length))
        for first, samples in self.placed[name]:
            scale = 1.0 if name == "music" else 1 / 32768.0
            for i, x in enumerate(samples):
                out[first + i] += x * scale
        return out

    # ------------------------------------------------------------ rendering

    def render(self, out_dir, clean_dir, name):
        tracks = {name_: self.track(name_) for name_ in ("agent", "customer", "music")}
        line = {}
        for key, samples in tracks.items():
            raw = os.path.join(self.work, f"{key}.f32")
            write_f32(raw, samples)
            sox(*raw_args(self.rate), raw, "-b", 16, os.path.join(clean_dir, f"{name}.{key}.wav"), "rate", "-v", CLEAN_RATE)
            band = os.path.join(self.work, f"{key}.line.f32")
            sox(*raw_args(self.rate), raw, *raw_args(LINE_RATE), band, "sinc", "300-3400", "rate", "-v", LINE_RATE)
            line[key] = read_f32(band)
        self.measure(clean_dir, name)
        channels = self.line_mix(line)
        stereo = array.array("f", [0.0] * (2 * len(channels[0])))
        stereo[0::2], stereo[1::2] = channels[0], channels[1]
        mixed = os.path.join(self.work, "mix.f32")
        write_f32(mixed, stereo)
        sox(*raw_args(LINE_RATE, 2), mixed, "-e", "u-law", "-b", 8, os.path.join(out_dir, f"{name}.wav"))

    def line_mix(self, line):
        n = min(len(v) for v in line.values())
        agent, customer, music_ = (line[k][:n] for k in ("agent", "customer", "music"))
        channels = [array.array("f", (a + m for a, m in zip(agent, music_))), array.array("f", customer)]
        spec = self.script.get("line", {})
        echo = spec.get("echo")
        if echo:
            gain = 10 ** (float(echo.get("level", -30)) / 20)
            delay = int(round(float(echo.get("delay", 0.006)) * LINE_RATE))
            for target, source in ((channels[0], customer), (channels[1], agent)):
                for i in range(delay, n):
                    target[i] += gain * source[i - delay]
        noise = spec.get("noise")
        if noise:
            per_party = noise if set(noise) <= set(PARTIES) else {p: noise for p in PARTIES}
            rng = random.Random(int(self.script.get("seed", 1)))
            for party, source in (("agent", agent), ("customer", customer)):
                if party in per_party:
                    self.add_noise(channels[CHANNEL[party]], source, self.truth_speech[party], per_party[party], rng)
        peak = max(max(abs(x) for x in c) for c in channels)
        if peak > 0.9:  # both channels share the gain so their level relation stays as designed
            for c in channels:
                for i in range(n):
                    c[i] *= 0.9 / peak
        return channels

    def add_noise(self, channel, speech, segments, spec, rng):
        """Band-limited white or pink noise at spec["snr"] dB below the channel's speech RMS."""
        n = len(channel)
        white = [rng.gauss(0.0, 1.0) for _ in range(n)]
        if spec.get("type", "white") == "pink":  # Paul Kellet's economy pink filter
            b0 = b1 = b2 = 0.0
            for i, w in enumerate(white):
                b0 = 0.99765 * b0 + w * 0.0990460
                b1 = 0.96300 * b1 + w * 0.2965164
                b2 = 0.57000 * b2 + w * 1.0526913
                white[i] = b0 + b1 + b2 + w * 0.1848
        raw = os.path.join(self.work, "noise.f32")
        band = os.path.join(self.work, "noise.line.f32")
        write_f32(raw, white)
        sox(*raw_args(LINE_RATE), raw, band, "sinc", "300-3400")
        noise = read_f32(band)[:n]
        speech_power = sum(sum(x * x for x in speech[int(s * LINE_RATE):int(e * LINE_RATE)]) for s, e in segments)
        speech_count = sum(int(e * LINE_RATE) - int(s * LINE_RATE) for s, e in segments)
        noise_rms = math.sqrt(sum(x * x for x in noise) / len(noise))
        gain = math.sqrt(speech_power / max(1, speech_count)) / 10 ** (float(spec["snr"]) / 20) / noise_rms
        for i in range(len(noise)):
            channel[i] += gain * noise[i]

    def measure(self, clean_dir, name):
        self.truth_speech = {}
        for party in PARTIES:
            with wave.open(os.path.join(clean_dir, f"{name}.{party}.wav")) as w:
                pcm = array.array("h", w.readframes(w.getnframes()))
            self.truth_speech[party] = speech_segments([x / 32768.0 for x in pcm], CLEAN_RATE)

    # ------------------------------------------------------------ outputs

    def truth(self, name):
        threshold = float(self.script.get("deadAirThreshold", 5.0))
        r3 = lambda x: round(x, 3)
        sounds = self.truth_speech["agent"] + self.truth_speech["customer"] + [[h["start"], h["end"]] for h in self.holds]
        silences = []
        for s, e in complement(sounds, 0.0, self.duration):
            if e - s < MIN_SILENCE:
                continue
            before = [t for t in self.turns if t["end"] <= s + 0.02]
            after = [t for t in self.turns if t["start"] >= e - 0.02]
            designed = "gap"
            if s < 0.02:
                designed = "lead"
            elif e > self.duration - 0.02:
                designed = "tail"
            elif any(ds <= e and de >= s for ds, de in self.silence_events):
                designed = "silence"
            last = max(before, key=lambda t: t["end"]) if before else None
            silences.append({
                "start": r3(s), "end": r3(e), "duration": r3(e - s), "designed": designed,
                "lastSpeaker": last["speaker"] if last else None, "lastText": last["text"] if last else None,
                "nextSpeaker": min(after, key=lambda t: t["start"])["speaker"] if after else None,
            })
        truth = {
            "format": "undertone-truth", "version": 1, "name": name, "duration": r3(self.duration),
            "sampleRate": LINE_RATE, "channels": CHANNEL, "deadAirThreshold": threshold,
            "design": self.script.get("design", {}), "line": self.script.get("line", {}),
            "speechRule": "10 ms frames within 30 dB of the source's 95th-percentile frame RMS; gaps < 150 ms bridged",
            "speech": self.truth_speech,
            "turns": [{
                "index": t["index"], "speaker": t["speaker"], "channel": t["channel"], "start": r3(t["start"]),
                "end": r3(t["end"]), "text": t["text"], "words": len(t["words"]), "backchannel": t["backchannel"],
                "voice": t["voice"], "labels": t["labels"],
            } for t in self.turns],
            "silences": silences,
            "deadAir": [s for s in silences if s["duration"] >= threshold and s["designed"] not in ("lead", "tail")],
            "holds": [{"start": r3(h["start"]), "end": r3(h["end"]), "duration": r3(h["end"] - h["start"]),
                       "channel": 0, "announcement": h["announcement"] and {
                           "text": h["announcement"]["text"], "start": r3(h["announcement"]["start"]),
                           "end": r3(h["announcement"]["end"])}} for h in self.holds],
            "overlaps": self.overlaps(),
        }
        truth["stats"] = self.stats(truth)
        if "opening" in self.script:
            truth["opening"] = self.opening(truth)
        return truth

    def stats(self, truth):
        """Contact Lens-style figures from the measured speech: talk time (overlap counted once in the
        total), words per minute of that speaker's talk time, non-talk time = holds plus every stretch
        over 3 s where neither party speaks, interruptions per interrupter (backchannels excluded)."""
        r3 = lambda x: round(x, 3)
        talk = {p: sum(e - s for s, e in self.truth_speech[p]) for p in PARTIES}
        both = union(self.truth_speech["agent"] + self.truth_speech["customer"])
        quiet = [i for i in complement(both, 0.0, self.duration) if i[1] - i[0] > 3.0]
        non_talk = union(quiet + [[h["start"], h["end"]] for h in self.holds])
        interruptions = [o for o in truth["overlaps"] if o["kind"] == "interruption"]
        words = {p: sum(len(t["words"]) for t in self.turns if t["speaker"] == p) for p in PARTIES}
        return {
            "talkTime": {**{p: r3(talk[p]) for p in PARTIES}, "total": r3(sum(e - s for s, e in both))},
            "talkRatio": {**{p: r3(talk[p] / self.duration) for p in PARTIES},
                          "total": r3(sum(e - s for s, e in both) / self.duration)},
            "words": words,
            "wordsPerMinute": {p: round(60 * words[p] / talk[p], 1) if talk[p] else None for p in PARTIES},
            "longestTurn": {p: r3(max((t["end"] - t["start"] for t in self.turns if t["speaker"] == p), default=0.0))
                            for p in PARTIES},
            "nonTalkTime": r3(sum(e - s for s, e in non_talk)),
            "nonTalk": [[r3(s), r3(e)] for s, e in non_talk],
            "interruptions": {p: {"count": sum(o["interrupter"] == p for o in interruptions),
                                  "totalTime": r3(sum(o["duration"] for o in interruptions if o["interrupter"] == p))}
                              for p in PARTIES},
            "backchannels": {p: sum(o["interrupter"] == p and o["kind"] == "backchannel" for o in truth["overlaps"])
                             for p in PARTIES},
        }

    def overlaps(self):
        out = []
        for turn in self.turns:
            for other in self.turns:
                if other["speaker"] == turn["speaker"] or not (other["start"] < turn["start"] < other["end"]):
                    continue
                span = [[turn["start"], min(turn["end"], other["end"])]]
                both = intersect(intersect(self.truth_speech[turn["speaker"]], self.truth_speech[other["speaker"]]), span)
                if not both:
                    continue
                s, e = both[0][0], both[-1][1]
                out.append({
                    "start": round(s, 3), "end": round(e, 3), "duration": round(e - s, 3),
                    "interrupter": turn["speaker"], "interrupted": other["speaker"],
                    "kind": "backchannel" if turn["backchannel"] else "interruption",
                    "turn": turn["index"], "overlappedTurn": other["index"],
                })
        return sorted(out, key=lambda o: o["start"])

    def opening(self, truth):
        spec = self.script["opening"]
        window = float(spec.get("window", 30))
        evidence = {}
        for turn in self.turns:
            for check, phrase in turn["marks"].items():
                evidence.setdefault(check, []).append(self.find_phrase(turn, phrase))
        agent_words = [w for t in self.turns if t["speaker"] == "agent" for w in t["words"]]
        first = min(agent_words, key=lambda w: w["start"]) if agent_words else None
        if first:
            evidence["firstWordLatency"] = [{"start": round(first["start"], 3), "end": round(first["end"], 3),
                                             "speaker": "agent", "text": first["text"]}]
        evidence["noDeadAir"] = [{"start": d["start"], "end": d["end"], "speaker": None, "text": ""}
                                 for d in truth["deadAir"] if d["start"] < window]
        for check in spec.get("checks", {}):
            evidence.setdefault(check, [])
        return {"window": window, "firstWordLimit": float(spec.get("firstWordLimit", 5.0)), "checks": spec.get("checks", {}),
                "firstAgentWord": round(first["start"], 3) if first else None, "evidence": evidence}

    @staticmethod
    def find_phrase(turn, phrase):
        target = normalize(phrase)
        words = [normalize(w["text"]) for w in turn["words"]]
        flat = [(i, part) for i, parts in enumerate(words) for part in parts]
        for k in range(len(flat) - len(target) + 1):
            if [p for _, p in flat[k:k + len(target)]] == target:
                first, last = turn["words"][flat[k][0]], turn["words"][flat[k + len(target) - 1][0]]
                text = " ".join(w["text"] for w in turn["words"][flat[k][0]:flat[k + len(target) - 1][0] + 1])
                return {"start": round(first["start"], 3), "end": round(last["end"], 3),
                        "speaker": turn["speaker"], "text": text}
        sys.exit(f"callgen: mark {phrase!r} not found in turn {turn['index']}: {turn['text']!r}")

    def transcript(self):
        words = sorted(({"speaker": t["speaker"], "channel": t["channel"], "start": round(w["start"], 3),
                         "end": round(w["end"], 3), "text": w["text"], "confidence": 1.0}
                        for t in self.turns for w in t["words"]), key=lambda w: (w["start"], w["channel"]))
        return {"format": "undertone", "words": words}

    def webvtt(self):
        def stamp(t):
            ms = int(round(t * 1000))
            return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
        lines = ["WEBVTT", ""]
        for t in sorted(self.turns, key=lambda t: t["start"]):
            lines += [f"{stamp(t['start'])} --> {stamp(t['end'])}", f"<v {t['speaker'].capitalize()}>{t['text']}", ""]
        return "\n".join(lines)


def generate(script_path, out_dir, clean_dir, speech):
    try:
        with open(script_path) as f:
            script = json.load(f)
    except (OSError, json.JSONDecodeError) as error:
        sys.exit(f"callgen: {script_path}: {error}")
    if not isinstance(script, dict) or not isinstance(script.get("events"), list):
        sys.exit(f"callgen: {script_path}: a script is a JSON object with an \"events\" list")
    name = script.get("name") or os.path.basename(script_path).removesuffix(".script.json").removesuffix(".json")
    os.makedirs(out_dir, exist_ok=True)
    os.makedirs(clean_dir, exist_ok=True)
    call = Call(script, speech)
    with tempfile.TemporaryDirectory(prefix="callgen-") as work:
        call.work = work
        call.layout()
        call.render(out_dir, clean_dir, name)
    outputs = {
        f"{name}.json": call.transcript(),
        f"{name}.meta.json": script.get("meta", {}),
        f"{name}.truth.json": call.truth(name),
    }
    for file, obj in outputs.items():
        with open(os.path.join(out_dir, file), "w") as f:
            json.dump(obj, f, indent=1)
            f.write("\n")
    with open(os.path.join(out_dir, f"{name}.vtt"), "w") as f:
        f.write(call.webvtt())
    return name, call


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scripts", nargs="+", help="call script(s), JSON")
    parser.add_argument("--out", default=".", help="output folder (default: current)")
    parser.add_argument("--clean-dir", help="folder for the clean 16 kHz sources (default: OUT/clean)")
    args = parser.parse_args()
    speech = Speech()
    for path in args.scripts:
        name, call = generate(path, args.out, args.clean_dir or os.path.join(args.out, "clean"), speech)
        print(f"{name}: {call.duration:.2f} s, {len(call.turns)} turns, {len(call.holds)} holds")


if __name__ == "__main__":
    main()
