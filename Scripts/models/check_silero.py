#!/usr/bin/env python3
"""Check Undertone's native Silero VAD forward pass against onnxruntime running the original ONNX graph.

usage: check_silero.py [--undertone .build/release/undertone] [--onnx silero_vad.onnx] AUDIO.wav [...]

Each file must be 8 kHz (the analysis rate, so that both read the same samples); channel 0 is used. The script runs
`undertone frames --every-chunk` (whose speechProbability is the network's output for the 32 ms chunk covering
the frame; --every-chunk turns off the cascade that skips plainly silent chunks) and the
wheel's `silero_vad.onnx` with sr = 8000 in 256-sample chunks with a 32-sample carried context, exactly as
silero_vad's OnnxWrapper feeds it, and prints the largest absolute difference per file. Exit status 1 when it exceeds
--tolerance (1e-4). Needs numpy, soundfile and onnxruntime (PyPI); the ONNX file defaults to the one
Scripts/models/fetch-silero-vad.sh cached.
"""
import argparse
import csv
import io
import os
import subprocess
import sys

import numpy as np
import onnxruntime
import soundfile


def silero_chunks(session, samples):
    """Speech probability per 256-sample chunk (the last chunk zero-padded)."""
    chunk, context_size = 256, 32
    padded = np.concatenate([samples, np.zeros((-len(samples)) % chunk, dtype=np.float32)])
    state = np.zeros((2, 1, 128), dtype=np.float32)
    context = np.zeros((1, context_size), dtype=np.float32)
    sr = np.array(8000, dtype=np.int64)
    out = []
    for start in range(0, len(padded), chunk):
        x = np.concatenate([context, padded[None, start:start + chunk]], axis=1)
        prob, state = session.run(None, {"input": x, "state": state, "sr": sr})
        context = x[:, -context_size:]
        out.append(float(prob[0, 0]))
    return np.array(out)


def main():
    cache = os.path.join(os.environ.get("UNDERTONE_CACHE", os.path.expanduser("~/.cache/undertone")),
                         "silero-vad-6.2.3/silero_vad/data/silero_vad.onnx")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", nargs="+")
    parser.add_argument("--undertone", default=".build/release/undertone")
    parser.add_argument("--onnx", default=cache)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(args.onnx, options, providers=["CPUExecutionProvider"])
    worst = 0.0
    for path in args.audio:
        samples, rate = soundfile.read(path, dtype="float32", always_2d=True)
        if rate != 8000:
            sys.exit(f"{path}: {rate} Hz; resample to 8000 Hz first (e.g. sox IN -r 8000 OUT)")
        reference = silero_chunks(session, samples[:, 0])
        frames = subprocess.run([args.undertone, "frames", "--every-chunk", path], check=True, capture_output=True, text=True).stdout
        ours = np.array([float(row["speechProbability"]) for row in csv.DictReader(io.StringIO(frames))])
        chunk_of_frame = np.arange(len(ours)) * 80 // 256
        usable = chunk_of_frame < len(reference)
        difference = np.abs(ours[usable] - reference[chunk_of_frame[usable]])
        worst = max(worst, difference.max())
        print(f"{path}: {len(reference)} chunks, {usable.sum()} frames, max |Δp| {difference.max():.2e}, "
              f"mean {difference.mean():.2e}, speech share {np.mean(reference > 0.5):.2f}")
    print(f"largest difference {worst:.2e} (tolerance {args.tolerance:g})")
    return 0 if worst <= args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
