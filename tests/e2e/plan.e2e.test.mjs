// End to end, the Plan screen in the real window (Tauri + WebKitGTK under
// Xvfb, driven through tauri-driver): a turnover target shows the calls per
// working day the CLI derives for the same workspace and target; a weekly
// review's open issue is carried over into the next week's review.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDriver, stopDriver, Session, waitForWriter } from "./webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
const APP = path.join(TARGET, "debug", "conveyor-app");
const CLI = path.join(TARGET, "debug", "conveyor");
const OUT = path.join(ROOT, "tests", "e2e", "out");

/** Today on this computer, `YYYY-MM-DD` (the app's screens use local time too). */
function localDay(offsetDays = 0) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** "1,234.5" (en) → 1234.5 */
const num = (text) => Number(text.replace(/[^\d.-]/g, ""));

let tmp, workspace, dataDir, driver;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-plan-e2e-"));
  workspace = path.join(tmp, "plan.conveyor");
  dataDir = path.join(tmp, "data");
  execFileSync(CLI, ["demo", workspace, "--lang", "en", "--contacts", "300", "--activities", "1500", "--seed", "11"]);
  driver = await startDriver({ CONVEYOR_DATA_DIR: dataDir, CONVEYOR_WORKSPACE: workspace, LANG: "en_US.UTF-8" });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Sets a date input the way a person's pick does (WebKit's date field takes no typed keys). */
async function setDate(s, testid, iso) {
  await s.waitFor(testid);
  await s.exec(
    "const e = document.querySelector(`[data-testid='${arguments[0]}']`); e.value = arguments[1]; e.dispatchEvent(new Event('input', { bubbles: true })); return 1",
    [testid, iso],
  );
}

/** Waits until issue `id` in the open review has `status` (open, done, carried). */
async function waitStatus(s, id, status) {
  await s.waitForExec(`const e = document.querySelector('[data-testid=review-issue-${id}]'); return e ? e.getAttribute('data-status') : null`, [], (st) => st === status);
}

/** The ids of the issues listed in the open review, in order. */
const issueIds = (s) =>
  s.exec(
    "return [...document.querySelectorAll('[data-testid^=review-issue-]')].map(e => e.getAttribute('data-testid')).filter(t => /^review-issue-\\d+$/.test(t)).map(t => Number(t.slice(13)))",
  );

test("a turnover target shows the calls per working day the CLI derives; the plan saves per person and stage", async () => {
  const period = localDay().slice(0, 7);
  // The CLI works on the same file before the app holds it.
  const cli = JSON.parse(execFileSync(CLI, ["plan", "derive", workspace, "--period", period, "--turnover", "150000", "--json"], { encoding: "utf8" }));
  assert.ok(cli.calls_per_day > 0, "the demo's target needs calls");
  const year = period.slice(0, 4);
  const cliYear = JSON.parse(execFileSync(CLI, ["plan", "derive", workspace, "--period", year, "--turnover", "5000000", "--json"], { encoding: "utf8" }));
  assert.equal(cliYear.months.length, 12);
  assert.ok(cliYear.calls > 0, "the year's target needs calls");

  const s = await Session.start(driver, APP);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");
    await s.click("nav-plan");
    await s.waitFor("screen-plan");
    assert.equal(await s.text("plan-period"), period);
    await s.waitFor("plan-empty");
    await s.type("plan-target", "150000");
    const shown = await s.waitForText("plan-calls-per-day", (t) => t !== "");
    assert.equal(num(shown), cli.calls_per_day, `calls per working day: app ${shown}, CLI ${cli.calls_per_day}`);
    assert.equal(num(await s.text("plan-step-calls-value")), cli.calls);
    assert.equal(num(await s.text("plan-step-first_deals-value")), cli.first_deals);
    assert.equal(num(await s.text("plan-hours-per-week")), cli.prospecting_hours_per_week);

    // The what-if slider lowers the calls needed, and shows the number without it.
    await s.exec(
      "const e = document.querySelector('[data-testid=plan-whatif-conversion]'); e.value = '20'; e.dispatchEvent(new Event('input', { bubbles: true })); return 1",
    );
    await s.waitFor("plan-calls-per-day-base");
    const better = num(await s.waitForText("plan-calls-per-day", (t) => num(t) < cli.calls_per_day));
    assert.ok(better < cli.calls_per_day);
    await s.click("plan-whatif-reset");
    await s.waitForText("plan-calls-per-day", (t) => num(t) === cli.calls_per_day);

    await s.click("plan-save");
    await s.waitFor("plan-lines");
    assert.match(await s.text("plan-saved-status"), /Saved/);
    fs.writeFileSync(path.join(OUT, "plan-target.png"), await s.screenshot());

    // Plan vs fact for this month now has a plan.
    await s.click("plan-tab-fact");
    await s.waitFor("fact-indicator-calls");
    fs.writeFileSync(path.join(OUT, "plan-fact.png"), await s.screenshot());

    // Analytics: the funnel and the ABC migration matrix, each chart with its table.
    await s.click("plan-tab-analytics");
    await s.waitFor("analytics-funnel");
    await s.waitFor("abc-matrix");
    // ABC lists its 25 biggest clients and the rest when asked: as many as the CLI counts.
    const abcAll = JSON.parse(execFileSync(CLI, ["abc", workspace, "--json"], { encoding: "utf8" })).report;
    const abcRows = "return document.querySelectorAll('[data-testid=abc-clients] tbody tr').length";
    await s.waitForExec(abcRows, [], (n) => n === Math.min(25, abcAll.clients.length));
    if (abcAll.clients.length > 25) {
      assert.match(await s.text("abc-more"), new RegExp(`\\b${abcAll.clients.length - 25}\\b`));
      await s.click("abc-more");
      await s.waitForExec(abcRows, [], (n) => n === abcAll.clients.length);
    }
    await s.click("analytics-funnel-toggle");
    await s.waitFor("analytics-funnel-table");
    fs.writeFileSync(path.join(OUT, "plan-analytics.png"), await s.screenshot());

    // The year: the app shows the months the printed plan prints, adding up to the year's calls.
    await s.click("plan-tab-target");
    await s.click("plan-period-kind-year");
    await s.waitForText("plan-period", (t) => t === year);
    await s.type("plan-target", "5000000");
    await s.waitForText("plan-step-calls-value", (t) => num(t) === cliYear.calls);
    await s.waitFor("plan-months");
    const cells = (id) => s.exec(`return [...document.querySelectorAll('[data-testid="${id}"] td')].map(td => td.textContent.trim())`);
    let sum = 0;
    for (const m of cliYear.months) {
      const row = await cells(`plan-month-${m.month}`);
      assert.equal(num(row[4]), m.calls, `${m.month}: calls in the app ${row[4]}, CLI ${m.calls}`);
      assert.equal(num(row[3]), m.first_deals);
      sum += num(row[4]);
    }
    const total = await cells("plan-months-total");
    assert.equal(num(total[4]), cliYear.calls);
    assert.equal(sum, cliYear.calls, "the months add up to the year");
    await s.exec("document.querySelector('[data-testid=plan-months]').scrollIntoView(); return 1");
    fs.writeFileSync(path.join(OUT, "plan-year.png"), await s.screenshot());
  } finally {
    await s.close();
  }
});

