#!/usr/bin/env python3
"""Generate evaluation calls for the DSP core: two espeak-ng voices in a dialogue, hold music, tones.

For each SNR in 6, 10, 20, 30 dB writes (into --out, default /tmp/undertone-eval):
  call-snrNN.wav         stereo 8 kHz mu-law: ch0 agent, ch1 customer; 300-3400 Hz band-pass, the other party's
                         line echo 30 dB down (20 ms delay), band-limited noise at NN dB below the active speech level
  call-snrNN.truth.npz   per-channel ground truth on the 10 ms frame grid: speech (from the clean source), music
plus the clean 16 kHz sources clean-ch0.wav / clean-ch1.wav (speech only) used for Praat's reference pitch,
and music.wav: 60 s of hold music, tones and DTMF alone (telephone band, mu-law).
Every run with the same --seed writes the same files.
"""
import argparse, os, subprocess, tempfile
import numpy as np

RATE = 16000
FRAME = 0.01

AGENT_LINES = [
    "Thank you for calling Northwind support, my name is Alex. How can I help you today?",
    "I'm sorry to hear that. Could you give me the account number, please?",
    "Thanks. I can see the order here. It was shipped on Monday and should arrive by Thursday.",
    "Let me put you on hold for a moment while I check with the warehouse.",
    "Thank you for waiting. The parcel is at the local depot and will be delivered tomorrow morning.",
    "Is there anything else I can help you with today?",
    "You're welcome. Have a lovely afternoon, goodbye.",
]
CUSTOMER_LINES = [
    "Hi, yes. My order hasn't arrived yet and I was told it would be here last week.",
    "Sure, it's seven four two nine, one one eight.",
    "Thursday? That's really not good enough, I needed it for the weekend.",
    "Okay, fine.",
    "Great, that's much better news. Thank you so much for sorting it out.",
    "No, that's everything. Thanks again.",
]


def espeak(text, voice, speed):
    with tempfile.NamedTemporaryFile(suffix=".wav") as raw, tempfile.NamedTemporaryFile(suffix=".wav") as out:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", raw.name, text], check=True)
        subprocess.run(["sox", raw.name, "-r", str(RATE), "-b", "32", "-e", "floating-point", out.name], check=True)
        return read_wav(out.name)


def read_wav(path):
    data = subprocess.run(["sox", path, "-t", "f32", "-c", "1", "-"], check=True, capture_output=True).stdout
    return np.frombuffer(data, dtype=np.float32).astype(np.float64)


def write_wav(path, x, rate, channels=1, encoding=("-e", "floating-point", "-b", "32")):
    raw = np.asarray(x, dtype=np.float32).tobytes()
    subprocess.run(["sox", "-t", "f32", "-r", str(rate), "-c", str(channels), "-", *encoding, path],
                   input=raw, check=True)


def note_hz(midi):
    return 440.0 * 2 ** ((midi - 69) / 12)


def hold_music(seconds, rng, tempo=96):
    """Chords (decaying harmonic tones), a vibrato melody, a bass line and a soft hi-hat, like hold music."""
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    out = np.zeros(n)
    beat = 60.0 / tempo
    progression = [[60, 64, 67], [57, 60, 64], [53, 57, 60], [55, 59, 62]]  # C Am F G
    bar = 4 * beat
    for b in range(int(seconds / bar) + 1):
        chord = progression[b % 4]
        start = b * bar
        for k, m in enumerate(chord):
            for half in range(2):  # chord struck twice per bar
                s = int((start + half * 2 * beat) * RATE)
                length = min(int(2 * beat * RATE), n - s)
                if length <= 0:
                    continue
                tt = np.arange(length) / RATE
                env = np.exp(-tt * 1.5) * (1 - np.exp(-tt * 200))
                tone = sum(np.sin(2 * np.pi * note_hz(m) * h * tt) / h ** 1.3 for h in range(1, 7))
                out[s:s + length] += 0.12 * env * tone
        bass = chord[0] - 24
        s = int(start * RATE)
        length = min(int(bar * RATE), n - s)
        if length > 0:
            tt = np.arange(length) / RATE
            out[s:s + length] += 0.15 * np.exp(-tt * 0.8) * sum(
                np.sin(2 * np.pi * note_hz(bass) * h * tt) / h for h in range(1, 5))
    melody = [72, 74, 76, 79, 77, 76, 74, 72, 69, 71, 72, 74, 76, 74, 72, 71]
    for i in range(int(seconds / beat)):
        s = int(i * beat * RATE)
        length = min(int(beat * RATE), n - s)
        tt = np.arange(length) / RATE
        f = note_hz(melody[i % len(melody)]) * (1 + 0.006 * np.sin(2 * np.pi * 5.5 * tt))
        phase = 2 * np.pi * np.cumsum(f) / RATE
        env = np.minimum(1, tt * 30) * np.exp(-tt * 2)
        out[s:s + length] += 0.1 * env * (np.sin(phase) + 0.3 * np.sin(2 * phase) + 0.15 * np.sin(3 * phase))
        hat = rng.standard_normal(length) * np.exp(-tt * 60) * 0.03
        out[s:s + length] += np.diff(np.concatenate([[0], hat]))  # bright: high-passed noise
    return out


