// End to end, a working morning in the real window: edit a deal's value and
// a contact's phone and see them on Today, the board and in the profile; log
// a call with the deal panel open and see the panel refresh; tick off a task
// and a routine's task; an empty hand-off card marks every required field;
// and no internal name (`word.word`, `card:`, `profile:`) anywhere on the
// screens, in English and in Russian.
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

let tmp, workspace, dataDir, driver;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-daily-"));
  workspace = path.join(tmp, "demo.conveyor");
  dataDir = path.join(tmp, "data");
  execFileSync(CLI, ["demo", workspace, "--lang", "en", "--contacts", "300", "--activities", "1500", "--seed", "11"]);
  driver = await startDriver({ CONVEYOR_DATA_DIR: dataDir, CONVEYOR_WORKSPACE: workspace, LANG: "en_US.UTF-8" });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * Text on the page that reads as an internal name: a dotted key such as
 * `deal.next_step` or `panel.history` (not an e-mail address, a web address
 * or a number), or a capture target such as `card:budget` / `profile:title`.
 */
const RAW_KEYS = `
  const text = document.body.innerText;
  const tlds = new Set(["com", "org", "net", "ru", "de", "uk", "io", "eu", "info", "biz", "co", "bg", "gr", "hu", "fr", "it", "es", "pl", "nl", "at", "ch", "cz", "example", "local", "invalid", "pdf", "conveyor", "csv", "json", "vcf", "ics"]);
  const found = [];
  for (const m of text.matchAll(/(^|[^\\w@.\\-\\/])([a-z]+(?:_[a-z]+)*)\\.([a-z]+(?:_[a-z]+)*)(?![\\w@.\\-\\/])/g)) {
    if (!tlds.has(m[3])) found.push(m[2] + "." + m[3]);
  }
  for (const m of text.matchAll(/\\b(card|profile):[a-z_]+/g)) found.push(m[0]);
  return found;`;

async function noRawKeys(s, where) {
  const found = await s.exec(RAW_KEYS);
  assert.deepEqual(found, [], `${where} shows internal names: ${found.join(", ")}`);
}

const digits = (t) => t.replace(/\D/g, "");

