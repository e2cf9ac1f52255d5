// End to end: the five languages of the interface in the real window. The
// switch offers each language in its own name; choosing one turns every
// screen into it (one label per screen is checked against that language's
// catalogue), and an import that the core refuses (a CSV whose quote is never
// closed) is reported in that language too, with the file and line named, as
// is a row the import refuses (a value too long). A demo workspace made in
// Bulgarian, Greek or Hungarian shows Today and the board in that language.
// Native file dialogs cannot be driven by WebDriver: CONVEYOR_TEST_DIALOGS
// (a test seam, see src-tauri/src/lib.rs) answers the import's open dialogs.
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
const catalogue = (lang) => JSON.parse(fs.readFileSync(path.join(ROOT, `ui/src/lib/i18n/${lang}.json`), "utf8"));
const CAT = Object.fromEntries(["en", "ru", "bg", "el", "hu"].map((l) => [l, catalogue(l)]));

/** Each language in its own name, as the switch shows it. */
const NATIVE = { en: "English", ru: "Русский", bg: "Български", el: "Ελληνικά", hu: "Magyar" };
/** Letters only that language's text has (Hungarian: its accented vowels). */
const SCRIPT = { ru: /[а-яё]/i, bg: /[а-ъ]/i, el: /[α-ωά-ώ]/i, hu: /[áéíóöőúüű]/i };

/** `a.b.c` in a nested catalogue. */
const tr = (lang, key) => key.split(".").reduce((o, k) => (o == null ? undefined : o[k]), CAT[lang]);

// Each screen: where it is reached, and one label on it that must be in the chosen language.
const SCREENS = [
  { nav: "today", title: "today-title", key: "today.title" },
  { nav: "conveyor", title: "conveyor-title", key: "board.title" },
  { nav: "clients", title: "clients-title", key: "clients.title" },
  { nav: "playbook", title: "playbook-title", key: "playbook.title", tab: ["playbook-tab-templates", "playbook.tabs.templates"] },
  { nav: "plan", title: "plan-title", key: "plan.title", tab: ["plan-tab-target", "plan.tabs.target"] },
  { nav: "reports", title: "reports-title", key: "reports.calls_title" },
];
const ORDER = ["bg", "el", "hu", "ru"];

let tmp, driver, ws, broken, tooLong;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-langs-"));
  ws = path.join(tmp, "langs.conveyor");
  execFileSync(CLI, ["demo", ws, "--lang", "en"]);
  // The quote opened on line 2 is never closed: it would swallow the rows after it.
  broken = path.join(tmp, "broken-quote.csv");
  fs.writeFileSync(broken, 'First Name,Last Name,E-mail\n"Anna,Petrova,anna@example.com\nBoris,Ivanov,boris@example.com\n');
  // Line 3's note is longer than a value may be: the import refuses that row.
  tooLong = path.join(tmp, "long-note.csv");
  fs.writeFileSync(tooLong, `First Name,Last Name,E-mail,Notes\nBoris,Ivanov,boris@example.com,ok\nAnna,Petrova,anna@example.com,${"x".repeat(10001)}\n`);
  for (const lang of ["bg", "el", "hu"]) execFileSync(CLI, ["demo", path.join(tmp, `demo-${lang}.conveyor`), "--lang", lang]);
  driver = await startDriver({
    CONVEYOR_DATA_DIR: path.join(tmp, "data"),
    LANG: "en_US.UTF-8",
    // One answer for each import: English first, then every other language.
    CONVEYOR_TEST_DIALOGS: JSON.stringify([broken, ...ORDER.flatMap(() => [broken, tooLong])]),
  });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Polls the text of the element with `id` until it equals `want`; returns what it last saw. */
async function waitForId(s, id, want, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  let seen;
  while (Date.now() < end) {
    seen = await s.exec("const e = document.getElementById(arguments[0]); return e ? e.textContent.trim() : null", [id]);
    if (seen === want) return seen;
    await new Promise((r) => setTimeout(r, 100));
  }
  return seen;
}

/** The rows the import would refuse, as the preview lists them. */
async function importRefused(s) {
  await s.click("workspace-menu");
  await s.click("open-import");
  await s.waitFor("import-dialog");
  await s.click("import-pick");
  const msg = await s.waitForText("import-refused", (t) => t.trim() !== "", 20000);
  await s.click("import-close");
  await s.waitGone("import-dialog");
  return msg.trim();
}