test("a weekly review: last week's open issue is carried over into this week's review", async () => {
  // The window of the test before may still be letting go of the workspace.
  await waitForWriter(CLI, workspace);
  const s = await Session.start(driver, APP);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");
    await s.click("nav-plan");
    await s.click("plan-tab-reviews");
    await s.click("review-kind-weekly");

    // Last week's review, with two issues: one done, one left open.
    await setDate(s, "review-date", localDay(-7));
    await s.click("review-start");
    await s.waitFor("review");
    const lastWeek = Number(await s.exec("return document.querySelector('[data-testid=review]').getAttribute('data-review-id')"));
    await s.type("review-answer-notes", "Too few calls on Monday and Tuesday.");
    await s.type("review-issue-text", "Call back the three stalled offers");
    await s.click("review-issue-add");
    await s.waitForText("review-issues", (t) => t.includes("Call back the three stalled offers"));
    await s.type("review-issue-text", "Update the price list");
    await s.click("review-issue-add");
    await s.waitForText("review-issues", (t) => t.includes("Update the price list"));
    const [stalled, prices] = await issueIds(s);
    assert.ok(stalled && prices, "both issues are listed");
    await s.click(`review-issue-done-${prices}`);
    await waitStatus(s, prices, "done");
    await s.click("review-close");
    await s.waitForText("review-status", (t) => t.startsWith("Closed"));

    // This week's review asks for last week's open issue: carry it over.
    await setDate(s, "review-date", localDay());
    await s.click("review-start");
    await s.waitFor(`review-earlier-carry-${stalled}`);
    const thisWeek = Number(await s.exec("return document.querySelector('[data-testid=review]').getAttribute('data-review-id')"));
    assert.notEqual(thisWeek, lastWeek);
    assert.equal(await s.exec(`return document.querySelectorAll('[data-testid=review-earlier-${prices}]').length`), 0, "the done issue is not asked for");
    await s.click(`review-earlier-carry-${stalled}`);
    await s.waitFor("review-earlier-none");
    const carried = await issueIds(s);
    assert.equal(carried.length, 1);
    assert.ok(carried[0] !== stalled);
    assert.match(await s.text(`review-issue-${carried[0]}`), /Call back the three stalled offers.*carried over from an earlier review/);
    await s.type("review-answer-notes", "Block 9:00–11:00 for calls every day.");
    fs.writeFileSync(path.join(OUT, "plan-review.png"), await s.screenshot());
    await s.click("review-close");
    await s.waitForText("review-status", (t) => t.startsWith("Closed"));

    // Both are in the history; last week's reopens with its issue marked carried.
    await s.waitFor(`review-history-${thisWeek}`);
    await s.click(`review-history-${lastWeek}`);
    await waitStatus(s, stalled, "carried");
    assert.equal(await s.exec(`return document.querySelector('[data-testid=review-issue-${prices}]').getAttribute('data-status')`), "done");
    assert.equal(await s.exec("return document.querySelector('[data-testid=review-answer-notes]').value"), "Too few calls on Monday and Tuesday.");
  } finally {
    await s.close();
  }
});
