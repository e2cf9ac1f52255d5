// End to end, keeping the business in it every day (issue 22, part C), in the
// real window: "Show all" on Today reaches every item of a long list; a
// deal's expected close date is refused in the past, saved, shown in the
// panel, on the board card and in the timeline; a contact without a company
// opens in their own profile, where their phone is edited; the
// self-assessment is left part-way and resumed. English and Russian.
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

let tmp, driver, demo;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-dailyc-"));
  demo = path.join(tmp, "demo.conveyor");
  const csv = path.join(tmp, "people.csv");
  // Vera has no company: a private buyer.
  fs.writeFileSync(csv, "First Name,Last Name,Email,Phone,Company\nVera,Orlova,vera@example.org,+7 913 000 11 22,\n");
  execFileSync(CLI, ["demo", demo, "--lang", "en", "--contacts", "3000", "--activities", "2000", "--seed", "7"]);
  execFileSync(CLI, ["import", "contacts", demo, csv]);
  driver = await startDriver({ CONVEYOR_DATA_DIR: path.join(tmp, "data"), LANG: "en_US.UTF-8" });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const shot = async (s, name) => fs.writeFileSync(path.join(OUT, name), await s.screenshot());
const iso = (d) => d.toISOString().slice(0, 10);
const digits = (t) => t.replace(/\D/g, "");

/** Sets a date input the way a person's pick does (the input event Svelte listens to). */
async function setDate(s, testid, value) {
  await s.exec(
    "const e = document.querySelector(`[data-testid='${arguments[0]}']`); e.value = arguments[1]; e.dispatchEvent(new Event('input', { bubbles: true })); return 1",
    [testid, value],
  );
}

