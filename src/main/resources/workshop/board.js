// The workshop dashboard and projector: one live picture of the room, pushed by the server over
// server-sent events. Every piece of text from the server (learner names above all) is set with
// textContent, never parsed as HTML, and the page's Content-Security-Policy allows no inline script.
"use strict";

const mode = location.pathname.startsWith("/projector") ? "projector" : "instructor";
const instructor = mode === "instructor";
document.body.dataset.mode = mode;
document.body.classList.toggle("projector", !instructor);
// The other mode's parts leave the page (the projector's page has no controls at all).
document.querySelectorAll(instructor ? ".projector-only" : ".instructor-only").forEach((e) => e.remove());
const query = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);
let board = null;
let deadline = null;
let selected = null;
let source = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = String(m).padStart(2, "0"), ss = String(r).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function points(p) {
  return (Math.round(p * 100) / 100).toString();
}

async function api(method, path, body) {
  const r = await fetch(path, {
    method, credentials: "same-origin",
    headers: body === undefined ? {} : {"Content-Type": "application/json"},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!r.ok) throw new Error(data && data.error ? data.error : `HTTP ${r.status}`);
  return data;
}

function renderTimer() {
  if (!board) return;
  const t = board.timer;
  let left = t.remainingSeconds;
  if (t.state === "running" && deadline !== null) left = (deadline - Date.now()) / 1000;
  $("timer").textContent = clock(left);
  const words = {"not-started": "not started", running: "running", paused: "paused", over: "time is up"};
  $("timer-state").textContent = `${words[t.state] || t.state} · ${t.totalMinutes} min`;
  document.body.dataset.timer = t.state;
}

function render(b) {
  board = b;
  deadline = b.timer.state === "running" ? Date.now() + b.timer.remainingSeconds * 1000 : null;
  $("title").textContent = b.title;
  document.title = b.title;
  $("closed").hidden = !b.closed;
  $("join").textContent = b.join;
  $("seat-count").textContent = b.seats.length;
  if ($("results")) $("results").textContent = b.results;
  renderTimer();
  renderGrid(b);
  renderRoom(b);
  if (instructor) renderTools(b);
}

function renderGrid(b) {
  const head = $("board-head");
  head.replaceChildren(el("th", {}, "Seat"));
  for (const t of b.tasks) {
    const th = el("th", {title: `${t.id} · weight ${t.weight}`}, `T${t.index + 1}`,
      el("span", {class: "sub"}, `${t.passed}/${b.seats.length} ✓ · hints ${t.hintsRevealed}/${t.hints}`));
    head.append(th);
  }
  head.append(el("th", {}, "Total"));
  const stuckSeconds = Number(($("stuck-minutes") || {value: 10}).value || 10) * 60;
  const body = $("board-body");
  body.replaceChildren();
  for (const s of b.seats) {
    const stuck = !s.done && s.idleSeconds >= stuckSeconds;
    const name = el("td", {class: "name"}, el("span", {class: "learner"}, s.name), el("span", {class: "sub"}, `${s.lab} · on T${s.currentTask + 1}`));
    if (stuck) name.append(el("span", {class: "badge stuck"}, `no progress ${Math.floor(s.idleSeconds / 60)} min`));
    const tr = el("tr", {"data-seat": s.id, class: stuck ? "stuck" : ""}, name);
    s.cells.forEach((c, i) => {
      const label = c.state === "none" ? "" : c.state === "working" ? "…" : `${points(c.points)}/${c.weight}`;
      const td = el("td", {class: `cell ${c.state}`, "data-task": i, title: `${c.checks} check(s)${c.submitted ? ", submitted" : ""}`},
        el("span", {class: "pts"}, label));
      if (c.seconds > 0) td.append(el("span", {class: "sub"}, clock(c.seconds)));
      if (c.submitted) td.append(el("span", {class: "flag", title: "submitted"}, "⚑"));
      if (c.disagreements > 0) td.append(el("span", {class: "warn", title: "the learner's lab observed something else than the engine computed"}, `⚠${c.disagreements}`));
      if (c.late) td.append(el("span", {class: "sub"}, "late"));
      if (instructor && c.state !== "none") td.addEventListener("click", () => openDetail(s.id, i));
      tr.append(td);
    });
    tr.append(el("td", {class: "total"}, `${points(s.points)}/${s.weight}`, el("span", {class: "sub"}, `${s.passed} passed`)));
    body.append(tr);
  }
  $("empty").hidden = b.seats.length > 0;
}

function renderRoom(b) {
  $("failures").replaceChildren(...b.failures.map((f) => el("li", {},
    el("b", {}, `${f.count} of ${f.of}`), ` fail `, el("code", {}, f.probe), ` (expected ${f.expected}, got ${f.outcome}) in task ${f.task + 1}`)));
  $("findings").replaceChildren(...b.findings.map((f) => el("li", {},
    el("b", {}, `${f.count} of ${f.of}`), `: ${f.id} in task ${f.task + 1} — `, f.meaning)));
  $("messages").replaceChildren(...b.messages.slice().reverse().map((m) => el("li", {},
    el("span", {class: "sub"}, new Date(m.at).toLocaleTimeString()), " ", m.text)));
}

function renderTools(b) {
  const sel = $("hint-task");
  const keep = sel.value;
  sel.replaceChildren(...b.tasks.map((t) => el("option", {value: t.index}, `Task ${t.index + 1}: ${t.title} (${t.hintsRevealed}/${t.hints} revealed)`)));
  if (keep !== "") sel.value = keep;
  $("start").textContent = b.timer.state === "paused" ? "Resume" : "Start";
  $("start").disabled = b.closed || b.timer.state === "running";
  $("pause").disabled = b.closed || b.timer.state !== "running";
  $("close").disabled = b.closed;
  $("projector").href = "/projector?code=" + encodeURIComponent((b.join.match(/--code (\S+)/) || [])[1] || "");
}

async function openDetail(seat, task) {
  selected = {seat, task};
  const d = await api("GET", `/api/instructor/seats/${seat}/tasks/${task}`);
  $("detail").hidden = false;
  $("detail-title").textContent = `${d.name} — task ${task + 1} (${d.scenario})`;
  const r = d.latest;
  $("detail-score").textContent = r ? `${points(r.score.points)}/${r.score.weight} points · targets ${r.score.targetsMet}/${r.score.targets} met · `
    + `guards broken ${r.score.guardsBroken}/${r.score.guards} · ${r.kind} from the ${r.lab} lab` : "nothing sent yet";
  const cells = r ? r.detail.cells.filter((c) => !c.pass) : [];
  $("detail-cells").replaceChildren(...(cells.length ? cells.map((c) => el("li", {}, el("code", {}, c.probe), ` expected ${c.expected}, got ${c.outcome} — ${c.reason}`))
    : [el("li", {}, r ? "none" : "—")]));
  const findings = r ? r.detail.findings : [];
  $("detail-findings").replaceChildren(...(findings.length ? findings.map((f) => el("li", {}, `${f.severity} ${f.id} ${f.policy}: ${f.meaning}`)) : [el("li", {}, "nothing")]));
  const dis = r ? r.detail.disagreements : [];
  $("detail-disagreements").replaceChildren(...(dis.length ? dis.map((x) => el("li", {}, el("code", {}, x.probe), ` engine ${x.engine}, their lab ${x.observed}`))
    : [el("li", {}, "none")]));
  const diff = $("detail-diff");
  diff.replaceChildren(...(d.diff.length ? d.diff.map((line) => el("span", {class: line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : ""}, line + "\n"))
    : [document.createTextNode(r ? "the same as the reference" : "")]));
  $("detail-policies").textContent = d.policies;
}

function connect() {
  const url = instructor ? "/api/instructor/events" : `/api/projector/events?code=${encodeURIComponent(query.get("code") || "")}`
    + (query.get("anon") ? "&anon=1" : "");
  if (source) source.close();
  source = new EventSource(url);
  source.addEventListener("board", (e) => {
    $("login").hidden = true;
    render(JSON.parse(e.data));
    if (selected && instructor && !$("detail").hidden) openDetail(selected.seat, selected.task).catch(() => {});
  });
  const mine = source;
  mine.onerror = async () => {
    // EventSource retries by itself; a refused feed (401) is told apart by asking once.
    const probe = await fetch(instructor ? "/api/instructor/board" : url.replace("/events", "/board"), {credentials: "same-origin"}).catch(() => null);
    if (probe && probe.status === 401) {
      mine.close();
      $("login").hidden = false;
    }
  };
}

async function login() {
  const m = location.hash.match(/secret=([^&]+)/);
  if (!m) return;
  try {
    await api("POST", "/api/instructor/login", {secret: decodeURIComponent(m[1])});
  } finally {
    // The secret leaves the address bar and the history once it is exchanged for the cookie.
    history.replaceState(null, "", location.pathname + location.search);
  }
}

function wire() {
  const act = (fn) => async (e) => {
    if (e) e.preventDefault();
    try { await fn(); } catch (err) { alertBox(err.message); }
  };
  $("start").addEventListener("click", act(() => api("POST", "/api/instructor/timer", {action: "start"})));
  $("pause").addEventListener("click", act(() => api("POST", "/api/instructor/timer", {action: "pause"})));
  $("extend").addEventListener("click", act(() => api("POST", "/api/instructor/timer", {action: "extend", minutes: 5})));
  $("close").addEventListener("click", act(async () => {
    if (confirm("Close the workshop? Learners can no longer send results.")) await api("POST", "/api/instructor/close", {});
  }));
  $("message-form").addEventListener("submit", act(async () => {
    const text = $("message").value.trim();
    if (!text) return;
    await api("POST", "/api/instructor/messages", {text});
    $("message").value = "";
  }));
  $("hint-form").addEventListener("submit", act(() => api("POST", "/api/instructor/hints", {task: Number($("hint-task").value)})));
  $("stuck-minutes").addEventListener("change", () => board && renderGrid(board));
  $("detail-close").addEventListener("click", () => { $("detail").hidden = true; selected = null; });
}

function alertBox(text) {
  const n = el("p", {class: "notice error"}, text);
  document.querySelector("main").prepend(n);
  setTimeout(() => n.remove(), 6000);
}

async function main() {
  if (instructor) {
    wire();
    await login().catch((e) => alertBox(e.message));
    // The Dashboard address pasted into a tab already open on the page changes only the #fragment: no reload.
    window.addEventListener("hashchange", async () => {
      if (!location.hash.includes("secret=")) return;
      await login().catch((e) => alertBox(e.message));
      connect();
    });
  }
  connect();
  setInterval(renderTimer, 1000);
}

main();
