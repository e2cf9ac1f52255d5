// The window bench (`./dev measure --window`, scripts/measure-window.sh):
// drives the real release app through tauri-driver on a large workspace and
// measures what a person feels — launch to an interactive Today, every
// screen and a few actions — from the click to the next painted frame.
//
// How one item is timed, inside the page (no WebDriver round trip in it):
//   t0 = performance.now(); the element's click() (or the last key typed);
//   then, on every DOM change, the item's "ready" test: its DOM markers are
//   there, the markers of what must go are gone, no [aria-busy=true], and no
//   IPC command of the app is still running (window.__TAURI_INTERNALS__.invoke
//   is wrapped to count them). When it holds, it must still hold at the next
//   requestAnimationFrame (so a screen that fetches again after its first
//   render is not caught half-way); a MessageChannel message posted from
//   that frame callback arrives after the frame was painted: t1.
// The commands each item called are recorded too (what a change re-fetched).
//
// Arguments: the release app, the release CLI. Environment:
//   MEASURE_CONTACTS (100000), MEASURE_ACTIVITIES (10 × contacts),
//   MEASURE_RUNS (10 per item; one unmeasured warm-up before),
//   MEASURE_LAUNCHES (10), MEASURE_ONLY (item names separated by ";"),
//   MEASURE_OUT (target/measure-window.json).
// The workspace is made once by the demo generator into
// target/measure-window/base-LANG-N.conveyor and copied for each run (the
// actions change it). Nothing here asserts speed: it prints and writes JSON.
import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDriver, stopDriver, Session } from "../tests/e2e/webdriver.mjs";
import { appPid as appPidOf, comm, pss, tree } from "./procs.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [APP, CLI] = process.argv.slice(2);
const CONTACTS = Number(process.env.MEASURE_CONTACTS ?? 100000);
const ACTIVITIES = Number(process.env.MEASURE_ACTIVITIES ?? CONTACTS * 10);
const RUNS = Number(process.env.MEASURE_RUNS ?? 10);
const LAUNCHES = Number(process.env.MEASURE_LAUNCHES ?? 10);
const ONLY = process.env.MEASURE_ONLY ? new Set(process.env.MEASURE_ONLY.split(";")) : null;
const OUT = process.env.MEASURE_OUT ?? path.join(ROOT, "target", "measure-window.json");
const want = (name) => !ONLY || ONLY.has(name);

// ---- the workspace ---------------------------------------------------------
const cache = path.join(ROOT, "target", "measure-window");
fs.mkdirSync(cache, { recursive: true });
const base = path.join(cache, `base-en-${CONTACTS}.conveyor`);
if (!fs.existsSync(base)) {
  console.log(`==> Making the workspace once: ${CONTACTS} contacts, ${ACTIVITIES} activities (${base})`);
  const tmpBase = `${base}.making`;
  fs.rmSync(tmpBase, { force: true });
  execFileSync(CLI, ["demo", tmpBase, "--lang", "en", "--contacts", String(CONTACTS), "--activities", String(ACTIVITIES)], { stdio: "inherit" });
  fs.renameSync(tmpBase, base);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-window-"));
const workspace = path.join(tmp, "bench.conveyor");
fs.copyFileSync(base, workspace);

// ---- helpers ---------------------------------------------------------------
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((s.length - 1) * q))];
};
const median = (xs) => quantile(xs, 0.5);

const appPid = (driverPid) => appPidOf(driverPid, APP);

