// The web page in headless Chromium: drop plans, compare what it shows and what it
// downloads with the `goalsheet` command line on the same files, switch language, and check
// that no request left 127.0.0.1.
//
// Needs web/dist (web/build.sh), Debian's chromium, and the goalsheet binary
// (GOALSHEET_BIN, default target/debug/goalsheet). Run: cd web/test && npm test
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const dist = path.join(root, "web/dist");
const fixtures = path.join(root, "fixtures");
const bin = process.env.GOALSHEET_BIN || path.join(root, "target/debug/goalsheet");
const AS_OF = "2026-06-30";
const PLAN = "plan_zh.xlsx";
const CSV = "values_qualified_en.csv";
const BAD = "not_a_zip.xlsx";
const files = [path.join(fixtures, PLAN), path.join(fixtures, CSV), path.join(fixtures, "bad", BAD)];

let server, base, context, page, userDir;
const requests = [];

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".png": "image/png" };

/** `goalsheet ARGS` run in `cwd`: {status, stdout, stderr}. */
function cli(args, cwd) {
  const r = spawnSync(bin, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, "index.html")), "run web/build.sh first");
  assert.ok(fs.existsSync(bin), `no goalsheet binary at ${bin} (cargo build)`);
  server = http.createServer((req, res) => {
    requests.push(`server ${req.url}`);
    const url = new URL(req.url, "http://127.0.0.1");
    const file = path.join(dist, path.normalize(decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname)));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), "goalsheet-chromium-"));
  context = await chromium.launchPersistentContext(userDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: "en-US",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  context.on("request", (r) => requests.push(r.url()));
  page = context.pages()[0] || (await context.newPage());
  page.on("worker", (w) => requests.push(`worker ${w.url()}`));
  page.on("console", (m) => console.error(`page console: ${m.text()}`));
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(base + "/");
  await page.fill("#as-of", AS_OF);
});

after(async () => {
  await context?.close();
  server?.close();
  if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
});

/** Drop `paths` on the drop zone as a person would: a drop event carrying the files. */
async function drop(paths) {
  const payload = paths.map((p) => ({ name: path.basename(p), b64: fs.readFileSync(p).toString("base64") }));
  await page.evaluate((items) => {
    const dt = new DataTransfer();
    for (const { name, b64 } of items) {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], name));
    }
    document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}

const card = (name) => page.locator(`section.plan[data-file="${name}"]`);
const statOf = async (name, key) => Number(await card(name).locator(`[data-stat="${key}"] b`).textContent());

test("dropped plans show the CLI's counts, reasons, workbook and rollups", async () => {
  await drop(files);
  await page.locator("section.plan").nth(2).waitFor();
  await page.locator("#busy").waitFor({ state: "hidden" });
  if (process.env.DEBUG) console.error(await page.locator("#plans").innerText());

  for (const [name, dir] of [[PLAN, fixtures], [CSV, fixtures]]) {
    const want = JSON.parse(cli(["check", "--format", "json", name], dir).stdout).files[0];
    assert.ok(want.findings.length > 0, `${name} has findings to show`);
    assert.equal(await statOf(name, "goals"), want.goals, `${name} goals`);
    assert.equal(await statOf(name, "errors"), want.summary.errors, `${name} errors`);
    assert.equal(await statOf(name, "warnings"), want.summary.warnings, `${name} warnings`);
    assert.equal(await statOf(name, "infos"), want.summary.infos, `${name} infos`);
    const shown = await card(name).locator("table.findings tbody tr").evaluateAll((rows) =>
      rows.map((r) => [r.dataset.rule, r.dataset.severity, r.querySelector("td.cell").textContent, r.children[3].textContent]));
    const expected = want.findings.map((f) => [f.rule, f.severity, f.cell ? `${f.sheet}!${f.cell}` : f.sheet, f.message]);
    assert.deepEqual(shown, expected, `${name} findings table`);

    // Rollup by owner: the CLI's rows and numbers.
    const rollup = JSON.parse(cli(["rollup", "--by", "owner", "--format", "json", "--as-of", AS_OF, name], dir).stdout);
    const cells = await card(name).locator('table.rollup[data-by="owner"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => [r.children[0].textContent, r.children[1].textContent,
        ...[...r.querySelectorAll("td[data-value]")].map((td) => (td.dataset.value === "" ? null : Number(td.dataset.value)))]));
    assert.deepEqual(cells, rollup.rows.map((r) => [r.owner || "–", r.metric, r.q1, r.q2, r.q3, r.q4, r.year]), `${name} rollup by owner`);
  }

  // The broken file: the CLI's one-line reason.
  const bad = cli(["check", BAD], path.join(fixtures, "bad"));
  assert.equal(bad.status, 2);
  const reason = bad.stderr.trim().replace(/^goalsheet: /, "");
  assert.equal((await card(BAD).locator("[data-reason]").textContent()).trim(), reason);

  // The reviewed workbook, byte for byte.
  const [download] = await Promise.all([page.waitForEvent("download"), card(PLAN).locator("[data-download]").click()]);
  assert.equal(download.suggestedFilename(), "plan_zh.reviewed.xlsx");
  const got = fs.readFileSync(await download.path());
  const out = path.join(userDir, "cli.reviewed.xlsx");
  const r = cli(["review", PLAN, "-o", out, "--force", "--as-of", AS_OF], fixtures);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(got.equals(fs.readFileSync(out)), "the page's workbook equals goalsheet review's");

  // All reviewed workbooks in one zip.
  const [zip] = await Promise.all([page.waitForEvent("download"), page.click("#zip")]);
  const zipped = fs.readFileSync(await zip.path());
  assert.equal(zipped.subarray(0, 2).toString(), "PK");
  assert.ok(zipped.includes("plan_zh.reviewed.xlsx") && zipped.includes("values_qualified_en.reviewed.xlsx"));
  assert.ok(!zipped.includes("not_a_zip.reviewed.xlsx"), "the unreadable file has no workbook");
});

