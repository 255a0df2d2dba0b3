// goalsheet's page: files are read here and handed to the engine (WebAssembly, in a Web
// Worker). Nothing is sent anywhere: the page makes no request after its own files load.

const TEXT = {
  en: {
    title: "goalsheet",
    tagline: "Check a marketing plan against SMART and roll its targets up.",
    private: "Your files stay on this computer: they are read and reviewed inside this page, and nothing is uploaded.",
    dropTitle: "Drop your planning spreadsheets here",
    dropSub: "Excel (.xlsx .xlsm .xlsb .xls), OpenDocument (.ods) or CSV — one file or several.",
    pick: "Choose files…",
    asOf: "Progress as of",
    downloadAll: "Download all reviewed workbooks (.zip)",
    download: "Download reviewed workbook",
    close: "Close",
    footer: "goalsheet — the same engine as the command line, running in your browser.",
    reviewing: (n) => `Reviewing ${n} file${n === 1 ? "" : "s"}…`,
    sheet: "Sheet",
    goals: "Goals", owners: "Owners", errors: "Errors", warnings: "Warnings", infos: "Infos",
    findings: "Findings", byOwner: "Rollup by owner", byChannel: "Rollup by channel",
    severity: "Severity", rule: "Rule", cell: "Cell", message: "Message", hint: "Hint",
    filter: "Filter findings…", allSeverities: "All severities", allLetters: "All letters",
    error: "error", warning: "warning", info: "info",
    noFindings: "No findings: every goal passes the SMART checks.",
    showAll: (n) => `Show all ${n}`,
    shown: (a, b) => `${a} of ${b} shown`,
    owner: "Owner", channel: "Channel", metric: "Metric", unit: "Unit", year: "Year",
    noRollup: "Nothing to roll up (no goal has a metric and a target).",
    cannotRead: "This file cannot be reviewed",
    budget: "Budget", planned: "Planned",
  },
  zh: {
    title: "goalsheet",
    tagline: "按 SMART 检查营销计划，并逐级汇总目标。",
    private: "文件只留在这台电脑上：在本页面内读取和审阅，不会上传到任何地方。",
    dropTitle: "把计划表拖到这里",
    dropSub: "Excel（.xlsx .xlsm .xlsb .xls）、OpenDocument（.ods）或 CSV，可一次放入多个文件。",
    pick: "选择文件…",
    asOf: "进度截至",
    downloadAll: "下载全部审阅工作簿（.zip）",
    download: "下载审阅工作簿",
    close: "关闭",
    footer: "goalsheet：与命令行相同的引擎，在浏览器中运行。",
    reviewing: (n) => `正在审阅 ${n} 个文件…`,
    sheet: "工作表",
    goals: "目标数", owners: "负责人", errors: "错误", warnings: "警告", infos: "提示",
    findings: "问题清单", byOwner: "按负责人汇总", byChannel: "按渠道汇总",
    severity: "级别", rule: "规则", cell: "单元格", message: "问题", hint: "建议",
    filter: "筛选问题…", allSeverities: "全部级别", allLetters: "全部字母",
    error: "错误", warning: "警告", info: "提示",
    noFindings: "没有发现问题：所有目标都通过了 SMART 检查。",
    showAll: (n) => `显示全部 ${n} 条`,
    shown: (a, b) => `显示 ${a} / ${b} 条`,
    owner: "负责人", channel: "渠道", metric: "指标", unit: "单位", year: "全年",
    noRollup: "没有可汇总的目标（没有同时写明指标和目标值的目标）。",
    cannotRead: "无法审阅此文件",
    budget: "预算", planned: "已规划",
  },
};

const PAGE_ROWS = 200;
const state = {
  lang: null, // chosen by the user; null follows the first plan, then the browser
  plans: [], // {name, bytes, result?, error?, workbook?}
};

// ---- the worker ----------------------------------------------------------------------
let worker = null;
let nextId = 1;
const waiting = new Map();
function engine() {
  if (!worker) {
    worker = new Worker("worker.js", { type: "module" });
    worker.onmessage = (e) => {
      const done = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (e.data.fatal) worker = null;
      if (done) done(e.data);
    };
  }
  return worker;
}
function ask(msg, transfer = []) {
  return new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, resolve);
    engine().postMessage({ ...msg, id }, transfer);
  });
}

// ---- language ------------------------------------------------------------------------
function browserLang() {
  return (navigator.languages || [navigator.language || "en"]).some((l) => /^zh/i.test(l)) ? "zh" : "en";
}
function lang() {
  if (state.lang) return state.lang;
  const first = state.plans.find((p) => p.result);
  return first ? first.result.lang : browserLang();
}
function t(key, ...args) {
  const v = TEXT[lang()][key];
  return typeof v === "function" ? v(...args) : v;
}
function applyText() {
  document.documentElement.lang = lang() === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll("[data-lang]").forEach((b) => {
    b.setAttribute("aria-pressed", String(b.dataset.lang === lang()));
  });
}