// Installed once per window: the IPC counter and the timed runner.
const INSTALL = `
if (window.__bench) return true;
// Tauri's invoke cannot be replaced (a read-only property), but its IPC goes
// through fetch to ipc://localhost/COMMAND, looked up at each call.
const b = (window.__bench = { inflight: 0, calls: [], spans: [] });
const origFetch = window.fetch.bind(window);
window.fetch = (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  let cmd = null;
  for (const pre of ["ipc://localhost/", "http://ipc.localhost/"]) {
    if (url && url.startsWith(pre)) cmd = decodeURIComponent(url.slice(pre.length).split("?")[0]);
  }
  if (!cmd || cmd.startsWith("plugin:")) return origFetch(input, init);
  b.inflight++;
  b.calls.push(cmd);
  const span = { start: performance.now(), end: null };
  b.spans.push(span);
  const p = origFetch(input, init);
  const end = () => { b.inflight--; span.end = performance.now(); };
  p.then(end, end);
  return p;
};
const q = (s) => document.querySelector(s);
window.__benchRun = (spec) => new Promise((resolve) => {
  const ready = () =>
    b.inflight === 0 &&
    (spec.ready || []).every((s) => q(s)) &&
    !(spec.gone || []).some((s) => q(s)) &&
    !q('[aria-busy="true"]') &&
    (!spec.any || spec.any.some((s) => q(s))) &&
    (!spec.lastRow || lastRow());
  // The clients list drawn down to its last row, with its data.
  const lastRow = () => {
    const n = Number((q('[data-testid="clients-total"]')?.textContent || "").replace(/[^0-9]/g, ""));
    return n > 0 && !!q('[data-testid^="client-row-"][aria-rowindex="' + n + '"]');
  };
  let finished = false, t0 = 0;
  const finish = (out) => {
    if (finished) return;
    finished = true;
    obs.disconnect();
    clearInterval(iv);
    clearTimeout(to);
    resolve(out);
  };
  const check = () => {
    if (finished || !t0 || !ready()) return;
    requestAnimationFrame(() => {
      if (finished || !ready()) return;
      const ch = new MessageChannel();
      const t = performance.now();
      // When the last IPC answer arrived: what is after it is the window's own work.
      const mine = b.spans.filter((x) => x.end !== null && x.start >= t0);
      const ends = mine.map((x) => x.end - t0);
      const starts = mine.map((x) => x.start - t0);
      ch.port1.onmessage = () =>
        finish({
          ms: performance.now() - t0,
          frame_ms: t - t0,
          ipc_asked_ms: starts.length ? Math.min(...starts) : 0,
          ipc_done_ms: ends.length ? Math.max(...ends) : 0,
          calls: b.calls.slice(),
        });
      ch.port2.postMessage(0);
    });
  };
  const obs = new MutationObserver(check);
  obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  // IPC that ends without changing the DOM still has to be noticed.
  const iv = setInterval(check, 4);
  const to = setTimeout(() => finish({ error: "timeout: " + JSON.stringify(spec), calls: b.calls.slice() }), spec.timeout || 30000);
  b.calls = [];
  b.spans = [];
  const act = () => {
    if (spec.click) {
      const el = q(spec.click);
      if (!el) return finish({ error: "nothing to click: " + spec.click });
      t0 = performance.now();
      el.click();
    } else if (spec.scrollEnd) {
      const el = q(spec.scrollEnd);
      t0 = performance.now();
      el.scrollTop = el.scrollHeight;
    } else if (spec.type) {
      const el = q(spec.type.into);
      t0 = performance.now();
      el.value = spec.type.text;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }
    check();
  };
  act();
});
return true;`;

/** Runs one timed item in the page. */
async function run(s, spec) {
  const r = await s.execAsync("const done = arguments[arguments.length - 1]; window.__benchRun(arguments[0]).then(done, (e) => done({ error: String(e) }));", [spec]);
  if (r?.error) throw new Error(r.error);
  return r;
}

/** Waits (untimed) until `test` (a JS body returning a boolean) holds and the IPC is quiet. */
async function until(s, test, what, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const ok = await s.exec(`return (window.__bench ? window.__bench.inflight === 0 : true) && !document.querySelector('[aria-busy="true"]') && (function(){ ${test} })()`);
    if (ok) return;
    await sleep(20);
  }
  const state = await s.exec(`return JSON.stringify({ inflight: window.__bench?.inflight, calls: window.__bench?.calls.slice(-10), busy: [...document.querySelectorAll('[aria-busy="true"]')].map((e) => e.getAttribute('data-testid') || e.tagName) })`);
  throw new Error(`waited ${timeoutMs} ms for ${what}: ${state}`);
}
const has = (sel) => `return !!document.querySelector(${JSON.stringify(sel)})`;
const click = (s, sel) => s.exec(`document.querySelector(${JSON.stringify(sel)}).click()`);