test("a working morning, part C: every item of a long list, the expected close date, a person without a company, the self-assessment resumed", async () => {
  const s = await Session.start(driver, APP, ["--workspace", demo]);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");

    // 1. "Show all N" opens every item of the list, not the first 20.
    const kind = await s.exec(
      "const b = [...document.querySelectorAll('[data-testid^=today-all-]')].map(e => e.getAttribute('data-testid')).find(id => /^today-all-[a-z_]+$/.test(id)); return b ?? null",
    );
    assert.ok(kind, "a list on Today is longer than what it shows");
    const total = Number(digits(await s.text(kind)));
    assert.ok(total > 20, `the list holds ${total}`);
    await s.click(kind);
    await s.waitFor("today-all");
    await s.waitForText("today-all-count", (t) => digits(t) === String(total));
    await s.waitFor("today-all-row-0");
    // Scroll to the end: the last row is there, with its item.
    await s.exec("const v = document.querySelector('[data-testid=today-all-list]'); v.scrollTop = v.scrollHeight; v.dispatchEvent(new Event('scroll')); return 1");
    await s.waitFor(`today-all-row-${total - 1}`);
    await s.waitForText(`today-all-row-${total - 1}`, (t) => t.trim().length > 0);
    await s.waitForText("today-all-showing", (t) => t.includes(total.toLocaleString("en")));
    await shot(s, "dailyc-today-all-en.png");
    // A row opens what it lists.
    const row = await s.exec("return document.querySelector(`[data-testid='today-all-row-${arguments[0]}'] button.main`).getAttribute('data-testid')", [total - 1]);
    await s.click(row);
    await s.waitGone("today-all");
    if (row.startsWith("today-all-deal-")) {
      await s.waitFor("deal-panel");
      await s.click("deal-panel-close");
      await s.waitGone("deal-panel");
    } else if (row.startsWith("today-all-client-")) {
      await s.waitFor("client-profile");
      await s.click("client-profile-close");
      await s.waitGone("client-profile");
    }

    // 2. The expected close date of a deal: refused in the past, then saved and shown everywhere.
    await s.click("nav-conveyor");
    // The board draws after the click: wait for its first card in stage 2 (state, not time).
    const card = await s.waitForExec(
      "const e = [...document.querySelectorAll('[data-testid=stage-first_deal] [data-testid^=deal-]')].find(e => /^deal-\\d+$/.test(e.getAttribute('data-testid'))); return e ? e.getAttribute('data-testid') : null",
    );
    assert.ok(card, "the board has a deal in stage 2");
    const dealId = card.replace("deal-", "");
    await s.click(card);
    await s.waitFor("deal-panel");
    await s.waitFor("panel-expected-close");
    await s.click("panel-edit");
    await s.waitFor("deal-edit");
    const yesterday = iso(new Date(Date.now() - 86400000));
    await setDate(s, "deal-edit-deal-expected-close-on", yesterday);
    await s.click("deal-edit-save");
    await s.waitForText("field-error", (t) => t.includes(yesterday) && !t.includes("deal.expected_close_on"));
    const later = new Date(Date.now() + 21 * 86400000);
    await setDate(s, "deal-edit-deal-expected-close-on", iso(later));
    await s.click("deal-edit-save");
    await s.waitGone("deal-edit");
    const day = String(later.getUTCDate());
    await s.waitForText("panel-expected-close", (t) => t.includes(day));
    await s.waitForText("panel-history", (t) => t.includes("Changed: Expected close"));
    await s.waitForText(`deal-close-${dealId}`, (t) => t.includes("Close by") && t.includes(day));
    await shot(s, "dailyc-expected-close-en.png");

    // The deal's own product and notes: written in the panel, refused when too long, kept.
    await s.waitFor("panel-deal-notes-none");
    await s.click("panel-deal-notes-edit");
    await s.type("panel-product-input", "Paper A4, 40 boxes");
    await s.exec(
      "const e = document.querySelector('[data-testid=panel-deal-notes-input]'); e.value = arguments[0]; e.dispatchEvent(new Event('input', { bubbles: true })); return 1",
      ["x".repeat(10001)],
    );
    await s.click("panel-deal-notes-save");
    await s.waitForText("panel-deal-notes-error", (t) => t.includes("10001") && !t.includes("deal.notes"));
    await s.exec(
      "const e = document.querySelector('[data-testid=panel-deal-notes-input]'); e.value = arguments[0]; e.dispatchEvent(new Event('input', { bubbles: true })); return 1",
      ["Delivery on Mondays.\nCall after 10."],
    );
    await s.click("panel-deal-notes-save");
    await s.waitForText("panel-product", (t) => t.includes("Paper A4, 40 boxes"));
    await s.waitForText("panel-deal-notes-text", (t) => t.includes("Delivery on Mondays."));
    await s.click("deal-panel-close");
    await s.waitGone("deal-panel");

    // 3. A contact without a company opens in their own profile; the phone is edited there.
    await s.click("nav-clients");
    await s.type("clients-search", "Orlova");
    await s.click(await s.firstWithPrefix("hit-contact-"));
    await s.waitFor("person-profile");
    await s.waitFor("person-no-company");
    await s.waitForText("person-phone", (t) => t.includes("+7 913 000 11 22"));
    await s.click("person-edit");
    await s.waitFor("contact-edit");
    await s.type("contact-edit-contact-phone", "+7 913 000 99 99");
    await s.click("contact-edit-save");
    await s.waitGone("contact-edit");
    await s.waitForText("person-phone", (t) => t.includes("+7 913 000 99 99"));
    await s.waitForText("person-timeline", (t) => t.includes("Changed: Phone"));
    await shot(s, "dailyc-person-en.png");
    await s.click("person-profile-close");
    await s.waitGone("person-profile");

    // 4. The self-assessment: three answers, leave, come back: they are still there.
    await s.click("nav-plan");
    await s.click("plan-tab-assessment");
    await s.waitFor("assessment-form");
    await s.click("assessment-q1-yes");
    await s.click("assessment-q2-partly");
    await s.click("assessment-q3-no");
    await s.waitForText("assessment-count", (t) => t.includes("1"));
    await s.waitFor("assessment-start-over");
    await s.click("nav-today");
    await s.waitFor("screen-today");
    await s.click("nav-plan");
    await s.click("plan-tab-assessment");
    await s.waitFor("assessment-form");
    await s.waitForText("assessment-draft-note", (t) => t.includes("3 questions answered"));
    assert.equal(await s.exec("return document.querySelector('[data-testid=assessment-q1-yes]').getAttribute('aria-checked')"), "true");
    assert.equal(await s.exec("return document.querySelector('[data-testid=assessment-q2-partly]').getAttribute('aria-checked')"), "true");

    // 5. The same in Russian: the words, and nothing internal.
    await s.click("lang-ru");
    await s.waitForText("assessment-draft-note", (t) => t.includes("отвечено 3 вопроса"));
    await s.click("nav-today");
    await s.waitFor("today-stage-1");
    await s.click(kind);
    await s.waitFor("today-all");
    await s.waitForText("today-all-count", (t) => t.includes("Всего"));
    await shot(s, "dailyc-today-all-ru.png");
    await s.click("today-all-close");
    await s.waitGone("today-all");
    await s.click("nav-conveyor");
    await s.waitFor(card);
    await s.click(card);
    await s.waitFor("deal-panel");
    await s.waitForText("panel-expected-close", (t) => t.includes(day));
    await s.waitForText("deal-panel", (t) => t.includes("Ожидаемое закрытие"));
    await shot(s, "dailyc-expected-close-ru.png");
  } catch (e) {
    await shot(s, "dailyc-failure.png");
    throw e;
  } finally {
    await s.close();
  }
});
