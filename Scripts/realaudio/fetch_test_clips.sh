#!/usr/bin/env bash
# Short real clips, with labels and licences, for unit tests that pin speech / music / silence decisions.
# Only from Debian and PyPI packages (so CI can run it); written to AudioFixtures/real/ (git-ignored, never
# committed). Needs bash, python3 (standard library only), pip, apt-get and dpkg. Does nothing if the clips exist.
#   speech-read.wav          8 kHz   Allison Smith's recorded prompt "queue-periodic-announce" (Asterisk core sounds,
#                                    Debian asterisk-core-sounds-en-wav, CC-BY-SA-3.0); labels from its level (a
#                                    studio recording: 10 ms frames within 35 dB of the peak, pauses < 200 ms bridged)
#   speech-conversation.wav  16 kHz  6-16 s of pyannote.audio's sample (PyPI pyannote.audio 4.0.7 wheel, MIT): two
#                                    people on the phone; labels: the union of its RTTM speaker turns
#   music-hold.wav           8 kHz   30-36 s of "Cold Day" by Macroform (Debian asterisk-moh-opsound-wav,
#                                    CC-BY-SA-3.0): instrumental music on hold, music throughout
#   silence.wav              8 kHz   2 s of digital silence (zeros)
# Each clip has NAME.json: {"rate", "duration", "speech": [[start, end], ...], "music": [...], "source", "licence"}.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-AudioFixtures/real}
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/undertone-realaudio}
[ -f "$OUT/silence.json" ] && exit 0
mkdir -p "$OUT" "$CACHE/deb" "$CACHE/pypi"

unpack() { # Debian package name → its unpacked tree in the cache (downloaded, not installed)
    local root="$CACHE/x/$1"
    if [ ! -d "$root" ]; then
        ls "$CACHE/deb/$1"_*.deb >/dev/null 2>&1 || (cd "$CACHE/deb" && apt-get download -q "$1" >&2)
        dpkg -x "$(ls "$CACHE/deb/$1"_*.deb | tail -1)" "$root.tmp" && mv "$root.tmp" "$root"
    fi
    echo "$root"
}
SOUNDS=$(unpack asterisk-core-sounds-en-wav)/usr/share/asterisk/sounds/en_US_f_Allison
MOH=$(unpack asterisk-moh-opsound-wav)/usr/share/asterisk/moh
if ! ls "$CACHE/pypi"/pyannote_audio-4.0.7-*.whl >/dev/null 2>&1; then
    python3 -m pip --version >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip; }
    python3 -m pip download -q --no-deps -d "$CACHE/pypi" pyannote.audio==4.0.7
fi
WHEEL=$(ls "$CACHE/pypi"/pyannote_audio-4.0.7-*.whl | tail -1)

python3 - "$OUT" "$SOUNDS/queue-periodic-announce.wav" "$WHEEL" "$MOH/macroform-cold_day.wav" <<'EOF'
import array, io, json, math, sys, wave, zipfile
out, prompt, wheel, moh = sys.argv[1:]

def read(f):
    with wave.open(f) as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, f"{f}: expected 16-bit mono PCM"
        return w.getframerate(), array.array("h", w.readframes(w.getnframes()))

def write(name, rate, samples, speech, music, source, licence):
    with wave.open(f"{out}/{name}.wav", "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate); w.writeframes(samples.tobytes())
    label = {"rate": rate, "duration": len(samples) / rate, "speech": speech, "music": music,
             "source": source, "licence": licence}
    with open(f"{out}/{name}.json", "w") as f:
        json.dump(label, f, indent=1)

def level_segments(rate, x, floor_db=-35.0, bridge=0.2):
    hop = rate // 100
    db = [10 * math.log10(sum(v * v for v in x[i:i + hop]) / hop + 1e-9) for i in range(0, len(x) - hop + 1, hop)]
    top = max(db)
    active = [i for i, d in enumerate(db) if d > top + floor_db]
    segments = []
    for i in active:
        if segments and i - segments[-1][1] <= bridge * 100:
            segments[-1][1] = i + 1
        else:
            segments.append([i, i + 1])
    return [[round(a * 0.01, 2), round(b * 0.01, 2)] for a, b in segments]

rate, x = read(prompt)
write("speech-read", rate, x, level_segments(rate, x), [],
      "Debian asterisk-core-sounds-en-wav: en_US_f_Allison/queue-periodic-announce.wav (recorded by Allison Smith)",
      "CC-BY-SA-3.0")

with zipfile.ZipFile(wheel) as z:
    rate, x = read(io.BytesIO(z.read("pyannote/audio/sample/sample.wav")))
    rttm = z.read("pyannote/audio/sample/sample.rttm").decode().split("\n")
a, b = 6.0, 16.0
turns = sorted((float(f[3]), float(f[3]) + float(f[4])) for f in (l.split() for l in rttm) if f)
speech = []
for s, e in turns:
    s, e = max(s, a) - a, min(e, b) - a
    if e > s:
        if speech and s <= speech[-1][1]:
            speech[-1][1] = max(speech[-1][1], round(e, 3))
        else:
            speech.append([round(s, 3), round(e, 3)])
write("speech-conversation", rate, x[int(a * rate):int(b * rate)], speech, [],
      "PyPI pyannote.audio 4.0.7 wheel: pyannote/audio/sample/sample.wav, 6-16 s; labels from sample.rttm",
      "MIT (the pyannote.audio package)")

rate, x = read(moh)
write("music-hold", rate, x[30 * rate:36 * rate], [], [[0.0, 6.0]],
      "Debian asterisk-moh-opsound-wav: macroform-cold_day.wav, 30-36 s (Macroform, 'Cold Day')", "CC-BY-SA-3.0")

write("silence", 8000, array.array("h", bytes(2 * 16000)), [], [], "generated: 2 s of zeros", "none needed")
EOF
echo "real test clips in $OUT"
