#!/usr/bin/env python3
"""Build the real-audio development set (issue 10) into a folder outside git (default /work/realaudio).

Only recordings made by people (see README.md beside this file for every source and its licence):
  speech   the TEN VAD test set (30 files, human frame labels) from a local git snapshot of TEN-framework/ten-vad
           (--ten-repo; CI cannot fetch GitHub), pyannote.audio's real two-party phone sample (PyPI wheel), and
           recorded IVR prompts of five voices (Debian asterisk-core-sounds-*; labels from their level)
  music    30 s excerpts of recorded tracks from Debian packages (hold music, orchestral, electronic, piano-led,
           metal songs with sung vocals, instrumental rock)
  tones    ringback and DTMF (sox-generated)
  announce real speech from the set (TEN, IVR prompts) over music, 8 dB above it, as a hold announcement
  calls    stereo two-party calls from the real speech, taking turns, with hold segments (music, ringback,
           announcement over music) on the agent channel while nobody talks; one call per split has no hold;
           a line noise floor 66 dB below full scale on both channels
Each item goes through channel conditions: orig16k (16 kHz PCM, only 16 kHz speech and music), tel (300-3400 Hz,
8 kHz mu-law), gsm (tel through GSM 6.10 and back to mu-law), tel-snr20 / tel-snr10 (speech only: pink noise at
20 / 10 dB below the active speech level, then tel).
Split: every source item is assigned to "tuning" or "heldout" deterministically (sha1 order within each source and
kind, alternating), and calls and announcements are built only from material of their own split.
Writes OUT/manifest.json (labels per file: speech and music segments per channel, hold spans, condition, split),
OUT/hour.wav (one-hour stereo call for speed), then the empty file OUT/READY.
Usage: build_set.py [--out /work/realaudio] [--ten-repo /work/.mirror/TEN-framework+ten-vad/repo] [--cache DIR]
"""
import argparse, hashlib, json, os, shutil, subprocess, sys, tempfile, zipfile
import numpy as np
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "peers"))
from scoring import segments_to_frames  # noqa: E402

RATE = 16000
FRAME = 0.01
TEN_FILES = 30
PYANNOTE = "pyannote.audio==4.0.7"

# Debian packages of recorded music: (package, licence, [(path inside the package, kind)]).
# Kinds: hold (light instrumental music-on-hold), orchestral, electronic, piano (piano-led), song (with sung
# vocals), rock (instrumental). Fret-on-Fire songs are a backing track plus a guitar track: both are mixed.
MOH = "usr/share/asterisk/moh/"
WESNOTH = "usr/share/games/wesnoth/1.16/data/core/music/"
SINGULARITY = "usr/share/games/singularity/music/"
HYPERROGUE = "usr/share/hyperrogue/music/"
MULDJORD = "usr/share/games/fretsonfire/data/songs/muldjord/"
SECTOID = "usr/share/games/fretsonfire/data/songs/sectoid/"
MUSIC = [
    ("asterisk-moh-opsound-wav", "CC-BY-SA-3.0", [
        (MOH + "macroform-cold_day.wav", "hold"), (MOH + "macroform-robot_dity.wav", "hold"),
        (MOH + "macroform-the_simplicity.wav", "hold"), (MOH + "manolo_camp-morning_coffee.wav", "hold"),
        (MOH + "reno_project-system.wav", "hold")]),
    ("wesnoth-1.16-music", "GPL-2+", [
        (WESNOTH + n + ".ogg", "orchestral") for n in (
            "elvish-theme", "journeys_end", "legends_of_the_north", "love_theme", "main_menu",
            "northern_mountains", "silvan_sanctuary", "traveling_minstrels", "the_king_is_dead", "revelation")]),
    ("singularity-music", "CC-BY-SA-3.0", [
        (SINGULARITY + n + ".ogg", "electronic") for n in ("Awakening", "Coherence", "Nebula", "Through Space")]),
    ("hyperrogue-music", "CC-BY-SA-3.0", [
        (HYPERROGUE + "hr-savino-ivory.ogg", "piano"), (HYPERROGUE + "hr-savino-palace.ogg", "piano"),
        (HYPERROGUE + "hr3-caves.ogg", "electronic"), (HYPERROGUE + "hr-domina-mountain.ogg", "orchestral")]),
    ("fretsonfire-songs-muldjord", "CC-BY-SA-3.0", [
        (MULDJORD + n + "/", "song") for n in ("chaos_god", "internal_degeneration", "mutilated_mime", "armygeddon")]),
    ("fretsonfire-songs-sectoid", "MIT (Expat)", [
        (SECTOID + n + "/", "rock") for n in ("Metal madness", "Escape from chaosland", "Feelings", "War of freedom")]),
]
# Debian packages of recorded telephone prompts (8 kHz, studio-clean): (package, folder, voice, licence).
PROMPTS = [
    ("asterisk-core-sounds-en-wav", "usr/share/asterisk/sounds/en_US_f_Allison", "en, Allison Smith (f)", "CC-BY-SA-3.0"),
    ("asterisk-core-sounds-es-wav", "usr/share/asterisk/sounds/es_MX_f_Allison", "es, Allison Smith (f)", "CC-BY-SA-3.0"),
    ("asterisk-core-sounds-fr-wav", "usr/share/asterisk/sounds/fr_CA_f_June", "fr, June Wallack (f)", "CC-BY-SA-3.0"),
    ("asterisk-core-sounds-it-wav", "usr/share/asterisk/sounds/it_IT_m_Carlo", "it, Carlo Flora (m)", "CC-BY-3.0"),
    ("asterisk-core-sounds-ru-wav", "usr/share/asterisk/sounds/ru_RU_f_IvrvoiceRU", "ru, provided by Maxim Topal (f)",
     "CC-BY-3.0"),
]
PROMPT_ITEMS = 6          # items of about 30 s per voice
EXCERPT = 30.0
MUSIC_DBFS = -20.0        # RMS of every music excerpt (a typical hold-music level)
ANNOUNCE_OVER_MUSIC_DB = 8.0