// ---- helpers -------------------------------------------------------------------------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}
function fmt(value, unit) {
  if (value === null || value === undefined) return "–";
  const percent = unit === "%" || unit === "％";
  const n = percent ? value * 100 : value;
  const s = new Intl.NumberFormat(lang() === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 2 }).format(n);
  return percent ? s + "%" : s;
}
function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
function save(name, bytes, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
function reviewedName(name) {
  const stem = name.replace(/\.[^.]*$/, "");
  return `${stem}.reviewed.xlsx`;
}
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// ---- running the engine --------------------------------------------------------------
async function reviewAll() {
  const busy = document.getElementById("busy");
  busy.hidden = false;
  document.getElementById("busy-text").textContent = t("reviewing", state.plans.length);
  const asOf = document.getElementById("as-of").value || today();
  for (const plan of state.plans) {
    const out = await ask({ kind: "review", name: plan.name, bytes: plan.bytes.slice(0), lang: state.lang || "", asOf });
    if (out.ok) {
      plan.result = JSON.parse(out.json);
      plan.workbook = out.workbook;
      plan.error = null;
    } else {
      plan.result = null;
      plan.workbook = null;
      plan.error = out.fatal
        ? `${plan.name}: not a valid spreadsheet file (part of it is damaged and cannot be read)`
        : out.error;
    }
  }
  busy.hidden = true;
  render();
}

async function addFiles(files) {
  const list = [...files];
  if (!list.length) return;
  state.plans = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  await reviewAll();
}

// ---- rendering -----------------------------------------------------------------------
function render() {
  applyText();
  const root = document.getElementById("plans");
  root.replaceChildren(...state.plans.map(renderPlan));
  const ok = state.plans.filter((p) => p.workbook);
  document.getElementById("zip-bar").hidden = ok.length < 2;
}

function renderPlan(plan) {
  if (!plan.result) {
    return el("section", { class: "plan failed", "data-file": plan.name },
      el("div", { class: "plan-head" }, el("h2", {}, plan.name)),
      el("p", {}, t("cannotRead")),
      el("p", { class: "reason", "data-reason": "" }, plan.error));
  }
  const r = plan.result;
  const file = r.check.files[0];
  const s = file.summary;
  const card = el("section", { class: "plan", "data-file": plan.name });
  card.append(
    el("div", { class: "plan-head" },
      el("div", {},
        el("h2", {}, plan.name),
        el("div", { class: "sheet" }, `${t("sheet")}: ${file.sheet}`)),
      el("button", { class: "primary", type: "button", "data-download": "", onclick: () => save(reviewedName(plan.name), plan.workbook, XLSX) }, t("download"))),
    el("div", { class: "stats" },
      stat("goals", r.summary.goals, ""),
      stat("owners", r.summary.owners, ""),
      stat("errors", s.errors, "error"),
      stat("warnings", s.warnings, "warning"),
      stat("infos", s.infos, "info")));
  const view = { sev: "", letter: "", query: "", sort: null, dir: 1, all: false };
  const letters = el("div", { class: "letters" });
  const body = el("div");
  const redraw = () => {
    letters.replaceChildren(...r.summary.by_letter.map((l) => {
      const total = l.errors + l.warnings + l.infos;
      return el("button", {
        class: "letter", type: "button", "data-letter": l.letter, "aria-pressed": String(view.letter === l.letter),
        title: `${t("errors")} ${l.errors} · ${t("warnings")} ${l.warnings} · ${t("infos")} ${l.infos}`,
        onclick: () => { view.letter = view.letter === l.letter ? "" : l.letter; redraw(); },
      }, el("strong", {}, l.letter), `${lang() === "zh" ? l.title_zh : l.title_en} · ${total}`);
    }));
    body.replaceChildren(findingsTable(file, view, redraw));
  };
  redraw();
  card.append(letters, el("h3", {}, t("findings")), body,
    el("h3", {}, t("byOwner")), rollupTable(r.by_owner, "owner"),
    el("h3", {}, t("byChannel")), rollupTable(r.by_channel, "channel"));
  return card;
}

function stat(key, value, cls) {
  return el("div", { class: `stat ${cls}`, "data-stat": key }, el("b", {}, value), el("span", {}, t(key)));
}

const SEV_ORDER = { error: 0, warning: 1, info: 2 };
function findingsTable(file, view, redraw) {
  if (!file.findings.length) return el("p", { class: "none" }, t("noFindings"));
  const q = view.query.trim().toLowerCase();
  let rows = file.findings.filter((f) =>
    (!view.sev || f.severity === view.sev) &&
    (!view.letter || f.letter === view.letter) &&
    (!q || [f.rule, f.cell, f.message, f.hint, f.sheet].some((v) => v && String(v).toLowerCase().includes(q))));
  if (view.sort) {
    const key = {
      severity: (f) => SEV_ORDER[f.severity],
      rule: (f) => f.rule,
      cell: (f) => [f.sheet, f.row ?? 0, (f.column || "").padStart(3, " ")].join("\u0000"),
      message: (f) => f.message,
    }[view.sort];
    rows = [...rows].sort((a, b) => {
      const x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * view.dir;
    });
  }
  const total = rows.length;
  const shown = view.all ? rows : rows.slice(0, PAGE_ROWS);
  const search = el("input", { type: "search", placeholder: t("filter"), value: view.query, "aria-label": t("filter") });
  search.addEventListener("input", () => {
    view.query = search.value;
    const pos = search.selectionStart;
    redraw();
    refocus(search.value, pos);
  });
  const sev = el("select", { "aria-label": t("severity") },
    el("option", { value: "" }, t("allSeverities")),
    ...["error", "warning", "info"].map((v) => el("option", { value: v }, t(v))));
  sev.value = view.sev;
  sev.addEventListener("change", () => { view.sev = sev.value; redraw(); });
  const head = (key, label, cls = "") => {
    const th = el("th", { class: `sortable ${cls}`, "data-sort": key, "aria-sort": view.sort === key ? (view.dir > 0 ? "ascending" : "descending") : "none" }, label);
    th.addEventListener("click", () => {
      if (view.sort === key) view.dir = -view.dir; else { view.sort = key; view.dir = 1; }
      redraw();
    });
    return th;
  };
  const table = el("table", { class: "findings" },
    el("thead", {}, el("tr", {}, head("severity", t("severity")), head("rule", t("rule")), head("cell", t("cell")), head("message", t("message")), el("th", {}, t("hint")))),
    el("tbody", {}, shown.map((f) => el("tr", { "data-severity": f.severity, "data-rule": f.rule },
      el("td", {}, el("span", { class: `sev ${f.severity}` }, t(f.severity))),
      el("td", {}, el("button", { class: "rule", type: "button", onclick: () => explainRule(f.rule) }, f.rule)),
      el("td", { class: "cell" }, f.cell ? `${f.sheet}!${f.cell}` : f.sheet),
      el("td", {}, f.message),
      el("td", { class: "hint" }, f.hint)))));
  const wrap = el("div", {},
    el("div", { class: "filters" }, search, sev),
    el("div", { class: "table-wrap" }, table));
  if (total > shown.length) {
    wrap.append(el("div", { class: "more" }, `${t("shown", shown.length, total)} `,
      el("button", { type: "button", onclick: () => { view.all = true; redraw(); } }, t("showAll", total))));
  }
  return wrap;
}

// Keep typing in the filter box after a redraw replaced it.
function refocus(value, pos) {
  const boxes = [...document.querySelectorAll('.filters input[type="search"]')];
  const box = boxes.find((b) => b.value === value);
  if (box) { box.focus(); box.setSelectionRange(pos, pos); }
}

function rollupTable(rollup, key) {
  if (!rollup.rows.length) return el("p", { class: "none" }, t("noRollup"));
  const num = (v, unit) => el("td", { class: "num", "data-value": v === null ? "" : String(v) }, fmt(v, unit));
  return el("div", { class: "table-wrap" }, el("table", { class: "rollup", "data-by": key },
    el("thead", {}, el("tr", {}, el("th", {}, t(key)), el("th", {}, t("metric")), el("th", {}, t("unit")),
      ...["Q1", "Q2", "Q3", "Q4"].map((q) => el("th", { class: "num" }, q)),
      el("th", { class: "num" }, t("year")), el("th", { class: "num" }, t("goals")))),
    el("tbody", {}, rollup.rows.map((row) => el("tr", {},
      el("td", {}, row[key] || "–"), el("td", {}, row.metric), el("td", {}, row.unit),
      num(row.q1, row.unit), num(row.q2, row.unit), num(row.q3, row.unit), num(row.q4, row.unit),
      num(row.year, row.unit), el("td", { class: "num" }, row.goals))))));
}

async function explainRule(rule) {
  const out = await ask({ kind: "explain", rule, lang: lang() });
  document.getElementById("explain-text").textContent = out.ok ? out.text : out.error;
  document.getElementById("explain").showModal();
}

async function downloadAll() {
  const ok = state.plans.filter((p) => p.workbook);
  const files = ok.map((p) => ({ name: reviewedName(p.name), bytes: p.workbook.slice().buffer }));
  const out = await ask({ kind: "zip", files }, files.map((f) => f.bytes));
  if (out.ok) save("goalsheet-reviewed.zip", out.zip, "application/zip");
}

// ---- wiring --------------------------------------------------------------------------
function start() {
  document.getElementById("as-of").value = today();
  const stored = localStorage.getItem("goalsheet.lang");
  if (stored === "en" || stored === "zh") state.lang = stored;
  applyText();
  const drop = document.getElementById("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    addFiles(e.dataTransfer.files);
  });
  // A file dropped beside the box is not opened by the browser (which would leave the page).
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());
  document.getElementById("files").addEventListener("change", (e) => addFiles(e.target.files));
  document.getElementById("as-of").addEventListener("change", () => { if (state.plans.length) reviewAll(); });
  document.getElementById("zip").addEventListener("click", downloadAll);
  document.querySelectorAll("[data-lang]").forEach((b) => b.addEventListener("click", () => {
    state.lang = b.dataset.lang;
    localStorage.setItem("goalsheet.lang", state.lang);
    if (state.plans.length) reviewAll(); else applyText();
  }));
  engine(); // load the engine while the user picks files
}
start();