const results = [];
function record(name, target, times, calls, note, ipc = []) {
  results.push({
    name,
    target_ms: target,
    runs: times.length,
    median_ms: median(times),
    p95_ms: quantile(times, 0.95),
    max_ms: Math.max(...times),
    times_ms: times.map((x) => Math.round(x * 10) / 10),
    // From the click to the last IPC answer: the core's and the bridge's part;
    // the rest of the time is the window drawing.
    ipc_done_median_ms: ipc.length ? median(ipc.map((x) => x.done)) : null,
    ipc_done_ms: ipc.map((x) => Math.round(x.done * 10) / 10),
    // From the click to the first IPC question: the window's work before asking.
    ipc_asked_ms: ipc.map((x) => Math.round(x.asked * 10) / 10),
    calls,
    note: note ?? null,
  });
  const r = results.at(-1);
  const ipcNote = r.ipc_done_median_ms === null ? "" : `  (IPC answered at ${r.ipc_done_median_ms.toFixed(1)})`;
  console.log(`  ${name.padEnd(34)} median ${r.median_ms.toFixed(1).padStart(7)}  p95 ${r.p95_ms.toFixed(1).padStart(7)} ms${ipcNote}  [${calls.join(", ")}]`);
}

/** Measures `spec` RUNS times after one warm-up; `before` puts the window back (untimed). */
async function item(s, name, target, before, spec, note) {
  if (!want(name)) return;
  const times = [];
  const ipc = [];
  let calls = [];
  for (let i = 0; i <= RUNS; i++) {
    await before(i);
    const sp = typeof spec === "function" ? await spec(i) : spec;
    const r = await run(s, sp);
    if (i > 0) {
      times.push(r.ms);
      ipc.push({ asked: r.ipc_asked_ms, done: r.ipc_done_ms });
    }
    calls = r.calls;
  }
  record(name, target, times, calls, note, ipc);
}

// ---- the screens and actions -------------------------------------------------
const SCREEN = {
  today: { nav: "nav-today", ready: ['[data-testid="screen-today"]', '[data-testid="today-stage-1"]'] },
  conveyor: { nav: "nav-conveyor", ready: ['[data-testid="screen-conveyor"]', '[data-testid^="deal-"]'] },
  clients: { nav: "nav-clients", ready: ['[data-testid="screen-clients"]', '[data-testid^="client-row-"]'] },
  // The plan screen opens on the tab used last.
  plan: { nav: "nav-plan", ready: ['[data-testid="screen-plan"]', '#plan-panel [data-testid]'] },
  reports: { nav: "nav-reports", ready: ['[data-testid="screen-reports"]', '[data-testid="call-register"]'] },
  playbook: { nav: "nav-playbook", ready: ['[data-testid="screen-playbook"]', '[data-testid^="playbook-panel-"]'] },
};
const screenSpec = (id) => ({ click: `[data-testid="${SCREEN[id].nav}"]`, ready: SCREEN[id].ready });
async function go(s, id) {
  await until(s, has(`[data-testid="${SCREEN[id].nav}"]`), "the sidebar");
  // An overlay (profile, form) left open would cover the screen.
  await s.exec(`for (const x of ['client-profile-close','person-profile-close','deal-panel-close','log-cancel','card-cancel']) document.querySelector('[data-testid="' + x + '"]')?.click()`);
  await click(s, `[data-testid="${SCREEN[id].nav}"]`);
  await until(s, `return ${SCREEN[id].ready.map((r) => `!!document.querySelector(${JSON.stringify(r)})`).join(" && ")}`, `screen ${id}`);
}
/** Another screen first, so that the timed click really opens the screen. */
const from = (s, other) => async () => go(s, other);