# ---------------------------------------------------------------- audio helpers (sox does the codecs and filters)

def sox_read(path_or_bytes, rate=RATE, remix=None):
    """Any sox-readable file (path or bytes of a WAV) as mono float64 at `rate`."""
    src, data = (path_or_bytes, None) if isinstance(path_or_bytes, str) else ("-", path_or_bytes)
    cmd = ["sox", "-V1"] + (["-t", "wav"] if data is not None else []) + [src, "-t", "f32", "-r", str(rate), "-c", "1", "-"]
    cmd += ["remix", remix] if remix else []
    out = subprocess.run(cmd, input=data, check=True, capture_output=True).stdout
    return np.frombuffer(out, dtype=np.float32).astype(np.float64)


def sox_write(path, x, rate, out_args, effects=()):
    """Float samples (mono 1-D, or channels x samples) through sox into `path` with output options `out_args`."""
    x = np.atleast_2d(np.asarray(x, dtype=np.float32))
    raw = np.ascontiguousarray(x.T).tobytes()
    subprocess.run(["sox", "-V1", "-R", "-t", "f32", "-r", str(rate), "-c", str(x.shape[0]), "-", *out_args, path,
                    *effects], input=raw, check=True)


def rms_db(x):
    return 10 * np.log10(np.mean(np.square(x)) + 1e-20)


