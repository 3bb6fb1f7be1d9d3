#!/bin/sh
# Regenerates the format fixtures: one ~10 s stereo 8 kHz two-party clip (agent on channel 0,
# customer on channel 1, with a moment of talk-over and some silence) written in every format
# Debian 12's libsndfile 1.2 decodes. Needs espeak-ng, sox, ffmpeg and opus-tools (all Debian).
# Run from anywhere: sh AudioFixtures/formats/make-formats.sh
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Speech at 8 kHz mono, one voice per party; espeak-ng output is deterministic for a given version.
espeak-ng -v en-us -s 175 -w "$work/agent-raw.wav" "Thanks for calling Undertone, this is Alex. How can I help?"
espeak-ng -v en-gb+f3 -s 180 -w "$work/customer-raw.wav" "Hi, I was charged twice, and I would like a refund."
espeak-ng -v en-us -s 175 -w "$work/agent2-raw.wav" "Sure, let me check that."

to8k() { sox "$1" -r 8000 -b 16 -c 1 "$2" gain -n -3; }
to8k "$work/agent-raw.wav" "$work/agent.wav"
to8k "$work/customer-raw.wav" "$work/customer.wav"
to8k "$work/agent2-raw.wav" "$work/agent2.wav"

# Layout: agent speaks from 0.30 s; the customer starts 0.5 s before the agent's first turn ends
# (talk-over); the agent answers after the customer's turn plus a 0.8 s pause; all padded to 10 s.
agent_len=$(soxi -D "$work/agent.wav")
customer_start=$(echo "0.30 + $agent_len - 0.5" | bc -l)
customer_len=$(soxi -D "$work/customer.wav")
agent2_start=$(echo "$customer_start + $customer_len + 0.8" | bc -l)
sox -n -r 8000 -b 16 -c 1 "$work/silence.wav" trim 0 10
sox "$work/agent.wav" "$work/agent-pad.wav" pad 0.30
sox "$work/agent2.wav" "$work/agent2-pad.wav" pad "$agent2_start"
sox "$work/customer.wav" "$work/customer-pad.wav" pad "$customer_start"
# -v 1 on every input: sox -m would otherwise scale each by 1/inputs. Mixing with 10 s of silence sets the length.
sox -m -v 1 "$work/silence.wav" -v 1 "$work/agent-pad.wav" -v 1 "$work/agent2-pad.wav" "$work/agent-track.wav" \
    trim 0 10
sox -m -v 1 "$work/silence.wav" -v 1 "$work/customer-pad.wav" "$work/customer-track.wav" trim 0 10
sox -M "$work/agent-track.wav" "$work/customer-track.wav" -b 16 clip-pcm16.wav

# Lossless variants of the PCM16 reference: every sample must decode identically. The wide ones
# hold only the first 3 s to keep the fixtures small; that is enough to check every sample path.
sox clip-pcm16.wav -b 24 clip-pcm24-3s.wav trim 0 3
sox clip-pcm16.wav -b 32 clip-pcm32-3s.wav trim 0 3
sox clip-pcm16.wav -e floating-point -b 32 clip-float-3s.wav trim 0 3
sox clip-pcm16.wav clip.flac
# G.711: lossy only through 8-bit companding.
sox clip-pcm16.wav -e u-law clip-mulaw.wav
sox clip-pcm16.wav -e a-law clip-alaw.wav
# GSM 6.10 in WAV (Microsoft framing) is mono in libsndfile, so this one holds the mono mix.
ffmpeg -loglevel error -y -i clip-pcm16.wav -ac 1 -c:a gsm_ms clip-gsm-mono.wav
# Perceptual codecs.
ffmpeg -loglevel error -y -i clip-pcm16.wav -c:a libvorbis -q:a 4 clip-vorbis.ogg
opusenc --quiet --bitrate 32 clip-pcm16.wav clip-opus.opus
ffmpeg -loglevel error -y -i clip-pcm16.wav -c:a libmp3lame -b:a 32k clip.mp3
du -ch clip* | tail -1
