#!/usr/bin/env python3
"""Undertone beside Silero VAD, TEN VAD and WebRTC VAD on the real-audio set (build_set.py), in one run, on the
same audio, scored by the same code (Scripts/peers/scoring.py).

Parts (--only, comma-separated; default all):
  vad    speech files (TEN VAD test set, the real conversation) and the stereo calls (both channels): frame
         precision / recall / F1 at 10 ms with a 50 ms collar, pooled, per split and channel condition; and the
         share of real speech frames Undertone calls music (isMusic)
  music  music excerpts: share of the audible frames (10 ms level above -50 dBFS) each system calls speech, and
         the share Undertone calls music
  hold   `undertone analyze FILE --format json` (no transcript): share of the hold time (music, tones,
         announcements over music, hold spans of the calls) reported as hold pauses; hold time reported outside it;
         holds reported where none belongs: the real conversation, the calls without hold, and DTMF digits (a
         party keying digits is acting, not waiting: docs/report-stats.md, "What counts as hold")
  pitch  TEN speech: Praat to_pitch_ac (75-500 Hz, 10 ms) on the 16 kHz original is the reference; Undertone's F0
         on the telephone version and Praat on that same telephone version: GPE (20 %) and VDE
  speed  hour.wav (one hour, stereo 8 kHz mu-law, from the real speech): `undertone analyze` wall time and peak
         RSS (/usr/bin/time -v) beside Silero VAD alone on both channels (onnxruntime, one thread; decoding
         not timed), real-time factors from this run
Peers: Silero at the file's rate (8 kHz telephone, 16 kHz originals), threshold 0.5, each 32 ms chunk's
probability given to the 10 ms frames whose instant it holds; TEN VAD at 16 kHz (telephone audio upsampled by
sox), hop 160, threshold 0.5; WebRTC VAD mode 3 at the file's rate with a 300 ms hangover. Peer decisions are
cached in SET/.peer-cache by file content (they never change); Undertone is run afresh every time.
Writes OUT/real-audio.md (Markdown tables) and OUT/real-audio.json; prints the tables.
Usage: evaluate.py [--set /work/realaudio] [--undertone .build/release/undertone] [--only vad,music]
                   [--split tuning|heldout|all] [--conditions tel,orig16k] [--out DIR]
"""
import argparse, concurrent.futures, hashlib, json, os, re, subprocess, sys, time
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "peers"))
from scoring import Tally, pitch_score, scored_mask, segments_to_frames  # noqa: E402
import undertone_frames  # noqa: E402
from undertone_frames import decode, praat_pitch_on_grid  # noqa: E402
from vad_peers import Silero, hangover, ten_vad, webrtc  # noqa: E402

PARTS = ("vad", "music", "hold", "pitch", "speed")
SYSTEMS = ("undertone", "silero", "ten", "webrtc3+300ms")
SPEECH_KINDS = ("speech", "conversation")
MUSIC_KINDS = ("hold", "orchestral", "electronic", "piano", "song", "rock")
HOLD_KINDS = MUSIC_KINDS + ("ringback", "announcement", "call")
NOT_HOLD_KINDS = ("conversation", "call-nohold", "dtmf")  # whatever the manifest's hold spans say
AUDIBLE_DB = -50.0


# ---------------------------------------------------------------- per-file decisions

def undertone(path, channel):
    f = undertone_frames.frames(path, channel)
    return {"speech": f["isSpeech"] > 0, "music": f["isMusic"] > 0, "f0": f["f0Hz"] * (f["voiced"] > 0),
            "n": len(f)}


def peers(set_dir, entry, channel, n):
    """Silero, TEN and WebRTC decisions on n frames, cached by the file's content and channel."""
    path = os.path.join(set_dir, entry["path"])
    with open(path, "rb") as f:
        digest = hashlib.sha1(f.read()).hexdigest()[:20]
    cache = os.path.join(set_dir, ".peer-cache", f"{digest}.ch{channel}.n{n}.npz")
    if os.path.exists(cache):
        got = np.load(cache)
        return {k: got[k] for k in got.files}
    rate = entry["rate"]
    x = decode(path, channel, rate)
    x16 = x if rate == 16000 else decode(path, channel, 16000)
    out = {"silero": SILERO.frames(x, rate, n)[1], "ten": ten_vad(x16, n)[1],
           "webrtc3+300ms": hangover(webrtc(x, 3, n, rate)), "level": frame_level(x, rate, n)}
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    np.savez(cache + ".tmp.npz", **out)
    os.replace(cache + ".tmp.npz", cache)
    return out