def pink_noise(n, rng):
    """Pink (1/f power) noise, unit RMS, from white noise shaped in the frequency domain."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.arange(len(spectrum), dtype=np.float64)
    f[0] = 1
    y = np.fft.irfft(spectrum / np.sqrt(f), n)
    return y / np.sqrt(np.mean(y ** 2))


def active_level_db(x, speech_segments, rate=RATE):
    """RMS level over the labelled speech segments (the active speech level)."""
    parts = [x[int(a * rate):int(b * rate)] for a, b in speech_segments]
    parts = [p for p in parts if len(p)]
    return rms_db(np.concatenate(parts)) if parts else rms_db(x)


def tone_sum(freqs, seconds, level_db=-15.0, rate=RATE):
    t = np.arange(int(round(seconds * rate))) / rate
    y = sum(np.sin(2 * np.pi * f * t) for f in freqs)
    return y / np.sqrt(np.mean(y ** 2)) * 10 ** (level_db / 20)


# ---------------------------------------------------------------- conditions

def write_condition(path, x, condition, noise_rng=None, speech=()):
    """Writes `x` (16 kHz float, mono 1-D or channels x samples) through one channel condition."""
    x = np.atleast_2d(x)
    if condition.startswith("tel-snr"):
        snr = float(condition[len("tel-snr"):])
        level = active_level_db(x[0], speech)
        x = x + pink_noise(x.shape[1], noise_rng) * 10 ** ((level - snr) / 20)
    peak = np.max(np.abs(x))
    if peak > 0.99:
        x = x * (0.99 / peak)
    if condition == "orig16k":
        sox_write(path, x, RATE, ["-e", "signed-integer", "-b", "16"])
    elif condition == "gsm":
        # GSM 6.10 is mono only: each channel through the codec, then back together as mu-law.
        with tempfile.TemporaryDirectory() as tmp:
            decoded = []
            for ch in range(x.shape[0]):
                gsm = os.path.join(tmp, f"{ch}.gsm")
                sox_write(gsm, x[ch], RATE, ["-r", "8000"], ["sinc", "300-3400", "rate", "-v", "8000"])
                decoded.append(sox_read(gsm, 8000))
            sox_write(path, np.stack(decoded), 8000, ["-e", "u-law", "-b", "8"])
    else:  # tel and tel-snrNN
        sox_write(path, x, RATE, ["-r", "8000", "-e", "u-law", "-b", "8"], ["sinc", "300-3400", "rate", "-v", "8000"])


# ---------------------------------------------------------------- sources

def ten_items(repo):
    """The TEN VAD test set: (id, audio, speech segments) from the .wav and .scv files in the git snapshot."""
    def show(name):
        return subprocess.run(["git", "--git-dir", repo, "show", f"HEAD:testset/{name}"], check=True,
                              capture_output=True).stdout
    items = []
    for i in range(1, TEN_FILES + 1):
        name = f"testset-audio-{i:02d}"
        # .scv: one line "name,start,end,label,start,end,label,..." with label 1 = speech, 0 = non-speech.
        fields = show(name + ".scv").decode().strip().split(",")[1:]
        segments = [(float(fields[k]), float(fields[k + 1]), int(fields[k + 2])) for k in range(0, len(fields), 3)]
        speech = merge([(a, b) for a, b, label in segments if label == 1])
        items.append({"id": f"ten-{i:02d}", "source": "ten-vad-testset", "kind": "speech",
                      "audio": sox_read(show(name + ".wav")), "speech": speech})
    return items


def merge(segments, gap=0.0):
    out = []
    for a, b in sorted(segments):
        if out and a <= out[-1][1] + gap:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return [(round(a, 3), round(b, 3)) for a, b in out]


def pyannote_item(cache):
    """pyannote.audio's sample: a real 30 s two-party phone conversation (16 kHz mono) with its RTTM turns."""
    folder = os.path.join(cache, "pypi")
    os.makedirs(folder, exist_ok=True)
    wheels = [f for f in os.listdir(folder) if f.startswith("pyannote_audio-") and f.endswith(".whl")]
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", folder, PYANNOTE], check=True)
        wheels = [f for f in os.listdir(folder) if f.startswith("pyannote_audio-") and f.endswith(".whl")]
    with zipfile.ZipFile(os.path.join(folder, sorted(wheels)[-1])) as whl:
        audio = sox_read(whl.read("pyannote/audio/sample/sample.wav"))
        rttm = whl.read("pyannote/audio/sample/sample.rttm").decode()
    turns = []
    for line in rttm.splitlines():
        f = line.split()
        turns.append((float(f[3]), float(f[3]) + float(f[4])))
    return {"id": "pyannote-sample", "source": "pyannote-sample", "kind": "conversation", "audio": audio,
            "speech": merge(turns)}


def debian_root(cache, package):
    """The unpacked tree of a Debian package (apt-get download + dpkg -x into the cache; nothing installed)."""
    root = os.path.join(cache, "x", package)
    if not os.path.isdir(root):
        debs = os.path.join(cache, "deb")
        os.makedirs(debs, exist_ok=True)
        if not any(f.startswith(package + "_") for f in os.listdir(debs)):
            subprocess.run(["apt-get", "download", "-q", package], cwd=debs, check=True)
        deb = sorted(f for f in os.listdir(debs) if f.startswith(package + "_"))[-1]
        subprocess.run(["dpkg", "-x", os.path.join(debs, deb), root + ".tmp"], check=True)
        os.rename(root + ".tmp", root)
    return root


