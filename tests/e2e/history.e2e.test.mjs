// End to end: the sales history moved in through the app (#15). A CRM's
// deal export (HubSpot's shape) goes through the Deals kind of the import
// dialog: recognised, mapped, its unknown stage added as a new step, imported;
// then the board shows the open deals in their steps and the plan measures
// its offer-to-won rate on the imported closed deals. Native file dialogs are
// answered by CONVEYOR_TEST_DIALOGS (a test seam, see src-tauri/src/lib.rs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDriver, stopDriver, Session } from "./webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
const APP = path.join(TARGET, "debug", "conveyor-app");
const CLI = path.join(TARGET, "debug", "conveyor");
const OUT = path.join(ROOT, "tests", "e2e", "out");
const EN = JSON.parse(fs.readFileSync(path.join(ROOT, "ui/src/lib/i18n/en.json"), "utf8"));

let tmp, driver, ws, csv;

/** 8 won and 4 lost first deals (12 closed: enough for a measured rate), and two open ones. */
function hubspotExport() {
  const rows = ["Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Deal owner,Associated Company"];
  for (let i = 1; i <= 12; i++) {
    const stage = i <= 8 ? "Closed Won" : "Closed Lost";
    rows.push(`${i},Deal ${i},${stage},${1000 * i},2026-0${1 + (i % 8)}-20 00:00,2026-0${1 + (i % 8)}-01 10:00,Sam Lee,Company ${i}`);
  }
  rows.push("13,Hosting upgrade,Negotiation,2300,2027-01-30 00:00,2026-11-02 10:00,Kim Park,Fabrikam");
  rows.push("14,Data audit,Qualified To Buy,900,2027-02-15 00:00,2026-11-03 10:00,Kim Park,Northwind");
  return rows.join("\n") + "\n";
}

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-history-"));
  ws = path.join(tmp, "history.conveyor");
  csv = path.join(tmp, "hubspot-deals.csv");
  fs.writeFileSync(csv, hubspotExport());
  execFileSync(CLI, ["new", ws, "--name", "History Ltd"]);
  driver = await startDriver({ CONVEYOR_DATA_DIR: path.join(tmp, "data"), LANG: "en_US.UTF-8", CONVEYOR_TEST_DIALOGS: JSON.stringify([csv]) });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function choose(s, testid, value) {
  await s.waitFor(testid);
  await s.exec(
    "const e = document.querySelector(`[data-testid='${arguments[0]}']`); e.value = arguments[1]; e.dispatchEvent(new Event('change', { bubbles: true })); return 1",
    [testid, value],
  );
}

/** The name of the board column that holds the deal card with `title`. */
const columnOf = (s, title) =>
  s.exec(
    "const card = [...document.querySelectorAll('[data-testid^=deal-]')].find((e) => e.textContent.includes(arguments[0])); return card ? card.closest('section.column').querySelector('h4').textContent : null",
    [title],
  );

/** Waits until the board shows the card with `title`, then names its column. */
async function columnWhenShown(s, title, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const name = await columnOf(s, title);
    if (name !== null) return name;
    if (Date.now() > end) throw new Error(`the board shows no card “${title}”`);
  }
}

test("a CRM's deals import in the app; the board shows the open ones in their steps and the plan is measured on the history", async () => {
  const s = await Session.start(driver, APP, ["--workspace", ws]);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");
    await s.click("workspace-menu");
    await s.click("open-import");
    await s.waitFor("import-dialog");
    await s.click("import-kind-deals");
    await s.click("history-pick");
    assert.equal(await s.waitForText("history-format", (t) => t !== ""), EN.history.presets.hubspot);
    assert.equal(await s.text("history-rows"), "14");
    assert.equal(await s.exec("return document.querySelector('[data-testid=history-map-2]').value"), "stage");
    // "Qualified To Buy" matches no step: listed with its count, refused until it has a step.
    await s.waitFor("history-unmatched");
    assert.match(await s.text("history-stage-0"), /Qualified To Buy\s*1/);
    assert.notEqual(await s.text("history-count-refused"), "0");
    await choose(s, "history-stage-choice-0", "new:first_deal");
    await s.waitForText("history-count-refused", (t) => t === "0");
    assert.equal(await s.text("history-count-created"), "14");
    assert.match(await s.text("history-by-status"), /Won: 8/);
    fs.writeFileSync(path.join(OUT, "history-preview.png"), await s.screenshot());
    await s.click("history-run");
    await s.waitForText("history-result-text", (t) => /14 new/.test(t), 60000);
    await s.click("history-done");
    await s.waitGone("import-dialog");

    // The board: the open deals in the right steps.
    await s.click("nav-conveyor");
    await s.waitFor("board-today");
    assert.equal(await columnWhenShown(s, "Hosting upgrade"), "Negotiation");
    assert.equal(await columnOf(s, "Data audit"), "Qualified To Buy");
    assert.equal(await columnOf(s, "Deal 1"), null, "won deals are not on the board");
    fs.writeFileSync(path.join(OUT, "history-board.png"), await s.screenshot());

    // The plan: offer-to-won measured on the 12 imported closed deals.
    await s.click("nav-plan");
    await s.waitFor("screen-plan");
    await s.type("plan-target", "150000");
    const source = await s.waitForText("plan-rate-offer_to_won-source", (t) => t !== "");
    assert.equal(source, "measured on 12 cases");
    fs.writeFileSync(path.join(OUT, "history-plan.png"), await s.screenshot());
  } finally {
    await s.close();
  }
});
