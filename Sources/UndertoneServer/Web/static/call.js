// The call page: plays moments (2 s before to 2 s after), seeks to evidence, highlights the word being played and
// moves the timeline's playhead; space plays/pauses, j/k go to the next/previous moment.
"use strict";
(function () {
  const page = document.querySelector(".call");
  const audio = document.getElementById("player");
  if (!page || !audio) return;
  const duration = parseFloat(page.dataset.duration) || 1;
  const playhead = document.getElementById("playhead");
  // The transcript's words: each line's text holds them, and its data-w their "start end length" triples. A line's
  // word spans are made when one of its words is first played (a long call has thousands of words).
  const texts = Array.from(document.querySelectorAll(".line .text[data-w]"));
  const starts = [], ends = [], lineOf = [], firstOf = [];
  texts.forEach((text, line) => {
    const w = text.dataset.w.split(" ").map(Number);
    firstOf.push(starts.length);
    for (let i = 0; i + 2 < w.length; i += 3) { starts.push(w[i]); ends.push(w[i + 1]); lineOf.push(line); }
  });
  const spans = [];
  function wordSpan(index) {
    const line = lineOf[index];
    if (!spans[line]) {
      const text = texts[line], content = text.textContent, w = text.dataset.w.split(" ").map(Number);
      const made = [], fragment = document.createDocumentFragment();
      let at = 0;
      for (let i = 0; i + 2 < w.length; i += 3) {
        const span = document.createElement("span");
        span.className = "w";
        span.dataset.s = w[i];
        span.dataset.e = w[i + 1];
        span.textContent = content.substr(at, w[i + 2]);
        at += w[i + 2] + 1;
        if (made.length) fragment.append(" ");
        fragment.append(span);
        made.push(span);
      }
      text.replaceChildren(fragment);
      spans[line] = made;
    }
    return spans[line][index - firstOf[line]];
  }
  const moments = Array.from(document.querySelectorAll("button.play"));
  let stopAt = null;
  let current = null;
  let currentMoment = -1;

  function play(from, until) {
    stopAt = until;
    audio.currentTime = Math.max(0, from);
    const started = audio.play();
    if (started) started.catch(() => {});
    update();
  }

  function playMoment(index) {
    if (index < 0 || index >= moments.length) return;
    currentMoment = index;
    const button = moments[index];
    moments.forEach((b) => b.closest("li").classList.toggle("current", b === button));
    play(parseFloat(button.dataset.start) - 2, parseFloat(button.dataset.end) + 2);
  }

  // The last word that started at or before t, if t is within it or within its line's pause after it.
  function wordAt(t) {
    let lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found >= 0 && t <= ends[found] + 0.25 ? found : -1;
  }

  function update() {
    const t = audio.currentTime;
    if (stopAt !== null && t >= stopAt) { audio.pause(); stopAt = null; }
    if (playhead) {
      const x = Math.min(100, (t / duration) * 100).toFixed(3) + "%";
      playhead.setAttribute("x1", x);
      playhead.setAttribute("x2", x);
    }
    const index = wordAt(t);
    const word = index >= 0 ? wordSpan(index) : null;
    if (word !== current) {
      if (current) current.classList.remove("playing");
      if (word) {
        word.classList.add("playing");
        const line = word.closest("li");
        if (line && !audio.paused) line.scrollIntoView({ block: "nearest" });
      }
      current = word;
    }
  }

  function tick() {
    update();
    if (!audio.paused) requestAnimationFrame(tick);
  }
  audio.addEventListener("play", () => requestAnimationFrame(tick));
  audio.addEventListener("seeked", update);
  audio.addEventListener("timeupdate", update);

  // A moment's comment box, made when asked for (see CallPageHTML.moments).
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.comment");
    const field = document.getElementById("comment-field");
    if (!button || !field) return;
    const label = field.content.firstElementChild.cloneNode(true);
    button.replaceWith(label);
    label.querySelector("input").focus();
  });

  document.addEventListener("click", (event) => {
    const target = event.target.closest("button.play, .seek, a.marker");
    if (!target) return;
    event.preventDefault();
    if (target.matches("button.play")) playMoment(moments.indexOf(target));
    else if (target.matches("a.marker")) {
      const index = parseInt(target.dataset.moment, 10);
      playMoment(index);
      moments[index].focus();
    } else play(parseFloat(target.dataset.t), null);
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, button, a, audio")) {
      if (event.key === " " || event.target.closest("input, textarea, select")) return;
    }
    if (event.key === " ") {
      event.preventDefault();
      if (audio.paused) { stopAt = null; audio.play(); } else audio.pause();
    } else if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      const t = audio.currentTime;
      let index;
      if (event.key === "j") {
        index = moments.findIndex((b, i) => i > currentMoment && parseFloat(b.dataset.start) - 2 > t - 0.5);
        if (index < 0) index = Math.min(currentMoment + 1, moments.length - 1);
      } else {
        index = Math.max(0, currentMoment - 1);
      }
      playMoment(index);
      if (moments[index]) moments[index].focus();
    }
  });
})();