test("a rule opens its explanation; the language follows the plan and switches", async () => {
  // plan_zh.xlsx is first: the page speaks its language.
  assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
  assert.match(await page.locator("#private").textContent(), /不会上传/);
  const rule = await card(PLAN).locator("table.findings tbody tr").first().getAttribute("data-rule");
  await card(PLAN).locator("button.rule").first().click();
  // The worker answers asynchronously; the dialog opens once its text is set.
  await page.locator("#explain").waitFor({ state: "visible" });
  const explained = cli(["explain", rule, "--lang", "zh"], fixtures).stdout;
  assert.equal((await page.locator("#explain-text").textContent()).trim(), explained.trim());
  await page.locator("#explain button").click();
  await page.locator("#explain").waitFor({ state: "hidden" });

  await page.click('[data-lang="en"]');
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.locator("#busy").waitFor({ state: "hidden" });
  assert.match(await page.locator("#private").textContent(), /nothing is uploaded/);
  const want = JSON.parse(cli(["check", "--format", "json", "--lang", "en", PLAN], fixtures).stdout).files[0];
  const messages = await card(PLAN).locator("table.findings tbody tr td:nth-child(4)").allTextContents();
  assert.deepEqual(messages, want.findings.map((f) => f.message), "messages in English, as check --lang en");
  fs.mkdirSync(path.join(here, "out"), { recursive: true });
  await page.screenshot({ path: path.join(here, "out/page.png"), fullPage: false });
  await page.click('[data-lang="zh"]');
  await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
});

test("a 10,000-goal plan is reviewed without freezing the page", async () => {
  // Built here: 10,000 goals, every seventh with quarters that miss the annual target.
  const lines = ["ID,Objective,Key Result,Metric,Unit,Target,Q1,Q2,Q3,Q4,Owner,Channel,Due"];
  for (let i = 0; i < 10000; i++) {
    const q = [10 + (i % 50), 20 + (i % 30), 30 + (i % 20), 40 + (i % 10)];
    const target = q[0] + q[1] + q[2] + q[3] + (i % 7 === 0 ? 5 : 0);
    lines.push(`KR${i},Grow revenue,Raise online revenue ${i},Revenue,k,${target},${q.join(",")},Owner ${i % 40},Channel ${i % 9},2026-12-31`);
  }
  const big = path.join(userDir, "big_plan.csv");
  fs.writeFileSync(big, lines.join("\n") + "\n");
  const want = JSON.parse(cli(["check", "--format", "json", big], userDir).stdout).files[0];
  assert.equal(want.goals, 10000);

  // A heartbeat on the page's thread: the longest gap between ticks while the engine works.
  await page.evaluate(() => {
    window.__gap = 0;
    let last = performance.now();
    window.__beat = setInterval(() => {
      const now = performance.now();
      window.__gap = Math.max(window.__gap, now - last);
      last = now;
    }, 20);
  });
  await drop([big]);
  await card("big_plan.csv").locator('[data-stat="goals"] b').waitFor({ timeout: 300_000 });
  const gap = await page.evaluate(() => { clearInterval(window.__beat); return window.__gap; });
  assert.equal(await statOf("big_plan.csv", "goals"), 10000);
  assert.equal(await statOf("big_plan.csv", "errors"), want.summary.errors);
  assert.equal(await statOf("big_plan.csv", "warnings"), want.summary.warnings);
  // The table shows a page of rows, not all of them at once.
  assert.ok(await card("big_plan.csv").locator("table.findings tbody tr").count() <= 200);
  console.error(`10,000 goals: longest pause of the page's thread ${Math.round(gap)} ms`);
  assert.ok(gap < 1500, `the page's thread paused ${Math.round(gap)} ms`);
});

test("no request left 127.0.0.1", () => {
  const outside = requests
    .map((r) => r.replace(/^(server|worker) /, ""))
    .filter((u) => !u.startsWith("/") && !u.startsWith(base) && !u.startsWith("blob:") && !u.startsWith("data:"));
  assert.deepEqual(outside, []);
  assert.ok(requests.some((u) => u.endsWith(".wasm")), "the engine was loaded from the page's own folder");
});