def frame_level(x, rate, n):
    """dBFS of the 10 ms centred on each frame instant."""
    hop = rate // 100
    padded = np.concatenate([np.zeros(hop // 2), x, np.zeros(2 * hop)])
    m = min(n, len(padded) // hop)
    level = np.full(n, -120.0)
    level[:m] = 10 * np.log10(np.mean(padded[:m * hop].reshape(m, hop) ** 2, axis=1) + 1e-12)
    return level


def decisions(set_dir, entry, channel, systems):
    ours = undertone(os.path.join(set_dir, entry["path"]), channel)
    n = ours["n"]
    other = peers(set_dir, entry, channel, n) if set(systems) - {"undertone"} else {}
    preds = {"undertone": ours["speech"], **{s: other[s] for s in systems if s != "undertone"}}
    lab = entry["channels"][channel]
    return {"preds": preds, "ours": ours, "level": other.get("level"),
            "speech": segments_to_frames(lab["speech"], n), "music": segments_to_frames(lab["music"], n)}


def run_parallel(fn, jobs, workers):
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda j: fn(*j), jobs))


# ---------------------------------------------------------------- parts

def vad_group(e):
    if e["kind"].startswith("call"):
        return "calls"
    return {"ten-vad-testset": "TEN test set", "pyannote-sample": "conversation"}.get(e["source"], "IVR prompts")


def vad_part(set_dir, files, systems, workers):
    """Rows keyed (group, split, condition): the TEN test set, the conversation, the IVR prompts, all three pooled
    ("all speech"), and the stereo calls (both channels)."""
    jobs = [(set_dir, e, ch, systems) for e in files if e["kind"] in SPEECH_KINDS or e["kind"].startswith("call")
            for ch in range(len(e["channels"]))]
    results = run_parallel(decisions, jobs, workers)
    rows, music_calls = {}, {}
    for (_, e, ch, _), r in zip(jobs, results):
        group = vad_group(e)
        groups = (group,) if group == "calls" else (group, "all speech")
        for key in [(g, split, e["condition"]) for g in groups for split in (e["split"], "all")]:
            row = rows.setdefault(key, {"tallies": {s: Tally() for s in systems}, "speech": 0, "speech_music": 0})
            mask = scored_mask(r["speech"])
            for s in systems:
                row["tallies"][s].add(r["preds"][s], r["speech"], mask, r["music"])
            sp = r["speech"] & mask
            row["speech"] += int(sp.sum())
            row["speech_music"] += int(np.sum(r["ours"]["music"] & sp))
    out = []
    order = ["TEN test set", "conversation", "IVR prompts", "all speech", "calls"]
    for (group, split, cond), row in sorted(rows.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1:])):
        out.append({"group": group, "split": split, "condition": cond,
                    "speech_frames_called_music": row["speech_music"] / max(1, row["speech"]),
                    **{s: {"f1": t.f1(), "precision": t.precision(), "recall": t.recall(),
                           "music_called_speech": t.music_rate() if t.music else None}
                       for s, t in row["tallies"].items()}})
    return out