async function screens(s) {
  console.log("==> Screens (click in the sidebar → painted with its data)");
  await item(s, "Today", 100, from(s, "playbook"), screenSpec("today"));
  await item(s, "board", 100, from(s, "today"), screenSpec("conveyor"));
  await item(s, "clients list", 100, from(s, "today"), screenSpec("clients"));
  const clientsTop = async () => {
    await go(s, "clients");
    await s.exec(`const v = document.querySelector('[data-testid="clients-list"]'); v.scrollTop = 0;`);
    await until(s, `return !!document.querySelector('[data-testid^="client-row-"][aria-rowindex="1"]')`, "the top of the list");
  };
  await item(
    s,
    "clients list, scrolled to the end",
    100,
    clientsTop,
    {
      scrollEnd: '[data-testid="clients-list"]',
      lastRow: true,
    },
  );
  await item(
    s,
    "profile (from the clients list)",
    100,
    clientsTop,
    async (i) => ({
      // A different client each run: the first rows of the list.
      click: `[data-testid="clients-list"] [aria-rowindex="${(i % 8) + 1}"]`,
      ready: ['[data-testid="client-profile"] [data-testid="profile-card"]', '[data-testid="profile-timeline"]'],
    }),
  );
  const planTab = async () => {
    await go(s, "plan");
    await click(s, '[data-testid="plan-tab-target"]');
    await until(s, has('[data-testid="plan-sales"]'), "plan target tab");
  };
  await item(
    s,
    "plan",
    100,
    async () => {
      await planTab();
      await go(s, "today");
    },
    { ...screenSpec("plan"), ready: ['[data-testid="screen-plan"]', '[data-testid="plan-sales"]'] },
  );
  await item(
    s,
    "analytics (plan tab)",
    100,
    planTab,
    { click: '[data-testid="plan-tab-analytics"]', ready: ['[data-testid="plan-analytics"]', '[data-testid="analytics-win-rate"]', '[data-testid="abc"]'] },
  );
  await item(s, "reports", 100, from(s, "today"), screenSpec("reports"));
  await item(s, "playbook", 100, from(s, "today"), screenSpec("playbook"));
}

async function actions(s) {
  console.log("==> Actions (click → the change and every view it made stale painted)");
  await item(
    s,
    "log a call (Today, save)",
    100,
    async () => {
      await go(s, "today");
      await s.exec(`document.querySelector('[data-testid="today-stage-1"] [data-testid^="today-log-"], [data-testid^="today-log-"]').click()`);
      await until(s, has('[data-testid="log-save"]'), "the log form");
      await s.exec(`const o = document.querySelector('[data-testid="log-outcome"]'); if (o && o.tagName !== 'SELECT') { o.value = 'Reached, interested'; o.dispatchEvent(new Event('input', { bubbles: true })); }
        const n = document.querySelector('[data-testid="log-next-step"]'); n.value = 'Call back'; n.dispatchEvent(new Event('input', { bubbles: true }));`);
    },
    { click: '[data-testid="log-save"]', gone: ['[data-testid="log-form"]'], ready: ['[data-testid="screen-today"]', '[data-testid="today-stage-1"]'] },
  );
  // Moving a deal to its next step from Today. A deal whose next step is in
  // another stage opens the hand-off card instead (no move): such a run is
  // not counted, the card is cancelled and the next deal tried.
  if (want("move a deal (Today, next step)")) {
    const times = [];
    const ipc = [];
    let calls = [];
    let skipped = 0;
    let warmed = false;
    for (let i = 0; times.length < RUNS && i < RUNS * 6; i++) {
      await go(s, "today");
      await s.exec(`document.querySelectorAll('[data-testid="toast"]').forEach((t) => t.remove())`);
      const id = await s.exec(`window.__tried = window.__tried || new Set();
        for (const b of document.querySelectorAll('[data-testid^="today-next-"]')) { const id = b.dataset.testid.slice(11); if (!window.__tried.has(id)) { window.__tried.add(id); return id; } } return null;`);
      if (!id) break;
      const r = await run(s, {
        click: `[data-testid="today-next-${id}"]`,
        ready: ['[data-testid="screen-today"]'],
        any: ['[data-testid="toast"]', '[data-testid="card-form"]'],
      });
      if (!r.calls.includes("deal_move")) {
        skipped++;
        await s.exec(`document.querySelector('[data-testid="card-cancel"]')?.click()`);
        continue;
      }
      if (warmed) {
        times.push(r.ms);
        ipc.push({ asked: r.ipc_asked_ms, done: r.ipc_done_ms });
      }
      warmed = true;
      calls = r.calls;
    }
    if (times.length) record("move a deal (Today, next step)", 100, times, calls, `${skipped} deals skipped (their next step needs a hand-off card)`, ipc);
    else console.log("  move a deal: no deal on Today moves without a hand-off card");
  }
  let word = "";
  let searchWord = "";
  await item(
    s,
    "search as you type (last key → hits)",
    50,
    async () => {
      await go(s, "clients");
      await s.exec(`const e = document.querySelector('[data-testid="clients-search"]'); e.value = ''; e.dispatchEvent(new Event('input', { bubbles: true }));`);
      await until(s, `return !document.querySelector('[data-testid^="hit-"]')`, "no hits");
      // The first letters of a client's name, typed like a person (untimed).
      word = await s.exec(`return (document.querySelector('[data-testid^="client-row-"] .nm')?.textContent || 'ann').trim().split(/\\s+/)[0].toLowerCase()`);
      if (!searchWord) console.log(`  (typing the first letters of "${word}")`);
      searchWord = word;
      for (const p of [1, 2, 3].map((n) => word.slice(0, n))) {
        await s.exec(`const e = document.querySelector('[data-testid="clients-search"]'); e.value = ${JSON.stringify(p)}; e.dispatchEvent(new Event('input', { bubbles: true }));`);
        await sleep(120);
      }
    },
    (i) => ({
      type: { into: '[data-testid="clients-search"]', text: word.slice(0, Math.min(word.length, 4 + (i % 2))) },
      ready: ['[data-testid="clients-hits"] [data-testid^="hit-"]'],
    }),
  );
}

