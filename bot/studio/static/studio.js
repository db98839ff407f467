// The studio page: flows, diagrams, problems beside their lines, a chat preview on the real
// engine, try-it panels. Everything comes from the local studio server; nothing from elsewhere.
"use strict";

const token = document.querySelector('meta[name="studio-token"]').content;
const $ = (id) => document.getElementById(id);
const state = { generation: -1, flows: [], flow: null, view: null, chat: null, ask: null,
                problems: [], sourcePath: null, stats: null };

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-Studio-Token": token },
  };
  const response = await fetch(path, options);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

const pct = (x) => (x === null || x === undefined ? "n/a" : Math.round(x * 100) + "%");
const num = (x) => (x === null || x === undefined ? "n/a" : x.toFixed(2));

// -- flows and problems -------------------------------------------------------------------
async function refresh() {
  let data;
  try { data = await api("/api/state"); } catch (err) { $("status").textContent = "studio not answering"; return; }
  $("status").textContent = data.coverage_ready ? "up to date" : "working out transcript coverage…";
  if (data.generation === state.generation && data.coverage_ready === state.coverageReady) return;
  const reloaded = data.generation !== state.generation;
  state.generation = data.generation;
  state.coverageReady = data.coverage_ready;
  state.flows = data.flows;
  state.problems = data.problems;
  $("version").textContent = data.version ? "flows " + data.version : "";
  $("broken").hidden = !data.broken;
  document.body.classList.toggle("broken", data.broken);
  showFlows();
  showProblems();
  if (reloaded && !state.panels) showPanels(data.panels);
  if (!state.flow && state.flows.length) state.flow = (state.flows.find((f) => f.id === "talk") || state.flows[0]).id;
  if (state.flow) await showFlow(state.flow, reloaded);
}

function showFlows() {
  const list = $("flows");
  list.replaceChildren();
  for (const flow of state.flows) {
    const figures = `tasks ${flow.task.join(", ") || "–"} · reflections:questions ${num(flow.ratio)} · complex ${pct(flow.complex_share)}`;
    const item = el("li", { "data-flow": flow.id, class: flow.id === state.flow ? "selected" : "" },
      el("span", { class: "title" }, flow.title),
      el("span", { class: "figures" }, `${flow.id} · ${figures}`));
    if (flow.problems) item.append(el("span", { class: "figures bad" }, ` · ${flow.problems} problem(s)`));
    item.addEventListener("click", () => { state.flow = flow.id; showFlows(); showFlow(flow.id, true); });
    list.append(item);
  }
}

function showProblems() {
  const list = $("problems");
  list.replaceChildren();
  $("problem-count").textContent = `(${state.problems.length})`;
  for (const p of state.problems) {
    const item = el("li", { class: p.severity, "data-code": p.code },
      `${p.path}:${p.line}: ${p.code} ${p.message}`);
    item.addEventListener("click", () => showSource(p.path, p.line));
    list.append(item);
  }
}

async function showFlow(id, reload) {
  let view;
  if (reload) state.week = "all";
  try { view = await api(`/api/flow/${id}?week=${state.week || "all"}`); } catch (err) { return; }
  state.view = view;
  const flow = state.flows.find((f) => f.id === id) || {};
  $("flow-title").textContent = flow.title || id;
  $("flow-summary").textContent = flow.summary || "";
  $("flow-figures").textContent = `${id} · ${view.path} · ${flow.states} states · IHRP tasks ${
    (flow.task || []).join(", ") || "–"} · reflection-to-question ratio ${num(flow.ratio)} (${
    flow.reflections} reflections of the client's words, ${flow.questions} questions) · complex share ${pct(flow.complex_share)}`;
  $("diagram").innerHTML = view.svg;  // built and escaped by the studio (bot/studio/diagram.py)
  $("coverage-note").textContent = state.coverageReady ? "" : "(coverage: working it out…)";
  for (const node of $("diagram").querySelectorAll(".node")) {
    node.addEventListener("click", () => showSource(view.path, Number(node.dataset.line)));
    node.addEventListener("dblclick", () => { $("chat-state").value = node.dataset.state; startChat(); });
  }
  const select = $("chat-state");
  const keep = select.value;
  select.replaceChildren(el("option", { value: "" }, "the beginning"));
  for (const s of view.states) select.append(el("option", { value: s.id }, s.id));
  if (!reload && [...select.options].some((o) => o.value === keep)) select.value = keep;
  showDropOff();
  if (reload || state.sourcePath !== view.path) await showSource(state.sourcePath && !reload ? state.sourcePath : view.path);
  else await showSource(state.sourcePath);
}

