// End to end: the first hour in a new workspace, in the real window. A new
// owner creates a workspace, Today shows the moving-in checklist and no
// broken norms; every empty screen offers its next step as a button (looked
// at in English and Russian); importing a CSV of contacts and setting the
// month's target tick their items. A workspace made by the CLI opens on its
// checklist too. Native file dialogs are answered through
// CONVEYOR_TEST_DIALOGS (see src-tauri/src/lib.rs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDriver, stopDriver, Session, until } from "./webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
const APP = path.join(TARGET, "debug", "conveyor-app");
const CLI = path.join(TARGET, "debug", "conveyor");
const OUT = path.join(ROOT, "tests", "e2e", "out");
const EN = JSON.parse(fs.readFileSync(path.join(ROOT, "ui/src/lib/i18n/en.json"), "utf8"));
const RU = JSON.parse(fs.readFileSync(path.join(ROOT, "ui/src/lib/i18n/ru.json"), "utf8"));

let tmp, driver, fresh, csv;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-first-hour-"));
  fresh = path.join(tmp, "smith.conveyor");
  csv = path.join(tmp, "contacts.csv");
  fs.writeFileSync(
    csv,
    "First Name,Last Name,Email,Phone,Company\nAnna,Berg,anna@berg-paper.example,+44 20 7946 0001,Berg Paper\nOliver,Stone,oliver@stone-print.example,,Stone Print\n",
  );
  driver = await startDriver({
    CONVEYOR_DATA_DIR: path.join(tmp, "data"),
    LANG: "en_US.UTF-8",
    // The save dialog of "New…", then the open dialog of the import.
    CONVEYOR_TEST_DIALOGS: JSON.stringify([fresh, csv]),
  });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Whether the checklist item is ticked (the core says so). */
const ticked = (s, step) => s.exec("const e = document.querySelector(`[data-testid='checklist-${arguments[0]}']`); return e ? e.getAttribute('data-done') : null", [step]);

/** Waits until the checklist item is ticked (or not). */
async function waitTicked(s, step, done, timeoutMs = 10000) {
  await until(async () => (await ticked(s, step)) === String(done), `checklist item ${step} has data-done=${done}`, timeoutMs);
}

const bodyText = (s) => s.exec("return document.body.innerText");

/** Visits each empty screen, checks it offers its next step as buttons, and saves a screenshot. */
async function emptyScreens(s, lang) {
  const shot = async (name) => fs.writeFileSync(path.join(OUT, `first-hour-empty-${name}-${lang}.png`), await s.screenshot());
  await s.click("nav-clients");
  await s.waitFor("clients-empty-import");
  await s.waitFor("clients-empty-lead");
  await shot("clients");
  await s.click("nav-conveyor");
  await s.waitFor("stage-empty-lead_generation-lead");
  await s.waitFor("stage-empty-lead_generation-import");
  await s.waitFor("stage-empty-first_deal-lead");
  await s.waitFor("stage-empty-account_development-import");
  await shot("board");
  await s.click("nav-plan");
  await s.waitFor("screen-plan");
  await s.click("plan-tab-fact");
  await s.waitFor("fact-no-plan-target");
  await shot("plan-fact");
  await s.click("plan-tab-analytics");
  await s.waitFor("analytics-empty-import");
  await s.waitFor("abc-empty-import");
  await shot("analytics");
  await s.click("plan-tab-target");
  await s.click("nav-reports");
  await s.waitFor("calls-empty-lead");
  await shot("reports");
  await s.click("nav-today");
  await s.waitFor("checklist");
  await shot("today");
}

