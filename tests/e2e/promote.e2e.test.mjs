// Workspace menu → Promote to a team server, in the real window: a wrong
// password is refused in place with the core's message, then the demo is
// copied into an empty PostgreSQL database and the dialog shows every table
// verified with the rows the server holds; then Copy a team workspace to a
// file brings the team's database back into a new file, every table checked,
// and opens it. Needs CONVEYOR_TEST_PG (./dev test starts a throwaway
// cluster); without it the tests are reported as skipped.
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
const PG = process.env.CONVEYOR_TEST_PG ?? "";
const SKIP = PG === "" ? "needs PostgreSQL: set CONVEYOR_TEST_PG (./dev test starts a cluster)" : false;

let tmp, workspace, pulled, driver, server, dbUrl;
const dbName = `conveyor_e2e_${process.pid}`;

/** `psql URL -c SQL`: what the server says, as text. */
const psql = (url, sql) => execFileSync("psql", [url, "-X", "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql], { encoding: "utf8" }).trim();
const sqlite = (file, sql) => execFileSync("sqlite3", ["-readonly", file, sql], { encoding: "utf8" }).trim();

before(async () => {
  if (SKIP) return;
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-promote-"));
  workspace = path.join(tmp, "shop.conveyor");
  pulled = path.join(tmp, "from-the-team.conveyor");
  execFileSync(CLI, ["demo", workspace, "--lang", "en"]);
  server = new URL(PG);
  psql(PG, `DROP DATABASE IF EXISTS ${dbName}`);
  psql(PG, `CREATE DATABASE ${dbName}`);
  dbUrl = `${PG.slice(0, PG.lastIndexOf("/"))}/${dbName}`;
  driver = await startDriver({
    CONVEYOR_DATA_DIR: path.join(tmp, "data"),
    CONVEYOR_WORKSPACE: workspace,
    LANG: "en_US.UTF-8",
    // The save dialog of the pull (the promote asks for no file).
    CONVEYOR_TEST_DIALOGS: JSON.stringify([pulled]),
  });
});

after(() => {
  if (SKIP) return;
  stopDriver(driver);
  try {
    psql(PG, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  } catch {
    // The cluster is going away with the run anyway.
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("the workspace menu promotes the open workspace to a team server, verified, and a wrong password is refused in place", { skip: SKIP }, async () => {
  const s = await Session.start(driver, APP);
  try {
    await s.waitFor("screen-today");
    await s.click("workspace-menu");
    await s.click("open-promote");
    await s.waitFor("promote-dialog");
    await s.type("promote-host", server.hostname);
    await s.type("promote-port", server.port || "5432");
    await s.type("promote-database", dbName);
    await s.type("promote-user", decodeURIComponent(server.username));
    await s.type("promote-password", "not-the-password");
    await s.click("promote-run");
    const refused = await s.waitForText("promote-error", (t) => t !== "", 30000);
    assert.match(refused, /refused the login/, refused);
    assert.equal(await s.exec("return document.querySelector('[data-testid=promote-error]').dataset.code"), "authentication_failed");
    assert.equal(psql(dbUrl, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"), "0", "nothing was written");

    await s.type("promote-password", decodeURIComponent(server.password));
    await s.click("promote-run");
    await s.waitFor("promote-result", 120000);
    const done = await s.text("promote-verified");
    assert.match(done, new RegExp(`${dbName}.*every table verified`), done);
    for (const table of ["companies", "contacts", "deals", "activities", "orders", "script_versions"]) {
      const shown = (await s.text(`promote-rows-${table}`)).replace(/\D/g, "");
      assert.equal(shown, psql(dbUrl, `SELECT count(*) FROM ${table}`), `${table}: the rows shown are the rows on the server`);
      assert.equal(shown, sqlite(workspace, `SELECT count(*) FROM ${table}`), `${table}: the rows shown are the rows of the file`);
    }
    fs.writeFileSync(path.join(OUT, "promote-result.png"), await s.screenshot());
    await s.click("promote-finish");
    await s.waitGone("promote-dialog");
    // The workspace stays open and usable in the window.
    await s.waitFor("screen-today");
  } finally {
    await s.close();
  }
});

test("the workspace menu copies the team workspace back into a new file, verified, and opens it", { skip: SKIP }, async () => {
  const s = await Session.start(driver, APP);
  try {
    await s.waitFor("screen-today");
    await s.click("workspace-menu");
    await s.click("open-pull");
    await s.waitFor("pull-dialog");
    await s.type("pull-host", server.hostname);
    await s.type("pull-port", server.port || "5432");
    await s.type("pull-database", dbName);
    await s.type("pull-user", decodeURIComponent(server.username));
    await s.type("pull-password", decodeURIComponent(server.password));
    await s.click("pull-run");
    await s.waitFor("pull-result", 120000);
    assert.match(await s.text("pull-verified"), /every table verified/);
    assert.equal(await s.text("pull-file"), pulled);
    assert.ok(fs.existsSync(pulled), "the file is written");
    for (const table of ["companies", "contacts", "deals", "activities", "orders", "script_versions"]) {
      const shown = (await s.text(`pull-rows-${table}`)).replace(/\D/g, "");
      assert.equal(shown, psql(dbUrl, `SELECT count(*) FROM ${table}`), `${table}: the rows shown are the server's`);
      assert.equal(shown, sqlite(pulled, `SELECT count(*) FROM ${table}`), `${table}: the rows shown are in the new file`);
    }
    assert.equal(sqlite(pulled, "SELECT name FROM companies ORDER BY id LIMIT 1"), sqlite(workspace, "SELECT name FROM companies ORDER BY id LIMIT 1"));
    fs.writeFileSync(path.join(OUT, "pull-result.png"), await s.screenshot());
    // Open the copy: the window now works on the new file (it holds the lock).
    await s.click("pull-open");
    await s.waitGone("pull-dialog");
    await s.waitFor("screen-today");
    // The open workspace as the app reports it, asked again until it is the copy.
    await s.waitForExec(
      "window.__TAURI_INTERNALS__.invoke('app_state').then((a) => { window.__openPath = a.workspace?.path ?? null; }); return window.__openPath ?? null;",
      [],
      (v) => v === pulled,
      30000,
    );
  } finally {
    await s.close();
  }
});
