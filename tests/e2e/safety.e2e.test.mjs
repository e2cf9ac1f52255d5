// End to end: the app's save dialogs never write over a workspace (issue
// #14). The native dialogs are answered through CONVEYOR_TEST_DIALOGS (see
// interop.e2e): first the open workspace itself, then a copy of it under a
// name that does not say what it is; each refusal is shown in the dialog and
// the files stay byte for byte as they were; an ordinary file the dialog
// confirmed is replaced whole.
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

let tmp, driver, ws, disguised, plain;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-safety-"));
  ws = path.join(tmp, "shop.conveyor");
  disguised = path.join(tmp, "contacts.csv");
  plain = path.join(tmp, "deals.csv");
  execFileSync(CLI, ["demo", ws, "--contacts", "30", "--activities", "100"]);
  execFileSync(CLI, ["new", path.join(tmp, "other.conveyor"), "--name", "Other Ltd"]);
  fs.copyFileSync(path.join(tmp, "other.conveyor"), disguised);
  fs.writeFileSync(plain, "last month's deals");
  const answers = [ws, disguised, plain, ws, disguised];
  driver = await startDriver({ CONVEYOR_DATA_DIR: path.join(tmp, "data"), LANG: "en_US.UTF-8", CONVEYOR_TEST_DIALOGS: JSON.stringify(answers) });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const openData = async (s, which) => {
  await s.click("workspace-menu");
  await s.click(`open-${which}`);
  await s.waitFor(`${which}-dialog`);
};

test("save dialogs never write over a workspace, open or not, whatever its name", async () => {
  const s = await Session.start(driver, APP, ["--workspace", ws]);
  const disguisedBytes = fs.readFileSync(disguised);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");

    // Export contacts as CSV onto the open workspace, then onto a workspace called contacts.csv.
    await openData(s, "export");
    for (const target of [ws, disguised]) {
      await s.click("export-contacts_csv");
      const err = await s.waitForText("export-error", (t) => t.includes(target));
      assert.ok(err.includes("workspace"), err);
    }
    fs.writeFileSync(path.join(OUT, "export-refused.png"), await s.screenshot());
    // An ordinary file the dialog confirmed is replaced.
    await s.click("export-deals_csv");
    await s.waitFor("export-result");
    assert.match(fs.readFileSync(plain, "utf8"), /^\uFEFF/);
    await s.click("export-done");

    // Back up onto the same two: refused, shown, nothing written.
    await openData(s, "backup");
    for (const target of [ws, disguised]) {
      await s.click("backup-now");
      const err = await s.waitForText("backup-error", (t) => t.includes(target));
      assert.ok(err.includes("workspace"), err);
    }
    await s.click("backup-done");
    await s.waitFor("screen-today");
  } finally {
    await s.close();
  }
  assert.deepEqual(fs.readFileSync(disguised), disguisedBytes, "the disguised workspace is byte for byte as it was");
  const info = JSON.parse(execFileSync(CLI, ["info", ws, "--json"], { encoding: "utf8" }));
  assert.equal(info.counts.contacts, 30, "the open workspace is whole");
  assert.ok(!fs.readdirSync(tmp).some((f) => f.endsWith(".partial")), fs.readdirSync(tmp).join(", "));
});