const readyToday = `const e = document.querySelector('[data-testid=screen-today]'); return !!e && e.getAttribute('aria-busy') !== 'true' && !document.querySelector('[data-testid=app-loading]') && !!document.querySelector('[data-testid=today-stage-1]') ? performance.now() : null`;

/** Waits until no process runs APP any more (a closing app keeps the
 * workspace locked until it is gone; the next launch would find it locked). */
async function appGone() {
  const real = fs.realpathSync(APP);
  for (let i = 0; i < 600; i++) {
    let running = false;
    for (const d of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        if (fs.realpathSync(`/proc/${d}/exe`) === real) running = true;
      } catch {}
    }
    if (!running) return;
    await sleep(100);
  }
  throw new Error("the app did not exit within 60 s");
}

/** Polls until Today is interactive; returns the page's clock then. */
async function waitToday(s) {
  const end = Date.now() + 120000;
  while (Date.now() < end) {
    const at = await s.exec(readyToday);
    if (at) return at;
    if (await s.exec(`return !!document.querySelector('[data-testid="screen-welcome"]')`)) {
      throw new Error(`the app showed the welcome screen instead of Today: ${await s.exec("return document.body.innerText.slice(0, 400)")}`);
    }
    await sleep(5);
  }
  throw new Error("Today did not become interactive within 120 s");
}