async function showSource(path, highlight) {
  let source;
  try { source = await api(`/api/source?path=${encodeURIComponent(path)}`); } catch (err) { return; }
  state.sourcePath = path;
  $("source-path").textContent = path;
  const byLine = new Map();
  for (const p of source.problems) {
    if (!byLine.has(p.line)) byLine.set(p.line, []);
    byLine.get(p.line).push(p);
  }
  const list = $("source");
  list.replaceChildren();
  source.lines.forEach((text, index) => {
    const number = index + 1;
    const item = el("li", { "data-line": String(number) }, text || " ");
    for (const p of byLine.get(number) || []) {
      item.classList.add("has-problem");
      item.append(el("span", { class: `problem ${p.severity}`, "data-code": p.code },
        `${p.code} ${p.message}${p.hint ? " — " + p.hint : ""}`));
    }
    if (number === highlight) item.classList.add("highlight");
    list.append(item);
  });
  for (const p of byLine.get(0) || []) {
    list.prepend(el("li", { class: "has-problem", "data-line": "0" },
      el("span", { class: `problem ${p.severity}`, "data-code": p.code }, `${p.code} ${p.message}`)));
  }
  if (highlight) {
    const target = list.querySelector(`li[data-line="${highlight}"]`);
    if (target) target.scrollIntoView({ block: "center" });
  }
}

// -- drop-off ------------------------------------------------------------------------------
async function loadStats() {
  try { state.stats = await api("/api/stats"); } catch (err) { state.stats = { flows: {}, error: err.message }; }
  showDropOff();
  if (state.flow) await drawWeek(state.week || "all");  // the diagram now carries the counts
}

async function drawWeek(week) {  // the drop-off figures of one week (or all) on the diagram
  state.week = week;
  const view = await api(`/api/flow/${state.flow}?week=${encodeURIComponent(week)}`);
  $("diagram").innerHTML = view.svg;
  $("diagram").dataset.week = week;
  for (const row of document.querySelectorAll("#dropoff-table tr[data-week]")) {
    row.classList.toggle("selected", row.dataset.week === week);
  }
}

function showDropOff() {
  const box = $("dropoff");
  box.replaceChildren();
  const stats = state.stats;
  $("dropoff-note").textContent = stats && stats.error ? `(${stats.error})` : "(counts only, from the bot's store)";
  const data = stats && stats.flows[state.flow];
  if (!data) { box.append(el("p", {}, "No conversations counted for this flow yet.")); return; }
  const table = el("table", { id: "dropoff-table" });
  table.append(el("tr", {}, el("th", {}, "week of"), el("th", {}, "started"), el("th", {}, "finished"),
    el("th", {}, "left before the end"), el("th", {}, "left most at")));
  const row = (label, w) => {
    const worst = Object.entries(w.states).sort((a, b) => b[1].left - a[1].left)[0];
    const tr = el("tr", { "data-week": label === "all weeks" ? "all" : label,
                          class: (state.week || "all") === (label === "all weeks" ? "all" : label) ? "selected" : "" }, el("td", {}, label), el("td", {}, String(w.started ?? "")),
      el("td", {}, String(w.finished)), el("td", {}, String(w.left)),
      el("td", {}, worst && worst[1].left ? `${worst[0]} (${worst[1].left})` : "–"));
    tr.title = "show this week's figures on the diagram";
    tr.addEventListener("click", () => drawWeek(tr.dataset.week));
    return tr;
  };
  for (const [week, w] of Object.entries(data.weeks)) table.append(row(week, w));
  table.append(row("all weeks", data.total));
  box.append(table);
}

