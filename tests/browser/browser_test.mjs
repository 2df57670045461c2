// The browser application of `merit serve` in Debian's chromium, driven by
// puppeteer-core: log in as hr_admin, supervisor and manager, check what
// each role can and cannot see, on a desktop and a phone-width screen, in
// Chinese and English, and save screenshots that are checked not blank.
// The suite starts its own `merit serve` on a free loopback port and always
// stops it (also when a test fails). Run by ctest (tests/browser/CMakeLists.txt).
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {spawn, execFileSync} from "node:child_process";
import {mkdtempSync, rmSync, mkdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";

const MERIT = process.env.MERIT;                  // the staged merit binary
const SOURCE = process.env.MERIT_SOURCE_DIR;      // the repository
const SHOTS = process.env.MERIT_SCREENSHOT_DIR;   // where screenshots go
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const PASSWORD = "browser test password";

let work, server, browser, base;
const consoleErrors = [];

function merit(args, input) {
  return execFileSync(MERIT, args, {input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"]});
}

// A workspace with the telecom sample, run 1 of 2026-Q1 (final, its pay
// approved by one of hr and the supervisor, a calibration session on it
// with the committee user), one user per role and two more managers.
function makeWorkspace() {
  work = mkdtempSync(path.join(tmpdir(), "merit-browser-"));
  const ws = path.join(work, "telecom.merit");
  merit(["init", ws]);
  merit(["import", ws, "--dir", path.join(SOURCE, "config/samples/telecom")]);
  merit(["run", ws, "--scheme", path.join(SOURCE, "config/telecom.scheme.json"), "--period", "2026-Q1"]);
  const users = [["hr", "HR Admin", "hr_admin", []], ["sup", "East Supervisor", "supervisor", ["--org-unit", "TL-E"]],
                 ["tl01", "周海涛", "manager", ["--manager", "TL01"]], ["com", "Committee", "committee", []],
                 ["p2", "Peer Two", "manager", ["--manager", "TL02"]], ["p3", "Peer Three", "manager", ["--manager", "TL03"]]];
  for (const [id, name, role, extra] of users) {
    merit(["users", "add", ws, "--id", id, "--name", name, "--role", role, ...extra]);
    merit(["users", "password", ws, "--user", id], PASSWORD + "\n");
  }
  merit(["finalize", ws, "--run", "1", "--reason", "2026-Q1 考核定稿"]);
  merit(["--as", "hr", "pay", "approvers", ws, "--set", "hr,sup", "--required", "1"]);
  merit(["--as", "hr", "calibrate", "open", ws, "--run", "1", "--name", "2026-Q1 城东校准会", "--unit", "TL-E",
         "--member", "com"]);
  return ws;
}

function startServer(ws) {
  return new Promise((resolve, reject) => {
    server = spawn(MERIT, ["serve", ws, "--port", "0"], {stdio: ["ignore", "pipe", "pipe"]});
    server.output = "";
    const timer = setTimeout(() => reject(new Error("merit serve did not start: " + server.output)), 20000);
    server.stdout.on("data", chunk => {
      server.output += chunk;
      const m = /on http:\/\/127\.0\.0\.1:(\d+)\//.exec(server.output);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    });
    server.stderr.on("data", chunk => { server.output += chunk; });
    server.on("exit", code => { clearTimeout(timer); server.exitCode_ = code; reject(new Error(`merit serve exited ${code}: ${server.output}`)); });
  });
}

function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
}
process.on("exit", stopServer);

before(async () => {
  mkdirSync(SHOTS, {recursive: true});
  base = await startServer(makeWorkspace());
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: path.join(work, "chromium-profile"),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           `--user-data-dir=${path.join(work, "chromium-profile")}`],
  });
});

after(async () => {
  try { if (browser) await browser.close(); } finally {
    stopServer();
    if (work) rmSync(work, {recursive: true, force: true});
  }
});

async function newPage(width, height) {
  const context = await browser.createBrowserContext();  // its own cookies
  const page = await context.newPage();
  await page.setViewport({width, height});
  page.on("console", m => { if (m.type() === "error") consoleErrors.push(`${m.text()} (${page.url()})`); });
  page.on("pageerror", e => consoleErrors.push(String(e)));
  return page;
}

async function login(page, user) {
  await page.goto(`${base}/#/login`);
  await page.waitForSelector("form#login");
  await page.type("input[name=user]", user);
  await page.type("input[name=password]", PASSWORD);
  await page.click("form#login button[type=submit]");
}

const rowCount = (page, table) => page.$$eval(`table#${table} tbody tr`, rows => rows.length);

// A screenshot, saved and checked to hold more than a blank page: many
// distinct colours, counted by drawing it on a canvas in the browser.
async function screenshot(page, name) {
  const file = path.join(SHOTS, `${name}.png`);
  const png = await page.screenshot({path: file, fullPage: true});
  const probe = await browser.newPage();
  const colours = await probe.evaluate(async b64 => {
    const img = new Image();
    img.src = "data:image/png;base64," + b64;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width; canvas.height = img.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  }, Buffer.from(png).toString("base64"));
  await probe.close();
  assert.ok(colours > 20, `${name}.png looks blank (${colours} colours)`);
  return file;
}

test("hr_admin sees every run, the dashboard, the filtered ranking and any statement", async () => {
  const page = await newPage(1280, 900);
  await login(page, "hr");
  await page.waitForSelector("table#runs tbody tr");
  assert.equal(await rowCount(page, "runs"), 1);
  await page.click("table#runs tbody tr a");
  await page.waitForSelector("section#units svg");
  // The same charts as the HTML report: totals, ratings, ratings per unit.
  const bars = await page.$$eval("section#distribution rect.bar", r => r.length);
  assert.equal(bars, 10);
  await screenshot(page, "hr-dashboard");

  await page.goto(`${base}/#/runs/1/ranking`);
  await page.waitForSelector("table#ranking tbody tr");
  assert.equal(await rowCount(page, "ranking"), 15);  // the run's 15 customer managers
  await page.select("select[name=org_unit]", "TL-W");
  await page.click("#filters button[type=submit]");
  await page.waitForFunction(() => document.querySelectorAll("table#ranking tbody tr").length === 5);
  await page.type("input[name=q]", "TL08");
  await page.click("#filters button[type=submit]");
  await page.waitForFunction(() => document.querySelectorAll("table#ranking tbody tr").length === 1);
  await screenshot(page, "hr-ranking-filtered");

  await page.click("table#ranking tbody tr a");
  await page.waitForSelector("#indicators details");
  assert.equal(await page.$eval("h1", h => h.textContent), "卫东升 (TL08)");
  // Drill-down: an indicator opens onto its trace lines.
  await page.click("#indicators details summary");
  const traced = await page.$$eval("#indicators details[open] li", li => li.length);
  assert.ok(traced > 0, "an opened indicator shows its trace");
  await page.click("#show-explain");
  await page.waitForFunction(() => !document.querySelector("#explain").hidden);
  assert.match(await page.$eval("#explain", e => e.textContent), /TL08/);
  await screenshot(page, "hr-statement-zh");

  await page.click("#lang");
  await page.waitForFunction(() => [...document.querySelectorAll("h2")].some(h => h.textContent === "Dimensions"));
  assert.equal(await page.$eval("html", h => h.lang), "en");
  await screenshot(page, "hr-statement-en");
  await page.click("#lang");  // back to Chinese for the next tests
  await page.browserContext().close();
});

test("a supervisor sees their subtree only", async () => {
  const page = await newPage(1280, 900);
  await login(page, "sup");
  await page.waitForSelector("table#runs");
  await page.goto(`${base}/#/runs/1/ranking`);
  await page.waitForSelector("table#ranking tbody tr");
  assert.equal(await rowCount(page, "ranking"), 5);  // TL01-TL05 sit in TL-E
  const units = await page.$$eval("table#ranking tbody tr td:nth-child(4)", td => [...new Set(td.map(x => x.textContent))]);
  assert.deepEqual(units, ["城东片区"]);
  await page.goto(`${base}/#/runs/1/managers/TL03`);
  await page.waitForSelector("#indicators");
  await page.goto(`${base}/#/runs/1/managers/TL06`);
  await page.waitForSelector("#failure.forbidden");
  await screenshot(page, "supervisor-forbidden");
  await page.browserContext().close();
});

test("a manager on a phone reads their own statement and nobody else's", async () => {
  const page = await newPage(390, 844);
  await login(page, "tl01");
  await page.waitForSelector("#indicators");
  assert.equal(await page.$eval("h1", h => h.textContent), "周海涛 (TL01)");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the statement is ${overflow} px wider than a phone`);
  await screenshot(page, "manager-phone-statement");
  await page.goto(`${base}/#/runs/1/ranking`);
  await page.waitForSelector("table#ranking tbody tr");
  assert.equal(await rowCount(page, "ranking"), 1);
  await page.goto(`${base}/#/runs/1/managers/TL02`);
  await page.waitForSelector("#failure.forbidden");
  await screenshot(page, "manager-phone-forbidden");
  // The page's Content-Security-Policy allowed everything the app does.
  assert.deepEqual(consoleErrors.filter(e => /Content Security Policy|Refused/.test(e)), []);
  await page.browserContext().close();
});

// Waits until the element's text contains `text`; on a timeout, says what
// the page showed instead (a refused step's reason, if any).
async function waitText(page, selector, text) {
  try {
    await page.waitForFunction((s, x) => { const e = document.querySelector(s); return e && e.textContent.includes(x); },
                               {timeout: 15000}, selector, text);
  } catch (e) {
    const shown = await page.evaluate(s => ["#workflow-error", "#failure", s].map(q => {
      const n = document.querySelector(q);
      return n ? `${q}: ${n.textContent}` : "";
    }).filter(Boolean).join(" | "), selector);
    throw new Error(`waiting for "${text}" in ${selector}: ${shown}`);
  }
}

test("a committee member adjusts a total and closing the session makes the calibrated run", async () => {
  // Before the review walk below: reviews enter ratings, and a session is
  // closed only on the inputs its preliminary run read.
  const com = await newPage(1280, 900);
  await login(com, "com");
  await com.waitForSelector("table#runs");
  await com.goto(`${base}/#/calibrations`);
  await com.waitForSelector("table#calibrations tbody tr a");
  await com.click("table#calibrations tbody tr a");
  await com.waitForSelector("form#adjust");
  assert.equal(await rowCount(com, "calibration-managers"), 5);  // TL01-TL05 of TL-E
  await com.type("form#adjust input[name=manager]", "TL01");
  await com.type("form#adjust input[name=points]", "1.5");
  await com.type("form#adjust input[name=reason]", "客户维护突出");
  await com.click("form#adjust button[type=submit]");
  await com.waitForSelector("table#calibration-lines tbody tr");
  await screenshot(com, "committee-calibration");
  await com.click("#close-calibration");
  await waitText(com, "#calibration-state", "closed");
  await waitText(com, "#calibration-state", "2");  // the calibrated run
  await com.browserContext().close();
});

test("one manager's review from goals to 360° feedback, then the run's pay from submission to release", async () => {
  // The supervisor opens TL01's 2026-Q2 review, sets a goal and proposes it.
  const sup = await newPage(1280, 900);
  await login(sup, "sup");
  await sup.waitForSelector("table#runs");
  await sup.goto(`${base}/#/reviews`);
  await sup.waitForSelector("form#open-review");
  await sup.type("form#open-review input[name=manager]", "TL01");
  await sup.type("form#open-review input[name=period]", "2026-Q2");
  await sup.click("form#open-review button[type=submit]");
  await waitText(sup, "#review-state", "goals_draft");
  await sup.type("#goal-text", "新增有效客户 12 户");
  await sup.click("#add-goal");
  await sup.waitForSelector("table#goals tbody tr");
  await sup.click("#action-propose_goals");
  await waitText(sup, "#review-state", "goals_proposed");
  await screenshot(sup, "supervisor-review-goals");

  // The manager agrees and assesses themself; a step that is not theirs is refused.
  const cm = await newPage(390, 844);
  await login(cm, "tl01");
  await cm.waitForSelector("#indicators");
  await cm.goto(`${base}/#/reviews`);
  await cm.waitForSelector("table#reviews tbody tr a");
  assert.equal(await rowCount(cm, "reviews"), 1);
  assert.equal(await cm.$("form#open-review"), null);  // a manager does not open reviews
  await cm.click("table#reviews tbody tr a");
  await cm.waitForSelector("#action-agree_goals");
  await cm.click("#action-agree_goals");
  await waitText(cm, "#review-state", "goals_agreed");
  await cm.type("#review-text", "本季新增有效客户 13 户, 完成目标");
  await cm.click("#action-submit_self");
  await waitText(cm, "#review-state", "self_assessed");
  await waitText(cm, "#self", "13 户");
  await screenshot(cm, "manager-phone-review");
  // No pay approval for a manager: no tab, and the page is refused.
  await cm.goto(`${base}/#/runs/1/pay`);
  await cm.waitForSelector("#failure.forbidden");
  await cm.browserContext().close();

  // The supervisor scores with a comment and ratings.
  await sup.reload();
  await waitText(sup, "#review-state", "self_assessed");
  await sup.type("#review-text", "客户拓展突出");
  await sup.type("#review-ratings", "sales=88, service=92");
  await sup.click("#action-submit_scores");
  await waitText(sup, "#review-state", "supervisor_scored");
  await waitText(sup, "#comment", "客户拓展突出");
  // 360°: three peers are asked; one answers in the browser, without their name.
  await sup.type("#feedback-raters", "com=peer, p2=peer, p3=peer");
  await sup.type("#feedback-items", "teamwork, service");
  await sup.click("#action-request_feedback");
  await waitText(sup, "#review-state", "feedback_requested");
  const peer = await newPage(390, 844);
  await login(peer, "com");
  await peer.waitForSelector("table#runs");
  await peer.goto(`${base}/#/feedback`);
  await waitText(peer, "#view", "teamwork");
  await peer.type("form.feedback input[name=score-teamwork]", "85");
  await peer.type("form.feedback input[name=score-service]", "90");
  await peer.type("form.feedback input[name=comment]", "乐于分享");
  await screenshot(peer, "peer-phone-feedback");
  await peer.click("form.feedback button[type=submit]");
  await peer.waitForSelector("#feedback-none");
  await peer.browserContext().close();

  // Pay: hr submits, may not approve their own submission, the supervisor approves, hr releases.
  const hr = await newPage(1280, 900);
  await login(hr, "hr");
  await hr.waitForSelector("table#runs");
  await hr.goto(`${base}/#/runs/1/pay`);
  await waitText(hr, "#pay-state", "已计算");
  await hr.type("#pay-reason", "Q1 绩效工资");
  await hr.click("#pay-submit");
  await waitText(hr, "#pay-state", "待审批");
  await hr.click("#pay-approve");
  await waitText(hr, "#workflow-error", "four eyes");
  await sup.goto(`${base}/#/runs/1/pay`);
  await waitText(sup, "#pay-state", "待审批");
  await sup.click("#pay-approve");
  await waitText(sup, "#pay-state", "已审批");
  await sup.browserContext().close();
  await hr.reload();
  await waitText(hr, "#pay-state", "已审批");
  await hr.click("#pay-release");
  await waitText(hr, "#pay-state", "已发放");
  await hr.waitForSelector("a#payroll");
  await screenshot(hr, "hr-pay-released");
  await hr.browserContext().close();
});

test("merit serve stops cleanly on SIGTERM", async () => {
  const exited = new Promise(resolve => server.on("exit", (code, signal) => resolve({code, signal})));
  server.kill("SIGTERM");
  const {code} = await exited;
  assert.equal(code, 0, server.output);
  assert.match(server.output, /merit serve: stopped/);
});
