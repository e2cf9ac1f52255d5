// End to end: importing exports of other programs (the project's own files in
// the shape of Thunderbird's, a phone's and Google's) through the preview,
// mapping and duplicates screen, then a backup and a restore, in the real
// window. Native file dialogs cannot be driven by WebDriver, so the app is
// started with CONVEYOR_TEST_DIALOGS (a test seam, see src-tauri/src/lib.rs):
// the paths it lists answer the next open/save dialogs in order.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliWhenFree, startDriver, stopDriver, Session, until } from "./webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
const APP = path.join(TARGET, "debug", "conveyor-app");
const CLI = path.join(TARGET, "debug", "conveyor");
const OUT = path.join(ROOT, "tests", "e2e", "out");
const FIXTURES = path.join(ROOT, "crates/core/tests/fixtures/interop");
const EN = JSON.parse(fs.readFileSync(path.join(ROOT, "ui/src/lib/i18n/en.json"), "utf8"));

let tmp, driver, ws, backupFile;

/** `conveyor info --json`, once the closing app has let go of the file. */
const info = async (file) => JSON.parse(await cliWhenFree(CLI, ["info", file, "--json"]));

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-interop-"));
  ws = path.join(tmp, "imports.conveyor");
  backupFile = path.join(tmp, "before-google.conveyor");
  execFileSync(CLI, ["new", ws, "--name", "Imports Ltd"]);
  const answers = [
    path.join(FIXTURES, "csv/thunderbird_quoting.csv"),
    path.join(FIXTURES, "vcard/phone_v21_cp1251.vcf"),
    backupFile,
    path.join(FIXTURES, "csv/google_contacts.csv"),
    backupFile,
  ];
  driver = await startDriver({
    CONVEYOR_DATA_DIR: path.join(tmp, "data"),
    LANG: "en_US.UTF-8",
    CONVEYOR_TEST_DIALOGS: JSON.stringify(answers),
  });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Picks `value` in the <select> with `testid` the way a person does (a change event). */
async function choose(s, testid, value) {
  await s.waitFor(testid);
  await s.exec(
    "const e = document.querySelector(`[data-testid='${arguments[0]}']`); e.value = arguments[1]; e.dispatchEvent(new Event('change', { bubbles: true })); return 1",
    [testid, value],
  );
}

const openData = async (s, which) => {
  await s.click("workspace-menu");
  await s.click(`open-${which}`);
  await s.waitFor(`${which}-dialog`);
};

const num = (t) => Number(t.replace(/\D/g, ""));

test("contacts from Thunderbird and a phone import through preview, mapping and duplicates; backup and restore", async () => {
  const s = await Session.start(driver, APP, ["--workspace", ws]);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");

    // 1. Thunderbird's CSV: recognised, read, mapped; the mapping changed in the app.
    await openData(s, "import");
    await s.click("import-pick");
    assert.equal(await s.waitForText("import-format", (t) => t !== ""), EN.interop.presets.thunderbird);
    assert.equal(await s.text("import-encoding"), "UTF-8");
    assert.equal(await s.text("import-delimiter"), ",");
    assert.equal(await s.text("import-rows"), "2");
    assert.equal(await s.exec("return document.querySelector('[data-testid=import-map-4]').value"), "email");
    assert.equal(await s.text("import-count-created"), "2");
    assert.equal(await s.text("import-preview-first-0"), "Marta");
    // First and last name columns ignored: the display name is split instead.
    await choose(s, "import-map-0", "");
    await s.waitForText("import-preview-first-0", (t) => t === "");
    await choose(s, "import-map-1", "");
    await s.waitForText("import-preview-first-0", (t) => t === "Marta Anna");
    assert.equal(await s.text("import-preview-last-0"), "Kowalska");
    await s.click("import-duplicates-skip");
    fs.writeFileSync(path.join(OUT, "import-preview.png"), await s.screenshot());
    await s.click("import-run");
    await s.waitForText("import-result-text", (t) => /2 new/.test(t), 30000);
    await s.click("import-done");
    await s.waitGone("import-dialog");

    // 2. A phone's vCard 2.1 in Windows-1251 without a CHARSET: Cyrillic decoded.
    await openData(s, "import");
    await s.click("import-pick");
    assert.equal(await s.waitForText("import-format", (t) => t !== ""), EN.interop.presets.vcard);
    assert.equal(await s.text("import-preview-first-0"), "Віра");
    assert.equal(await s.text("import-preview-last-0"), "Ковальчук");
    assert.equal(await s.text("import-preview-action-0"), EN.interop.actions.create);
    await s.click("import-run");
    await s.waitForText("import-result-text", (t) => /1 new/.test(t), 30000);
    await s.click("import-done");
    await s.waitGone("import-dialog");

    // The imported contact is found by its Cyrillic name.
    await s.click("nav-clients");
    await s.type("clients-search", "ковальчук");
    const hit = await s.firstWithPrefix("hit-contact-");
    assert.match(await s.text(hit), /Віра Ковальчук/);

    // 3. Backup now, then another import, then restore: the import is gone.
    await openData(s, "backup");
    await s.click("backup-now");
    assert.match(await s.text("backup-saved-counts"), /^3 contacts/);
    await s.click("backup-done");
    await openData(s, "import");
    await s.click("import-pick");
    await s.waitForText("import-count-created", (t) => t === "2");
    await s.click("import-run");
    await s.waitForText("import-result-text", (t) => /2 new/.test(t), 30000);
    await s.click("import-done");
    await openData(s, "backup");
    await s.click("restore-pick");
    assert.match(await s.text("restore-contents-counts"), /^3 contacts/);
    assert.equal(await s.text("restore-contents-name"), "Imports Ltd");
    fs.writeFileSync(path.join(OUT, "restore-contents.png"), await s.screenshot());
    await s.click("restore-confirm");
    const kept = await s.text("restore-kept");
    assert.ok(fs.existsSync(kept), `the replaced file is kept: ${kept}`);
    await s.click("backup-done");
    await s.waitFor("screen-today");
  } finally {
    await s.close();
  }
  // The app has closed the workspace: the restored file holds the first three contacts.
  const restored = await info(ws);
  assert.equal(restored.counts.contacts, 3);
  assert.equal(restored.summary.name, "Imports Ltd");
  // The backup was taken after the first two imports: by then the app had made their search entries in the background.
  assert.equal(restored.search_pending, 0);
  const keptFiles = fs.readdirSync(tmp).filter((f) => /^imports\.conveyor\.replaced-[0-9TZ]+$/.test(f));
  assert.equal(keptFiles.length, 1, fs.readdirSync(tmp).join(", "));
  assert.equal((await info(path.join(tmp, keptFiles[0]))).counts.contacts, 5, "the replaced file still has the Google contacts");
});