def level_segments(x, floor_db=-35.0, bridge=0.2, rate=RATE):
    """Speech of a studio-clean recording: 10 ms frames within 35 dB of its peak, pauses under 200 ms bridged
    (the TEN labels mark pauses from about 200 ms on)."""
    hop = int(rate * FRAME)
    n = len(x) // hop
    db = 10 * np.log10(np.mean(x[:n * hop].reshape(n, hop) ** 2, axis=1) + 1e-20)
    active = np.flatnonzero(db > db.max() + floor_db)
    return merge([(i * FRAME, (i + 1) * FRAME) for i in active], gap=bridge)


def prompt_items(cache, rng):
    """Recorded IVR prompts (longer than 2.5 s) strung into items of about 30 s with 0.3-1.2 s pauses, each prompt
    labelled from its level."""
    items = []
    for package, folder, voice, licence in PROMPTS:
        root = os.path.join(debian_root(cache, package), folder)
        names = sorted((f for f in os.listdir(root) if f.endswith(".wav")),
                       key=lambda f: hashlib.sha1(f.encode()).hexdigest())
        clips = [x for x in (sox_read(os.path.join(root, f)) for f in names) if len(x) > 2.5 * RATE]
        lang = voice.split(",")[0]
        for k in range(PROMPT_ITEMS):
            parts, speech, t = [], [], 0.0
            while t < EXCERPT and clips:
                x = clips.pop(0)
                pause = np.zeros(int(rng.uniform(0.3, 1.2) * RATE))
                speech += [(a + t, b + t) for a, b in level_segments(x)]
                parts += [x, pause]
                t += (len(x) + len(pause)) / RATE
            items.append({"id": f"prompts-{lang}-{k + 1}", "source": package, "kind": "speech", "voice": voice,
                          "recorded_rate": 8000,
                          "licence": licence, "audio": np.concatenate(parts), "speech": merge(speech)})
    return items


def excerpt(x, start, seconds=EXCERPT):
    """`seconds` of `x` from `start` (earlier if the track is short), RMS-normalised to MUSIC_DBFS."""
    n = int(seconds * RATE)
    a = max(0, min(int(start * RATE), len(x) - n))
    y = x[a:a + n]
    return y * 10 ** ((MUSIC_DBFS - rms_db(y)) / 20)


def music_items(cache):
    items = []
    for package, licence, tracks in MUSIC:
        root = debian_root(cache, package)
        for path, kind in tracks:
            full = os.path.join(root, path)
            if path.endswith("/"):  # Fret on Fire: backing track + guitar track
                song, guitar = sox_read(os.path.join(full, "song.ogg")), sox_read(os.path.join(full, "guitar.ogg"))
                n = min(len(song), len(guitar))
                x = song[:n] + guitar[:n]
            else:
                x = sox_read(full)
            name = os.path.basename(path.rstrip("/")).rsplit(".", 1)[0].replace(" ", "_").lower()
            items.append({"id": f"music-{kind}-{name}", "source": package, "licence": licence, "kind": kind,
                          "full": x})
    return items


# ---------------------------------------------------------------- split

def assign_splits(items):
    """Within each (source, kind): sha1 order, alternating tuning / heldout; the alternation carries over groups
    so that odd-sized groups do not all lean the same way."""
    groups = {}
    for it in items:
        groups.setdefault((it["source"], it["kind"]), []).append(it)
    turn = 0
    for key in sorted(groups):
        for it in sorted(groups[key], key=lambda it: hashlib.sha1(it["id"].encode()).hexdigest()):
            it["split"] = ("tuning", "heldout")[turn % 2]
            turn += 1


# ---------------------------------------------------------------- tones, announcements, calls

def ringback(kind, seconds):
    """US: 440+480 Hz, 2 s on 4 s off. UK: 400+450 Hz, 0.4 on 0.2 off 0.4 on 2 off. Returns audio and tone spans."""
    cadence = {"us": [(2.0, 4.0)], "uk": [(0.4, 0.2), (0.4, 2.0)]}[kind]
    freqs = {"us": (440, 480), "uk": (400, 450)}[kind]
    parts, spans, t = [], [], 0.0
    while t < seconds:
        for on, off in cadence:
            parts += [tone_sum(freqs, on, -18), np.zeros(int(off * RATE))]
            spans.append((t, t + on))
            t += on + off
    x = np.concatenate(parts)[:int(seconds * RATE)]
    return x, [(a, min(b, seconds)) for a, b in spans if a < seconds]