def music_part(set_dir, files, systems, workers):
    jobs = [(set_dir, e, 0, list(set(systems) | {"silero"})) for e in files if e["kind"] in MUSIC_KINDS]
    results = run_parallel(decisions, jobs, workers)
    rows = {}
    for (_, e, _, _), r in zip(jobs, results):
        audible = r["level"] > AUDIBLE_DB
        # Per split over all kinds; per kind over the splits given ("pooled").
        for key in ((e["split"], e["condition"], "all"), ("all", e["condition"], "all"),
                    ("pooled", e["condition"], e["kind"])):
            row = rows.setdefault(key, {"frames": 0, "undertone_music": 0, "tracks": set(),
                                        **{s: 0 for s in systems}})
            row["frames"] += int(audible.sum())
            row["tracks"].add(e["id"])
            row["undertone_music"] += int(np.sum(r["ours"]["music"] & audible))
            for s in systems:
                row[s] += int(np.sum(r["preds"][s] & audible))
    return [{"split": split, "condition": cond, "kind": kind, "tracks": len(row["tracks"]),
             "audible_frames": row["frames"], "undertone_called_music": row["undertone_music"] / max(1, row["frames"]),
             **{s: row[s] / max(1, row["frames"]) for s in systems}}
            for (split, cond, kind), row in sorted(rows.items(), key=lambda kv: (kv[0][2] != "all", kv[0]))]


def analyze_holds(binary, path):
    report = json.loads(subprocess.run([binary, "analyze", path, "--format", "json"], check=True,
                                       capture_output=True, text=True).stdout)
    return [(p["start"], p["end"]) for p in report.get("pauses", []) if p["kind"] == "hold"]


def overlap(a, b):
    return sum(max(0.0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def hold_part(set_dir, files, binary, workers):
    chosen = [e for e in files if e["kind"] in HOLD_KINDS + NOT_HOLD_KINDS]
    reported = run_parallel(lambda e: analyze_holds(binary, os.path.join(set_dir, e["path"])), [(e,) for e in chosen],
                            workers)
    rows, quiet = {}, []
    for e, holds in zip(chosen, reported):
        if e["kind"] in NOT_HOLD_KINDS:
            quiet.append({"file": e["path"], "split": e["split"], "holds": len(holds),
                          "hold_seconds": round(sum(b - a for a, b in holds), 2)})
            continue
        group = "calls" if e["kind"] == "call" else ("music" if e["kind"] in MUSIC_KINDS else e["kind"])
        truth = e["hold"]
        for key in ((group, e["split"], e["condition"]), (group, "all", e["condition"])):
            row = rows.setdefault(key, {"truth": 0.0, "found": 0.0, "outside": 0.0, "files": 0})
            row["files"] += 1
            row["truth"] += sum(b - a for a, b in truth)
            row["found"] += overlap(holds, truth)
            row["outside"] += sum(b - a for a, b in holds) - overlap(holds, truth)
    table = [{"group": g, "split": s, "condition": c, "files": r["files"], "hold_seconds": round(r["truth"], 1),
              "share_reported": r["found"] / max(1e-9, r["truth"]), "reported_outside_seconds": round(r["outside"], 1)}
             for (g, s, c), r in sorted(rows.items())]
    return {"hold": table, "no_music": quiet}


def pitch_part(set_dir, files, workers):
    by_id = {}
    for e in files:
        if e["source"] == "ten-vad-testset" and e["condition"] in ("orig16k", "tel"):
            by_id.setdefault(e["id"], {})[e["condition"]] = e
    pairs = [(v["orig16k"], v["tel"]) for v in by_id.values() if len(v) == 2]

    def one(orig, tel):
        ours = undertone(os.path.join(set_dir, tel["path"]), 0)
        n = ours["n"]
        ref = praat_pitch_on_grid(decode(os.path.join(set_dir, orig["path"]), 0, 16000), 16000, n)
        praat_tel = praat_pitch_on_grid(decode(os.path.join(set_dir, tel["path"]), 0, 8000), 8000, n)
        mask = np.ones(n, dtype=bool)
        return tel["split"], pitch_score(ours["f0"], ref, mask), pitch_score(praat_tel, ref, mask)

    totals = {}
    for split, (g, v, voiced, m), (pg, pv, pvoiced, _) in run_parallel(one, pairs, workers):
        for key in (split, "all"):
            t = totals.setdefault(key, np.zeros(8))
            t += [g * voiced, v * m, voiced, m, pg * pvoiced, pv * m, pvoiced, 1]
    return [{"split": k, "files": int(t[7]), "frames": int(t[3]),
             "undertone_gpe": t[0] / max(1, t[2]), "undertone_vde": t[1] / max(1, t[3]),
             "praat_tel_gpe": t[4] / max(1, t[6]), "praat_tel_vde": t[5] / max(1, t[3])}
            for k, t in sorted(totals.items())]


def speed_part(set_dir, binary):
    hour = os.path.join(set_dir, "hour.wav")
    seconds = float(subprocess.run(["soxi", "-D", hour], capture_output=True, text=True, check=True).stdout)
    timed = subprocess.run(["/usr/bin/time", "-v", binary, "analyze", hour, "--format", "json", "-o", os.devnull],
                           capture_output=True, text=True, check=True).stderr
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", timed)
    ours_wall = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    ours_cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", timed).group(1))
                   for kind in ("User", "System"))
    rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timed).group(1)) / 1024
    silero = Silero(threads=1)
    channels = [decode(hour, ch, 8000) for ch in (0, 1)]
    start, start_cpu = time.perf_counter(), time.process_time()
    for x in channels:
        silero.probabilities(x, 8000)
    silero_wall, silero_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return {"audio_seconds": seconds, "undertone_wall_s": ours_wall, "undertone_cpu_s": ours_cpu,
            "undertone_peak_rss_mb": rss_mb, "undertone_x_realtime": seconds / ours_wall,
            "silero_wall_s": silero_wall, "silero_cpu_s": silero_cpu, "silero_x_realtime": seconds / silero_wall,
            "ratio": silero_wall / ours_wall, "cpu_ratio": silero_cpu / ours_cpu}


