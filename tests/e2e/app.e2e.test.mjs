// End to end: the real Conveyor window (Tauri + WebKitGTK) under Xvfb,
// driven through tauri-driver. Run by `./dev test` (which builds the app).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliWhenFree, startDriver, stopDriver, Session, waitForFile, waitForWriter } from "./webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
const APP = path.join(TARGET, "debug", "conveyor-app");
const CLI = path.join(TARGET, "debug", "conveyor");
const OUT = path.join(ROOT, "tests", "e2e", "out");
const RU = JSON.parse(fs.readFileSync(path.join(ROOT, "ui/src/lib/i18n/ru.json"), "utf8"));
const EN = JSON.parse(fs.readFileSync(path.join(ROOT, "ui/src/lib/i18n/en.json"), "utf8"));
const STAGES = ["lead_generation", "first_deal", "account_development"];

/** Looks up a translation key (`a.b.c`) in a nested or flat catalogue. */
function tr(catalog, key) {
  if (key in catalog) return catalog[key];
  return key.split(".").reduce((o, k) => (o == null ? undefined : o[k]), catalog);
}

let tmp, workspace, dataDir, driver, expected;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-"));
  workspace = path.join(tmp, "demo.conveyor");
  dataDir = path.join(tmp, "data");
  execFileSync(CLI, ["demo", workspace, "--lang", "en", "--contacts", "300", "--activities", "1500", "--seed", "11"]);
  expected = JSON.parse(execFileSync(CLI, ["info", workspace, "--json"], { encoding: "utf8" }));
  driver = await startDriver({ CONVEYOR_DATA_DIR: dataDir, CONVEYOR_WORKSPACE: workspace, LANG: "en_US.UTF-8" });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("the board shows the three stages with the deal counts the core reports, then switches to Russian", async () => {
  const s = await Session.start(driver, APP);
  try {
    await s.waitFor("screen-today");
    fs.writeFileSync(path.join(OUT, "today-en.png"), await s.screenshot());
    await s.click("nav-conveyor");
    await s.waitFor("screen-conveyor");
    assert.equal(await s.waitForText("workspace-name", (t) => t !== ""), expected.summary.name);
    await s.waitFor("demo-badge");
    for (const stage of STAGES) {
      const want = expected.open_deals_by_stage.find((x) => x.stage === stage).count;
      assert.ok(want > 0);
      const shown = await s.waitForText(`stage-count-${stage}`, (t) => t !== "");
      assert.equal(Number(shown.replace(/\D/g, "")), want, `open deals in ${stage}`);
    }
    fs.writeFileSync(path.join(OUT, "board-en.png"), await s.screenshot());

    const navEn = tr(EN, "nav.conveyor");
    const navRu = tr(RU, "nav.conveyor");
    assert.ok(navEn && navRu && navEn !== navRu, "nav.conveyor is translated");
    assert.equal(await s.text("nav-conveyor"), navEn);
    await s.click("lang-ru");
    assert.equal(await s.waitForText("nav-conveyor", (t) => t === navRu), navRu);
    fs.writeFileSync(path.join(OUT, "board-ru.png"), await s.screenshot());
  } finally {
    await s.close();
  }

  // The choice persists: the settings file says so, and a new window starts in Russian.
  const settings = JSON.parse(fs.readFileSync(path.join(dataDir, "settings.json"), "utf8"));
  assert.equal(settings.ui_lang, "ru");
  // The closed window's process may still hold the workspace for a moment
  // (slow on a loaded machine): wait until a writer can open it. `info` is a
  // reader and needs no lock, so the probe is a dry-run import (it takes the
  // writer's lock and writes nothing).
  await waitForWriter(CLI, workspace);
  const again = await Session.start(driver, APP);
  try {
    assert.equal(await again.waitForText("nav-conveyor", (t) => t === tr(RU, "nav.conveyor"), 30000), tr(RU, "nav.conveyor"));
  } finally {
    await again.close();
  }
});

test("a workspace held by another app process is refused with a message naming it", async () => {
  const held = path.join(tmp, "held.conveyor");
  execFileSync(CLI, ["new", held, "--name", "Held Ltd"]);
  // The first app process (plain, not driven) holds the workspace.
  const first = spawn(APP, ["--workspace", held], {
    env: { ...process.env, CONVEYOR_DATA_DIR: path.join(tmp, "data-first") },
    stdio: "ignore",
  });
  try {
    const lock = `${held}.lock`;
    await waitForFile(lock);
    assert.ok(fs.existsSync(lock), "the first app holds the workspace");
    const s = await Session.start(driver, APP, ["--workspace", held]);
    try {
      const box = await s.waitFor("startup-error");
      assert.equal(await s.cmd("GET", `/element/${box}/attribute/data-code`), "workspace_locked");
      const shown = await s.cmd("GET", `/element/${box}/text`);
      assert.match(shown, /held\.conveyor/);
      assert.match(shown, new RegExp(`process ${first.pid}`));
      fs.writeFileSync(path.join(OUT, "locked.png"), await s.screenshot());
    } finally {
      await s.close();
    }
  } finally {
    first.kill("SIGTERM");
  }
});

