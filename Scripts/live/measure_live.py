#!/usr/bin/env python3
"""measure_live — how soon `undertone live` reports dead air, in audio time and in wall-clock time.

    python3 Scripts/live/measure_live.py [--undertone PATH] [--realtime-call layout-deadair]

1. For every fixture call whose truth file (AudioFixtures/calls/*.truth.json) lists dead air, runs
   `undertone live CALL.wav --pace 0` and checks that for each dead air a JSON line with "kind": "deadAir"
   arrives whose audioTime is at most --tolerance (0.2 s) after dead-air start + --threshold (5 s, the
   engine's default), and that no deadAir alert appears outside a dead air. Prints each delta, split into
   how far the alert's own `start` lies from the truth and how long after its own start + threshold it fired.
2. Runs one call at `--pace 1` (real time), timestamps every stdout line as it arrives (unbuffered pipe,
   monotonic clock from just before the process starts) and prints, for each dead air, the wall-clock delay
   from the moment the threshold was reached (process start + dead-air start + threshold) to the alert's
   arrival. Target: under 200 ms.

Alert lines are JSON objects, one per line: {"kind", "audioTime", "start", "speaker", "summary", ...}; extra
fields and non-JSON lines are ignored. Exits 1 when a dead air is missed, reported early or late, or a deadAir
alert appears outside every dead air. Standard library only.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import select
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_binary() -> str:
    for build in ("release", "debug"):
        path = os.path.join(REPO, ".build", build, "undertone")
        if os.access(path, os.X_OK):
            return path
    return os.path.join(REPO, ".build", "release", "undertone")


def parse_alert(line: bytes | str) -> dict | None:
    """The alert on one stdout line, or None for anything that is not a JSON object with a kind."""
    try:
        alert = json.loads(line)
    except ValueError:
        return None
    return alert if isinstance(alert, dict) and isinstance(alert.get("kind"), str) else None


def dead_air_alerts(alerts: list[dict]) -> list[dict]:
    return sorted((a for a in alerts if a["kind"] == "deadAir" and isinstance(a.get("audioTime"), (int, float))),
                  key=lambda a: a["audioTime"])


def match(truth_dead_air: list[dict], fired: list[dict], slack: float = 0.5) -> tuple[list, list[dict]]:
    """Pairs each truth dead air with the first deadAir alert fired inside it (up to `slack` s after its end).
    Returns ([(dead air, alert or None)], alerts outside every dead air). Further alerts inside a dead air
    (a repeated reminder) are neither."""
    def inside(gap, alert):
        return gap["start"] < alert["audioTime"] <= gap["end"] + slack
    pairs = [(gap, next((a for a in fired if inside(gap, a)), None)) for gap in truth_dead_air]
    return pairs, [a for a in fired if not any(inside(gap, a) for gap in truth_dead_air)]


def own_lag(alert: dict, threshold: float) -> str:
    """How long after its own silence start + threshold the engine fired (blank without a numeric start)."""
    start = alert.get("start")
    return f"{(alert['audioTime'] - start - threshold) * 1000:+.0f} ms" if isinstance(start, (int, float)) else "—"


def verdict(lateness: float | None, tolerance: float) -> str:
    if lateness is None:
        return "MISSING"
    return "EARLY" if lateness < 0 else "LATE" if lateness > tolerance else "ok"


def print_rows(prefix: list[str], pairs: list, unexpected: list[dict], threshold: float, tolerance: float,
               lateness, cells, width: int = 4) -> int:
    """One Markdown row per truth dead air (`prefix` cells, the dead air, the threshold time, then the `width`
    cells of `cells(alert, due)` and a verdict on `lateness(alert, due)`), then one per unexpected alert (due
    None). Returns the number of problems."""
    problems = 0
    for gap, alert in pairs:
        due = gap["start"] + threshold
        status = verdict(None if alert is None else lateness(alert, due), tolerance)
        problems += status != "ok"
        shown = ["—"] * width if alert is None else cells(alert, due)
        print("| " + " | ".join(prefix + [f"{gap['start']:.2f}–{gap['end']:.2f}", f"{due:.2f}"] + shown + [status]) + " |")
    for alert in unexpected:
        problems += 1
        print("| " + " | ".join(prefix + ["—", "—"] + cells(alert, None) + ["UNEXPECTED"]) + " |")
    return problems


def run_fast(binary: str, wav: str, timeout: float) -> list[dict]:
    result = subprocess.run([binary, "live", wav, "--pace", "0"], capture_output=True, timeout=timeout)
    if result.returncode != 0:
        sys.stderr.write(result.stderr.decode(errors="replace"))
        raise RuntimeError(f"{wav}: undertone live exited {result.returncode}")
    return [a for a in map(parse_alert, result.stdout.splitlines()) if a]


def run_realtime(binary: str, wav: str, timeout: float) -> list[dict]:
    """The alerts of a run at --pace 1, each with "arrived": seconds after process start when its line arrived."""
    started = time.monotonic()
    process = subprocess.Popen([binary, "live", wav, "--pace", "1"], stdout=subprocess.PIPE, bufsize=0)
    arrivals, pending = [], b""
    while True:
        if not select.select([process.stdout], [], [], max(0.0, started + timeout - time.monotonic()))[0]:
            process.kill()
            raise RuntimeError(f"{wav}: undertone live --pace 1 still running after {timeout:.0f} s")
        chunk = os.read(process.stdout.fileno(), 65536)
        now = time.monotonic() - started
        if not chunk:
            break
        pending += chunk
        *lines, pending = pending.split(b"\n")
        arrivals += [{**a, "arrived": now} for a in map(parse_alert, lines) if a]
    if process.wait() != 0:
        raise RuntimeError(f"{wav}: undertone live exited {process.returncode}")
    return arrivals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--undertone", default=default_binary(), help="the binary (default: .build/release, else debug)")
    parser.add_argument("--calls", default=os.path.join(REPO, "AudioFixtures", "calls"), help="folder of fixture calls")
    parser.add_argument("--threshold", type=float, default=5.0, help="the engine's dead-air threshold, s (default 5)")
    parser.add_argument("--tolerance", type=float, default=0.2, help="allowed audio-time lateness, s (default 0.2)")
    parser.add_argument("--target-ms", type=float, default=200, help="allowed wall-clock delay at --pace 1 (default 200)")
    parser.add_argument("--realtime-call", default="layout-deadair", help="call run at --pace 1 ('' to skip)")
    args = parser.parse_args()

    print(f"binary: {args.undertone}")
    truths = {}
    for path in sorted(glob.glob(os.path.join(args.calls, "*.truth.json"))):
        with open(path) as f:
            truth = json.load(f)
        dead_air = [d for d in truth.get("deadAir", []) if d["end"] - d["start"] >= args.threshold]
        if dead_air:
            truths[path.removesuffix(".truth.json")] = (truth, dead_air)
    if not truths:
        sys.exit(f"measure_live: no truth file with dead air in {args.calls}")

    problems = 0
    print(f"\n--pace 0: deadAir audioTime - (dead-air start + {args.threshold:g} s), allowed 0 to {args.tolerance:g} s")
    print("| call | dead air (truth) | threshold reached | alert audioTime | delta | alert start - truth start "
          "| audioTime - (alert start + threshold) | |\n|---|---|---|---|---|---|---|---|")
    for stem, (truth, dead_air) in truths.items():
        pairs, unexpected = match(dead_air, dead_air_alerts(run_fast(args.undertone, stem + ".wav", 600)))
        truth_start = {id(alert): gap["start"] for gap, alert in pairs if alert}

        def fast_cells(alert, due):
            start = alert.get("start")
            moved = (f"{(start - truth_start[id(alert)]) * 1000:+.0f} ms"
                     if isinstance(start, (int, float)) and id(alert) in truth_start else "—")
            delta = "—" if due is None else f"{(alert['audioTime'] - due) * 1000:+.0f} ms"
            return [f"{alert['audioTime']:.3f}", delta, moved, own_lag(alert, args.threshold)]
        problems += print_rows([os.path.basename(stem)], pairs, unexpected, args.threshold, args.tolerance,
                               lambda alert, due: alert["audioTime"] - due, fast_cells)

    if args.realtime_call:
        stem = os.path.join(args.calls, args.realtime_call)
        if stem not in truths:
            sys.exit(f"measure_live: {args.realtime_call} has no dead air in its truth file")
        truth, dead_air = truths[stem]
        print(f"\n--pace 1 on {args.realtime_call} ({truth['duration']:.1f} s): wall-clock delay from threshold "
              f"(process start + dead-air start + {args.threshold:g} s) to the line's arrival, target < {args.target_ms:g} ms")
        arrivals = run_realtime(args.undertone, stem + ".wav", truth["duration"] + 60)
        pairs, unexpected = match(dead_air, dead_air_alerts(arrivals))
        print("| dead air (truth) | threshold reached | alert audioTime | line arrived | delay from threshold | "
              "delay from alert's audioTime | |\n|---|---|---|---|---|---|---|")

        def realtime_cells(alert, due):
            delay = "—" if due is None else f"{(alert['arrived'] - due) * 1000:.0f} ms"
            return [f"{alert['audioTime']:.3f}", f"{alert['arrived']:.3f}", delay,
                    f"{(alert['arrived'] - alert['audioTime']) * 1000:.0f} ms"]
        problems += print_rows([], pairs, unexpected, args.threshold, args.target_ms / 1000,
                               lambda alert, due: alert["arrived"] - due, realtime_cells)
        lags = sorted(a["arrived"] - a["audioTime"] for a in arrivals if isinstance(a.get("audioTime"), (int, float)))
        if lags:
            print(f"\nall {len(lags)} alert lines: arrival - audioTime min {lags[0] * 1000:.0f} ms, median "
                  f"{lags[len(lags) // 2] * 1000:.0f} ms, max {lags[-1] * 1000:.0f} ms")

    print(f"\n{'all dead air reported in time' if not problems else f'{problems} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as error:
        sys.exit(f"measure_live: {error}")
