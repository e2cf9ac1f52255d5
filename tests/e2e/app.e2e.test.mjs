// End to end: the real Conveyor window (Tauri + WebKitGTK) under Xvfb,
// driven through tauri-driver. Run by `./dev test` (which builds the app).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
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
  const again = await Session.start(driver, APP);
  try {
    assert.equal(await again.waitForText("nav-conveyor", (t) => t === tr(RU, "nav.conveyor")), tr(RU, "nav.conveyor"));
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
    for (let i = 0; i < 200 && !fs.existsSync(lock); i++) await sleep(50);
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