test("a newcomer's journey: lead, call, qualification card, stage 2, won, stage 3 with its tasks; delete and undo", async () => {
  const ws = path.join(tmp, "journey.conveyor");
  execFileSync(CLI, ["new", ws, "--name", "Journey Ltd"]);
  const s = await Session.start(driver, APP, ["--workspace", ws]);
  const count = (stage) => s.text(`stage-count-${stage}`).then((t) => Number(t.replace(/\D/g, "")));
  const board = async (want) => {
    await s.click("nav-conveyor");
    await s.waitFor("screen-conveyor");
    for (const [stage, n] of Object.entries(want)) {
      await s.waitForText(`stage-count-${stage}`, (t) => Number(t.replace(/\D/g, "")) === n);
    }
  };
  // Closes the deal panel if it is (still) open; it may close itself.
  const closePanel = async () => {
    await s.exec("const x = document.querySelector('[data-testid=deal-panel-close]'); if (x) x.click(); return 1");
    await s.waitGone("deal-panel");
  };
  const dealId = async () =>
    s.exec("const e = [...document.querySelectorAll('[data-testid^=deal-]')].find(e => /^deal-\\d+$/.test(e.getAttribute('data-testid'))); return e ? e.getAttribute('data-testid') : null");
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");
    await s.waitForText("nav-conveyor", (t) => t === tr(EN, "nav.conveyor"));

    // 1. A new lead from the header, in one form.
    await s.click("quick-create");
    await s.waitFor("lead-form");
    await s.type("lead-company", "Northwind Dental");
    await s.type("lead-first-name", "Anna");
    await s.type("lead-last-name", "Smith");
    await s.type("lead-phone", "+44 161 555 0101");
    await s.type("lead-next-step", "Call the practice manager");
    await s.click("lead-next-date-1d");
    await s.click("lead-save");
    await s.waitGone("lead-form");

    // 2. The new deal opens: log a call with its outcome and next step.
    await s.waitFor("deal-panel");
    await s.click("action-log-call");
    await s.waitFor("log-form");
    await s.type("log-outcome", "Interested: 12 staff, orders monthly");
    await s.type("log-duration", "7");
    await s.type("log-next-step", "Qualify on a second call");
    await s.click("log-next-date-1d");
    await s.click("log-save");
    await s.waitGone("log-form");
    await closePanel();
    await board({ lead_generation: 1, first_deal: 0, account_development: 0 });
    const deal = await dealId();
    assert.ok(deal, "the new lead is on the board");

    // 3. Hand off to stage 2: the qualification card refuses a gap by name.
    await s.click(deal);
    await s.waitFor("deal-panel");
    await s.click("action-hand-off");
    await s.waitFor("card-form");
    // (The workspace starts from the generic B2B template: its card fields.)
    await s.type("card-field-need", "Paper and toner every month");
    await s.type("card-field-current_solution", "Buys at the supermarket");
    await s.type("card-field-decision_maker", "Anna Smith, practice manager");
    await s.type("card-field-timing", "From January");
    await s.type("card-next-step", "Needs analysis visit");
    await s.click("card-next-date-3d");
    await s.click("card-save");
    await s.waitFor("card-error-next_meeting");
    await s.type("card-field-next_meeting", "Visit on Tuesday 10:00");
    await s.click("card-save");
    await s.waitGone("card-form");
    await closePanel();
    await board({ lead_generation: 0, first_deal: 1 });

    // 4. Win the first deal with the hand-over card: the client moves to stage 3.
    await s.click(deal);
    await s.waitFor("deal-panel");
    await s.click("action-win");
    await s.waitFor("card-form");
    await s.type("card-field-agreed_scope", "Annual office paper and toner contract");
    await s.type("card-field-success_criteria", "Deliveries before 10:00");
    await s.type("card-field-key_contacts", "Anna Smith");
    await s.type("card-field-billing_terms", "Monthly delivery, 14 days to pay");
    await s.type("card-field-next_order", "Early February");
    await s.click("card-save");
    await s.waitGone("card-form");
    await closePanel();
    await board({ lead_generation: 0, first_deal: 0, account_development: 1 });

    // 5. The client profile shows the check-in and the referral task and both hand-offs.
    await s.click("nav-clients");
    await s.type("clients-search", "northwind");
    const hit = await s.firstWithPrefix("hit-company-");
    await s.click(hit);
    await s.waitFor("client-profile");
    const timeline = await s.text("profile-timeline");
    assert.match(timeline, /Ask for a referral/);
    assert.match(timeline, /First check-in/);
    const handoffs = await s.exec("return document.querySelectorAll('[data-testid^=timeline-handoff-]').length");
    assert.equal(handoffs, 2);
    fs.writeFileSync(path.join(OUT, "journey-profile.png"), await s.screenshot());
    await s.click("client-profile-close");

    // 6. Delete the stage-3 record and undo it.
    await board({ account_development: 1 });
    const account = await dealId();
    await s.click(account);
    await s.waitFor("deal-panel");
    await s.click("action-archive");
    await closePanel();
    await s.waitForText("stage-count-account_development", (t) => Number(t.replace(/\D/g, "")) === 0);
    await s.click("toast-undo");
    await s.waitForText("stage-count-account_development", (t) => Number(t.replace(/\D/g, "")) === 1);
    fs.writeFileSync(path.join(OUT, "journey-board.png"), await s.screenshot());
    assert.equal(await count("first_deal"), 0);
  } catch (e) {
    // Keep what the window showed when it failed.
    fs.writeFileSync(path.join(OUT, "journey-failure.png"), await s.screenshot());
    throw e;
  } finally {
    await s.close();
  }
  // The file is sound after all of it (once the closed window has let go of it).
  const checked = await cliWhenFree(CLI, ["check", ws]);
  assert.match(checked, /File: ok/);
});