def tones(seconds, rng):
    """Ring-back tone bursts (440+480 Hz), a 1 kHz beep, then DTMF digits."""
    n = int(seconds * RATE)
    out = np.zeros(n)
    t = np.arange(n) / RATE
    third = n // 3
    ring = (np.sin(2 * np.pi * 440 * t) + np.sin(2 * np.pi * 480 * t)) * 0.15
    gate = ((t % 3.0) < 1.0)
    out[:third] = (ring * gate)[:third]
    beep = 0.3 * np.sin(2 * np.pi * 1000 * t) * ((t % 1.0) < 0.5)
    out[third:2 * third] = beep[third:2 * third]
    rows, cols = [697, 770, 852, 941], [1209, 1336, 1477]
    s = 2 * third
    while s + int(0.2 * RATE) < n:
        r, c = rng.choice(rows), rng.choice(cols)
        tt = np.arange(int(0.12 * RATE)) / RATE
        out[s:s + len(tt)] = 0.15 * (np.sin(2 * np.pi * r * tt) + np.sin(2 * np.pi * c * tt))
        s += int(0.2 * RATE)
    return out


def telephone(x, rate_in=RATE):
    """300-3400 Hz band-pass and resampling to 8 kHz through sox (linear phase, no delay)."""
    with tempfile.NamedTemporaryFile(suffix=".wav") as a, tempfile.NamedTemporaryFile(suffix=".wav") as b:
        write_wav(a.name, x, rate_in)
        subprocess.run(["sox", a.name, "-r", "8000", b.name, "sinc", "300-3400", "rate", "-v", "8000"], check=True)
        return read_wav(b.name)


