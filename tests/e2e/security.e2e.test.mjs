// A locked-down shell, shown in the real window: user text that looks like
// HTML or script (a workspace name, a client name, a contact's name and
// note, a script block's title and Markdown text, an objection's answer) is
// stored through the CLI before the app starts, and the window shows it
// literally while none of it runs. Run by `./dev test` under Xvfb.
//
// To cover a new place user text appears (e.g. a script block once the
// playbook lands): add its payload to PAYLOADS if it needs a new marker, put
// it into the workspace in `before`, and add a step to `SURFACES` that shows
// it and returns the text the window rendered.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDriver, stopDriver, Session } from "./webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
const APP = path.join(TARGET, "debug", "conveyor-app");
const CLI = path.join(TARGET, "debug", "conveyor");
const OUT = path.join(ROOT, "tests", "e2e", "out");

// Each payload, if it ever ran, would record its marker in window.__xss and
// change the document title. Plain strings: what the user typed.
const mark = (m) => `(window.__xss=(window.__xss||[]).concat('${m}'),document.title='XSS ${m}')`;
export const PAYLOADS = {
  workspaceName: `<img src=x onerror="${mark("workspace")}">Shop`,
  company: `<img src=x onerror="${mark("company")}"> Acme`,
  firstName: `<svg onload="${mark("name")}">Eve`,
  lastName: `<b>bold</b>`,
  note: `<script>${mark("note")}</script><iframe src="javascript:${mark("iframe")}"></iframe>`,
  // Script blocks and objection answers are Markdown: the payloads also try
  // the link and image syntax the renderer must not turn into elements.
  blockTitle: `<img src=x onerror="${mark("block-title")}">Gatekeeper`,
  blockText: `<script>${mark("block-text")}</script>Say [hello](javascript:${mark("md-link")}) and ![x](javascript:${mark("md-image")})\n\n- <a href="javascript:${mark("a-href")}">list</a>`,
  objection: `<svg onload="${mark("objection")}">Zzxss objection`,
  answer: `<img src=x onerror="${mark("answer")}">Answer with [a link](javascript:${mark("answer-link")})`,
};
/** A word only the poisoned objection has, to find it in the runner's search. */
const OBJECTION_KEYWORD = "zzxss";

let tmp, workspace, driver, firstBlock;

/** One CSV row, quoted as RFC 4180 wants. */
const csvField = (s) => `"${String(s).replaceAll('"', '""')}"`;

before(async () => {
  for (const f of [APP, CLI]) assert.ok(fs.existsSync(f), `${f} is built (./dev test builds it)`);
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-xss-"));
  workspace = path.join(tmp, "xss.conveyor");
  execFileSync(CLI, ["new", workspace, "--name", PAYLOADS.workspaceName]);
  const csv = path.join(tmp, "people.csv");
  fs.writeFileSync(
    csv,
    ["First Name,Last Name,Company,Notes", [PAYLOADS.firstName, PAYLOADS.lastName, PAYLOADS.company, PAYLOADS.note].map(csvField).join(",")].join("\n") + "\n",
  );
  execFileSync(CLI, ["import", "contacts", workspace, csv]);
  // The stage-1 script's first block and first objection, through the template file.
  const system = path.join(tmp, "system.json");
  execFileSync(CLI, ["template", "export", workspace, system]);
  const tpl = JSON.parse(fs.readFileSync(system, "utf8"));
  const script = tpl.scripts.find((x) => x.stage === "lead_generation");
  Object.assign(script.blocks[0], { title: PAYLOADS.blockTitle, text: PAYLOADS.blockText });
  Object.assign(script.objections[0], { objection: PAYLOADS.objection, keywords: [...script.objections[0].keywords, OBJECTION_KEYWORD], answers: [PAYLOADS.answer] });
  firstBlock = script.blocks[0].key;
  fs.writeFileSync(system, JSON.stringify(tpl, null, 2));
  execFileSync(CLI, ["template", "import", workspace, system]);
  driver = await startDriver({ CONVEYOR_DATA_DIR: path.join(tmp, "data"), CONVEYOR_WORKSPACE: workspace, LANG: "en_US.UTF-8" });
});

