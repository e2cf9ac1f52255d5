// End to end, keeping the business in it every day (issue 22, part B), in the
// real window: imported contacts become leads on Today (from the import and
// from the clients list, never twice) and quick create offers the existing
// company instead of a duplicate; the runner's answers prefill the
// qualification card; a Russian board at 1280×800 where no header or card
// title overflows its box. Native file dialogs are answered through
// CONVEYOR_TEST_DIALOGS (see src-tauri/src/lib.rs).
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
const RU = JSON.parse(fs.readFileSync(path.join(ROOT, "ui/src/lib/i18n/ru.json"), "utf8"));

let tmp, driver, fresh, demoEn, demoRu, csv;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-dailyb-"));
  fresh = path.join(tmp, "fresh.conveyor");
  demoEn = path.join(tmp, "demo-en.conveyor");
  demoRu = path.join(tmp, "demo-ru.conveyor");
  csv = path.join(tmp, "people.csv");
  fs.writeFileSync(
    csv,
    "First Name,Last Name,Email,Phone,Company\nAnna,Smirnova,anna@romashka.example,+7 912 345 67 89,Romashka\nBoris,Ivanov,boris@lyutik.example,,Lyutik\nVera,Orlova,vera@example.org,+7 913 000 11 22,\n",
  );
  execFileSync(CLI, ["new", fresh, "--name", "Fresh Start"]);
  execFileSync(CLI, ["demo", demoEn, "--lang", "en", "--contacts", "300", "--activities", "1500", "--seed", "5"]);
  execFileSync(CLI, ["demo", demoRu, "--lang", "ru", "--contacts", "300", "--activities", "1500", "--seed", "5"]);
  driver = await startDriver({ CONVEYOR_DATA_DIR: path.join(tmp, "data"), LANG: "en_US.UTF-8", CONVEYOR_TEST_DIALOGS: JSON.stringify([csv]) });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const shot = async (s, name) => fs.writeFileSync(path.join(OUT, name), await s.screenshot());
const count = (s, testid) => s.exec(`return document.querySelectorAll('[data-testid=${testid}] [data-testid^=today-deal-]').length`);

test("imported contacts become leads on Today, once; quick create offers the existing company", async () => {
  const s = await Session.start(driver, APP, ["--workspace", fresh]);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");
    await s.waitForText("today-stage-1", (t) => t.includes(EN.today.empty_leads));

    // Import three people (one without a company) and make leads of them at the end of the import.
    await s.click("workspace-menu");
    await s.click("open-import");
    await s.waitFor("import-dialog");
    await s.click("import-pick");
    await s.waitForText("import-count-created", (t) => t === "3");
    await s.click("import-run");
    await s.waitForText("import-result-text", (t) => /3 new/.test(t), 30000);
    await s.click("import-make-leads");
    const made = await s.waitForText("import-leads-made", (t) => t !== "");
    assert.match(made, /New leads: 3\. Already in the conveyor: 0/);
    await shot(s, "dailyb-import-leads.png");
    await s.click("import-done");
    await s.waitGone("import-dialog");

    // Today: the three leads wait for a first call, the person alone by her name.
    await s.click("nav-today");
    await s.waitForText("today-stage-1", (t) => t.includes("Vera Orlova"));
    const stage1 = await s.text("today-stage-1");
    for (const name of ["Romashka", "Lyutik", "Vera Orlova"]) assert.ok(stage1.includes(name), `${name} is a lead on Today: ${stage1}`);
    assert.ok(!stage1.includes(EN.today.empty_leads));
    assert.equal(await count(s, "today-stage-1"), 3);
    await shot(s, "dailyb-today-leads.png");

    // The clients list: "make leads of all" makes none twice.
    await s.click("nav-clients");
    await s.waitForText("clients-make-leads", (t) => t === "Make leads of all 3");
    await s.click("clients-make-leads");
    await s.waitForText("toast", (t) => /New leads: 0\. Already in the conveyor: 3/.test(t));

    // Quick create for a company that exists: the form offers it; using it makes no second company.
    await s.click("quick-create");
    await s.waitFor("lead-form");
    await s.type("lead-company", "ROMASHKA");
    await s.waitFor("lead-duplicates");
    assert.match(await s.text("lead-duplicates"), /Company “Romashka” exists/);
    await s.type("lead-first-name", "Oleg");
    await s.type("lead-phone", "8 (912) 345-67-89");
    await s.waitForText("lead-duplicates", (t) => /Anna Smirnova, same phone/.test(t));
    await shot(s, "dailyb-lead-duplicates.png");
    const company = await s.firstWithPrefix("lead-use-company-");
    await s.click(company);
    await s.waitFor("lead-using-company");
    await s.type("lead-next-step", "Call Oleg");
    await s.click("lead-save");
    await s.waitGone("lead-form");
    // The new lead opens in the deal panel, at the existing company.
    await s.waitForText("panel-party", (t) => t.startsWith("Romashka"));
    await s.click("deal-panel-close");
    await s.waitGone("deal-panel");
    await s.click("nav-clients");
    await s.waitForText("clients-total", (t) => t.startsWith("4"));
    await s.type("clients-search", "romashka");
    await s.waitFor("clients-hits");
    const companies = await s.exec("return document.querySelectorAll('[data-testid=clients-hits] [data-testid^=hit-company-]').length");
    assert.equal(companies, 1, "one Romashka, not two");
  } catch (e) {
    await shot(s, "dailyb-leads-failure.png");
    throw e;
  } finally {
    await s.close();
  }
});

