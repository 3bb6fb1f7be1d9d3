#!/usr/bin/env python3
"""Scores Scripts/sentiment/labelled.tsv with VADER and with `undertone sentiment`; prints Pearson r side by side.

Usage (from the repository root, after `swift build`):
    python3 Scripts/sentiment/compare_vader.py [--undertone .build/debug/undertone] [--errors dev]

The set is split by position: sentence i (0-based, comment lines skipped) is held out when i % 3 == 2.
`--errors dev` lists the worst development-split sentences for tuning; it refuses to list held-out ones.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

HERE = os.path.dirname(os.path.abspath(__file__))


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            label, role, text = line.rstrip("\n").split("\t")
            rows.append((float(label), role, text))
    return rows


def undertone_scores(binary, texts):
    out = subprocess.run([binary, "sentiment", "--brief"], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(line)["score"] for line in out.splitlines()]


def pearson(a, b):
    return float(np.corrcoef(a, b)[0, 1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--undertone", default=".build/debug/undertone")
    parser.add_argument("--labels", default=os.path.join(HERE, "labelled.tsv"))
    parser.add_argument("--errors", choices=["dev"], help="list the worst development sentences")
    args = parser.parse_args()

    rows = load(args.labels)
    labels = np.array([r[0] for r in rows])
    texts = [r[2] for r in rows]
    vader = SentimentIntensityAnalyzer()
    v = np.array([vader.polarity_scores(t)["compound"] for t in texts])
    u = np.array(undertone_scores(args.undertone, texts))
    assert len(u) == len(rows), f"{len(u)} scores for {len(rows)} sentences"

    splits = {
        "all": np.arange(len(rows)),
        "dev (i % 3 != 2)": np.array([i for i in range(len(rows)) if i % 3 != 2]),
        "held-out (i % 3 == 2)": np.array([i for i in range(len(rows)) if i % 3 == 2]),
        "customer lines": np.array([i for i, r in enumerate(rows) if r[1] == "customer"]),
        "agent lines": np.array([i for i, r in enumerate(rows) if r[1] == "agent"]),
    }
    print(f"{'split':24} {'n':>4} {'VADER r':>8} {'Undertone r':>12}")
    for name, idx in splits.items():
        print(f"{name:24} {len(idx):4d} {pearson(labels[idx], v[idx]):8.3f} {pearson(labels[idx], u[idx]):12.3f}")

    if args.errors == "dev":
        dev = splits["dev (i % 3 != 2)"]
        scale = labels / 2
        worst = sorted(dev, key=lambda i: -abs(u[i] - scale[i]))[:40]
        for i in worst:
            print(f"{labels[i]:+5.1f} U{u[i]:+.2f} V{v[i]:+.2f}  {texts[i]}")


if __name__ == "__main__":
    sys.exit(main())