DTMF = {"1": (697, 1209), "2": (697, 1336), "3": (697, 1477), "4": (770, 1209), "5": (770, 1336), "6": (770, 1477),
        "7": (852, 1209), "8": (852, 1336), "9": (852, 1477), "*": (941, 1209), "0": (941, 1336), "#": (941, 1477)}


def dtmf(digits):
    """Digits of 100 ms, 100 ms apart, a 1 s pause at each space. Returns audio and tone spans."""
    parts, spans, t = [np.zeros(RATE // 2)], [], 0.5
    for d in digits:
        if d == " ":
            parts.append(np.zeros(RATE)); t += 1.0
            continue
        parts += [tone_sum(DTMF[d], 0.1, -12), np.zeros(int(0.1 * RATE))]
        spans.append((t, t + 0.1)); t += 0.2
    parts.append(np.zeros(RATE // 2))
    return np.concatenate(parts), spans


def announcement(speech_item, music, offset):
    """Real speech over a music excerpt, the speech's active level 8 dB above the music."""
    s = speech_item["audio"]
    m = excerpt(music["full"], offset, len(s) / RATE + 2.0)
    gain = 10 ** ((MUSIC_DBFS + ANNOUNCE_OVER_MUSIC_DB - active_level_db(s, speech_item["speech"])) / 20)
    x = m.copy()
    start = RATE
    x[start:start + len(s)] += s * gain
    speech = [(a + 1.0, b + 1.0) for a, b in speech_item["speech"]]
    return x, speech


def build_call(speech, holds, rng):
    """Stereo call: speech items alternate agent (ch0) / customer (ch1) with 0.3-1.5 s gaps; each entry of `holds`
    (audio, music spans, speech spans inside it) is played on the agent channel after a turn, nobody talking.
    Returns (2 x n audio, per-channel speech and music segments, hold spans)."""
    chans = [[], []]
    labels = [{"speech": [], "music": []}, {"speech": [], "music": []}]
    hold_spans = []
    t = 0.5
    holds = list(holds)
    hold_after = set(np.linspace(1, len(speech) - 2, num=len(holds), dtype=int).tolist()) if holds else set()
    for k, item in enumerate(speech):
        ch = k % 2
        chans[ch].append((t, item["audio"]))
        labels[ch]["speech"] += [(a + t, b + t) for a, b in item["speech"]]
        t += len(item["audio"]) / RATE + rng.uniform(0.3, 1.5)
        if k in hold_after:
            audio, music, spoken = holds.pop(0)
            chans[0].append((t, audio))
            labels[0]["music"] += [(a + t, b + t) for a, b in music]
            labels[0]["speech"] += [(a + t, b + t) for a, b in spoken]
            hold_spans.append((t, t + len(audio) / RATE))
            t += len(audio) / RATE + rng.uniform(0.5, 1.5)
    n = int((t + 0.5) * RATE)
    # A line is never digitally silent: a noise floor 66 dB below full scale on both channels.
    x = np.stack([pink_noise(n, rng) for _ in range(2)]) * 10 ** (-66 / 20)
    for ch in (0, 1):
        for start, audio in chans[ch]:
            a = int(round(start * RATE))
            x[ch, a:a + len(audio)] += audio
    labels = [{k: merge(v) for k, v in lab.items()} for lab in labels]
    return x, labels, merge(hold_spans)


# ---------------------------------------------------------------- label check

def label_check(item):
    """Median 10 ms frame energy (dBFS) inside and outside the labelled speech: a label that does not match the
    audio shows as a small difference."""
    x, hop = item["audio"], int(RATE * FRAME)
    n = len(x) // hop
    energy = 10 * np.log10(np.mean(x[:n * hop].reshape(n, hop) ** 2, axis=1) + 1e-12)
    truth = segments_to_frames(item["speech"], n)
    inside = float(np.median(energy[truth])) if truth.any() else None
    outside = float(np.median(energy[~truth])) if (~truth).any() else None
    return {"speech_db": inside, "nonspeech_db": outside}


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="/work/realaudio")
    ap.add_argument("--ten-repo", default="/work/.mirror/TEN-framework+ten-vad/repo",
                    help="bare git directory of a TEN-framework/ten-vad snapshot (CI cannot fetch GitHub)")
    ap.add_argument("--cache", default=os.path.expanduser("~/.cache/undertone-realaudio"),
                    help="downloaded Debian and PyPI packages (never committed)")
    ap.add_argument("--seed", type=int, default=10)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    # Built beside the old set and swapped in at the end, so that an evaluation running meanwhile keeps its files.
    final, args.out = args.out, args.out.rstrip("/") + ".building"
    shutil.rmtree(args.out, ignore_errors=True)
    for sub in ("speech", "music", "hold", "calls"):
        os.makedirs(os.path.join(args.out, sub))

    print("sources: TEN VAD test set, pyannote sample, Debian prompts and music", flush=True)
    speech = ten_items(args.ten_repo)
    conversation = pyannote_item(args.cache)
    prompts = prompt_items(args.cache, rng)
    music = music_items(args.cache)
    assign_splits(speech + prompts + music)
    # One conversation: its first half is tuning, its second half held aside (each half still two parties).
    half = len(conversation["audio"]) // 2
    halves = []
    for k, split in enumerate(("tuning", "heldout")):
        a, b = k * half / RATE, (k + 1) * half / RATE
        halves.append({**conversation, "id": f"{conversation['id']}-{k + 1}", "split": split,
                       "audio": conversation["audio"][k * half:(k + 1) * half],
                       "speech": merge([(max(s, a) - a, min(e, b) - a) for s, e in conversation["speech"] if e > a and s < b])})

    files = []

    def add(path, item, condition, channels, holds=(), **extra):
        rel = os.path.relpath(path, args.out)
        info = subprocess.run(["soxi", "-r", path], capture_output=True, text=True, check=True).stdout.strip()
        duration = float(subprocess.run(["soxi", "-D", path], capture_output=True, text=True, check=True).stdout)
        files.append({"path": rel, "id": item["id"], "source": item["source"], "kind": item["kind"],
                      "condition": condition, "split": item["split"], "rate": int(info), "duration": round(duration, 3),
                      "channels": [{k: [list(s) for s in v] for k, v in ch.items()} for ch in channels],
                      "hold": [list(s) for s in holds], **extra})

    print(f"speech: {len(speech)} TEN files, 2 conversation halves, {len(prompts)} prompt strings", flush=True)
    for item in speech + halves + prompts:
        item["label_check"] = label_check(item)
        # The prompts are 8 kHz recordings: no 16 kHz original of them.
        for cond in ("orig16k", "tel", "gsm", "tel-snr20", "tel-snr10")[item.get("recorded_rate") == 8000:]:
            path = os.path.join(args.out, "speech", f"{item['id']}.{cond}.wav")
            write_condition(path, item["audio"], cond, np.random.default_rng(args.seed + len(files)), item["speech"])
            add(path, item, cond, [{"speech": item["speech"], "music": []}], label_check=item["label_check"],
                **{k: item[k] for k in ("voice", "licence") if k in item})

    print(f"music: {len(music)} excerpts x 3 conditions", flush=True)
    for item in music:
        duration = len(item["full"]) / RATE
        item["audio"] = excerpt(item["full"], min(30.0, max(0.0, duration - EXCERPT) / 2))
        for cond in ("orig16k", "tel", "gsm"):
            path = os.path.join(args.out, "music", f"{item['id']}.{cond}.wav")
            write_condition(path, item["audio"], cond)
            add(path, item, cond, [{"speech": [], "music": [(0.0, EXCERPT)]}], holds=[(0.0, EXCERPT)],
                licence=item["licence"])

    # Hold material beyond music: tones and announcements, per split, from that split's speech and music only.
    hold_items = {"tuning": [], "heldout": []}
    for split, ring, digits in (("tuning", "us", "1 2 3 4 5 6"), ("heldout", "uk", "7 8 9 0 * #")):
        x, spans = ringback(ring, 20.0)
        hold_items[split].append({"id": f"ringback-{ring}", "source": "sox-tones", "kind": "ringback", "split": split,
                                  "audio": x, "music": spans, "speech": []})
        x, spans = dtmf(digits)
        hold_items[split].append({"id": f"dtmf-{split}", "source": "sox-tones", "kind": "dtmf", "split": split,
                                  "audio": x, "music": spans, "speech": []})
        tracks = [m for m in music if m["split"] == split and m["kind"] in ("hold", "orchestral", "piano", "electronic")]
        talkers = [s for s in speech if s["split"] == split]
        voices = [p for p in prompts if p["split"] == split]
        for k in range(3):  # one over TEN speech, two over recorded IVR prompts
            m = tracks[k % len(tracks)]
            s = talkers[1] if k == 0 else voices[(5 * k) % len(voices)]
            x, spoken = announcement(s, m, 75.0 + 10 * k)
            hold_items[split].append({"id": f"announce-{split}-{k + 1}", "source": f"{s['source']}+{m['source']}",
                                      "kind": "announcement", "split": split, "audio": x,
                                      "music": [(0.0, len(x) / RATE)], "speech": spoken})
    print("hold: tones and announcements x 2 conditions", flush=True)
    for split in hold_items:
        for item in hold_items[split]:
            span = [(0.0, round(len(item["audio"]) / RATE, 3))]
            for cond in ("tel", "gsm"):
                path = os.path.join(args.out, "hold", f"{item['id']}.{cond}.wav")
                write_condition(path, item["audio"], cond)
                # DTMF is a party keying digits, not hold (docs/report-stats.md, "What counts as hold").
                add(path, item, cond, [{"speech": item["speech"], "music": item["music"]}],
                    holds=[] if item["kind"] == "dtmf" else span)

    print("calls: 4 stereo calls per split x 2 conditions", flush=True)
    hour_source = None
    for split in ("tuning", "heldout"):
        talkers = [s for s in speech if s["split"] == split]
        tracks = [m for m in music if m["split"] == split]
        pieces = [(tone["audio"], tone["music"], []) for tone in hold_items[split] if tone["kind"] == "ringback"]
        pieces += [(a["audio"], a["music"], a["speech"]) for a in hold_items[split] if a["kind"] == "announcement"][:1]
        pieces += [(excerpt(m["full"], 40.0, 25.0), [(0.0, 25.0)], []) for m in tracks]
        for c in range(4):
            order = rng.permutation(len(talkers))[:10]
            holds = [] if c == 0 else [pieces[(2 * c + k) % len(pieces)] for k in range(2)]
            x, labels, hold_spans = build_call([talkers[i] for i in order], holds, rng)
            item = {"id": f"call-{split}-{c + 1}{'-nohold' if c == 0 else ''}", "source": "ten-vad-testset+music",
                    "kind": "call" if c else "call-nohold", "split": split}
            for cond in ("tel", "gsm"):
                path = os.path.join(args.out, "calls", f"{item['id']}.{cond}.wav")
                write_condition(path, x, cond)
                add(path, item, cond, labels, holds=hold_spans)
                if hour_source is None and cond == "tel" and c:
                    hour_source = path

    print("speed: one-hour stereo 8 kHz mu-law call from the real speech", flush=True)
    duration = float(subprocess.run(["soxi", "-D", hour_source], capture_output=True, text=True, check=True).stdout)
    subprocess.run(["sox", *([hour_source] * int(np.ceil(3600 / duration))), os.path.join(args.out, "hour.wav"),
                    "trim", "0", "3600"], check=True)

    manifest = {
        "description": "Undertone real-audio development set (issue 10); built by Scripts/realaudio/build_set.py",
        "frame_seconds": FRAME,
        "label_rule": "frame i (instant i*10 ms) is speech/music if the instant lies in a segment [start, end)",
        "splits": {s: sum(1 for f in files if f["split"] == s) for s in ("tuning", "heldout")},
        "hour": "hour.wav",
        "files": files,
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    # Peer decisions (cached by file content) and earlier results stay.
    for keep in os.listdir(final) if os.path.isdir(final) else []:
        if keep == ".peer-cache" or keep.startswith("results"):
            shutil.move(os.path.join(final, keep), os.path.join(args.out, keep))
    shutil.rmtree(final + ".old", ignore_errors=True)
    if os.path.exists(final):
        os.rename(final, final + ".old")
    os.rename(args.out, final)
    shutil.rmtree(final + ".old", ignore_errors=True)
    open(os.path.join(final, "READY"), "w").close()
    seconds = sum(f["duration"] for f in files)
    print(f"{len(files)} files, {seconds / 60:.1f} min, manifest and READY in {final}")


if __name__ == "__main__":
    main()
