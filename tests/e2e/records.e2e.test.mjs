// End to end, issue #21 part A in the real window: an Outlook export
// imported by the CLI shows each contact's phones with their kinds and
// addresses in the client profile; a fax is shown as a fax and never as the
// number to call; editing a contact's second phone and an address is kept
// after the profile is closed and opened again.
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
const FIXTURE = path.join(ROOT, "crates", "core", "tests", "fixtures", "interop", "csv", "outlook_addresses_dates.csv");

let tmp, workspace, dataDir, driver;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-records-"));
  workspace = path.join(tmp, "records.conveyor");
  dataDir = path.join(tmp, "data");
  execFileSync(CLI, ["new", workspace, "--name", "Records Ltd"]);
  execFileSync(CLI, ["import", "contacts", workspace, FIXTURE]);
  driver = await startDriver({ CONVEYOR_DATA_DIR: dataDir, CONVEYOR_WORKSPACE: workspace, LANG: "en_US.UTF-8" });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function openProfile(s, query) {
  await s.click("nav-clients");
  await s.waitFor("screen-clients");
  await s.type("clients-search", query);
  // The hits of the previous search stay until the new ones arrive: wait for a hit naming the query.
  let hit = null;
  for (const end = Date.now() + 20000; !hit && Date.now() < end; ) {
    hit = await s.exec(
      "const e = [...document.querySelectorAll('[data-testid^=hit-company-]')].find(e => e.textContent.toLowerCase().includes(arguments[0])); return e ? e.getAttribute('data-testid') : null",
      [query.toLowerCase()],
    );
    if (!hit) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(hit, `a company hit for “${query}”`);
  await s.click(hit);
  await s.waitFor("client-profile");
}

/** The id of the contact in the open profile whose name starts with `who`. */
async function contactId(s, who) {
  // The profile fills its contacts after it opens, and may draw them again: poll for the state.
  let id = null;
  for (const end = Date.now() + 20000; !id && Date.now() < end; ) {
    try {
      id = await s.exec(
        "const e = [...document.querySelectorAll('[data-testid^=profile-contact-]')].find(e => /^profile-contact-\\d+$/.test(e.getAttribute('data-testid')) && e.querySelector('.cname')?.textContent.trim().startsWith(arguments[0])); return e ? e.getAttribute('data-testid').replace('profile-contact-', '') : null",
        [who],
      );
    } catch {}
    if (!id) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(id, `the profile lists ${who}`);
  return id;
}

test("phones with their kinds and addresses in the profile: a fax is never the number to call, edits are kept", async () => {
  const s = await Session.start(driver, APP);
  try {
    await s.waitFor("screen-today");
    await s.click("lang-en");

    await openProfile(s, "thornton");
    const m = await contactId(s, "Margaret");
    const ch = `contact-channels-${m}`;
    // The business phone is the one to call; the fax and the pager are shown as such.
    await s.waitForText(`${ch}-phone-line-0`, (t) => t.includes("Work") && t.includes("+44 161 555 0101") && t.includes("the number to call"));
    const fax = await s.text(`${ch}-phone-line-1`);
    assert.match(fax, /^Fax: \+44 161 555 0100$/);
    assert.match(await s.text(`${ch}-phone-line-2`), /^Pager: /);
    assert.doesNotMatch(await s.text(`profile-contact-line-${m}`), /0100|900111/, "the contact's line offers the business phone only");
    await s.waitForText(`contact-addresses-${m}`, (t) => t.includes("Marlborough Mills, Gate 2, MI1 2AB Milton, Darkshire, United Kingdom") && t.includes("14 Crampton Road"));

    // Edit the second phone (the fax) and the first address.
    await s.click(`${ch}-edit`);
    await s.waitFor(`${ch}-form`);
    await s.type(`${ch}-phone-1`, "+44 161 555 0199");
    await s.click(`${ch}-save`);
    await s.waitGone(`${ch}-form`);
    await s.click(`contact-addresses-${m}-edit`);
    await s.waitFor(`contact-addresses-${m}-form`);
    await s.type(`contact-addresses-${m}-city-0`, "Milton Keynes");
    await s.click(`contact-addresses-${m}-save`);
    await s.waitGone(`contact-addresses-${m}-form`);
    // A company address, added in the profile.
    await s.click("company-addresses-edit");
    await s.waitFor("company-addresses-form");
    await s.type("company-addresses-street-0", "Marlborough Mills");
    await s.type("company-addresses-city-0", "Milton");
    await s.click("company-addresses-save");
    await s.waitGone("company-addresses-form");
    fs.writeFileSync(path.join(OUT, "records-profile.png"), await s.screenshot());
    await s.click("client-profile-close");
    await s.waitGone("client-profile");

    // Opened again: the edits are there, the fax is still no number to call.
    await openProfile(s, "thornton");
    await s.waitForText(`${ch}-phone-line-1`, (t) => t === "Fax: +44 161 555 0199");
    await s.waitForText(`${ch}-phone-line-0`, (t) => t.includes("the number to call") && t.includes("0101"));
    await s.waitForText(`contact-addresses-${m}`, (t) => t.includes("MI1 2AB Milton Keynes"));
    await s.waitForText("company-addresses", (t) => t.includes("Office:") && t.includes("Marlborough Mills, Milton"));
    await s.click("client-profile-close");
    await s.waitGone("client-profile");

    // A contact with only a fax: no number to call at all.
    await openProfile(s, "princeton");
    const n = await contactId(s, "Nicholas");
    await s.waitForText(`contact-channels-${n}-phone-line-0`, (t) => t === "Fax: +44 161 555 0300");
    assert.doesNotMatch(await s.text(`profile-contact-line-${n}`), /0300/);
    // The address is found by search.
    await s.click("client-profile-close");
    await s.waitGone("client-profile");
    await s.click("nav-clients");
    await s.type("clients-search", "frances street");
    await s.waitForText("clients-hits", (t) => t.includes("Nicholas"));
  } finally {
    await s.close();
  }
});