/** The import dialog's error for the broken file, in the current language. */
async function importError(s) {
  await s.click("workspace-menu");
  await s.click("open-import");
  await s.waitFor("import-dialog");
  await s.click("import-pick");
  const msg = await s.waitForText("import-error", (t) => t.trim() !== "", 20000);
  await s.click("import-close");
  await s.waitGone("import-dialog");
  return msg.trim();
}

test("every screen and a refused import speak the language chosen in the switch", async () => {
  const s = await Session.start(driver, APP, ["--workspace", ws]);
  try {
    await s.waitFor("screen-today");
    // The switch offers all five, each in its own name.
    for (const [lang, name] of Object.entries(NATIVE)) assert.equal(await s.text(`lang-${lang}`), name, `the switch offers ${lang}`);
    await s.click("lang-en");
    await s.waitForText("nav-today", (t) => t === tr("en", "nav.today"));
    const english = await importError(s);
    assert.match(english, /broken-quote\.csv/, "the error names the file");
    assert.match(english, /\b2\b/, "the error names the line");

    for (const lang of ORDER) {
      await s.click(`lang-${lang}`);
      assert.equal(await s.waitForText("nav-today", (t) => t === tr(lang, "nav.today")), tr(lang, "nav.today"), `${lang}: the navigation`);
      for (const sc of SCREENS) {
        await s.click(`nav-${sc.nav}`);
        await s.waitFor(`screen-${sc.nav}`);
        const want = tr(lang, sc.key);
        assert.ok(want && want !== tr("en", sc.key), `${sc.key} is translated into ${lang}`);
        assert.equal(await waitForId(s, sc.title, want), want, `${lang}: the ${sc.nav} screen's title`);
        if (sc.tab) {
          const [testid, key] = sc.tab;
          await s.waitForText(testid, (t) => t.includes(tr(lang, key))); // throws, naming what it saw, if it never does
        }
        if (sc.nav === "today" || sc.nav === "conveyor") fs.writeFileSync(path.join(OUT, `lang-${sc.nav}-${lang}.png`), await s.screenshot());
      }

      // The core's refusal reaches the person in the same language, still naming file and line.
      const msg = await importError(s);
      assert.match(msg, /broken-quote\.csv/, `${lang}: the error names the file`);
      assert.match(msg, /\b2\b/, `${lang}: the error names the line`);
      assert.notEqual(msg, english, `${lang}: the import error is not left in English`);
      assert.match(msg, SCRIPT[lang], `${lang}: the import error is written in ${NATIVE[lang]}`);

      // A refused row: its line and the limit, in the language (not “the value is … characters long”).
      const row = await importRefused(s);
      assert.match(row, /\b3\b/, `${lang}: the refused row names its line: ${row}`);
      assert.match(row, /10001/, `${lang}: the refused row says how long the value is: ${row}`);
      assert.doesNotMatch(row, /characters long/, `${lang}: the refused row is not left in English: ${row}`);
      assert.match(row, SCRIPT[lang], `${lang}: the refused row is written in ${NATIVE[lang]}: ${row}`);
    }
  } finally {
    await s.close();
  }
});

test("a demo workspace in Bulgarian, Greek or Hungarian shows Today and the board in its language", async () => {
  for (const lang of ["bg", "el", "hu"]) {
    const s = await Session.start(driver, APP, ["--workspace", path.join(tmp, `demo-${lang}.conveyor`)]);
    try {
      await s.waitFor("screen-today");
      await s.click(`lang-${lang}`);
      await s.waitForText("nav-today", (t) => t === tr(lang, "nav.today"));
      assert.equal(await waitForId(s, "today-title", tr(lang, "today.title")), tr(lang, "today.title"), `${lang}: Today's title`);
      fs.writeFileSync(path.join(OUT, `demo-today-${lang}.png`), await s.screenshot());
      await s.click("nav-conveyor");
      await s.waitFor("screen-conveyor");
      // The board's columns are the steps the template wrote in this language.
      const board = await s.waitForText("screen-conveyor", (t) => SCRIPT[lang].test(t), 20000);
      assert.doesNotMatch(board, /Needs analysis|Offer sent|Negotiation/, `${lang}: no English step on the board`);
      fs.writeFileSync(path.join(OUT, `demo-board-${lang}.png`), await s.screenshot());
    } finally {
      await s.close();
    }
  }
});