/** Waits until `find()` returns something (a file the app writes in the background). */
const eventually = (find, what, timeoutMs = 30000) => until(find, `${what} appears`, timeoutMs);

/** Today in the machine's time zone, as the app's clock sees it (YYYY-MM-DD). */
function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

test("opening a workspace makes today's automatic backup in the data folder, and the Backup dialog says where", async () => {
  const daily = path.join(tmp, "daily.conveyor");
  execFileSync(CLI, ["new", daily, "--name", "Daily Ltd"]);
  const csv = path.join(tmp, "one.csv");
  fs.writeFileSync(csv, "First name,Last name,Email\nDora,Daily,dora@example.com\n");
  execFileSync(CLI, ["import", "contacts", daily, csv]);
  const backups = path.join(tmp, "data", "backups");
  const name = `daily.${localToday()}.conveyor`;
  const findCopy = () => {
    if (!fs.existsSync(backups)) return null;
    const dir = fs.readdirSync(backups).find((d) => /^daily-[0-9a-f]{8}$/.test(d) && fs.existsSync(path.join(backups, d, name)));
    return dir ? path.join(backups, dir, name) : null;
  };
  assert.equal(findCopy(), null, "no copy before the app opened the workspace");
  let copy;
  const s = await Session.start(driver, APP, ["--workspace", daily]);
  try {
    await s.waitFor("screen-today");
    copy = await eventually(findCopy, `${name} in ${backups}`);
    await openData(s, "backup");
    assert.equal(await s.text("backup-auto-dir"), path.dirname(copy));
    assert.match(await s.text("backup-auto"), /keeps the newest 7/);
    assert.match(await s.text("backup-auto-newest"), /\(1 kept\)/);
    await sleep(1000); // only for the picture: WebKit paints the new section a moment later
    fs.writeFileSync(path.join(OUT, "backup-auto.png"), await s.screenshot());
    await s.click("backup-done");
  } finally {
    await s.close();
  }
  // Only today's copy, whole (no temporary file left), holding the workspace.
  assert.deepEqual(fs.readdirSync(path.dirname(copy)), [name]);
  const c = await info(copy);
  assert.equal(c.summary.name, "Daily Ltd");
  assert.equal(c.counts.contacts, 1);
});

test("a big CSV import is cancelled while it runs: the dialog says so and nothing is written", async () => {
  const ROWS = 100000;
  const big = path.join(tmp, "big.csv");
  const lines = ["First name,Last name,Email,Phone"];
  for (let i = 0; i < ROWS; i++) lines.push(`Person${i},Bulk${i},person${i}@bulk.example,+49 30 ${String(1000000 + i)}`);
  fs.writeFileSync(big, lines.join("\n") + "\n");
  const target = path.join(tmp, "cancel.conveyor");
  execFileSync(CLI, ["new", target, "--name", "Cancel Ltd"]);
  const before = (await info(target)).counts.contacts;
  // A window of its own: the dialog answers start again with the big file.
  const own = await startDriver({ CONVEYOR_DATA_DIR: path.join(tmp, "data-cancel"), LANG: "en_US.UTF-8", CONVEYOR_TEST_DIALOGS: JSON.stringify([big]) });
  const s = await Session.start(own, APP, ["--workspace", target]);
  try {
    await s.waitFor("screen-today");
    await openData(s, "import");
    await s.click("import-pick");
    assert.equal(num(await s.waitForText("import-rows", (t) => num(t) > 0, 60000)), ROWS);
    await s.waitForText("import-count-created", (t) => num(t) === ROWS, 60000);
    await s.click("import-run");
    // Cancel the moment the progress shows (a WebDriver round trip could come
    // after the end of a fast import): the button is clicked in the page.
    const clicked = await s.execAsync(`
      const done = arguments[arguments.length - 1];
      (function poll() {
        const cancel = document.querySelector("[data-testid=import-progress]") && document.querySelector("[data-testid=import-cancel]");
        if (cancel) { cancel.click(); done(true); }
        else if (document.querySelector("[data-testid=import-result]")) done(false);
        else setTimeout(poll, 5);
      })();
    `);
    assert.equal(clicked, true, "cancel was clicked while the progress showed");
    assert.equal(await s.waitForText("import-cancelled", (t) => t !== "", 120000), EN.interop.import.cancelled);
    assert.equal(await s.exec("return document.querySelector('[data-testid=import-result]').dataset.written"), "false");
    fs.writeFileSync(path.join(OUT, "import-cancelled.png"), await s.screenshot());
    await s.click("import-done");
    await s.waitGone("import-dialog");
  } finally {
    await s.close();
    stopDriver(own);
  }
  assert.equal((await info(target)).counts.contacts, before, "the cancelled import wrote nothing");
});
