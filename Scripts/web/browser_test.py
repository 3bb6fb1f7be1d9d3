#!/usr/bin/env python3
"""browser_test.py SERVER [--out DIR] [--hour-minutes N] — the QA replay pages in a real browser.

Starts `SERVER serve` (the undertone-server binary) on a fresh --data folder, uploads fixture calls with an ingest
key and waits for their analysis. A one-hour call (Scripts/web/make_hour_call.py: the sample call 42 times) is not
analysed (a debug build takes longer than CI should); it is stored straight into the SQLite store as done, with
the sample call's report repeated 42 times as its report, so its page has an hour's speech, pauses, moments,
turns and words. Then it drives Debian's chromium through
chromedriver (Selenium) with a qa key: sign in; the calls list; the sample call's timeline (the report's dead air,
at the truth's 1:04.9; the hold); on the calls page and the call page, every visible control labelled for screen readers
and reached by Tab; playing the "That's our policy" moment; a false-alarm review that survives a reload and reaches
/v1/reviews/summary; the page at 390x844; the long call's page load time (loopback, navigation timing, median
of 5; must be under $WEB_HOUR_BUDGET_MS, default 1000); sign out, after which pages redirect and the audio answers 401. Screenshots go to --out (git-ignored).
Exits 1 with the failed check's name.
"""
import argparse
import hashlib
import json
import os
import pathlib
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

from selenium.common.exceptions import TimeoutException
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
CALLS = ROOT / "AudioFixtures" / "calls"
FIXTURES = ["sample-call", "opening-fail", "layout-overlap"]
FAILURES = []


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + (f" ({detail})" if detail else ""), flush=True)
    if not condition:
        FAILURES.append(name)
    return condition


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, key, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, method=method, headers={"Authorization": f"Bearer {key}", **(headers or {})})
    with urllib.request.urlopen(req, timeout=120) as response:
        return json.loads(response.read() or b"{}")


def upload(base, key, stem, folder):
    boundary = uuid.uuid4().hex
    body = b""
    for field, suffix in [("audio", ".wav"), ("transcript", ".json"), ("metadata", ".meta.json")]:
        path = folder / (stem + suffix)
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{path.name}\"\r\n"
                 "Content-Type: application/octet-stream\r\n\r\n").encode() + path.read_bytes() + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return request(f"{base}/v1/calls", key, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})["id"]


def wait_done(base, key, ids, timeout):
    deadline = time.time() + timeout
    pending = set(ids)
    while pending and time.time() < deadline:
        for call in list(pending):
            status = request(f"{base}/v1/calls/{call}", key)["status"]
            if status == "failed":
                sys.exit(f"call {call} failed analysis")
            if status == "done":
                pending.discard(call)
        time.sleep(0.5)
    if pending:
        sys.exit(f"calls not analysed in {timeout} s: {sorted(pending)}")


def shifted(item, offset, keys=("start", "end", "time")):
    """A copy of a report item with its times moved by offset (nested trigger spans too)."""
    item = dict(item)
    for key in keys:
        if isinstance(item.get(key), (int, float)):
            item[key] = round(item[key] + offset, 3)
    if isinstance(item.get("trigger"), dict):
        item["trigger"] = shifted(item["trigger"], offset)
    return item


