// End to end: printing from the app. The Reports screen saves the weekly
// report and the regulation book through the save dialog (pre-answered by
// the CONVEYOR_TEST_DIALOGS seam, see src-tauri/src/lib.rs), and the files
// are real PDFs whose text reads back in Russian.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDriver, stopDriver, Session, waitForFile } from "./webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
const APP = path.join(TARGET, "debug", "conveyor-app");
const CLI = path.join(TARGET, "debug", "conveyor");

let tmp, ws, driver, weekly, book;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-docs-"));
  ws = path.join(tmp, "docs.conveyor");
  execFileSync(CLI, ["demo", ws, "--lang", "ru", "--contacts", "120", "--activities", "600", "--seed", "5"]);
  weekly = path.join(tmp, "weekly.pdf");
  book = path.join(tmp, "book.pdf");
  driver = await startDriver({
    CONVEYOR_DATA_DIR: path.join(tmp, "data"),
    LANG: "ru_RU.UTF-8",
    CONVEYOR_TEST_DIALOGS: JSON.stringify([weekly, book]),
  });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const text = (pdf) => execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });


test("the weekly report and the hunter's regulation book are saved as PDFs from the Reports screen", async () => {
  const s = await Session.start(driver, APP, ["--workspace", ws]);
  try {
    // A Russian system and no language chosen yet: the interface starts in Russian.
    await s.waitFor("screen-today");
    assert.equal(await s.exec("return document.documentElement.lang"), "ru");
    await s.click("nav-reports");
    await s.waitFor("documents");
    await s.click("report-weekly-pdf");
    await waitForFile(weekly);
    await s.waitFor("toast-action");
    // In the interface's language.
    assert.match(text(weekly), /Отчёт за неделю/);
    await s.click("lang-ru");

    await s.exec("const e = document.querySelector('[data-testid=book-role]'); e.value = 'hunter'; e.dispatchEvent(new Event('change', { bubbles: true })); return 1");
    await s.click("book-pdf");
    await waitForFile(book);
    const t = text(book);
    assert.match(t, /Регламент: Охотник/);
    assert.match(t, /Охотник — поиск клиентов/);
    assert.doesNotMatch(t, /Переговорщик — первая сделка/, "one role's book only");
  } finally {
    await s.close();
  }
});