test("the runner's answers prefill the qualification card, and the finish starts from the current next step", async () => {
  const s = await Session.start(driver, APP, ["--workspace", demoEn]);
  const range = "Copy paper A4 and toner";
  const spend = "About 1,200 € a month";
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");
    await s.waitFor("today-stage-1");
    const row = await s.exec(
      "const e = document.querySelector('[data-testid=today-stage-1] [data-testid^=today-deal-]'); return e ? e.getAttribute('data-testid') : null",
    );
    assert.ok(row, "Today lists a lead to call");
    await s.click(row);
    await s.waitFor("deal-panel");
    await s.click("action-run-script");
    await s.waitFor("runner-block");
    await s.waitFor("runner-branch-0");
    await s.click("runner-branch-0");
    await s.waitFor("runner-capture-card:product_range");
    await s.type("runner-capture-card:product_range", range);
    await s.type("runner-capture-card:monthly_spend", spend);
    // An objection met and the answer used.
    await s.type("runner-objection-search", "expens");
    const use = await s.firstWithPrefix("runner-use-answer-", 5000);
    await s.click(use);
    await s.waitForText(use, (t) => t === EN.dailyb.answer_used);
    await s.click("runner-finish");
    await s.waitFor("runner-finish-form");
    await s.waitFor("runner-objections-used");
    await s.type("runner-outcome", "Interested, wants a trial order");
    await s.type("runner-next-step", "Send the trial offer");
    await s.click("runner-next-date-3d");
    await s.click("runner-save");
    await s.waitGone("script-runner");

    // The qualification card opens with what was captured.
    await s.click("action-hand-off");
    await s.waitFor("card-form");
    await s.waitFor("card-prefilled");
    const value = (key) => s.exec(`return document.querySelector('[data-testid="card-field-${key}"]').value`);
    assert.equal(await value("product_range"), range);
    assert.equal(await value("monthly_spend"), spend);
    assert.equal(await s.exec("return document.querySelector('[data-testid=card-next-step]').value"), "Send the trial offer", "the current next step");
    await shot(s, "dailyb-card-prefilled.png");
    await s.click("card-cancel");
    await s.waitGone("card-form");

    // The runner again: its finish starts from the deal's current next step.
    await s.click("action-run-script");
    await s.waitFor("runner-block");
    await s.click("runner-finish");
    await s.waitFor("runner-finish-form");
    assert.equal(await s.exec("return document.querySelector('[data-testid=runner-next-step]').value"), "Send the trial offer");
    await s.click("runner-close");
    await s.waitGone("script-runner");
  } catch (e) {
    await shot(s, "dailyb-runner-failure.png");
    throw e;
  } finally {
    await s.close();
  }
});

/** Elements (by CSS selector) whose content is wider or taller than their box, described. */
const overflowing = (s, selector) =>
  s.exec(
    `return [...document.querySelectorAll(arguments[0])]
      .filter(e => e.getClientRects().length > 0 && (e.scrollWidth > e.clientWidth + 1))
      .map(e => (e.getAttribute('data-testid') || e.className) + ': ' + e.textContent.trim().slice(0, 60) + ' (' + e.scrollWidth + ' > ' + e.clientWidth + ')')`,
    [selector],
  );