# ---------------------------------------------------------------- output

def pct(x):
    return "–" if x is None else f"{100 * x:.1f} %"


def markdown(results, systems):
    lines = []
    if "vad" in results:
        lines += ["### Speech detection (frame F1 at 10 ms, 50 ms collar, pooled; P / R below)", "",
                  "| material | split | condition | " + " | ".join(systems) + " | Undertone speech→music |",
                  "|---|---|---|" + "---|" * len(systems) + "---|"]
        for r in results["vad"]:
            cells = [f"**{r[s]['f1']:.3f}** ({r[s]['precision']:.2f} / {r[s]['recall']:.2f})" for s in systems]
            lines.append(f"| {r['group']} | {r['split']} | {r['condition']} | " + " | ".join(cells)
                         + f" | {pct(r['speech_frames_called_music'])} |")
        lines.append("")
    if "music" in results:
        lines += ["### Real music: audible frames called speech (Undertone also: called music)", "",
                  "| kind | split | condition | tracks | " + " | ".join(systems) + " | Undertone isMusic |",
                  "|---|---|---|---|" + "---|" * len(systems) + "---|"]
        for r in results["music"]:
            lines.append(f"| {r['kind']} | {r['split']} | {r['condition']} | {r['tracks']} | "
                         + " | ".join(pct(r[s]) for s in systems) + f" | {pct(r['undertone_called_music'])} |")
        lines.append("")
    if "hold" in results:
        lines += ["### Hold in `undertone analyze` (no transcript)", "",
                  "| material | split | condition | files | hold s | reported as hold | hold s reported outside |",
                  "|---|---|---|---|---|---|---|"]
        for r in results["hold"]["hold"]:
            lines.append(f"| {r['group']} | {r['split']} | {r['condition']} | {r['files']} | {r['hold_seconds']} | "
                         f"{pct(r['share_reported'])} | {r['reported_outside_seconds']} |")
        lines += ["", "| no hold belongs here | split | holds reported | hold s |", "|---|---|---|---|"]
        for r in results["hold"]["no_music"]:
            lines.append(f"| {r['file']} | {r['split']} | {r['holds']} | {r['hold_seconds']} |")
        lines.append("")
    if "pitch" in results:
        lines += ["### Pitch on real speech (reference: Praat on the 16 kHz original)", "",
                  "| split | files | frames | Undertone (tel) GPE | VDE | Praat (tel) GPE | VDE |",
                  "|---|---|---|---|---|---|---|"]
        for r in results["pitch"]:
            lines.append(f"| {r['split']} | {r['files']} | {r['frames']} | {pct(r['undertone_gpe'])} | {pct(r['undertone_vde'])} | "
                         f"{pct(r['praat_tel_gpe'])} | {pct(r['praat_tel_vde'])} |")
        lines.append("")
    if "speed" in results:
        s = results["speed"]
        lines += ["### Speed: one-hour stereo 8 kHz mu-law call (hour.wav)", "",
                  "| system | wall s | × real time (wall) | CPU s | peak RSS |", "|---|---|---|---|---|",
                  f"| Undertone `analyze` (whole analysis) | {s['undertone_wall_s']:.1f} | {s['undertone_x_realtime']:.0f}× "
                  f"| {s['undertone_cpu_s']:.1f} | {s['undertone_peak_rss_mb']:.0f} MB |",
                  f"| Silero VAD alone, both channels (onnxruntime, 1 thread) | {s['silero_wall_s']:.1f} | "
                  f"{s['silero_x_realtime']:.0f}× | {s['silero_cpu_s']:.1f} | – |", "",
                  f"Undertone is {s['ratio']:.2f}× as fast as Silero VAD alone in wall time, "
                  f"{s['cpu_ratio']:.2f}× in CPU time.", ""]
    return "\n".join(lines)