def store_hour_call(data, folder, sample_report):
    """Stores the long call as done, its report the sample call's repeated; returns its id."""
    tiling = json.loads((folder / "hour-call.tiling.json").read_text())
    copies, seconds = tiling["copies"], tiling["seconds"]
    report = json.loads(json.dumps(sample_report))
    report["call"]["source"] = "hour-call.wav"
    report["call"]["durationSeconds"] = round(copies * seconds, 3)
    for key in ["speech", "pauses", "overlaps", "moments"]:
        report[key] = [shifted(item, copy * seconds) for copy in range(copies) for item in sample_report[key]]
    sentiment = report["sentiment"]
    for key in ["turns", "turningPoints"]:
        sentiment[key] = [shifted(item, copy * seconds) for copy in range(copies) for item in sample_report["sentiment"][key]]
    for arc in sentiment["arcs"].values():
        arc["points"] = arc["points"] * copies
    blobs = {}
    for suffix in [".wav", ".json"]:
        content = (folder / ("hour-call" + suffix)).read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        path = data / "blobs" / digest[:2] / digest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        blobs[suffix] = (digest, len(content))
    moments = {}
    for moment in report["moments"]:
        moments[moment["kind"]] = moments.get(moment["kind"], 0) + 1
    stats = report["stats"]["call"]
    summary = {"durationSeconds": report["call"]["durationSeconds"], "deadAirSeconds": stats["deadAir"]["totalSeconds"] * copies,
               "holdSeconds": stats["hold"]["totalSeconds"] * copies, "momentCounts": moments,
               "openingScore": report["opening"]["score"], "agentTalkRatio": report["stats"]["agent"]["talkRatio"]}
    call_id = str(uuid.uuid4())
    now = time.time()
    with sqlite3.connect(data / "undertone.sqlite") as db:
        db.execute(
            """INSERT INTO calls (id, kind, status, audio_name, audio_sha256, audio_bytes, transcript_name, transcript_sha256,
                   transcript_bytes, metadata, agent, created_at, started_at, finished_at, attempts, report, summary,
                   opening_score, moment_kinds)
               VALUES (?, 'upload', 'done', 'hour-call.wav', ?, ?, 'hour-call.json', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)""",
            (call_id, *blobs[".wav"], *blobs[".json"], (folder / "hour-call.meta.json").read_text(), "Dana", now, now, now,
             json.dumps(report), json.dumps(summary, sort_keys=True), summary["openingScore"], "," + ",".join(sorted(moments)) + ","))
    return call_id


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
                 "--disable-gpu", "--mute-audio", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.set_window_size(width, height)
    return driver


# Every visible control of the page: its accessible name (aria-label, aria-labelledby, a <label>, title, alt or its
# text) and whether the keyboard can reach it (not disabled, tabIndex >= 0).
CONTROLS_JS = """
const controls = Array.from(document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, audio[controls], [tabindex], [onclick]'))
  .filter(e => e.getClientRects().length > 0);
const name = e => (e.getAttribute('aria-label') || (e.getAttribute('aria-labelledby') || '').split(' ')
  .map(id => (document.getElementById(id) || {}).textContent || '').join(' ') || (e.labels && e.labels.length
  ? e.labels[0].textContent : '') || e.getAttribute('title') || e.getAttribute('alt') || e.textContent || '').trim();
controls.forEach((e, i) => e.dataset.controlIndex = i);
return controls.map(e => ({tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, name: name(e),
  reachable: !e.disabled && e.tabIndex >= 0}));
"""


def check_keyboard_and_labels(driver, page):
    """Every visible control is labelled for screen readers, reachable by Tab, and Tab really visits it."""
    controls = driver.execute_script(CONTROLS_JS)
    unlabelled = [f"{c['tag']}#{c['id']}.{c['cls']}" for c in controls if not c["name"]]
    unreachable = [f"{c['tag']} '{c['name'][:30]}'" for c in controls if not c["reachable"]]
    check(f"{page}: every control labelled for screen readers", not unlabelled and controls,
          f"{len(controls)} controls; unlabelled: {unlabelled[:5]}")
    # Tab from the top through the page (the audio element's own buttons take a few stops of their own).
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    seen = set()
    for _ in range(len(controls) * 2 + 20):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        index = driver.execute_script("const a = document.activeElement; return a && a.dataset ? a.dataset.controlIndex : null")
        if index is not None:
            seen.add(int(index))
        if len(seen) == len(controls):
            break
    missed = [f"{c['tag']} '{c['name'][:30]}'" for i, c in enumerate(controls) if i not in seen and c["tag"] != "audio"]
    check(f"{page}: every control reachable by keyboard", not unreachable and not missed,
          f"{len(seen)} of {len(controls)} reached by Tab; not reachable: {(unreachable + missed)[:5]}")


