// End to end, the playbook in the real window: run a script on a demo
// contact (branch, objection search, a captured answer, finish) and see the
// call logged and the profile updated; then give the hunter role to a new
// person and open their Today.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliWhenFree, startDriver, stopDriver, Session } from "./webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
const APP = path.join(TARGET, "debug", "conveyor-app");
const CLI = path.join(TARGET, "debug", "conveyor");
const OUT = path.join(ROOT, "tests", "e2e", "out");

let tmp, workspace, dataDir, driver;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-pb-"));
  workspace = path.join(tmp, "demo.conveyor");
  dataDir = path.join(tmp, "data");
  execFileSync(CLI, ["demo", workspace, "--lang", "en", "--contacts", "300", "--activities", "1500", "--seed", "7"]);
  driver = await startDriver({ CONVEYOR_DATA_DIR: dataDir, CONVEYOR_WORKSPACE: workspace, LANG: "en_US.UTF-8" });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs the CLI once the window has let go of the workspace. */
const cli = (args) => cliWhenFree(CLI, args);

test("a call through the script runner: branch, objection search, captured answer, logged with the profile updated", async () => {
  const s = await Session.start(driver, APP);
  const title = "Head of office services";
  const outcome = "Will send the supply list by Friday";
  let dealTitle;
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");

    // The playbook: the stage-1 script with its blocks and a readable regulation.
    await s.click("nav-playbook");
    await s.waitFor("screen-playbook");
    await s.waitFor("block-opening");
    await s.waitForText("script-versions", (t) => /^v\d+$/.test(t));
    // The core words the rule (the same words the book prints).
    const rule = await s.waitForText("regulation-rule-prospecting-block", (t) => /\d\d:\d\d · \d+\s+min/.test(t));
    assert.match(rule, /\d\d:\d\d · \d+\s+min/, "the prospecting block reads as days, time and length");
    fs.writeFileSync(path.join(OUT, "playbook-en.png"), await s.screenshot());

    // A stage-1 lead from Today: open it, run its script.
    await s.click("nav-today");
    await s.waitFor("today-stage-1");
    const row = await s.exec(
      "const e = document.querySelector('[data-testid=today-stage-1] [data-testid^=today-deal-]'); return e ? e.getAttribute('data-testid') : null",
    );
    assert.ok(row, "Today lists a lead to call");
    dealTitle = await s.exec("return document.querySelector(`[data-testid='${arguments[0]}'] .title`).textContent", [row]);
    await s.click(row);
    await s.waitFor("deal-panel");
    await s.click("action-run-script");
    await s.waitFor("script-runner");
    // The runner loads its script after it opens: wait for the block and its branches.
    await s.waitFor("runner-block");
    await s.waitFor("runner-branch-0");
    assert.equal(await s.exec("return document.querySelector('[data-testid=runner-block]').dataset.key"), "opening");
    await s.waitForText("runner-timer", (t) => /^\d\d:\d\d$/.test(t));

    // Take the first branch ("speaking with the person who orders" → situation).
    const to = await s.exec("return document.querySelector('[data-testid=runner-branch-0]').dataset.to");
    await s.click("runner-branch-0");
    await s.waitFor("runner-capture-profile:title");
    assert.equal(await s.exec("return document.querySelector('[data-testid=runner-block]').dataset.key"), to);

    // Quick search over the objections.
    await s.type("runner-objection-search", "expens");
    const hit = await s.firstWithPrefix("runner-objection-", 5000);
    await s.waitForText("runner-objection-hits", (t) => /expensive|price/i.test(t));
    assert.ok(hit);
    const answers = await s.exec("return document.querySelectorAll('[data-testid=runner-objection-hits] .ans li').length");
    assert.ok(answers > 0, "the objection comes with its answers");

    // Capture the job title and finish.
    await s.type("runner-capture-profile:title", title);
    fs.writeFileSync(path.join(OUT, "runner-en.png"), await s.screenshot());
    await s.click("runner-next");
    await s.click("runner-finish");
    await s.waitFor("runner-finish-form");
    await s.waitForText("runner-answers", (t) => t.includes(title));
    await s.type("runner-outcome", outcome);
    await s.type("runner-next-step", "Compare prices on their list");
    await s.click("runner-next-date-3d");
    await s.click("runner-save");
    await s.waitGone("script-runner");
    await s.waitFor("toast");

    // The profile shows the new title and the call with the script.
    await s.click("panel-open-profile");
    await s.waitFor("client-profile");
    await s.waitForText("profile-timeline", (t) => t.includes(outcome));
    const contacts = await s.exec("return [...document.querySelectorAll('[data-testid^=profile-contact-]')].map(e => e.textContent).join(' | ')");
    assert.match(contacts, new RegExp(title));
    assert.match(await s.text("profile-timeline"), /Script: .+ \(v\d+\)/);
    fs.writeFileSync(path.join(OUT, "runner-profile-en.png"), await s.screenshot());
    await s.click("client-profile-close");
  } catch (e) {
    fs.writeFileSync(path.join(OUT, "runner-failure.png"), await s.screenshot());
    throw e;
  } finally {
    await s.close();
  }

  // The core has the call: outcome, duration and the script's path in the notes.
  const csv = await cli(["export", "activities", workspace, path.join(tmp, "activities.csv")]).then(() =>
    fs.readFileSync(path.join(tmp, "activities.csv"), "utf8"),
  );
  // The record starts at its outcome; its notes span several lines (quoted).
  const at = csv.indexOf(outcome);
  assert.ok(at >= 0, "the call is in the activities export");
  const line = csv.slice(at, at + 1500);
  assert.match(line, /Path: Opening ›/);
  // The answers are written as people read them: the field's name, not its key.
  assert.match(line, new RegExp(`Position: ${title}`));
  assert.doesNotMatch(line, /profile:|card:/);
  assert.ok(dealTitle);
});