def frame_truth(clean, rate, n_frames, floor_db=-40.0, bridge=0.2):
    """Speech on the 10 ms grid: clean level within 40 dB of its peak, pauses under 200 ms bridged."""
    hop = int(rate * FRAME)
    half = hop
    level = np.full(n_frames, -200.0)
    for i in range(n_frames):
        seg = clean[max(0, i * hop - half): i * hop + half]
        if len(seg):
            level[i] = 10 * np.log10(np.mean(seg ** 2) + 1e-20)
    if level.max() < -150:
        return np.zeros(n_frames, dtype=bool)
    active = level > level.max() + floor_db
    idx = np.flatnonzero(active)
    speech = active.copy()
    max_gap = int(round(bridge / FRAME))
    for a, b in zip(idx[:-1], idx[1:]):
        if 1 < b - a <= max_gap:
            speech[a:b] = True
    return speech


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="/tmp/undertone-eval")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--voices", nargs=2, default=["en-us+m3", "en-gb+f4"], metavar=("AGENT", "CUSTOMER"),
                    help="espeak-ng voices (the held-out set uses en-gb-x-rp+m5 en-us+f2)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)

    # Dialogue layout: alternate turns, agent first, with gaps 0.3-1.2 s; hold music after agent line 4.
    voices = [(args.voices[0], 160), (args.voices[1], 170)]
    speech = [np.zeros(0), np.zeros(0)]
    music_track = np.zeros(0)
    cursor = 0.5
    events = []  # (channel, start_s, samples, kind)
    a, c = 0, 0
    turn = 0
    while a < len(AGENT_LINES) or c < len(CUSTOMER_LINES):
        ch = turn % 2
        if ch == 0 and a < len(AGENT_LINES):
            x = espeak(AGENT_LINES[a], *voices[0]); a += 1
            events.append((0, cursor, x, "speech")); cursor += len(x) / RATE
            if a == 4:
                cursor += 0.6
                m = hold_music(20.0, rng)
                events.append((0, cursor, m, "music")); cursor += len(m) / RATE
                tn = tones(9.0, rng)
                events.append((0, cursor, tn, "music")); cursor += len(tn) / RATE
        elif ch == 1 and c < len(CUSTOMER_LINES):
            x = espeak(CUSTOMER_LINES[c], *voices[1]); c += 1
            events.append((1, cursor, x, "speech")); cursor += len(x) / RATE
        cursor += rng.uniform(0.3, 1.2)
        turn += 1
    total = int((cursor + 0.5) * RATE)
    clean = np.zeros((2, total))
    music = np.zeros((2, total))
    for ch, start, x, kind in events:
        s = int(start * RATE)
        (clean if kind == "speech" else music)[ch, s:s + len(x)] += x
    # Normalise speech to about -20 dBFS peak-ish, music a bit quieter.
    for ch in range(2):
        clean[ch] *= 0.3 / np.max(np.abs(clean[ch]))
    music *= 0.25 / max(1e-9, np.max(np.abs(music)))
    for ch in range(2):
        write_wav(os.path.join(args.out, f"clean-ch{ch}.wav"), clean[ch], RATE)

    n8 = total // 2
    n_frames = (n8 + 79) // 80
    truth_speech = np.stack([frame_truth(clean[ch], RATE, n_frames) for ch in range(2)])
    truth_music = np.stack([frame_truth(music[ch], RATE, n_frames, bridge=0.5) for ch in range(2)])

    tel_own = np.stack([telephone(clean[ch] + music[ch])[:n8] for ch in range(2)])
    tel_speech = np.stack([telephone(clean[ch])[:n8] for ch in range(2)])
    delay = int(0.02 * 8000)
    for snr in (6, 10, 20, 30):
        mixed = np.zeros((2, n8))
        for ch in range(2):
            other = tel_own[1 - ch]
            echo = np.concatenate([np.zeros(delay), other[:-delay]]) * 10 ** (-30 / 20)
            active = tel_speech[ch][np.abs(tel_speech[ch]) > 1e-4]
            speech_power = np.mean(active ** 2)
            noise = telephone(rng.standard_normal(total) * 0.1)[:n8]
            # Mix of white and pink-ish noise, like line hiss plus hum-free room noise.
            pink = np.cumsum(rng.standard_normal(n8)); pink -= np.convolve(pink, np.ones(400) / 400, "same")
            pink = telephone(np.repeat(0.1 * pink / np.std(pink), 2)[:total])[:n8]
            noise = noise / np.std(noise) + 0.5 * pink / np.std(pink)
            noise *= np.sqrt(speech_power / 10 ** (snr / 10) / np.mean(noise ** 2))
            mixed[ch] = tel_own[ch] + echo + noise
        peak = np.max(np.abs(mixed))
        if peak > 0.99:
            mixed *= 0.99 / peak
        path = os.path.join(args.out, f"call-snr{snr:02d}.wav")
        write_wav(path, mixed.T.reshape(-1), 8000, channels=2, encoding=("-e", "u-law"))
        np.savez(os.path.join(args.out, f"call-snr{snr:02d}.truth.npz"), speech=truth_speech, music=truth_music)
    # Clean telephone version (no noise, no echo) for the pitch comparison without degradations.
    write_wav(os.path.join(args.out, "call-clean.wav"), tel_own.T.reshape(-1), 8000, channels=2, encoding=("-e", "u-law"))
    np.savez(os.path.join(args.out, "call-clean.truth.npz"), speech=truth_speech, music=truth_music)

    # Music alone: hold music, then tones, telephone band, mu-law.
    m = np.concatenate([hold_music(45.0, rng), tones(15.0, rng)])
    m *= 0.3 / np.max(np.abs(m))
    write_wav(os.path.join(args.out, "music.wav"), telephone(m), 8000, encoding=("-e", "u-law"))
    print(f"wrote calls of {total / RATE:.1f} s to {args.out}")


if __name__ == "__main__":
    main()