test("a Russian board at 1280×800: no header, card title, workspace name or sidebar item overflows its box", async () => {
  const s = await Session.start(driver, APP, ["--workspace", demoRu]);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-ru");
    assert.equal(await s.exec("return document.documentElement.lang"), "ru", "the page says its language (hyphenation needs it)");
    await s.click("nav-conveyor");
    await s.waitFor("screen-conveyor");
    await s.firstWithPrefix("step-count-");
    await s.firstWithPrefix("deal-");
    assert.deepEqual(await s.exec("return [window.innerWidth, window.innerHeight]"), [1280, 800], "the window is 1280×800");
    await shot(s, "dailyb-board-ru.png");
    const bad = [
      ...(await overflowing(s, "[data-testid^=step-] .name, [data-testid^=step-] .meta, [data-testid^=step-] .weighted")),
      ...(await overflowing(s, "[data-testid^=deal-] .title, [data-testid^=deal-] .top")),
      ...(await overflowing(s, "[data-testid=workspace-name], [data-testid=demo-badge], [data-testid^=nav-], [data-testid^=nav-] .label")),
    ];
    assert.deepEqual(bad, [], "nothing overflows");
    // Card titles break at hyphenation points, never mid-word without a hyphen.
    const hyphens = await s.exec("const e = document.querySelector('[data-testid^=deal-] .title'); return getComputedStyle(e).webkitHyphens || getComputedStyle(e).hyphens");
    assert.equal(hyphens, "auto");
    assert.equal(await s.exec("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"), true, "no horizontal scrollbar on the page");

    // The deal panel has no horizontal scrollbar.
    await s.click(await s.firstWithPrefix("deal-"));
    await s.waitFor("deal-panel");
    await s.waitFor("panel-next");
    await shot(s, "dailyb-panel-ru.png");
    const scrollsSideways = await s.exec(
      `return [...document.querySelectorAll('[data-testid=deal-panel], [data-testid=deal-panel] *')]
        .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
        .map(e => e.className + ' (' + e.scrollWidth + ' > ' + e.clientWidth + ')')`,
    );
    assert.deepEqual(scrollsSideways, [], "no horizontal scrollbar in the deal panel");
    await s.click("deal-panel-close");
    await s.waitGone("deal-panel");

    // Today in Russian: nothing in the stage columns overflows either.
    await s.click("nav-today");
    await s.waitFor("today-stage-1");
    await shot(s, "dailyb-today-ru.png");
    assert.deepEqual(await overflowing(s, "[data-testid^=today-stage-] h3, [data-testid^=today-stage-] h4"), []);

    // The plan's tables show every column (no clipped last columns).
    await s.click("nav-plan");
    for (const [tab, root] of [["target", "plan-sales"], ["fact", "plan-fact"]]) {
      await s.click(`plan-tab-${tab}`);
      await s.waitFor(root);
      // Wait until the tab has drawn its tables (or shows it has none).
      await s.waitForText(root, (t) => !t.includes(RU.work.loading));
      await shot(s, `dailyb-plan-${tab}-ru.png`);
      const clipped = await s.exec(
        "return [...document.querySelectorAll('.pl-table-wrap')].filter(e => e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim().slice(0, 40) + ' (' + e.scrollWidth + ' > ' + e.clientWidth + ')')",
      );
      assert.deepEqual(clipped, [], `the ${tab} tab's tables fit`);
    }
    // The analytics tab: the ABC tables (six columns, long Russian headers) fit too.
    await s.click("plan-tab-analytics");
    await s.waitFor("abc-clients");
    await s.waitFor("abc-matrix");
    await s.exec("document.querySelector('[data-testid=abc-clients]').scrollIntoView({ block: 'center' }); return 1");
    await shot(s, "dailyb-plan-analytics-ru.png");
    const wide = await s.exec(
      "return [...document.querySelectorAll('[data-testid=plan-analytics] .pl-table-wrap')].filter(e => e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim().slice(0, 40) + ' (' + e.scrollWidth + ' > ' + e.clientWidth + ')')",
    );
    assert.deepEqual(wide, [], "the ABC tables fit at 1280 px");
  } catch (e) {
    await shot(s, "dailyb-board-ru-failure.png");
    throw e;
  } finally {
    await s.close();
  }
});