SILERO = None


def main():
    global SILERO
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="/work/realaudio")
    ap.add_argument("--undertone", default=os.path.join(undertone_frames.ROOT, ".build", "release", "undertone"))
    ap.add_argument("--only", default=",".join(PARTS), help="parts, comma-separated: " + ",".join(PARTS))
    ap.add_argument("--split", default="all", choices=("tuning", "heldout", "all"))
    ap.add_argument("--conditions", default="", help="comma-separated, e.g. tel,orig16k (default: all)")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help="subset of " + ",".join(SYSTEMS))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--out", default="", help="folder for real-audio.md/json (default: SET/results)")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.set, "READY")):
        raise SystemExit(f"{args.set}: no READY file; build the set first: python3 Scripts/realaudio/build_set.py")
    binary = os.path.abspath(args.undertone)
    if not os.path.exists(binary):
        raise SystemExit(f"{binary}: no such file (build it: swift build -c release --product undertone)")
    os.environ["UNDERTONE"] = binary
    parts = [p for p in args.only.split(",") if p]
    systems = [s for s in args.systems.split(",") if s]
    unknown = set(parts) - set(PARTS) | set(systems) - set(SYSTEMS)
    if unknown:
        raise SystemExit(f"unknown part or system: {', '.join(sorted(unknown))}")
    SILERO = Silero(threads=1)
    manifest = json.load(open(os.path.join(args.set, "manifest.json")))
    files = [e for e in manifest["files"] if args.split == "all" or e["split"] == args.split]
    if args.conditions:
        files = [e for e in files if e["condition"] in args.conditions.split(",")]
    results = {"undertone": binary, "split": args.split, "conditions": args.conditions or "all"}
    out = args.out or os.path.join(args.set, "results")
    os.makedirs(out, exist_ok=True)
    started = time.time()
    runners = {"vad": lambda: vad_part(args.set, files, systems, args.jobs),
               "music": lambda: music_part(args.set, files, systems, args.jobs),
               "hold": lambda: hold_part(args.set, files, binary, args.jobs),
               "pitch": lambda: pitch_part(args.set, files, args.jobs),
               "speed": lambda: speed_part(args.set, binary)}
    for part in PARTS:
        if part not in parts:
            continue
        results[part] = runners[part]()
        if args.split != "all":  # rows for "all" would repeat the one split
            if part in ("vad", "music", "pitch"):
                results[part] = [r for r in results[part] if r["split"] != "all"]
            if part == "hold":
                results[part]["hold"] = [r for r in results[part]["hold"] if r["split"] != "all"]
        table = markdown(results, systems)  # written after every part, so a failure keeps what was measured
        with open(os.path.join(out, "real-audio.md"), "w") as f:
            f.write(table)
        with open(os.path.join(out, "real-audio.json"), "w") as f:
            json.dump(results, f, indent=1)
        print(f"[{part} done after {time.time() - started:.0f} s]", file=sys.stderr, flush=True)
    print(table)
    print(f"({time.time() - started:.0f} s; tables in {out}/real-audio.md and .json)")


if __name__ == "__main__":
    main()
