#!/usr/bin/env python3
"""Scores the designed calls in AudioFixtures/sentiment with Undertone and VADER.

For every call, each labelled customer turn is matched to the Undertone turn that overlaps it most; VADER scores the
same turn's text. Prints the pooled Spearman rank correlation with the labels for both, and each call's arc shape
against the designed one.

Usage (repository root, after `swift build`):
    python3 Scripts/sentiment/evaluate_calls.py [--undertone .build/debug/undertone] [--text-only]
Without --text-only each call goes through `undertone analyze` (audio + transcript: acoustic arousal included);
with it, through `undertone sentiment --transcript` (text only).
"""
import argparse
import glob
import json
import os
import subprocess
import sys

from scipy.stats import spearmanr
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CALLS = os.path.join(ROOT, "AudioFixtures", "sentiment")


def overlap(a, b):
    return max(0.0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--undertone", default=os.path.join(ROOT, ".build/debug/undertone"))
    parser.add_argument("--text-only", action="store_true")
    args = parser.parse_args()

    vader = SentimentIntensityAnalyzer()
    labels, ours, theirs, text_only = [], [], [], []
    shapes_ok = 0
    calls = sorted(glob.glob(os.path.join(CALLS, "*.labels.json")))
    print(f"{'call':28} {'designed':14} {'undertone':14} {'turns':>5} {'rho U':>6} {'rho V':>6}")
    for path in calls:
        name = os.path.basename(path)[: -len(".labels.json")]
        truth = json.load(open(path))
        transcript = os.path.join(CALLS, name + ".transcript.json")
        if args.text_only:
            command = [args.undertone, "sentiment", "--transcript", transcript]
        else:
            command = [args.undertone, "analyze", os.path.join(CALLS, name + ".opus"), "--transcript", transcript]
        report = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        report = report.get("sentiment", report)
        customer = [t for t in report["turns"] if t["speaker"] == "customer"]
        call_labels, call_ours, call_vader = [], [], []
        for turn in truth["customerTurns"]:
            best = max(customer, key=lambda t: overlap(t, turn))
            call_labels.append(turn["label"])
            call_ours.append(best["score"])
            call_vader.append(vader.polarity_scores(turn["text"])["compound"])
            text_only.append(best["textScore"])
        shape = report["arcs"]["customer"]["shape"]
        shapes_ok += shape == truth["shape"]
        labels += call_labels
        ours += call_ours
        theirs += call_vader

        def rho(x):
            return spearmanr(call_labels, x).statistic if len(set(call_labels)) > 1 else float("nan")

        print(f"{name:28} {truth['shape']:14} {shape:14} {len(call_labels):5d} {rho(call_ours):6.3f} {rho(call_vader):6.3f}")
    print(f"pooled over {len(labels)} customer turns of {len(calls)} calls: "
          f"Spearman Undertone {spearmanr(labels, ours).statistic:.3f} "
          f"(text only {spearmanr(labels, text_only).statistic:.3f}), VADER {spearmanr(labels, theirs).statistic:.3f}; "
          f"shapes matched {shapes_ok}/{len(calls)}")


if __name__ == "__main__":
    sys.exit(main())
