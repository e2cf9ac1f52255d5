// End to end: client records in the real window. A custom field is added in
// the app, filled on a client, the client is found by it in search, and the
// profile PDF (saved through the pre-answered save dialog) prints it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDriver, stopDriver, Session, until } from "./webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
const APP = path.join(TARGET, "debug", "conveyor-app");
const CLI = path.join(TARGET, "debug", "conveyor");
const OUT = path.join(ROOT, "tests", "e2e", "out");

let tmp, ws, driver, pdf, client;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-records-"));
  ws = path.join(tmp, "records.conveyor");
  execFileSync(CLI, ["demo", ws, "--lang", "en", "--contacts", "60", "--activities", "200", "--seed", "3"]);
  const page = JSON.parse(execFileSync(CLI, ["clients", ws, "--json"], { encoding: "utf8" }));
  client = page.rows.find((r) => r.company_id !== null);
  pdf = path.join(tmp, "profile.pdf");
  driver = await startDriver({ CONVEYOR_DATA_DIR: path.join(tmp, "data"), LANG: "en_US.UTF-8", CONVEYOR_TEST_DIALOGS: JSON.stringify([pdf]) });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function waitForFile(file) {
  for (let i = 0; i < 200 && !fs.existsSync(file); i++) await sleep(100);
  assert.ok(fs.existsSync(file), `${file} was saved`);
}

test("a custom field added in the app is filled, found by search and printed in the profile PDF", async () => {
  const s = await Session.start(driver, APP, ["--workspace", ws]);
  const cid = client.contact_id;
  try {
    await s.waitFor("screen-today");
    await s.click("nav-clients");
    await s.type("clients-search", client.name);
    await s.click(`hit-contact-${cid}`);
    await s.waitFor("client-profile");

    // Define the field in the dialog.
    await s.click(`fields-manage-contact-${cid}`);
    await s.waitFor("custom-fields-dialog");
    await s.type("custom-field-label", "Loyalty card");
    await s.click("custom-field-add");
    await s.waitFor("custom-field-contact-loyalty_card");
    await s.click("custom-fields-close");
    await s.waitGone("custom-fields-dialog");

    // Fill it on the contact; a tag too.
    await s.click(`fields-edit-open-contact-${cid}`);
    await s.type(`field-input-contact-${cid}-loyalty_card`, "ZX-4471");
    await s.click(`fields-save-contact-${cid}`);
    assert.match(await s.waitForText(`field-contact-${cid}-loyalty_card`, (t) => t.includes("ZX-4471")), /Loyalty card/);
    await s.type(`tag-input-contact-${cid}`, "VIP");
    await s.click(`tag-add-contact-${cid}`);
    await s.waitFor(`tag-contact-${cid}-VIP`);
    fs.writeFileSync(path.join(OUT, "records-profile.png"), await s.screenshot());

    // The profile PDF prints it.
    await s.click("profile-pdf");
    await waitForFile(pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
    assert.match(text, /Loyalty card: ZX-4471/);
    await s.click("client-profile-close");

    // Search finds the client by it.
    await s.type("clients-search", "zx-4471");
    await s.waitFor(`hit-contact-${cid}`);
  } finally {
    await s.close();
  }
});

/** Picks `value` in the <select> with `testid` the way a person does (a change event). */
async function choose(s, testid, value) {
  await s.waitFor(testid);
  await s.exec(
    "const e = document.querySelector(`[data-testid='${arguments[0]}']`); e.value = arguments[1]; e.dispatchEvent(new Event('change', { bubbles: true })); return 1",
    [testid, value],
  );
}

test("Today narrowed to a tag, and a contact imported with only an e-mail completed in the app", async () => {
  // A company with a deal on Today carries the tag; another deal shown on Today belongs to another company.
  const today = JSON.parse(execFileSync(CLI, ["today", ws, "--json"], { encoding: "utf8" }));
  // The deals Today shows first (its problem lists fold after three rows).
  const shown = [today.no_next_step, today.overdue, today.stale].flatMap((l) => l.deals.slice(0, 3)).concat(today.leads_to_call.deals, today.first_deals_due.deals);
  const tagged = shown[0];
  const other = shown.find((d) => d.company_id !== tagged.company_id);
  assert.ok(tagged && other, "the demo's Today shows deals of two companies");
  execFileSync(CLI, ["tags", "add", ws, "Trade fair", "--company", String(tagged.company_id)]);
  const narrowed = JSON.parse(execFileSync(CLI, ["today", ws, "--tag", "Trade fair", "--json"], { encoding: "utf8" }));
  const lists = [narrowed.no_next_step, narrowed.overdue, narrowed.stale, narrowed.leads_to_call, narrowed.first_deals_due];
  assert.ok(lists.every((l) => l.deals.every((d) => d.company_id === tagged.company_id)), "the core narrows the lists");
  // A contacts file with a row that has only an e-mail.
  const csv = path.join(tmp, "bare.csv");
  fs.writeFileSync(csv, "First Name,Last Name,E-mail\r\n,,nobody.named@example.org\r\n");
  execFileSync(CLI, ["import", "contacts", ws, csv]);
  const bare = JSON.parse(execFileSync(CLI, ["clients", ws, "--json"], { encoding: "utf8" })).rows.find((r) => r.email === "nobody.named@example.org");
  assert.equal(bare.name, "");
  // It becomes a lead: named by its address, and Today says its name is missing.
  execFileSync(CLI, ["leads", ws, "--contacts", String(bare.contact_id)]);
  const lead = JSON.parse(execFileSync(CLI, ["today", ws, "--json"], { encoding: "utf8" })).leads_to_call.deals.find((d) => d.contact_name === "");
  assert.equal(lead?.title, "nobody.named@example.org");

  const s = await Session.start(driver, APP, ["--workspace", ws]);
  try {
    await s.waitFor("screen-today");
    await s.waitFor(`today-deal-${other.id}`);
    await choose(s, "today-tag", "Trade fair");
    await s.waitGone(`today-deal-${other.id}`);
    await s.waitFor(`today-deal-${tagged.id}`);
    fs.writeFileSync(path.join(OUT, "today-tag.png"), await s.screenshot());
    await choose(s, "today-tag", "");
    await s.waitFor(`today-deal-${other.id}`);
    assert.match(await s.waitForText(`today-deal-${lead.id}`, (t) => t.includes("Name missing")), /nobody\.named@example\.org/);

    // The nameless contact: found by its address, shown as "Name missing", completed in its profile.
    await s.click("nav-clients");
    await s.waitFor(`client-name-missing-${bare.contact_id}`);
    await s.type("clients-search", "nobody.named");
    await s.click(`hit-contact-${bare.contact_id}`);
    await s.waitFor("person-name-missing");
    await s.click("person-add-name");
    await s.type("contact-edit-contact-first-name", "Nadia");
    await s.click("contact-edit-save");
    // The form closes once the core has saved (the marker hides while the form is open, so it proves nothing).
    await s.waitGone("contact-edit");
    await s.waitGone("person-name-missing");
    const row = () => JSON.parse(execFileSync(CLI, ["clients", ws, "--json"], { encoding: "utf8" })).rows.find((r) => r.contact_id === bare.contact_id);
    const after = await until(() => (row()?.name === "Nadia" ? row() : null), "the saved name reaches the file");
    assert.equal(after.name, "Nadia");
    assert.equal(after.email, "nobody.named@example.org");
  } finally {
    await s.close();
  }
});