// -- chat preview --------------------------------------------------------------------------
function addMessage(kind, text, where) {
  const node = el("div", { class: `msg ${kind}` }, text);
  if (where && where.flow === "crisis") node.classList.add("crisis");
  if (where && where.state && kind !== "me") node.append(el("span", { class: "where" }, `${where.flow}.${where.state}`));
  $("chat-log").append(node);
  node.scrollIntoView({ block: "end" });
}

function showReplies(messages) {
  let ask = null;
  for (const m of messages) {
    if (m.kind === "note") addMessage("note", "✎ " + m.text, m);
    else if (m.kind === "end") addMessage("end", "— the flow ended —", m);
    else if (m.text.startsWith("⏱")) addMessage("wait", m.text, m);
    else addMessage("bot", m.text, m);
    if (m.kind === "ask") ask = m;
  }
  if (ask) state.ask = ask;
  const buttons = $("chat-buttons");
  buttons.replaceChildren();
  for (const label of (state.ask && state.ask.buttons) || []) {
    const button = el("button", { type: "button" }, label);
    button.addEventListener("click", () => send(`[${label}]`, label));
    buttons.append(button);
  }
  const current = messages.length ? messages[messages.length - 1] : null;
  for (const node of $("diagram").querySelectorAll(".node.current")) node.classList.remove("current");
  if (current && current.flow === state.flow) {
    const node = $("diagram").querySelector(`.node[data-state="${current.state}"]`);
    if (node) node.classList.add("current");
  }
}

async function startChat() {
  $("chat-log").replaceChildren();
  $("save-result").textContent = "";
  state.ask = null;
  try {
    const data = await api("/api/chat/start", { flow: state.flow, state: $("chat-state").value,
                                                training: $("chat-training").checked });
    state.chat = data.id;
    $("chat-text").disabled = $("chat-send").disabled = false;
    $("save-button").disabled = !data.savable;
    $("save-button").title = data.savable ? "" : "start from the beginning to save a transcript";
    showReplies(data.messages);
    $("chat-text").focus();
  } catch (err) { addMessage("end", "Could not start: " + err.message); }
}

async function send(text, shown) {
  if (!state.chat) return;
  addMessage("me", shown || text);
  $("chat-buttons").replaceChildren();
  state.ask = null;
  try {
    const data = await api("/api/chat/send", { id: state.chat, text });
    showReplies(data.messages);
  } catch (err) { addMessage("end", err.message); }
}

async function save() {
  const result = $("save-result");
  result.className = "";
  result.textContent = "saving…";
  try {
    const data = await api("/api/chat/save", { id: state.chat, name: $("save-name").value });
    result.className = data.passed ? "ok" : "fail";
    result.textContent = data.passed ? `Saved ${data.path}; it passes as a golden transcript.`
      : `Saved ${data.path}, but replaying it failed:\n${data.failures.join("\n")}`;
  } catch (err) { result.className = "fail"; result.textContent = err.message; }
}

// -- try-it panels -------------------------------------------------------------------------
function showPanels(panels) {
  state.panels = panels;
  const box = $("panels");
  box.replaceChildren();
  for (const panel of panels) {
    const input = el("input", { type: "text", placeholder: panel.hint });
    const output = el("pre", {});
    const form = el("form", {}, input, el("button", { type: "submit" }, "Try"));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try { output.textContent = JSON.stringify(await api(`/api/try/${panel.name}`, { text: input.value }), null, 1); }
      catch (err) { output.textContent = err.message; }
    });
    box.append(el("div", { class: "panel", "data-panel": panel.name },
      el("h3", {}, `${panel.title} (between ${panel.name})`), form, output));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("chat-start").addEventListener("click", startChat);
  $("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("chat-text").value;
    if (!text.trim()) return;
    $("chat-text").value = "";
    send(text);
  });
  $("save-button").addEventListener("click", save);
  refresh().then(loadStats);
  setInterval(refresh, 1000);
});