after(() => {
  stopDriver(driver);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Closes the window and waits until the app has let go of `file`. */
async function closeAndRelease(s, file) {
  await s.close();
  for (let i = 0; i < 200 && fs.existsSync(`${file}.lock`); i++) await new Promise((r) => setTimeout(r, 50));
}

/** Nothing ran: no marker, the title untouched, no element the payloads would
 * create, and no `javascript:` address anywhere in the DOM (a Markdown link
 * made into a real one would have one). */
async function assertNothingRan(s, where) {
  const state = await s.exec(
    `return {
      xss: window.__xss || null,
      title: document.title,
      imgs: document.querySelectorAll('img[src=x], img[onerror], svg[onload], iframe').length + [...document.querySelectorAll('b')].filter((b) => b.textContent === 'bold').length
        + [...document.querySelectorAll('script')].filter((e) => e.textContent.includes('__xss')).length,
      js: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes]).filter((a) => /^\\s*javascript:/i.test(a.value)).map((a) => a.name + '=' + a.value),
    }`,
  );
  assert.equal(state.xss, null, `${where}: a payload ran: ${JSON.stringify(state.xss)}`);
  assert.doesNotMatch(state.title, /XSS/, `${where}: the title was changed`);
  assert.equal(state.imgs, 0, `${where}: user text became elements`);
  assert.deepEqual(state.js, [], `${where}: a javascript: address is in the DOM`);
}

// Where user text is shown; each returns the text the window rendered there.
const SURFACES = [
  ["the header's workspace name", async (s) => {
    await s.waitFor("screen-today");
    return s.waitForText("workspace-name", (t) => t !== "");
  }],
  ["the clients list and search", async (s) => {
    await s.click("nav-clients");
    await s.waitFor("screen-clients");
    await s.type("clients-search", "acme");
    const hit = await s.firstWithPrefix("hit-company-");
    return s.text("clients-hits") + " " + (await s.text(hit));
  }],
  ["the client profile (name, contact, note)", async (s) => {
    await s.click(await s.firstWithPrefix("hit-company-"));
    await s.waitFor("client-profile");
    const shown = await s.waitForText("client-profile", (t) => t.includes("Acme"));
    await s.click("client-profile-close");
    await s.waitGone("client-profile");
    return shown;
  }],
  ["the playbook's script block and objection", async (s) => {
    await s.click("nav-playbook");
    await s.waitFor("screen-playbook");
    await s.click("playbook-tab-lead_generation");
    await s.waitFor(`block-${firstBlock}`);
    // Open the objection (a <details>) so its answer is laid out too.
    await s.exec("document.querySelectorAll('[data-testid^=objection-]').forEach((d) => { if (d.tagName === 'DETAILS') d.open = true; }); return 1");
    return (await s.text(`block-${firstBlock}`)) + " " + (await s.text("objection-0"));
  }],
  ["the script runner's block and objection search", async (s) => {
    await s.click("script-run");
    await s.waitFor("script-runner");
    await s.waitFor("runner-block");
    const block = (await s.text("runner-block-title")) + " " + (await s.text("runner-block-text"));
    await s.type("runner-objection-search", OBJECTION_KEYWORD);
    const hits = await s.waitForText("runner-objection-hits", (t) => t.includes("Zzxss"));
    return block + " " + hits;
  }],
];

/** The text a payload leaves once the Markdown subset has rendered it (line
 * breaks and list markers become elements, the rest stays as typed). */
const asMarkdown = (md) => md.split("\n").map((l) => l.replace(/^- /, "")).filter(Boolean);

test("user text that looks like HTML or script is shown literally and never runs", async () => {
  const s = await Session.start(driver, APP);
  try {
    const expect = {
      "the header's workspace name": [PAYLOADS.workspaceName],
      "the clients list and search": [PAYLOADS.company],
      "the client profile (name, contact, note)": [PAYLOADS.company, PAYLOADS.firstName, PAYLOADS.lastName, PAYLOADS.note],
      "the playbook's script block and objection": [PAYLOADS.blockTitle, ...asMarkdown(PAYLOADS.blockText), PAYLOADS.objection, PAYLOADS.answer],
      "the script runner's block and objection search": [PAYLOADS.blockTitle, ...asMarkdown(PAYLOADS.blockText), PAYLOADS.objection, PAYLOADS.answer],
    };
    for (const [where, show] of SURFACES) {
      const shown = await show(s);
      for (const want of expect[where] ?? []) {
        assert.ok(shown.includes(want.replace(/\s+/g, " ")), `${where}: ${JSON.stringify(want)} shown literally; got ${JSON.stringify(shown)}`);
      }
      await assertNothingRan(s, where);
    }
    fs.writeFileSync(path.join(OUT, "xss-runner.png"), await s.screenshot());
  } finally {
    await closeAndRelease(s, workspace);
  }
});

test("the window cannot reach the network or run inline script, whatever the page asks", async () => {
  // A local server stands in for "the network": it must see no request.
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url);
    res.end("ok");
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  const s = await Session.start(driver, APP);
  try {
    await s.waitFor("screen-today");
    const r = await s.execAsync(
      `
      const url = arguments[0];
      const done = arguments[arguments.length - 1];
      const out = {};
      // Inline script added at run time: blocked by the CSP (no 'unsafe-inline').
      const el = document.createElement("script");
      el.textContent = "window.__inline = 1";
      document.body.appendChild(el);
      out.inline = window.__inline ?? null;
      // An image from elsewhere: blocked (img-src is 'self' and data:).
      const img = new Image();
      img.src = url + "/img";
      // The network: blocked (connect-src is IPC only).
      fetch(url + "/fetch").then(() => { out.fetch = "reached"; }, () => { out.fetch = "blocked"; })
        .finally(() => setTimeout(() => done(out), 500));
    `,
      [url],
    );
    assert.equal(r.inline, null, "inline script ran");
    assert.equal(r.fetch, "blocked", "fetch reached the network");
    assert.deepEqual(hits, [], "the window reached a server");
  } finally {
    await closeAndRelease(s, workspace);
    server.close();
  }
});

test("an encrypted workspace asks for its passphrase, says when it is wrong, and the passphrase can be changed and removed", async () => {
  const ws = path.join(tmp, "secret.conveyor");
  const env = { ...process.env, CONVEYOR_PASSPHRASE: "first passphrase" };
  execFileSync(CLI, ["new", ws, "--name", "Secret Ltd", "--encrypt"], { env });
  assert.notEqual(fs.readFileSync(ws).subarray(0, 15).toString("latin1"), "SQLite format 3", "the file is encrypted");
  const s = await Session.start(driver, APP, ["--workspace", ws]);
  try {
    await s.waitFor("passphrase-prompt");
    assert.match(await s.text("passphrase-file"), /secret\.conveyor/);
    await s.type("passphrase-input", "wrong passphrase");
    await s.click("passphrase-submit");
    await s.waitFor("passphrase-error");
    await s.type("passphrase-input", "first passphrase");
    await s.click("passphrase-submit");
    await s.waitFor("screen-today");
    await s.waitGone("passphrase-prompt");
    assert.equal(await s.waitForText("workspace-name", (t) => t !== ""), "Secret Ltd");

    // Change it in the settings dialog…
    await s.click("workspace-menu");
    await s.click("security-open");
    await s.waitFor("security-dialog");
    await s.type("security-current", "first passphrase");
    await s.type("security-new", "second passphrase");
    await s.type("security-confirm", "second passphrase");
    await s.click("security-change");
    await s.waitGone("security-dialog");
    // …then remove it: the file is plain SQLite again.
    await s.click("workspace-menu");
    await s.click("security-open");
    await s.type("security-current", "second passphrase");
    await s.click("security-remove");
    await s.waitGone("security-dialog");
  } finally {
    // The window closes asynchronously: wait for it to let go of the file.
    await closeAndRelease(s, ws);
  }
  assert.equal(fs.readFileSync(ws).subarray(0, 15).toString("latin1"), "SQLite format 3", "the passphrase was removed");
  const info = JSON.parse(execFileSync(CLI, ["info", ws, "--json"], { encoding: "utf8" }));
  assert.equal(info.summary.name, "Secret Ltd");
  assert.equal(info.summary.encrypted, false);
});