// ---- launch, memory, then the items --------------------------------------------------
const driver = await startDriver({ CONVEYOR_DATA_DIR: path.join(tmp, "data"), CONVEYOR_WORKSPACE: workspace, LANG: "en_US.UTF-8" });
const launch = { outside_ms: [], in_page_ms: [], first_paint_ms: [] };
let memory = null;
const load = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
const loadBefore = load();
try {
  if (want("launch")) {
    console.log(`==> Launch → interactive Today, 1 + ${LAUNCHES} starts`);
    for (let i = 0; i <= LAUNCHES; i++) {
      const t0 = performance.now();
      const s = await Session.start(driver, APP);
      try {
        const inPage = await waitToday(s);
        const ms = performance.now() - t0;
        const fp = await s.exec(`const p = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint'); return p ? p.startTime : null`);
        if (i > 0) {
          launch.outside_ms.push(ms);
          launch.in_page_ms.push(inPage);
          if (fp != null) launch.first_paint_ms.push(fp);
        }
      } finally {
        await s.close();
      }
      await appGone();
      await sleep(300);
    }
    console.log(`  launch (session start → Today)   median ${median(launch.outside_ms).toFixed(0)}  p95 ${quantile(launch.outside_ms, 0.95).toFixed(0)} ms`);
    console.log(`  launch (page start → Today)      median ${median(launch.in_page_ms).toFixed(0)}  p95 ${quantile(launch.in_page_ms, 0.95).toFixed(0)} ms`);
  }
  const s = await Session.start(driver, APP);
  try {
    await waitToday(s);
    if (want("memory")) {
      await sleep(5000);
      const pid = appPid(driver.proc.pid);
      if (pid) {
        const procs = tree(pid).map((p) => ({ pid: p, name: comm(p), pss_kib: pss(p) })).filter((p) => p.pss_kib > 0);
        memory = { total_mib: procs.reduce((a, p) => a + p.pss_kib, 0) / 1024, processes: procs };
        console.log(`==> Idle memory (PSS of the app's process tree, 5 s after Today): ${memory.total_mib.toFixed(1)} MiB`);
        for (const p of procs) console.log(`    ${String(p.pid).padStart(7)} ${p.name.padEnd(20)} ${(p.pss_kib / 1024).toFixed(1)} MiB`);
      }
    }
    await s.cmd("POST", "/timeouts", { script: 120000 });
    await s.exec(INSTALL);
    await screens(s);
    await actions(s);
    if (want("memory")) {
      const pid = appPid(driver.proc.pid);
      if (pid && memory) {
        memory.after_bench_mib = tree(pid).reduce((a, p) => a + pss(p), 0) / 1024;
        console.log(`==> Memory after the bench: ${memory.after_bench_mib.toFixed(1)} MiB`);
      }
    }
  } finally {
    await s.close();
  }
} finally {
  stopDriver(driver);
  fs.rmSync(tmp, { recursive: true, force: true });
}

// ---- the table ----------------------------------------------------------------
const loadAfter = load();
const ok = (v, t) => (v <= t ? "ok" : "MISSED");
console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}; load before ${loadBefore.join(" ")}, after ${loadAfter.join(" ")}`);
console.log(`workspace: ${CONTACTS} contacts, ${ACTIVITIES} activities; ${RUNS} runs per item (+1 warm-up)\n`);
console.log("| item | median ms | p95 ms | last IPC answered, median ms | target ms | |");
console.log("|---|---:|---:|---:|---:|---|");
if (launch.outside_ms.length) {
  console.log(`| launch → interactive Today (from asking the driver) | ${median(launch.outside_ms).toFixed(0)} | ${quantile(launch.outside_ms, 0.95).toFixed(0)} | | 450 | ${ok(median(launch.outside_ms), 450)} |`);
  console.log(`| launch → interactive Today (from the page's start) | ${median(launch.in_page_ms).toFixed(0)} | ${quantile(launch.in_page_ms, 0.95).toFixed(0)} | | | |`);
  if (launch.first_paint_ms.length) console.log(`| first contentful paint (from the page's start) | ${median(launch.first_paint_ms).toFixed(0)} | ${quantile(launch.first_paint_ms, 0.95).toFixed(0)} | | | |`);
}
if (memory) console.log(`| idle PSS, app process tree (MiB) | ${memory.total_mib.toFixed(0)} | | | 300 | ${ok(memory.total_mib, 300)} |`);
for (const r of results) {
  const ipc = r.ipc_done_median_ms === null ? "" : r.ipc_done_median_ms.toFixed(1);
  console.log(`| ${r.name} | ${r.median_ms.toFixed(1)} | ${r.p95_ms.toFixed(1)} | ${ipc} | ${r.target_ms} | ${ok(r.p95_ms, r.target_ms)} |`);
}
const out = {
  when: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.release()}`,
  load_before: loadBefore,
  load_after: loadAfter,
  contacts: CONTACTS,
  activities: ACTIVITIES,
  runs: RUNS,
  launch,
  idle_memory: memory,
  items: results,
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(out, null, 2));
console.log(`\n(written to ${OUT})`);