test("a long board column shows its first cards, then the rest from the core page by page, each card once", async () => {
  // 3,000 contacts: columns of 50–70 open deals, more than the board's first 20 per column.
  const big = path.join(tmp, "big.conveyor");
  execFileSync(CLI, ["demo", big, "--lang", "en", "--contacts", "3000", "--activities", "3000", "--seed", "11"]);
  const s = await Session.start(driver, APP, ["--workspace", big]);
  try {
    await s.waitFor("screen-today");
    await s.click("nav-conveyor");
    await s.waitFor("screen-conveyor");
    // The longest column: the one whose count the core reports highest.
    const step = await s.waitForExec(`let best = null, most = 0;
      for (const e of document.querySelectorAll('[data-testid^="step-count-"]')) {
        const n = Number(e.textContent.replace(/\\D/g, ""));
        if (n > most) { most = n; best = e.dataset.testid.slice("step-count-".length); }
      }
      return best;`);
    const count = Number((await s.text(`step-count-${step}`)).replace(/\D/g, ""));
    assert.ok(count > 60, `a column long enough to need two more pages (${count})`);
    const cards = () =>
      s.exec(`return [...document.querySelectorAll('[data-testid="step-${step}"] [data-testid^="deal-"]')]
        .map((e) => e.dataset.testid).filter((t) => /^deal-\\d+$/.test(t));`);
    assert.equal((await cards()).length, 6, "the first frame draws the column's first cards");
    await s.waitFor(`step-more-${step}`);

    // Scrolled to its end, the column draws the next cards, then asks the core for its next page.
    for (let i = 0; i < 10 && (await cards()).length <= 20; i++) {
      const had = (await cards()).length;
      await s.exec(`const c = document.querySelector('[data-testid="step-${step}"] .cards'); c.scrollTop = c.scrollHeight;`);
      await s.waitForExec(`return document.querySelectorAll('[data-testid="step-${step}"] [data-testid^="deal-value-"]').length > ${had}`);
    }
    assert.ok((await cards()).length > 20, "more than the board's first 20 cards of the column, from the core");
    // "More" brings the rest.
    await s.waitForExec(`const b = document.querySelector('[data-testid="step-more-${step}"]'); return b && !b.disabled;`);
    await s.click(`step-more-${step}`);
    await s.waitGone(`step-more-${step}`);
    const all = await cards();
    assert.equal(all.length, count, "every card of the column is shown once loaded");
    assert.equal(new Set(all).size, all.length, "no card twice");
    // The column's count and sum still come from the core.
    assert.equal(Number((await s.text(`step-count-${step}`)).replace(/\D/g, "")), count);
    fs.writeFileSync(path.join(OUT, "board-paged.png"), await s.screenshot());
  } finally {
    await s.close();
  }
});