test("a new workspace: the checklist shows, empty screens offer their next step, importing contacts and setting the target tick their items", async () => {
  const s = await Session.start(driver, APP);
  try {
    // The first start opens the demo: a demo never shows the checklist.
    await s.waitFor("screen-today");
    await s.click("lang-en");
    await s.waitFor("today-problems");
    assert.equal(await s.exec("return document.querySelectorAll('[data-testid=checklist]').length"), 0, "no checklist on the demo");

    // New workspace from a template, the wizard answered with the owner's name.
    await s.click("workspace-menu");
    await s.click("workspace-new");
    await s.waitFor("new-workspace-form");
    await s.type("new-workspace-name", "Smith Office Supplies");
    await s.click("new-workspace-create");
    await s.waitFor("setup-wizard");
    await s.type("setup-person-0", "Sam Smith");
    await s.click("setup-apply");
    await s.waitGone("setup-wizard");

    // Today: the moving-in checklist, nothing broken, the norms wait for their time.
    await s.waitFor("checklist");
    await waitTicked(s, "import_contacts", false);
    await waitTicked(s, "set_target", false);
    await waitTicked(s, "assign_stages", true);
    assert.equal(await s.text("checklist-progress"), EN.checklist.progress.replace("{done}", "1").replace("{total}", "7"));
    assert.equal(await s.exec("return document.querySelectorAll('[data-testid=today-violations]').length"), 0, "no broken norms on day one");
    await s.waitFor("today-not-judged");
    assert.doesNotMatch(await bodyText(s), /\bhunter\b|\bcloser\b|account_manager|head_of_sales/, "roles show their names, not codes");

    // Every empty screen offers its next step, in English and in Russian.
    await emptyScreens(s, "en");
    await s.click("lang-ru");
    await s.waitForText("checklist-progress", (t) => t === RU.checklist.progress.replace("{done}", "1").replace("{total}", "7"));
    await emptyScreens(s, "ru");
    assert.doesNotMatch(await bodyText(s), /\bhunter\b|\bcloser\b/);
    await s.click("lang-en");
    await s.waitForText("checklist-progress", (t) => t.startsWith("1 of"));

    // Import a CSV of contacts from the checklist: that item ticks.
    await s.click("checklist-import_contacts-import");
    await s.waitFor("import-dialog");
    await s.click("import-pick");
    await s.waitForText("import-count-created", (t) => t === "2");
    await s.click("import-run");
    await s.waitForText("import-result-text", (t) => /2 new/.test(t), 30000);
    await s.click("import-done");
    await s.waitGone("import-dialog");
    await waitTicked(s, "import_contacts", true);
    await waitTicked(s, "set_target", false);

    // Set this month's target from the checklist: that item ticks.
    await s.click("checklist-set_target-plan");
    await s.waitFor("screen-plan");
    await s.type("plan-target", "150000");
    await s.waitForText("plan-calls-per-day", (t) => t !== "");
    await s.click("plan-save");
    await s.waitForText("plan-saved-status", (t) => /Saved/.test(t));
    await s.click("nav-today");
    await waitTicked(s, "set_target", true);
    await waitTicked(s, "import_contacts", true);
    assert.equal(await s.text("checklist-progress"), "3 of 7 done");
    fs.writeFileSync(path.join(OUT, "first-hour-checklist.png"), await s.screenshot());

    // Hidden, it stays hidden; the workspace menu brings it back, and opens the wizard.
    await s.click("checklist-dismiss");
    await s.waitGone("checklist");
    await s.click("nav-clients");
    await s.click("nav-today");
    await s.waitFor("today-problems");
    assert.equal(await s.exec("return document.querySelectorAll('[data-testid=checklist]').length"), 0, "dismissed stays dismissed");
    await s.click("workspace-menu");
    await s.click("open-checklist");
    await s.waitFor("checklist");
    await s.click("workspace-menu");
    await s.click("open-setup");
    await s.waitFor("setup-wizard");
    await s.click("setup-close");
    await s.waitGone("setup-wizard");
  } finally {
    await s.close();
  }
});

test("a workspace made by the CLI opens on its checklist, with no norm judged before its time", async () => {
  const shop = path.join(tmp, "shop.conveyor");
  execFileSync(CLI, ["new", shop, "--name", "Smith Office Supplies", "--template", "wholesale"]);
  const s = await Session.start(driver, APP, ["--workspace", shop]);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");
    await s.waitFor("checklist");
    // Nobody holds a stage yet: the checklist says so and the wizard is one click away.
    await waitTicked(s, "assign_stages", false);
    assert.match(await s.text("checklist-assign_stages"), /Hunter, Closer, Account manager/);
    assert.equal(await s.exec("return document.querySelectorAll('[data-testid=today-violations]').length"), 0);
    await s.waitFor("today-not-judged");
    if (await s.exec("return document.querySelectorAll('[data-testid=today-unfold-pending]').length")) await s.click("today-unfold-pending");
    assert.match(await s.text("today-not-judged"), /Weekly prospecting pace/);
    assert.doesNotMatch(await bodyText(s), /\bhunter\b/);
    fs.writeFileSync(path.join(OUT, "first-hour-cli-workspace.png"), await s.screenshot());
    await s.click("checklist-wizard");
    await s.waitFor("setup-wizard");
    await s.type("setup-person-0", "Sam Smith");
    await s.click("setup-apply");
    await s.waitGone("setup-wizard");
    await waitTicked(s, "assign_stages", true);
  } finally {
    await s.close();
  }
});