def viewport(driver, width, height):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("server")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / ".build" / "web-screenshots")
    parser.add_argument("--hour-minutes", type=float, default=60)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="undertone-web."))
    data = work / "data"

    def key(role):
        return subprocess.run([args.server, "keys", "create", "--role", role, "--name", f"{role}-browser", "--data", str(data)],
                              check=True, capture_output=True, text=True).stdout.strip()
    qa, ingest = key("qa"), key("ingest")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(work / "serve.log", "w")
    print(f"serve log: {work / 'serve.log'}", flush=True)
    server = subprocess.Popen([args.server, "serve", "--data", str(data), "--listen", f"127.0.0.1:{port}", "--workers", "2"],
                              stdout=log, stderr=subprocess.STDOUT)
    driver = None
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        subprocess.run([sys.executable, str(pathlib.Path(__file__).with_name("make_hour_call.py")), str(work / "hour"),
                        "--minutes", str(args.hour_minutes)], check=True)
        started = time.time()
        ids = {stem: upload(base, ingest, stem, CALLS) for stem in FIXTURES}
        wait_done(base, qa, ids.values(), timeout=900)
        print(f"analysed {len(ids)} calls in {time.time() - started:.1f} s", flush=True)
        sample = ids["sample-call"]
        report = request(f"{base}/v1/calls/{sample}/report", qa)
        ids["hour-call"] = store_hour_call(data, work / "hour", report)
        policy = next(m for m in report["moments"] if "That's our policy" in m["summary"])

        driver = browser(1280, 800)
        wait = WebDriverWait(driver, 10)
        driver.get(f"{base}/calls")
        check("calls page redirects to sign-in without a session", driver.current_url.endswith("/signin"), driver.current_url)
        driver.find_element(By.ID, "key").send_keys(qa)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(lambda d: d.current_url.endswith("/calls"))
        cookie = driver.get_cookie("undertone_session") or {}
        check("session cookie is HttpOnly and SameSite=Strict", cookie.get("httpOnly") and cookie.get("sameSite") == "Strict", str(cookie))
        names = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#calls tbody th a")]
        check("calls list shows every fixture call", all(f"{stem}.wav" in names for stem in FIXTURES), ", ".join(names))
        driver.save_screenshot(str(args.out / "calls.png"))
        check_keyboard_and_labels(driver, "calls page")

        driver.find_element(By.LINK_TEXT, "sample-call.wav").click()
        wait.until(lambda d: d.find_elements(By.ID, "timeline"))
        # The timeline draws the report's own dead air (its pauses, the same span as its deadAir moment), and that
        # is checked against the fixture's truth, 64.92-71.41 s: the page must read 1:04.9, as the truth does.
        reported = [p for p in report["pauses"] if p["kind"] == "deadAir"]
        dead = [(float(r.get_attribute("data-start")), float(r.get_attribute("data-end")), r.get_attribute("aria-label"), r.is_displayed())
                for r in driver.find_elements(By.CSS_SELECTOR, "#timeline rect.pause.deadAir")]
        check("timeline shows the report's dead air at the truth's 1:04.9",
              len(dead) == len(reported) == 1 and all(shown for *_, shown in dead)
              and abs(dead[0][0] - reported[0]["start"]) < 0.006 and abs(dead[0][1] - reported[0]["end"]) < 0.006
              and "1:04.9" in dead[0][2] and abs(reported[0]["start"] - 64.92) < 0.05,
              f"report {[(p['start'], p['end']) for p in reported]}; page " + "; ".join(label for _, _, label, _ in dead))
        holds = driver.find_elements(By.CSS_SELECTOR, "#timeline rect.pause.hold")
        check("timeline shows the hold", len(holds) >= 1 and holds[0].is_displayed(), f"{len(holds)} hold rects")
        check_keyboard_and_labels(driver, "call page")

        button = next(b for b in driver.find_elements(By.CSS_SELECTOR, "button.play")
                      if "That's our policy" in b.get_attribute("aria-label"))
        # Where playback starts: the element's position when it fires "playing" (the machine may be slow to start).
        driver.execute_script("const a = document.getElementById('player'); window.playingAt = null;"
                              "a.addEventListener('playing', () => { if (window.playingAt === null) window.playingAt = a.currentTime; })")
        button.click()
        wait.until(lambda d: d.execute_script("const a = document.getElementById('player'); return !a.paused && window.playingAt !== null"))
        position = driver.execute_script("return window.playingAt")
        target = max(0, policy["start"] - 2)
        check("moment play: audio playing from the moment's start - 2 s", abs(position - target) <= 0.3,
              f"currentTime {position:.3f}, start - 2 = {target:.3f}")
        WebDriverWait(driver, 8).until(lambda d: d.execute_script("return document.getElementById('player').currentTime") >= policy["start"] + 0.4)
        # The highlight follows the player's timeupdate events (about 4 a second): wait for the next one.
        line_of_playing_word = "const w = document.querySelector('.w.playing'); return w ? w.closest('li').textContent : ''"
        try:
            WebDriverWait(driver, 3).until(lambda d: d.execute_script(line_of_playing_word))
        except TimeoutException:
            pass
        line = driver.execute_script(line_of_playing_word)
        check("transcript highlights a word of that line", "That's our policy" in line, line.strip()[:80])
        driver.save_screenshot(str(args.out / "call.png"))

        li = button.find_element(By.XPATH, "./ancestor::li")
        li_id = li.get_attribute("id")
        li.find_element(By.CSS_SELECTOR, "button[value=falseAlarm]").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#{li_id} .review.falseAlarm"))
        driver.refresh()
        moment_li = driver.find_element(By.ID, li_id)
        check("false alarm persists after reload", moment_li.find_elements(By.CSS_SELECTOR, ".review.falseAlarm") != []
              and moment_li.find_element(By.CSS_SELECTOR, "button[value=falseAlarm]").get_attribute("aria-pressed") == "true")
        summary = driver.execute_async_script(
            "const done = arguments[0]; fetch('/v1/reviews/summary').then(r => r.json()).then(done, e => done(String(e)))")
        counts = summary.get("moments", {}).get(policy["kind"], {}) if isinstance(summary, dict) else {}
        check("false alarm counted in /v1/reviews/summary", counts.get("rejected") == 1, json.dumps(summary))

        viewport(driver, 390, 844)
        driver.refresh()
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        first = driver.find_element(By.CSS_SELECTOR, "button.play")
        check("390x844: no sideways scrolling, moments usable", wide <= 390 and first.is_displayed() and first.size["width"] > 0, f"scrollWidth {wide}")
        driver.save_screenshot(str(args.out / "call-390.png"))
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

        # Navigation timing of each load: first byte, last byte, DOMContentLoaded and load, ms from navigation start.
        timings = []
        for _ in range(6):
            driver.get(f"{base}/calls/{ids['hour-call']}")
            timings.append(driver.execute_script(
                "const n = performance.getEntriesByType('navigation')[0];"
                "return [n.responseStart, n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd].map(x => x - n.startTime)"))
        # The first load also fills the server's page cache (decoded report, transcript HTML): printed, not judged.
        first, timings = timings[0][3], timings[1:]
        loads = [t[3] for t in timings]
        words = driver.execute_script("return Array.from(document.querySelectorAll('.text[data-w]'))"
                                      ".reduce((n, t) => n + t.dataset.w.split(' ').length / 3, 0)")
        median = statistics.median(loads)
        stages = " ".join(f"{name} {statistics.median(t[i] for t in timings):.0f}"
                          for i, name in enumerate(["firstByte", "lastByte", "domContentLoaded", "load"]))
        budget = float(os.environ.get("WEB_HOUR_BUDGET_MS", "1000"))
        check(f"one-hour call page loads within {budget:.0f} ms", median < budget,
              f"median {median:.0f} ms over {len(loads)} loads, max {max(loads):.0f} ms, {words} words")
        print(f"BENCH hour-call page load: median {median:.0f} ms, loads {[round(x) for x in loads]}, first {first:.0f} ms, {words} words; "
              f"medians (ms): {stages}", flush=True)

        driver.get(f"{base}/calls/{sample}")
        driver.find_element(By.ID, "signout").click()
        wait.until(lambda d: d.current_url.endswith("/signin"))
        driver.get(f"{base}/calls/{sample}")
        check("after sign-out the call page redirects to sign-in", driver.current_url.endswith("/signin"), driver.current_url)
        status = driver.execute_async_script(
            f"const done = arguments[0]; fetch('/v1/calls/{sample}/audio').then(r => done(r.status), e => done(String(e)))")
        check("after sign-out the audio answers 401", status == 401, str(status))
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=30)
        log.close()
    if FAILURES:
        print("serve log: " + str(work / "serve.log"))
        sys.exit("browser test FAILED: " + "; ".join(FAILURES))
    print(f"browser test passed; screenshots in {args.out}")


if __name__ == "__main__":
    main()