test("a working morning: edit, log with the panel open, tick off tasks, nothing internal on screen", async () => {
  const s = await Session.start(driver, APP);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");
    await noRawKeys(s, "Today");

    // A lead from Today: its panel shows the phone, the history and lets you edit.
    await s.waitFor("today-stage-1");
    const row = await s.exec(
      "const e = document.querySelector('[data-testid=today-stage-1] [data-testid^=today-deal-]'); return e ? e.getAttribute('data-testid') : null",
    );
    assert.ok(row, "Today lists a lead to call");
    const dealId = row.replace("today-deal-", "");
    await s.click(row);
    await s.waitFor("deal-panel");
    await s.waitFor("panel-history");
    await s.waitForText("panel-contact", (t) => t.trim().length > 0);
    await noRawKeys(s, "the deal panel");

    // 1. The deal's value, edited in the panel: refused with the field named in words, then saved.
    await s.click("panel-edit");
    await s.waitFor("deal-edit");
    await s.type("deal-edit-deal-title", " ");
    await s.click("deal-edit-save");
    await s.waitForText("field-error", (t) => t.includes("Deal") && !t.includes("deal.title"));
    await s.type("deal-edit-deal-title", "Office paper for the year");
    await s.type("deal-edit-deal-value-minor", "4321");
    await s.click("deal-edit-save");
    await s.waitGone("deal-edit");
    await s.waitForText("panel-value", (t) => digits(t).startsWith("4321"));
    await s.waitForText("panel-history", (t) => t.includes("Changed: Deal, Value"));
    // Today under the panel shows the new value at once.
    await s.waitForText(row, (t) => t.includes("Office paper for the year") && digits(t).includes("4321"));

    // 2. A call logged with the panel open: the panel shows the new next step and the call.
    await s.click("action-log-call");
    await s.waitFor("log-form");
    await s.type("log-outcome", "Asked for samples of the recycled paper");
    await s.type("log-next-step", "Bring the samples on Thursday");
    await s.click("log-next-date-1d");
    await s.click("log-save");
    await s.waitGone("log-form");
    await s.waitForText("panel-next", (t) => t.includes("Bring the samples on Thursday"));
    await s.waitForText("panel-history", (t) => t.includes("Asked for samples of the recycled paper"));
    fs.writeFileSync(path.join(OUT, "daily-panel-en.png"), await s.screenshot());

    // 3. The contact's phone, edited in the profile; the panel and the timeline follow.
    const who = await s.exec("return document.querySelector('[data-testid=panel-contact] .who-name')?.textContent?.split(',')[0]?.trim() ?? null");
    assert.ok(who, "the panel names the deal's contact");
    await s.click("panel-open-profile");
    await s.waitFor("client-profile");
    const contact = await s.exec(
      "const e = [...document.querySelectorAll('[data-testid^=profile-contact-]')].find(e => /^profile-contact-\\d+$/.test(e.getAttribute('data-testid')) && e.querySelector('.cname').textContent.trim().startsWith(arguments[0])); return e ? e.getAttribute('data-testid').replace('profile-contact-', '') : null",
      [who],
    );
    assert.ok(contact, `the profile lists ${who}`);
    await s.click(`profile-edit-contact-${contact}`);
    await s.waitFor("contact-edit");
    await s.type("contact-edit-contact-email", "not an address");
    await s.click("contact-edit-save");
    await s.waitForText("field-error", (t) => t.includes("e-mail") && !t.includes("contact.email"));
    await s.type("contact-edit-contact-email", "buyer@northwind.example");
    await s.type("contact-edit-contact-phone", "+44 20 7946 0999");
    await s.click("contact-edit-save");
    await s.waitGone("contact-edit");
    await s.waitForText(`profile-contact-line-${contact}`, (t) => t.includes("+44 20 7946 0999"));
    await s.waitForText("profile-timeline", (t) => t.includes("Changed: Phone, E-mail"));
    await noRawKeys(s, "the client profile");
    fs.writeFileSync(path.join(OUT, "daily-profile-en.png"), await s.screenshot());
    await s.click("client-profile-close");
    await s.waitGone("client-profile");

    // 4. The board shows the new value; the deal's panel the new phone.
    await s.click("nav-conveyor");
    await s.waitFor(`deal-${dealId}`);
    await s.waitForText(`deal-value-${dealId}`, (t) => digits(t).startsWith("4321"));
    await noRawKeys(s, "the board");
    await s.click(`deal-${dealId}`);
    await s.waitFor("deal-panel");
    await s.waitForText("panel-contact", (t) => t.includes("+44 20 7946 0999"));
    await s.exec("document.querySelector('[data-testid=deal-panel-close]')?.click(); return 1");
    await s.waitGone("deal-panel");

    // 5. Tasks on Today: a task and a routine's task ticked off with one click each.
    await s.click("nav-today");
    await s.waitFor("today-tasks");
    // (Which task a routine made shows once the routines have loaded.)
    const routineMark = await s.firstWithPrefix("today-task-routine-");
    const routine = routineMark.replace("today-task-routine-", "");
    assert.ok(routine, "Today lists a routine's task");
    const total = async () => Number(digits(await s.exec("return document.querySelector('#tasks-title .count').textContent")));
    const before = await total();
    await s.click(`today-task-done-${routine}`);
    await s.waitGone(`today-task-${routine}`);
    assert.equal(await total(), before - 1, "the routine's task is done and does not come back");
    const plain = await s.exec(
      "const e = [...document.querySelectorAll('[data-testid^=today-task-done-]')].map(b => b.getAttribute('data-testid').replace('today-task-done-', '')).find(id => !document.querySelector(`[data-testid=today-task-routine-${id}]`)); return e ?? null",
    );
    if (plain) {
      await s.click(`today-task-done-${plain}`);
      await s.waitGone(`today-task-${plain}`);
      // Undo (on the newest toast) brings it back.
      await s.exec("const u = [...document.querySelectorAll('[data-testid=toast-undo]')].pop(); u.click(); return 1");
      await s.waitFor(`today-task-${plain}`);
    }
    fs.writeFileSync(path.join(OUT, "daily-today-en.png"), await s.screenshot());

    // 6. An empty hand-off card marks every required field at once.
    await s.click("nav-conveyor");
    await s.waitFor("stage-lead_generation");
    const lead = await s.exec(
      "const e = [...document.querySelectorAll('[data-testid=stage-lead_generation] [data-testid^=deal-]')].find(e => /^deal-\\d+$/.test(e.getAttribute('data-testid'))); return e ? e.getAttribute('data-testid') : null",
    );
    assert.ok(lead, "the board has a lead in stage 1");
    await s.click(lead);
    await s.waitFor("deal-panel");
    await s.click("action-hand-off");
    await s.waitFor("card-form");
    await s.waitFor("card-receiver");
    await s.click("card-save");
    // The card opens with the deal's current next step (answers flow forward),
    // so the marks are on the card's own empty required fields.
    await s.firstWithPrefix("card-error-");
    const marks = await s.exec(
      "return [document.querySelectorAll('[data-testid^=card-field-][aria-required=true]').length, [...document.querySelectorAll('[data-testid^=card-error-]')].filter(e => e.getAttribute('data-testid') !== 'card-error-next-step').length]",
    );
    const first = await s.exec("return document.querySelector('[data-testid^=card-error-]').getAttribute('data-testid')");
    await s.exec("document.querySelector(`[data-testid='${arguments[0]}']`).scrollIntoView({ block: 'center' }); return 1", [first]);
    await s.waitForText(first, (t) => t.length > 0);
    assert.ok(marks[0] > 1, "the card has several required fields");
    assert.equal(marks[1], marks[0], "every empty required field is marked");
    await noRawKeys(s, "the hand-off card");
    fs.writeFileSync(path.join(OUT, "daily-card-en.png"), await s.screenshot());
    await s.click("card-cancel");
    await s.waitGone("card-form");
    await s.exec("document.querySelector('[data-testid=deal-panel-close]')?.click(); return 1");
    await s.waitGone("deal-panel");

    // 7. The same screens in Russian: nothing internal, the edit form in Russian.
    await s.click("nav-today");
    await s.click("lang-ru");
    await s.waitFor("today-tasks");
    await noRawKeys(s, "Today (ru)");
    fs.writeFileSync(path.join(OUT, "daily-today-ru.png"), await s.screenshot());
    await s.click("nav-conveyor");
    await s.waitFor(`deal-${dealId}`);
    await s.click(`deal-${dealId}`);
    await s.waitFor("deal-panel");
    await s.waitForText("panel-history", (t) => t.includes("Asked for samples of the recycled paper"));
    await s.click("panel-edit");
    await s.waitFor("deal-edit");
    await s.type("deal-edit-deal-value-minor", "abc");
    await s.click("deal-edit-save");
    await s.waitForText("field-error", (t) => t.includes("числом"));
    await noRawKeys(s, "the deal panel (ru)");
    fs.writeFileSync(path.join(OUT, "daily-panel-ru.png"), await s.screenshot());
    await s.click("deal-edit-cancel");
    await s.click("panel-open-profile");
    await s.waitFor("client-profile");
    await s.waitFor("profile-timeline");
    await noRawKeys(s, "the client profile (ru)");
    fs.writeFileSync(path.join(OUT, "daily-profile-ru.png"), await s.screenshot());
    await s.click("client-profile-close");
    await s.waitGone("client-profile");
    await s.waitFor(`deal-${dealId}`);
    await noRawKeys(s, "the board (ru)");
    fs.writeFileSync(path.join(OUT, "daily-board-ru.png"), await s.screenshot());
    await s.click("lang-en");
  } catch (e) {
    fs.writeFileSync(path.join(OUT, "daily-failure.png"), await s.screenshot());
    throw e;
  } finally {
    await s.close();
  }
});
