// The live view: calls with status "live" from the listing, and their alerts as they arrive on the SSE stream
// /v1/live/alerts (each event: the JSON of an `undertone live` line plus callId). A call that is no longer live
// links to its page.
"use strict";
(function () {
  const list = document.getElementById("live-calls");
  const status = document.getElementById("live-status");
  const calls = new Map();

  function entry(id) {
    if (calls.has(id)) return calls.get(id);
    const li = document.createElement("li");
    li.className = "live-call";
    const title = document.createElement("h2");
    title.textContent = "Call " + id;
    const state = document.createElement("p");
    state.className = "state";
    state.textContent = "live";
    const alerts = document.createElement("ol");
    alerts.className = "alerts";
    alerts.setAttribute("aria-label", "Alerts of call " + id);
    li.append(title, state, alerts);
    list.appendChild(li);
    const item = { li, state, alerts, live: true };
    calls.set(id, item);
    return item;
  }

  function ended(id) {
    const item = entry(id);
    if (!item.live) return;
    item.live = false;
    item.state.textContent = "";
    const link = document.createElement("a");
    link.href = "/calls/" + encodeURIComponent(id);
    link.textContent = "Call ended: open its page";
    item.state.appendChild(link);
  }

  function showStatus() {
    const live = Array.from(calls.values()).filter((c) => c.live).length;
    status.textContent = live === 0 ? "No live calls." : live + " live call" + (live === 1 ? "" : "s") + ".";
  }

  async function refresh() {
    try {
      const response = await fetch("/v1/calls?status=live&limit=500", { credentials: "same-origin" });
      if (!response.ok) return;
      const body = await response.json();
      const live = new Set(body.calls.map((c) => c.id));
      live.forEach((id) => entry(id));
      calls.forEach((item, id) => { if (!live.has(id)) ended(id); });
      showStatus();
    } catch (e) { /* next refresh */ }
  }

  function time(seconds) {
    const m = Math.floor(seconds / 60), s = (seconds - m * 60).toFixed(1).padStart(4, "0");
    return m + ":" + s;
  }

  if (window.EventSource) {
    const source = new EventSource("/v1/live/alerts");
    source.onmessage = (event) => {
      let alert;
      try { alert = JSON.parse(event.data); } catch (e) { return; }
      if (!alert.callId) return;
      const item = entry(alert.callId);
      const li = document.createElement("li");
      li.textContent = time(alert.audioTime || 0) + " " + (alert.kind || "alert") + (alert.speaker ? " (" + alert.speaker + ")" : "") + ": " + (alert.summary || "");
      item.alerts.appendChild(li);
      showStatus();
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) status.textContent = calls.size ? status.textContent : "No live calls (the alert stream is not available).";
    };
  }
  refresh();
  setInterval(refresh, 5000);
})();