test("the hunter role goes to a new person with its open work, undo brings it back; their Today lists the leads", async () => {
  const s = await Session.start(driver, APP);
  try {
    await s.waitFor("screen-today");
    await s.click("nav-playbook");
    await s.waitFor("screen-playbook");
    await s.click("playbook-tab-team");
    await s.waitFor("team");
    await s.type("person-new-name", "Nina Hunter");
    await s.click("person-add");
    const id = await s.waitForExec(
      "const o = [...document.querySelectorAll('[data-testid=reassign-person] option')].find(o => o.textContent === 'Nina Hunter'); return o ? o.value : null",
    );
    assert.ok(id, "the new person is offered");
    await s.waitForText("reassign-person", () => true);
    await s.exec("const sel = document.querySelector('[data-testid=reassign-person]'); sel.value = arguments[0]; sel.dispatchEvent(new Event('change', { bubbles: true })); return 1", [id]);
    await s.exec("const sel = document.querySelector('[data-testid=reassign-role]'); sel.value = 'hunter'; sel.dispatchEvent(new Event('change', { bubbles: true })); return 1");
    await s.click("reassign-go");
    const result = await s.waitForText("reassign-result", (t) => /moved \d+ deals?/.test(t));
    const moved = Number(/moved (\d+) deal/.exec(result)[1]);
    assert.ok(moved > 0, `open stage-1 work moved: ${result}`);
    const logId = await s.firstWithPrefix("handover-undo-");
    assert.equal(
      await s.exec("return document.querySelector(`[data-testid='person-${arguments[0]}-role-hunter']`).getAttribute('aria-pressed')", [id]),
      "true",
    );
    fs.writeFileSync(path.join(OUT, "team-en.png"), await s.screenshot());

    // Their Today: the leads to call are theirs now.
    await s.click(`person-${id}-today`);
    await s.waitFor("screen-today");
    // The filter appears once the people are loaded, already on Nina.
    await s.waitFor("today-person");
    assert.equal(await s.exec("return document.querySelector('[data-testid=today-person]').value"), id);
    await s.waitForText("today-stage-1", (t) => !/No leads/i.test(t) && t.length > 0);
    const leads = await s.exec("return document.querySelectorAll('[data-testid=today-stage-1] [data-testid^=today-deal-]').length");
    assert.ok(leads > 0, "Nina's Today lists leads to call");
    fs.writeFileSync(path.join(OUT, "today-hunter-en.png"), await s.screenshot());

    // Undo from the hand-over log: the role goes back.
    await s.click("nav-playbook");
    await s.click("playbook-tab-team");
    await s.click(logId);
    await s.waitFor("toast");
    await s.waitForText(`person-${id}`, () => true);
    await s.waitForExec("return document.querySelector(`[data-testid='person-${arguments[0]}-role-hunter']`).getAttribute('aria-pressed')", [id], (p) => p === "false");
    assert.equal(
      await s.exec("return document.querySelector(`[data-testid='person-${arguments[0]}-role-hunter']`).getAttribute('aria-pressed')", [id]),
      "false",
    );

    // The playbook reads in Russian too.
    await s.click("lang-ru");
    await s.click("playbook-tab-lead_generation");
    await s.waitFor("block-opening");
    fs.writeFileSync(path.join(OUT, "playbook-ru.png"), await s.screenshot());
  } catch (e) {
    fs.writeFileSync(path.join(OUT, "team-failure.png"), await s.screenshot());
    throw e;
  } finally {
    await s.close();
  }
});
